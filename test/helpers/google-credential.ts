/**
 * A Google Workspace OAuth2 credential's data for tests: the products ticked, the scopes they ask (the
 * credential's own function) and a token that is still valid; and the Connections Monitor that holds it.
 */
import nock from 'nock';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { ApiConnGoogleWorkspaceOAuth2Api } from '../../credentials/ApiConnGoogleWorkspaceOAuth2Api.credentials';
import { ConnectionsMonitorTrigger } from '../../nodes/Connections/ConnectionsMonitorTrigger.node';
import { googleScopesFor } from '../../nodes/Google/Google.oauth';
import { createPollHarness } from './poll-harness';

export function googleOAuthCredential(
	products: string[],
	accessToken: string,
	driveAccess = 'file',
): ICredentialDataDecryptedObject {
	const scope = googleScopesFor(products, driveAccess).join(' ');
	return {
		clientId: '1234567890-test0client0id.apps.googleusercontent.com',
		clientSecret: 'GOCSPX-testClientSecret0042',
		products,
		driveAccess,
		scope,
		oauthTokenData: {
			access_token: accessToken,
			token_type: 'Bearer',
			expires_in: 3599,
			refresh_token: '1//0gTestRefreshToken0042',
			scope,
		},
	};
}

/**
 * The Connections Monitor holding this Google credential (it renews the watch channels its triggers made); Google's
 * token endpoint answers every refresh the monitor makes first with `accessToken` again.
 */
export function googleMonitor(credential: ICredentialDataDecryptedObject, accessToken: string) {
	nock('https://oauth2.googleapis.com').persist().post('/token').reply(200, {
		access_token: accessToken,
		expires_in: 3599,
		token_type: 'Bearer',
		scope: credential.scope,
	});
	return createPollHarness({
		nodeType: new ConnectionsMonitorTrigger(),
		parameters: { intervalHours: 24 },
		credentialTypes: [new ApiConnGoogleWorkspaceOAuth2Api()],
		credentials: { apiConnGoogleWorkspaceOAuth2Api: credential as never },
		nodeCredentials: {
			apiConnGoogleWorkspaceOAuth2Api: {
				id: 'apiConnGoogleWorkspaceOAuth2Api-id',
				name: 'Google account',
			},
		},
	});
}
