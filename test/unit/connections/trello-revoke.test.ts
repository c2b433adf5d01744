/**
 * Disconnect revokes a Trello token with `DELETE /1/tokens/{token}`, signed with the key and token in the OAuth
 * header; the token in the path is one encoded segment and never in the result message.
 */
import { ServiceCatalog } from '../../../lib/connections/catalog';
import { revokeAtProvider } from '../../../lib/connections/manage';
import { createRuntime } from '../../../lib/runtime';
import { trelloSpec } from '../../../nodes/Trello/Trello.service';
import { FakeClock } from '../../helpers/fake-clock';
import { scriptedRevokeContext } from '../../helpers/revoke-context';

const KEY = 'a3f1c9d27b4e8f6051c2d3e4f5a6b7c8';
const TOKEN = 'ATTAe5c0d4b7a1f2938475665748392a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0F3A2B1C0';

/** The credential's key and token; each request gets the next answer (Trello answers errors as plain text). */
const context = (answers: Array<{ statusCode: number; body: unknown }>) =>
	scriptedRevokeContext(
		{ apiKey: KEY, apiToken: TOKEN },
		answers.map((a) => ({ ...a, contentType: 'text/plain' })),
	);

const services = [trelloSpec];
const info = new ServiceCatalog(services).get('trello')!;
const rt = () =>
	createRuntime({
		observers: [],
		clock: new FakeClock(Date.UTC(2026, 11, 3)),
		random: () => 0.5,
		services,
	});

describe('Trello: Disconnect revokes the token', () => {
	it('DELETE https://api.trello.com/1/tokens/{token}, signed with the credential, no body', async () => {
		const { fn, calls } = context([{ statusCode: 200, body: { _value: null } }]);
		const r = await revokeAtProvider(rt(), fn, 0, info, 'apiConnTrelloApi');
		expect(r).toEqual({ revoked: true, message: 'Revoked at Trello (200).' });
		expect(calls).toHaveLength(1);
		expect(calls[0].type).toBe('apiConnTrelloApi');
		expect(calls[0].options).toMatchObject({
			method: 'DELETE',
			url: `https://api.trello.com/1/tokens/${TOKEN}`,
		});
		expect(calls[0].options.body).toBeUndefined();
		expect(calls[0].options.qs ?? {}).toEqual({});
	});

	it("Trello's refusal (401 invalid token: already revoked) is not a revocation, and names no secret", async () => {
		const { fn } = context([
			{ statusCode: 401, body: 'invalid token' },
			{ statusCode: 401, body: 'invalid token' },
		]);
		const r = await revokeAtProvider(rt(), fn, 0, info, 'apiConnTrelloApi');
		expect(r.revoked).toBe(false);
		expect(r.message).not.toContain(TOKEN);
		expect(r.message).not.toContain(KEY);
	});
});
