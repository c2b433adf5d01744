/**
 * Trello tokens live as long as chosen when they were made (1 hour, 1 day, 30 days or never) and nothing renews
 * them: the Connections Monitor asks Trello (`GET /1/tokens/{token}` → `dateExpires`, `connection.tokenExpiry`)
 * and warns 7 days before the end, then says it expired; a token that never expires gives no item.
 */
import nock from 'nock';

import { ApiConnTrelloApi } from '../../credentials/ApiConnTrelloApi.credentials';
import { trelloSpec } from '../../nodes/Trello/Trello.service';
import { createPollHarness } from '../helpers/poll-harness';
import { monitorFor, useTokenExpiryMonitor } from '../helpers/token-expiry-monitor';

const API = 'https://api.trello.com';
const N8N = 'http://localhost:5678';
const DAY = 86_400_000;
const START = Date.parse('2026-12-01T09:00:00Z');
const KEY = '0b1e2c3d4e5f60718293a4b5c6d7e8f9';
const TOKEN = 'ATTA9f8e7d6c5b4a39281706f5e4d3c2b1a0fedcba9876543210abcdef01234567';

const clock = useTokenExpiryMonitor([trelloSpec], START);

/** Trello's token object (`GET /1/tokens/{token}`), as its REST reference documents it. */
function tokenInfo(dateExpires: string | null) {
	return {
		id: '6383a1c2d4e5f60718293a4b',
		identifier: 'n8n',
		idMember: '5e2a9c1f0b1c2d3e4f506172',
		dateCreated: '2026-12-01T09:00:00.000Z',
		dateExpires,
		permissions: [{ idModel: '*', modelType: 'Board', read: true, write: true }],
	};
}

function monitor() {
	return createPollHarness({
		nodeType: monitorFor('apiConnTrelloApi'),
		parameters: { intervalHours: 24 },
		credentialTypes: [new ApiConnTrelloApi()],
		credentials: { apiConnTrelloApi: { apiKey: KEY, apiToken: TOKEN } as never },
		nodeCredentials: { apiConnTrelloApi: { id: 'cred-t', name: 'Trello board bot' } },
	});
}

describe('Connections Monitor: Trello token expiry', () => {
	it('a 30-day token: silent until 7 days are left, then "expiring" daily, then "expired"', async () => {
		nock(N8N)
			.persist()
			.get(/\/api\/v1\/credentials/)
			.reply(401, {});
		const asked: Array<{ path: string; auth: unknown }> = [];
		nock(API)
			.persist()
			.get(/\/1\/tokens\//)
			.reply(function (uri) {
				asked.push({ path: uri, auth: this.req.headers.authorization });
				return [200, tokenInfo(new Date(START + 30 * DAY).toISOString())];
			});
		const harness = monitor();
		const reasons: Array<[number, unknown]> = [];
		for (let day = 0; day <= 31; day++) {
			const out = await harness.poll();
			for (const item of out?.[0] ?? []) reasons.push([day, item.json.reason]);
			if (day === 23) {
				const item = out![0][0].json;
				expect(item).toMatchObject({
					reason: 'expiring',
					service: 'Trello',
					credential: 'Trello board bot',
					tokenExpires: new Date(START + 30 * DAY).toISOString(),
					detail:
						'The token of "Trello board bot" expires in 7 days (2026-12-31T09:00:00.000Z); Trello tokens are not renewed.',
					fix: 'Make a new token at Trello (or one that does not expire) and put it in the credential "Trello board bot" before then.',
				});
			}
			clock().jump(DAY);
		}
		expect(reasons.filter(([day]) => day < 23)).toEqual([]);
		expect(reasons.filter(([, r]) => r === 'expiring').map(([d]) => d)).toEqual([
			23, 24, 25, 26, 27, 28, 29,
		]);
		expect(reasons.filter(([, r]) => r === 'expired').map(([d]) => d)).toEqual([30, 31]);
		expect(asked[0]).toEqual({
			path: `/1/tokens/${TOKEN}`,
			auth: `OAuth oauth_consumer_key="${KEY}", oauth_token="${TOKEN}"`,
		});
	});

	it('a token that never expires (dateExpires null) gives no item; a refused token is "revoked" without echoing it', async () => {
		nock(N8N)
			.persist()
			.get(/\/api\/v1\/credentials/)
			.reply(401, {});
		nock(API).get(`/1/tokens/${TOKEN}`).reply(200, tokenInfo(null));
		const harness = monitor();
		expect(await harness.poll()).toBeNull();

		clock().jump(DAY);
		nock(API).persist().get(`/1/tokens/${TOKEN}`).reply(401, 'invalid token');
		const out = await harness.poll();
		expect(out?.[0].map((i) => i.json.reason)).toEqual(['revoked']);
		expect(JSON.stringify(out)).not.toContain(TOKEN);
		expect(JSON.stringify(out)).not.toContain(KEY);
	});
});
