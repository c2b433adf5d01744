import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/**
 * A GitHub personal access token, sent as `Authorization: Bearer <token>`. Works with github.com and,
 * through the API URL, with GitHub Enterprise Server.
 */
export class ApiConnGithubApi implements ICredentialType {
	name = 'apiConnGithubApi';

	displayName = 'GitHub (API Connections) API';

	icon: Icon = {
		light: 'file:../nodes/Github/github.svg',
		dark: 'file:../nodes/Github/github.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/github.md';

	properties: INodeProperties[] = [
		{
			displayName: 'API URL',
			name: 'server',
			type: 'string',
			default: 'https://api.github.com',
			required: true,
			description:
				'https://api.github.com for github.com; https://YOUR-HOST/api/v3 for GitHub Enterprise Server',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A personal access token: classic (ghp_…) with the repo, read:user, read:org and gist scopes, or fine-grained (github_pat_…) with access to the repositories your workflows use',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	// GET /user: who the token belongs to; any valid token may read it.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.server.replace(/\\/+$/, "")}}',
			url: '/user',
			headers: { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'GitHub rejected the token: copy it again, and check it has not expired or been revoked',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No GitHub API at this URL: use https://api.github.com, or https://YOUR-HOST/api/v3 for GitHub Enterprise Server',
				},
			},
		],
	};
}
