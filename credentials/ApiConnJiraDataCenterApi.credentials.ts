import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/**
 * Jira Data Center (self-managed, 8.14 and later) with a personal access token, sent as
 * `Authorization: Bearer <token>` to the server's own URL (https://jira.example.com, with its context path if
 * any). Data Center speaks REST API v2: the node sends its `/rest/api/3/…` paths as `/rest/api/2/…`.
 */
export class ApiConnJiraDataCenterApi implements ICredentialType {
	name = 'apiConnJiraDataCenterApi';

	displayName = 'Jira (API Connections) Data Center Personal Access Token API';

	icon: Icon = {
		light: 'file:../nodes/Jira/jira.svg',
		dark: 'file:../nodes/Jira/jira.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/jira.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'apiUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://jira.example.com',
			description:
				'The address of your Jira Data Center server, with its context path if it has one (https://example.com/jira), without /rest',
		},
		{
			displayName: 'Personal Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Created in Jira under your profile picture → Profile → Personal Access Tokens; it acts with your permissions',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	// GET /rest/api/2/myself: who the token belongs to; any valid token may read it.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.apiUrl.replace(/\\/+$/, "")}}',
			url: '/rest/api/2/myself',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Jira rejected the personal access token: check it, and that it has not expired or been revoked',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No Jira Data Center REST API at this URL: use the address you open Jira at (with its context path, e.g. https://example.com/jira)',
				},
			},
		],
	};
}
