import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import { JIRA_OAUTH } from '../nodes/Jira/Jira.oauth';

/**
 * A Jira Cloud OAuth 2.0 (3LO) app connection. Requests go through Atlassian's gateway,
 * https://api.atlassian.com/ex/jira/{cloudId}, for the site the token was granted: its cloud id is found after
 * connecting through accessible-resources (the only site, or the one in Site URL). Refresh tokens rotate (n8n
 * keeps the new one of every refresh).
 */
export class ApiConnJiraOAuth2Api implements ICredentialType {
	name = 'apiConnJiraOAuth2Api';

	displayName = 'Jira (API Connections) OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = {
		light: 'file:../nodes/Jira/jira.svg',
		dark: 'file:../nodes/Jira/jira.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/jira.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Site URL',
			name: 'siteUrl',
			type: 'string',
			default: '',
			placeholder: 'https://your-site.atlassian.net',
			description:
				'Only needed when you grant the app more than one site: the site to work with. With one site, it is found by itself after you connect (https://api.atlassian.com/oauth/token/accessible-resources).',
		},
		{
			displayName: 'Cloud ID',
			name: 'cloudId',
			type: 'string',
			default: '',
			placeholder: '11223344-a1b2-3b33-c444-def123456789',
			description:
				'Leave empty: the site\'s cloud ID is found after you connect. Set it only to pin a site by its ID (the "id" of accessible-resources).',
		},
		{
			// The gateway; the site's path (/ex/jira/{cloudId}) is added once the cloud ID is known.
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'hidden',
			default: 'https://api.atlassian.com',
		},
		...oauth2Properties(JIRA_OAUTH),
	];

	test: ICredentialTestRequest = {
		request: { baseURL: 'https://api.atlassian.com', url: '/oauth/token/accessible-resources' },
	};
}
