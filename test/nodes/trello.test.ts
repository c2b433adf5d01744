/**
 * What is special about Trello beyond the per-operation fixtures (test/fixtures/operations/trello): the API key
 * and token in the `Authorization: OAuth …` header and never in a URL, an error, an output or the error log;
 * Trello's plain-text error bodies (`invalid id`, `invalid token`, `unauthorized permission requested`) mapped
 * to cause and fix; 429 `API_TOKEN_LIMIT_EXCEEDED` waited out; both budgets at once (100 per 10 s per token, 300
 * per 10 s per API key across the connections sharing the key); comment paging with `before`; attachments
 * from a URL; path ids as one encoded segment.
 */
import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ApiConnTrelloApi } from '../../credentials/ApiConnTrelloApi.credentials';
import { validateService } from '../../lib/spec/schema';
import { Trello } from '../../nodes/Trello/Trello.node';
import { trelloDefinition } from '../../nodes/Trello/Trello.service';
import { serviceKit } from '../kit';

const API = 'https://api.trello.com';
const KEY = 'a3f1c9d27b4e8f6051c2d3e4f5a6b7c8';
const TOKEN = 'ATTAe5c0d4b7a1f2938475665748392a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0F3A2B1C0';
const SECRET = '9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c';
const creds = { apiKey: KEY, apiToken: TOKEN, apiSecret: SECRET };
const AUTH = `OAuth oauth_consumer_key="${KEY}", oauth_token="${TOKEN}"`;
const CARD = '5abbe4b7ddc1b351ef961416';

const kit = serviceKit({
	origin: API,
	nodeTypes: [new Trello()],
	credentialTypes: [new ApiConnTrelloApi()],
	credentials: { apiConnTrelloApi: creds },
});
const run = (parameters: Record<string, unknown>, extra = {}) =>
	kit.run('trello', parameters as never, extra);
const json = (res: { outputs: INodeExecutionData[][] }) => res.outputs[0].map((i) => i.json);
const text = { 'content-type': 'text/plain; charset=utf-8' };
const getCard = { resource: 'card', operation: 'get', id: CARD };

/** Every secret of the credential, which nothing the node gives back may contain. */
const expectNoSecret = (value: unknown) => {
	const s = JSON.stringify(value);
	for (const secret of [KEY, TOKEN, SECRET]) expect(s).not.toContain(secret);
};

describe('Trello', () => {
	it('the spec is valid; the account is the username of GET /1/members/me; the credential test calls it', () => {
		expect(validateService(trelloDefinition)).toEqual([]);
		expect(trelloDefinition.spec.account).toEqual({ path: '/members/me', labelPath: 'username' });
		expect(new ApiConnTrelloApi().test.request).toEqual({
			baseURL: 'https://api.trello.com/1',
			url: '/members/me',
		});
	});

	describe('key and token', () => {
		it('go in the Authorization: OAuth header, never in the query', async () => {
			const seen = kit.fake(['GET', 200, { id: CARD, name: 'What? Why? How?' }]);
			const res = await run(getCard);
			expect(json(res)).toEqual([{ id: CARD, name: 'What? Why? How?' }]);
			expect(seen[0].uri).toBe(`/1/cards/${CARD}`);
			expect(seen[0].headers.authorization).toBe(AUTH);
		});

		it('never appear in an error, its description, its details or the run data, even when Trello echoes them', async () => {
			// n8n sends a request again once after a 401 (it refreshes OAuth2 tokens): Trello refuses both.
			const echoed = `invalid key ${KEY} or token ${TOKEN}`;
			kit.fake(['GET', 401, echoed, text], ['GET', 401, echoed, text]);
			const res = await run({
				resource: 'customRequest',
				operation: 'send',
				requestMethod: 'GET',
				requestPath: '/members/me',
			});
			expect(res.error?.message).toBe(
				'Trello: 401 Unauthorized – invalid key [redacted] or token [redacted]',
			);
			// The whole run (outputs, error with its details, the item's error log) is scanned too, after the file.
			expectNoSecret({ error: res.error, run: res.run.data.resultData });
		});
	});

	describe("errors in Trello's words (plain-text bodies)", () => {
		it("400 'invalid id': no such object, with where to find the ID", async () => {
			const seen = kit.fake(['GET', 400, 'invalid id', text]);
			const res = await run({ ...getCard, id: 'not/an id' });
			expect(seen[0].uri).toBe('/1/cards/not%2Fan%20id');
			expect(res.error?.message).toBe('Trello: 400 Bad Request – invalid id');
			expect(res.error?.description).toBe(
				"Trello found nothing at GET /cards/{id} for id 'not/an id'. Copy the ID from the object (a 24-character ID, or the short link of a board or card in its URL).",
			);
		});

		it("401 'invalid token': the token expired or was revoked — authorize a new one", async () => {
			kit.fake(['GET', 401, 'invalid token', text], ['GET', 401, 'invalid token', text]);
			const res = await run(getCard);
			expect(res.error?.message).toBe('Trello: 401 Unauthorized – invalid token');
			expect(res.error?.description).toContain(
				'Trello refused the API key or token ("invalid token"): the token expired',
			);
			expect(res.error?.description).toContain('expiration=never');
		});

		it("401 'unauthorized permission requested': a read-only token or no board access — not a reconnect", async () => {
			const denied = 'unauthorized permission requested';
			kit.fake(['PUT', 401, denied, text], ['PUT', 401, denied, text]);
			const res = await run({ resource: 'card', operation: 'archive', id: CARD });
			expect(res.error?.message).toBe(
				'Trello: 401 Unauthorized – unauthorized permission requested',
			);
			expect(res.error?.description).toContain('scope=read,write');
			expect(res.error?.description).not.toContain('expired');
		});

		it('400 with another text names what Trello refused', async () => {
			kit.fake(['POST', 400, 'invalid value for idList', text]);
			const res = await run({ resource: 'card', operation: 'create', idList: 'x' });
			expect(res.error?.description).toContain(
				'Trello refused a field: "invalid value for idList"',
			);
		});

		it('404 (plain text) says nothing was found at that ID', async () => {
			kit.fake(['GET', 404, 'The requested resource was not found.', text]);
			const res = await run(getCard);
			expect(res.error?.message).toBe(
				'Trello: 404 Not Found – The requested resource was not found.',
			);
			expect(res.error?.description).toContain(CARD);
		});
	});

	describe('rate limits', () => {
		it('429 API_TOKEN_LIMIT_EXCEEDED pauses the connection for the 10-second window, then sends again', async () => {
			const start = kit.clock.now();
			const seen = kit.fake(
				['GET', 429, { message: 'Rate limit exceeded', error: 'API_TOKEN_LIMIT_EXCEEDED' }],
				['GET', 200, { id: CARD }],
			);
			const res = await run(getCard);
			expect(json(res)).toEqual([{ id: CARD }]);
			expect(seen).toHaveLength(2);
			expect(kit.clock.now() - start).toBeGreaterThanOrEqual(10_000);
			expect(kit.clock.now() - start).toBeLessThan(12_000);
		});

		it('the policy: 100 per 10 s per token (the connection) and 300 per 10 s per API key, both at once', () => {
			const { requests, windowMs, shared } = trelloDefinition.spec.rateLimit!;
			expect({ requests, windowMs }).toEqual({ requests: 100, windowMs: 10_000 });
			expect(shared).toEqual([
				{ name: 'apiKey', credentialField: 'apiKey', requests: 300, windowMs: 10_000 },
			]);
		});

		/** Runs `items` card reads as the connection `id` (its own token, this key); returns when each left. */
		async function burst(id: string, items: number, key = KEY) {
			const times: number[] = [];
			nock(API)
				.get(/\/1\/cards\//)
				.times(items)
				.reply(function () {
					times.push(kit.clock.now());
					return [200, { id: CARD }];
				});
			const res = await run(getCard, {
				input: Array.from({ length: items }, () => ({ json: {} })),
				credentials: { apiConnTrelloApi: { apiKey: key, apiToken: `token-of-${id}` } },
				node: { credentials: { apiConnTrelloApi: { id, name: `Trello ${id}` } } },
			});
			expect(res.error).toBeUndefined();
			return times;
		}

		it('one connection: the 101st request in 10 s waits for its token budget', async () => {
			const start = kit.clock.now();
			const times = await burst('conn-a', 101);
			expect(times[99] - start).toBeLessThan(1000);
			expect(times[100] - start).toBeGreaterThanOrEqual(10_000);
		});

		it('three connections with one API key use its 300; a fourth waits for the key budget, another key does not', async () => {
			const start = kit.clock.now();
			for (const id of ['conn-a', 'conn-b', 'conn-c']) {
				const times = await burst(id, 100);
				// Each within its own token's 100: no wait.
				expect(times[99] - start).toBeLessThan(1000);
			}
			const otherKey = await burst('conn-x', 1, 'ffffffffffffffffffffffffffffffff');
			expect(otherKey[0] - start).toBeLessThan(1000);
			const fourth = await burst('conn-d', 1);
			expect(fourth[0] - start).toBeGreaterThanOrEqual(10_000);
		});
	});

	it('comments: Return All pages with before=<the last action ID> until a page is empty', async () => {
		const action = (id: string) => ({ id, type: 'commentCard', data: { text: id } });
		const seen = kit.fake(
			['GET', 200, [action('a3'), action('a2')]],
			['GET', 200, [action('a1')]],
			['GET', 200, []],
		);
		const res = await run({ resource: 'comment', operation: 'getMany', id: CARD, returnAll: true });
		expect(json(res).map((c) => (c as IDataObject).id)).toEqual(['a3', 'a2', 'a1']);
		expect(seen.map((s) => s.uri)).toEqual([
			`/1/cards/${CARD}/actions?filter=commentCard&limit=1000`,
			`/1/cards/${CARD}/actions?filter=commentCard&limit=1000&before=a2`,
			`/1/cards/${CARD}/actions?filter=commentCard&limit=1000&before=a1`,
		]);
	});

	it('comments: a Limit asks for that many and sends no second request', async () => {
		const seen = kit.fake(['GET', 200, [{ id: 'a3' }, { id: 'a2' }]]);
		const res = await run({
			resource: 'comment',
			operation: 'getMany',
			id: CARD,
			returnAll: false,
			limit: 2,
		});
		expect(json(res)).toEqual([{ id: 'a3' }, { id: 'a2' }]);
		expect(seen.map((s) => s.uri)).toEqual([`/1/cards/${CARD}/actions?filter=commentCard&limit=2`]);
	});

	describe('attachments', () => {
		it('from a URL: url, name and setCover in the query, no body', async () => {
			const seen = kit.fake([
				'POST',
				200,
				{ id: 'att1', isUpload: false, url: 'https://example.com/spec' },
			]);
			const res = await run({
				resource: 'attachment',
				operation: 'create',
				id: CARD,
				source: 'url',
				additionalFields: { url: 'https://example.com/spec', name: 'Spec', setCover: false },
			});
			expect(json(res)).toEqual([{ id: 'att1', isUpload: false, url: 'https://example.com/spec' }]);
			expect(seen[0].uri).toBe(
				`/1/cards/${CARD}/attachments?url=https%3A%2F%2Fexample.com%2Fspec&name=Spec&setCover=false`,
			);
			expect(seen[0].body).toBeUndefined();
		});

		it('from a URL without a URL: refused before anything is sent', async () => {
			const seen = kit.fake(['POST', 200, {}]);
			const res = await run({
				resource: 'attachment',
				operation: 'create',
				id: CARD,
				source: 'url',
			});
			expect(res.error?.message).toBe('Source URL needs a URL to attach.');
			expect(seen).toEqual([]);
		});

		it('download of a link attachment: refused, naming the link', async () => {
			kit.fake(['GET', 200, { id: 'att1', isUpload: false, url: 'https://example.com/spec' }]);
			const res = await run({
				resource: 'attachment',
				operation: 'download',
				id: CARD,
				idAttachment: 'att1',
			});
			expect(res.error?.message).toBe(
				'This attachment is a link, not an uploaded file: there is nothing to download.',
			);
			expect(res.error?.description).toBe('The link is https://example.com/spec.');
		});
	});

	it('Custom Request reaches any Trello route with the same header', async () => {
		const seen = kit.fake(['GET', 200, [{ id: 'org1', name: 'acme' }]]);
		const res = await run({
			resource: 'customRequest',
			operation: 'send',
			requestMethod: 'GET',
			requestPath: '/members/me/organizations',
		});
		expect(json(res)).toEqual([{ id: 'org1', name: 'acme' }]);
		expect(seen[0].uri).toBe('/1/members/me/organizations');
		expect(seen[0].headers.authorization).toBe(AUTH);
	});
});
