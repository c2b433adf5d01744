import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/**
 * Jira Cloud with an Atlassian API token: the account's e-mail and the token, sent as HTTP Basic
 * authentication to the site's own URL (https://your-site.atlassian.net).
 */
export class ApiConnJiraApi implements ICredentialType {
	name = 'apiConnJiraApi';

	displayName = 'Jira (API Connections) API Token API';

	icon: Icon = {
		light: 'file:../nodes/Jira/jira.svg',
		dark: 'file:../nodes/Jira/jira.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/jira.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Site URL',
			name: 'apiUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://your-site.atlassian.net',
			description: 'The address of your Jira Cloud site, without a path',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: 'The e-mail address of the Atlassian account the API token belongs to',
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Created at https://id.atlassian.com/manage-profile/security/api-tokens; it acts with the permissions of the account',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: { username: '={{$credentials.email}}', password: '={{$credentials.apiToken}}' },
		},
	};

	// GET /rest/api/3/myself: who the token belongs to; any valid token may read it.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.apiUrl.replace(/\\/+$/, "")}}',
			url: '/rest/api/3/myself',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Jira rejected the e-mail and API token: check both, and that the token has not expired or been revoked',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No Jira Cloud site at this URL: use https://your-site.atlassian.net',
				},
			},
		],
	};
}
