import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { bearerAuthenticate } from '../lib/auth/kinds';
import { NOTION_VERSION } from '../nodes/Notion/Notion.oauth';

/**
 * A Notion **internal integration**'s secret (`ntn_…`, formerly `secret_…`), from notion.so/profile/integrations
 * → the integration → Configuration; sent as `Authorization: Bearer`. It sees only the pages and databases shared
 * with the integration (••• → Connections), with the capabilities ticked in its settings.
 */
export class ApiConnNotionApi implements ICredentialType {
	name = 'apiConnNotionApi';

	displayName = 'Notion (API Connections) Internal Integration API';

	icon: Icon = {
		light: 'file:../nodes/Notion/notion.svg',
		dark: 'file:../nodes/Notion/notion.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/notion.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Internal Integration Secret',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'ntn_…',
			description:
				"The integration's secret (notion.so/profile/integrations → your integration → Configuration → Internal Integration Secret)",
		},
	];

	authenticate = bearerAuthenticate;

	// GET /v1/users/me: the integration's bot user (and its workspace); any valid token may read it.
	test: ICredentialTestRequest = {
		request: {
			baseURL: 'https://api.notion.com',
			url: '/v1/users/me',
			headers: { 'Notion-Version': NOTION_VERSION },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Notion rejected the secret (unauthorized): copy the Internal Integration Secret again, or check that the integration was not deleted',
				},
			},
		],
	};
}
