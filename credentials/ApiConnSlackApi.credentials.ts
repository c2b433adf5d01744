import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { bearerAuthenticate } from '../lib/auth/kinds';

/** Slack's test answers HTTP 200 with `{ ok: false, error }`: these codes fail the test with Slack's meaning. */
const refused = (value: string, message: string) => ({
	type: 'responseSuccessBody' as const,
	properties: { key: 'error', value, message },
});

/**
 * A Slack app's **Bot User OAuth Token** (`xoxb-…`), copied from api.slack.com/apps → your app → OAuth &
 * Permissions after installing the app in the workspace; sent as `Authorization: Bearer`. For one workspace and
 * no OAuth flow; its scopes are the app's Bot Token Scopes. A token with rotation on expires in 12 hours: use the
 * OAuth2 credential then.
 */
export class ApiConnSlackApi implements ICredentialType {
	name = 'apiConnSlackApi';

	displayName = 'Slack (API Connections) Bot Token API';

	icon: Icon = {
		light: 'file:../nodes/Slack/slack.svg',
		dark: 'file:../nodes/Slack/slack.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/slack.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Bot User OAuth Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'xoxb-…',
			description:
				"The app's Bot User OAuth Token (api.slack.com/apps → your app → OAuth & Permissions), starting with xoxb-",
		},
	];

	authenticate = bearerAuthenticate;

	// auth.test: which workspace, bot user and app the token belongs to (needs no scope).
	test: ICredentialTestRequest = {
		request: { baseURL: 'https://slack.com/api', url: '/auth.test' },
		rules: [
			refused(
				'invalid_auth',
				'Slack does not accept this token: copy the Bot User OAuth Token again.',
			),
			refused('not_authed', 'No token was sent: paste the Bot User OAuth Token.'),
			refused(
				'token_revoked',
				'The token was revoked (the app was uninstalled): reinstall the app and copy the new token.',
			),
			refused(
				'token_expired',
				'The token has expired (token rotation is on): use the OAuth2 credential instead.',
			),
			refused('account_inactive', 'The token belongs to a deactivated user or deleted workspace.'),
		],
	};
}
