/**
 * A Google Workspace OAuth2 credential's data for tests: the products ticked, the scopes they ask (the
 * credential's own function) and a token that is still valid.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { googleScopesFor } from '../../nodes/Google/Google.oauth';

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
