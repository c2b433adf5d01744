/**
 * Square's OAuth2 credential: the access token n8n keeps goes to the host of the credential's Environment (the
 * sandbox here) with the pinned Square-Version. Its own file: a service kit drives one origin and one clock.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { ApiConnSquareApi } from '../../credentials/ApiConnSquareApi.credentials';
import { ApiConnSquareOAuth2Api } from '../../credentials/ApiConnSquareOAuth2Api.credentials';
import { Square } from '../../nodes/Square/Square.node';
import { serviceKit } from '../kit';

const json = (res: { outputs: INodeExecutionData[][] }) => res.outputs[0].map((i) => i.json);

const sandbox = serviceKit({
	origin: 'https://connect.squareupsandbox.com',
	nodeTypes: [new Square()],
	credentialTypes: [new ApiConnSquareApi(), new ApiConnSquareOAuth2Api()],
	credentials: {
		apiConnSquareOAuth2Api: {
			environment: 'https://connect.squareupsandbox.com',
			clientId: 'sandbox-sq0idb-abc',
			clientSecret: 'sandbox-sq0csb-secret',
			oauthTokenData: {
				access_token: 'EAAAEOAuthSandboxToken123',
				token_type: 'bearer',
				expires_at: '2027-01-02T10:00:00Z',
				refresh_token: 'EQAAErefresh',
			},
		},
	},
});

describe('the OAuth2 credential', () => {
	it('sends its access token to the sandbox host it names, with the pinned Square-Version', async () => {
		const seen = sandbox.fake(['GET', 200, { locations: [{ id: 'L1', name: 'Main' }] }]);
		const res = await sandbox.run('square', {
			authentication: 'apiConnSquareOAuth2Api',
			resource: 'location',
			operation: 'getMany',
		} as never);
		expect(res.error).toBeUndefined();
		expect(seen[0].uri).toBe('/v2/locations');
		expect(seen[0].headers.authorization).toBe('Bearer EAAAEOAuthSandboxToken123');
		expect(seen[0].headers['square-version']).toBe('2026-09-16');
		expect(json(res)).toEqual([{ id: 'L1', name: 'Main' }]);
	});
});
