import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/**
 * A GitLab personal, project or group access token, sent as `PRIVATE-TOKEN: <token>` to gitlab.com or to a
 * self-managed instance (the GitLab URL). The token never goes to another host: every request stays on that URL.
 */
export class ApiConnGitlabApi implements ICredentialType {
	name = 'apiConnGitlabApi';

	displayName = 'GitLab (API Connections) API';

	icon: Icon = {
		light: 'file:../nodes/Gitlab/gitlab.svg',
		dark: 'file:../nodes/Gitlab/gitlab.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/gitlab.md';

	properties: INodeProperties[] = [
		{
			displayName: 'GitLab URL',
			name: 'server',
			type: 'string',
			default: 'https://gitlab.com',
			required: true,
			description:
				'https://gitlab.com, or the address of your self-managed instance (e.g. https://gitlab.example.com), without /api/v4',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A personal, project or group access token (glpat-…) with the api scope, or read_api for reading only',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'PRIVATE-TOKEN': '={{$credentials.accessToken}}' } },
	};

	// GET /api/v4/user: who the token belongs to; a read_api token may read it.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.server.replace(/\\/+$/, "")}}',
			url: '/api/v4/user',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'GitLab rejected the token: copy it again, and check it has not expired or been revoked, and that it belongs to this GitLab URL',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No GitLab API at this URL: use https://gitlab.com, or the address of your instance without /api/v4',
				},
			},
		],
	};
}
