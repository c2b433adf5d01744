import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import { GOOGLE_OAUTH, googleScopeProperties } from '../nodes/Google/Google.oauth';

/**
 * A Google Cloud OAuth client (APIs & Services → Credentials → OAuth client ID, type "Web application") connected
 * once for every Google product of the workspace. Asks only the scopes of the products enabled here, with
 * `access_type=offline&prompt=consent` so Google issues a refresh token; the 1-hour access tokens are refreshed
 * before they expire.
 */
export class ApiConnGoogleWorkspaceOAuth2Api implements ICredentialType {
	name = 'apiConnGoogleWorkspaceOAuth2Api';

	displayName = 'Google Workspace (API Connections) OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = {
		light: 'file:../nodes/Google/google.svg',
		dark: 'file:../nodes/Google/google.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/google-workspace.md';

	properties: INodeProperties[] = [
		...googleScopeProperties().filter((p) => p.name !== 'scope'),
		// n8n's OAuth2 fields, with the Scope computed from the products above (hidden, one expression).
		...oauth2Properties(GOOGLE_OAUTH).map((p) =>
			p.name === 'scope' ? googleScopeProperties().find((s) => s.name === 'scope')! : p,
		),
	];

	// The account's e-mail address (the userinfo.email scope every connection asks).
	test: ICredentialTestRequest = {
		request: { baseURL: 'https://www.googleapis.com', url: '/oauth2/v3/userinfo' },
	};
}
