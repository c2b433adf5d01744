import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import { GITLAB_OAUTH } from '../nodes/Gitlab/Gitlab.oauth';

/** The sign-in pages live on the GitLab URL itself (gitlab.com or the self-managed instance). */
const HOST = '{{$self["server"].replace(/\\/+$/, "")}}';

/**
 * A GitLab OAuth application connection (gitlab.com or self-managed). Client ID and secret come from the
 * application; the default scopes (api, read_api) are what the operations and the trigger need.
 */
export class ApiConnGitlabOAuth2Api implements ICredentialType {
	name = 'apiConnGitlabOAuth2Api';

	displayName = 'GitLab (API Connections) OAuth2 API';

	extends = ['oAuth2Api'];

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
				'https://gitlab.com, or the address of your self-managed instance, without /api/v4 (the sign-in pages follow)',
		},
		...oauth2Properties(GITLAB_OAUTH).map((p) =>
			p.name === 'authUrl'
				? { ...p, default: `=${HOST}/oauth/authorize` }
				: p.name === 'accessTokenUrl'
					? { ...p, default: `=${HOST}/oauth/token` }
					: p,
		),
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.server.replace(/\\/+$/, "")}}',
			url: '/api/v4/user',
		},
	};
}
