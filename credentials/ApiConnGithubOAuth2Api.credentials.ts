import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import { GITHUB_OAUTH } from '../nodes/Github/Github.oauth';

/** github.com's web host for api.github.com; the Enterprise Server host itself otherwise (OAuth lives at /login/oauth). */
const WEB_HOST =
	'{{$self["server"].split("://")[1].split("/")[0] === "api.github.com" ? "https://github.com" : $self["server"].split("://")[0] + "://" + $self["server"].split("://")[1].split("/")[0]}}';

/**
 * A GitHub OAuth App connection. Client ID and secret come from the OAuth App; the default scopes
 * (repo, read:user, read:org, gist) are the least every operation and the trigger need (Invite also needs admin:org).
 */
export class ApiConnGithubOAuth2Api implements ICredentialType {
	name = 'apiConnGithubOAuth2Api';

	displayName = 'GitHub (API Connections) OAuth2 API';

	extends = ['oAuth2Api'];

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
				'https://api.github.com for github.com; https://YOUR-HOST/api/v3 for GitHub Enterprise Server (the sign-in pages follow)',
		},
		...oauth2Properties(GITHUB_OAUTH).map((p) =>
			p.name === 'authUrl'
				? { ...p, default: `=${WEB_HOST}/login/oauth/authorize` }
				: p.name === 'accessTokenUrl'
					? { ...p, default: `=${WEB_HOST}/login/oauth/access_token` }
					: p,
		),
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.server.replace(/\\/+$/, "")}}',
			url: '/user',
			headers: { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' },
		},
	};
}
