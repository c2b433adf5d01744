import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import { NOTION_OAUTH, NOTION_VERSION } from '../nodes/Notion/Notion.oauth';

/**
 * A Notion **public integration** connection (OAuth 2.0): the member picks the pages to share while connecting.
 * Client ID and secret from the integration's Configuration tab; the token endpoint takes them as HTTP Basic; the
 * access token does not expire (Disconnect revokes it).
 */
export class ApiConnNotionOAuth2Api implements ICredentialType {
	name = 'apiConnNotionOAuth2Api';

	displayName = 'Notion (API Connections) OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = {
		light: 'file:../nodes/Notion/notion.svg',
		dark: 'file:../nodes/Notion/notion.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/notion.md';

	properties: INodeProperties[] = oauth2Properties(NOTION_OAUTH);

	test: ICredentialTestRequest = {
		request: {
			baseURL: 'https://api.notion.com',
			url: '/v1/users/me',
			headers: { 'Notion-Version': NOTION_VERSION },
		},
	};
}
