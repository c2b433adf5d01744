/**
 * Disconnect revokes a Slack token with `auth.revoke`, signed with the token itself (Slack's revocation
 * endpoint takes no client authentication); Slack's `{ ok: false, error }` refusal is a failed revocation.
 */
import { ServiceCatalog } from '../../../lib/connections/catalog';
import { revokeAtProvider } from '../../../lib/connections/manage';
import { createRuntime } from '../../../lib/runtime';
import { slackSpec } from '../../../nodes/Slack/Slack.service';
import { FakeClock } from '../../helpers/fake-clock';
import { scriptedRevokeContext } from '../../helpers/revoke-context';

const TOKEN = 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy';

/** The OAuth2 credential; each request gets the next body (200, JSON). */
const context = (bodies: unknown[]) =>
	scriptedRevokeContext(
		{
			clientId: '3336676.569200954261',
			clientSecret: '2141029472.691fe2a4f7e3c0b7d1a5',
			oauthTokenData: { access_token: TOKEN, token_type: 'bot' },
		},
		bodies.map((body) => ({ body })),
	);

const services = [slackSpec];
const info = new ServiceCatalog(services).get('slack')!;
const rt = () =>
	createRuntime({
		observers: [],
		clock: new FakeClock(Date.UTC(2026, 11, 3)),
		random: () => 0.5,
		services,
	});

describe('Slack: Disconnect revokes the token', () => {
	it('POST https://slack.com/api/auth.revoke, signed with the credential (the token revokes itself)', async () => {
		const { fn, calls } = context([{ ok: true, revoked: true }]);
		const r = await revokeAtProvider(rt(), fn, 0, info, 'apiConnSlackOAuth2Api');
		expect(r).toEqual({ revoked: true, message: 'Revoked at Slack (200).' });
		expect(calls).toHaveLength(1);
		expect(calls[0].type).toBe('apiConnSlackOAuth2Api');
		expect(calls[0].options).toMatchObject({
			method: 'POST',
			url: 'https://slack.com/api/auth.revoke',
		});
		expect(calls[0].options.body).toBeUndefined();
	});

	it("a pasted Bot Token is not revoked (it is the app installation's own token): no request", async () => {
		const { fn, calls } = context([]);
		const r = await revokeAtProvider(rt(), fn, 0, info, 'apiConnSlackApi');
		expect(r.revoked).toBe(false);
		expect(calls).toEqual([]);
	});

	it("Slack's refusal inside a 200 answer is not a revocation", async () => {
		const { fn } = context([{ ok: false, error: 'invalid_auth' }]);
		const r = await revokeAtProvider(rt(), fn, 0, info, 'apiConnSlackOAuth2Api');
		expect(r.revoked).toBe(false);
		expect(r.message).toContain('invalid_auth');
		expect(r.message).not.toContain(TOKEN);
	});
});
