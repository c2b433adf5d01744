/**
 * Disconnect revokes a Square OAuth grant as Square documents it: `POST <host>/oauth2/revoke` on the credential's
 * Environment host, authenticated with the application secret as `Authorization: Client <secret>` (not with the
 * seller's token), the body `{client_id, access_token}`; a personal access token has no revocation.
 */
import { ServiceCatalog } from '../../../lib/connections/catalog';
import { revokeAtProvider } from '../../../lib/connections/manage';
import { createRuntime } from '../../../lib/runtime';
import { squareSpec } from '../../../nodes/Square/Square.service';
import { FakeClock } from '../../helpers/fake-clock';
import { scriptedRevokeContext } from '../../helpers/revoke-context';

const SECRET = 'sandbox-sq0csb-9Xk2LmQ7rT4vW1yZ3bN6';
const TOKEN = 'EAAAEOAuthSandboxToken8c7d6e5f4a3b2c1';
const oauth = {
	environment: 'https://connect.squareupsandbox.com',
	clientId: 'sandbox-sq0idb-E2eAppId01',
	clientSecret: SECRET,
	oauthTokenData: {
		access_token: TOKEN,
		refresh_token: 'EQAAErefresh',
		expires_at: '2027-01-02T10:00:00Z',
	},
};

const services = [squareSpec];
const info = new ServiceCatalog(services).get('square')!;
const rt = () =>
	createRuntime({
		observers: [],
		clock: new FakeClock(Date.UTC(2026, 11, 3)),
		random: () => 0.5,
		services,
	});

describe('Square: Disconnect revokes the OAuth grant', () => {
	it('POST <sandbox host>/oauth2/revoke with Authorization: Client <secret> and {client_id, access_token}', async () => {
		const { fn, calls } = scriptedRevokeContext(oauth, [
			{ statusCode: 200, body: { success: true } },
		]);
		const r = await revokeAtProvider(rt(), fn, 0, info, 'apiConnSquareOAuth2Api');
		expect(r).toEqual({ revoked: true, message: 'Revoked at Square (200).' });
		expect(calls).toHaveLength(1);
		// Client authentication, not the seller's token: sent unsigned by n8n.
		expect(calls[0].type).toBeUndefined();
		expect(calls[0].options).toMatchObject({
			method: 'POST',
			url: 'https://connect.squareupsandbox.com/oauth2/revoke',
			body: { client_id: 'sandbox-sq0idb-E2eAppId01', access_token: TOKEN },
		});
		expect(calls[0].options.headers).toMatchObject({ Authorization: `Client ${SECRET}` });
	});

	it("Square's refusal is not a revocation, and the message names no secret", async () => {
		const refused = {
			statusCode: 401,
			body: {
				errors: [
					{ category: 'AUTHENTICATION_ERROR', code: 'UNAUTHORIZED', detail: 'Not authorized.' },
				],
			},
		};
		const { fn } = scriptedRevokeContext(oauth, [refused, refused]);
		const r = await revokeAtProvider(rt(), fn, 0, info, 'apiConnSquareOAuth2Api');
		expect(r.revoked).toBe(false);
		expect(r.message).not.toContain(SECRET);
		expect(r.message).not.toContain(TOKEN);
	});

	it('a personal access token is not revoked (Square has no endpoint for it)', async () => {
		const { fn, calls } = scriptedRevokeContext(
			{ environment: 'https://connect.squareup.com', accessToken: 'EAAAl7pat' },
			[],
		);
		const r = await revokeAtProvider(rt(), fn, 0, info, 'apiConnSquareApi');
		expect(r.revoked).toBe(false);
		expect(calls).toHaveLength(0);
	});
});
