import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import { SLACK_OAUTH } from '../nodes/Slack/Slack.oauth';

/** Slack's test answers HTTP 200 with `{ ok: false, error }`: these codes fail the test with Slack's meaning. */
const refused = (value: string, message: string) => ({
	type: 'responseSuccessBody' as const,
	properties: { key: 'error', value, message },
});

/**
 * A Slack app (api.slack.com/apps → Basic Information: Client ID and Client Secret) connected with OAuth v2: the
 * bot token (`xoxb-…`) signs every request. Bot tokens do not expire unless the app turns token rotation on;
 * then n8n refreshes the 12-hour token with the rotating refresh token before it expires.
 */
export class ApiConnSlackOAuth2Api implements ICredentialType {
	name = 'apiConnSlackOAuth2Api';

	displayName = 'Slack (API Connections) OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = {
		light: 'file:../nodes/Slack/slack.svg',
		dark: 'file:../nodes/Slack/slack.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/slack.md';

	properties: INodeProperties[] = oauth2Properties(SLACK_OAUTH);

	// auth.test: which workspace, bot user and app the token belongs to (needs no scope).
	test: ICredentialTestRequest = {
		request: { baseURL: 'https://slack.com/api', url: '/auth.test' },
		rules: [
			refused('invalid_auth', 'Slack does not accept this token: reconnect the credential.'),
			refused('not_authed', 'No token was sent: connect the credential first.'),
			refused(
				'token_revoked',
				'The token was revoked (the app was uninstalled): reinstall the app and reconnect.',
			),
			refused('token_expired', 'The token has expired: reconnect the credential.'),
			refused('account_inactive', 'The token belongs to a deactivated user or deleted workspace.'),
		],
	};
}
