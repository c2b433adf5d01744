import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import { JIRA_OAUTH } from '../nodes/Jira/Jira.oauth';

/**
 * A Jira Cloud OAuth 2.0 (3LO) app connection. Requests go through Atlassian's gateway,
 * https://api.atlassian.com/ex/jira/{cloudId}, for the site (cloud id) the token was granted; refresh tokens
 * rotate (n8n keeps the new one of every refresh).
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
			displayName: 'Cloud ID',
			name: 'cloudId',
			type: 'string',
			default: '',
			placeholder: '11223344-a1b2-3b33-c444-def123456789',
			description:
				'The id of your Jira site: the "id" that https://api.atlassian.com/oauth/token/accessible-resources lists for it (the Jira node\'s Site → Get Accessible Sites shows it after you connect)',
		},
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'hidden',
			default: '=https://api.atlassian.com/ex/jira/{{$self["cloudId"]}}',
		},
		...oauth2Properties(JIRA_OAUTH),
	];

	test: ICredentialTestRequest = {
		request: { baseURL: 'https://api.atlassian.com', url: '/oauth/token/accessible-resources' },
	};
}
