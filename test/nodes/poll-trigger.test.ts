/**
 * The generic polling trigger (lib/triggers/poll.ts) through n8n-core's own PollContext, against a vendor fake:
 * baseline without emitting, each new record once, new records across pages, the manual test run, remembered
 * ids bounded, record times, a field change, and errors and 429s through the engine.
 */
import type {
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { buildPollDescription, pollTrigger } from '../../lib/triggers';
import { validateService } from '../../lib/spec/schema';
import type { PollEventSpec, PollHook, ServiceDefinition } from '../../lib/spec/types';
import { ApiConnAcmeTasksApi } from '../fixtures/example-service/credentials/ApiConnAcmeTasksApi.credentials';
import { driveClock } from '../helpers/fake-clock';
import { createPollHarness } from '../helpers/poll-harness';
import { serviceKit } from '../kit';

const API = 'https://api.feed.example';
const TOKEN = 'feed_pat_7c1d09';

function feedDefinition(event: Partial<PollEventSpec> = {}): ServiceDefinition {
	return {
		spec: {
			id: 'acmeFeed',
			displayName: 'Acme Feed',
			description: 'Records on boards, listed newest first',
			docsUrl: 'https://developer.feed.example',
			baseUrl: `${API}/v1`,
			auth: [
				{ kind: 'bearer', credentialType: 'apiConnAcmeTasksApi', displayName: 'Access Token' },
			],
			credentialTest: { path: '/me' },
			pagination: {
				type: 'cursor',
				cursorParam: 'bookmark',
				nextCursorPath: 'bookmark',
				itemsPath: 'items',
				limitParam: 'page_size',
				pageSize: 3,
			},
			resources: [
				{
					id: 'record',
					name: 'Record',
					operations: [
						{
							id: 'getMany',
							name: 'Get Many',
							action: 'List the records of a board',
							method: 'GET',
							path: '/boards/{boardId}/records',
							paginate: true,
							scopes: ['records:read'],
							params: [
								{
									displayName: 'Board ID',
									name: 'boardId',
									in: 'path',
									type: 'string',
									default: '',
									required: true,
								},
								{ displayName: 'Since', name: 'since', in: 'query', type: 'string', default: '' },
								{ displayName: 'Sort', name: 'sort', in: 'query', type: 'string', default: '' },
							],
						},
						{
							id: 'create',
							name: 'Create',
							action: 'Create a record',
							method: 'POST',
							path: '/records',
							params: [],
						},
					],
				},
			],
			poll: {
				events: [
					{
						value: 'newRecord',
						name: 'New Record on Board',
						resource: 'record',
						operation: 'getMany',
						idPath: 'id',
						...event,
					},
				],
			},
		},
	};
}

function pollNode(def: ServiceDefinition): INodeType {
	return {
		description: buildPollDescription(def, { icon: 'file:feed.svg' }),
		async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
			return await pollTrigger(this, def);
		},
	};
}

const kit = serviceKit({
	origin: API,
	nodeTypes: [pollNode(feedDefinition())],
	credentialTypes: [new ApiConnAcmeTasksApi()],
});

function harness(def = feedDefinition(), parameters: INodeParameters = { boardId: 'b/1' }) {
	const h = createPollHarness({
		nodeType: pollNode(def),
		parameters,
		credentialTypes: [new ApiConnAcmeTasksApi()],
		credentials: { apiConnAcmeTasksApi: { accessToken: TOKEN } },
		nodeCredentials: { apiConnAcmeTasksApi: { id: 'cred-feed', name: 'Acme Feed' } },
	});
	return {
		...h,
		poll: async (mode?: 'manual' | 'trigger') => await driveClock(kit.clock, h.poll(mode)),
	};
}

const rec = (id: string, created?: string) => ({
	id,
	title: `Record ${id}`,
	...(created ? { created_at: created } : {}),
});
const page = (ids: string[], bookmark: string | null = null) => ({
	items: ids.map((id) => rec(id)),
	bookmark,
});
const json = (out: INodeExecutionData[][] | null) => out?.[0].map((i) => i.json) ?? null;

describe('polling trigger (generic, from the spec)', () => {
	it('the spec section is validated: the operation must exist, read, and have the named params', () => {
		expect(validateService(feedDefinition())).toEqual([]);
		expect(validateService(feedDefinition({ operation: 'nope' }))).toEqual([
			'acmeFeed: poll.events.0: record.nope is not an operation of the spec',
		]);
		expect(validateService(feedDefinition({ operation: 'create' }))).toEqual([
			'acmeFeed: poll.events.0: record.create is a POST: a polling trigger only reads',
		]);
		expect(
			validateService(feedDefinition({ params: ['boardId', 'color'], sinceParam: 'since' })),
		).toEqual([
			"acmeFeed: poll.events.0: 'color' is not a param of record.getMany",
			'acmeFeed: poll.events.0: sinceParam needs timePath (the time it sends)',
		]);
	});

	it('the node is an n8n polling trigger with the operation’s required fields', () => {
		const d: INodeTypeDescription = pollNode(feedDefinition()).description;
		expect(d).toMatchObject({
			name: 'acmeFeedTrigger',
			displayName: 'Acme Feed Trigger',
			group: ['trigger'],
			polling: true,
			inputs: [],
			subtitle: 'New Record on Board',
			credentials: [{ name: 'apiConnAcmeTasksApi', required: true }],
		});
		expect(d.properties).toEqual([
			{ displayName: 'Board ID', name: 'boardId', type: 'string', default: '', required: true },
		]);
		expect(d.webhooks).toBeUndefined();
	});

	it('several events: an Event picker, each field shown for the events that use it', () => {
		const def = feedDefinition();
		def.spec.poll!.events.push({
			value: 'sorted',
			name: 'New Record (Sorted)',
			resource: 'record',
			operation: 'getMany',
			idPath: 'id',
			params: ['boardId', 'sort'],
		});
		const d = pollNode(def).description;
		expect(d.subtitle).toBe('={{"Event: " + $parameter["event"]}}');
		expect(d.properties.map((p) => [p.name, p.displayOptions?.show])).toEqual([
			['event', undefined],
			['boardId', { event: ['newRecord', 'sorted'] }],
			['sort', { event: ['sorted'] }],
		]);
	});

	it('first activation takes a baseline of one page and emits nothing; then each new record once', async () => {
		const h = harness();
		const s1 = kit.fake(['GET', 200, page(['r5', 'r4', 'r3'], 'bm1')]);
		expect(await h.poll()).toBeNull();
		expect(s1).toHaveLength(1);
		expect(s1[0].uri).toBe('/v1/boards/b%2F1/records?page_size=3');
		expect(s1[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(h.staticData().poll).toMatchObject({ seen: ['r5', 'r4', 'r3'] });

		const s2 = kit.fake(['GET', 200, page(['r7', 'r6', 'r5'], 'bm2')]);
		expect(json(await h.poll())).toEqual([rec('r7'), rec('r6')]);
		// The page reached a record already seen: no further page.
		expect(s2.map((s) => s.uri)).toEqual(['/v1/boards/b%2F1/records?page_size=3']);

		kit.fake(['GET', 200, page(['r7', 'r6', 'r5'], 'bm2')]);
		expect(await h.poll()).toBeNull();
		expect(h.staticData().poll).toMatchObject({ seen: ['r7', 'r6', 'r5', 'r4', 'r3'] });
	});

	it('returns every new record across pages, stopping at the page that reaches the known ones', async () => {
		const h = harness();
		kit.fake(['GET', 200, page(['r2', 'r1'])]);
		expect(await h.poll()).toBeNull();
		const seen = kit.fake(
			['GET', 200, page(['r9', 'r8', 'r7'], 'bm1')],
			['GET', 200, page(['r6', 'r5', 'r4'], 'bm2')],
			['GET', 200, page(['r3', 'r2', 'r1'], 'bm3')],
		);
		expect(json(await h.poll())).toEqual(
			['r9', 'r8', 'r7', 'r6', 'r5', 'r4', 'r3'].map((id) => rec(id)),
		);
		expect(seen.map((s) => s.uri)).toEqual([
			'/v1/boards/b%2F1/records?page_size=3',
			'/v1/boards/b%2F1/records?page_size=3&bookmark=bm1',
			'/v1/boards/b%2F1/records?page_size=3&bookmark=bm2',
		]);
	});

	it('reads at most maxPages pages in one poll', async () => {
		const h = harness(feedDefinition({ maxPages: 2 }));
		kit.fake(['GET', 200, page(['r1'])]);
		await h.poll();
		const seen = kit.fake(
			['GET', 200, page(['r9', 'r8', 'r7'], 'bm1')],
			['GET', 200, page(['r6', 'r5', 'r4'], 'bm2')],
		);
		expect(json(await h.poll())?.map((r) => r.id)).toEqual(['r9', 'r8', 'r7', 'r6', 'r5', 'r4']);
		expect(seen).toHaveLength(2);
	});

	it('a manual run returns the newest record and changes nothing; with none, it says so', async () => {
		const h = harness();
		kit.fake(['GET', 200, page(['r5', 'r4', 'r3'], 'bm1')]);
		expect(json(await h.poll('manual'))).toEqual([rec('r5')]);
		expect(h.staticData()).toEqual({});
		kit.fake(['GET', 200, { items: [], bookmark: null }]);
		await expect(h.poll('manual')).rejects.toThrow(
			"Nothing to show yet: Acme Feed lists no records for 'New Record on Board' with these fields.",
		);
		// The next production poll still starts with a baseline.
		kit.fake(['GET', 200, page(['r5'])]);
		expect(await h.poll()).toBeNull();
	});

	it('remembered ids are bounded (the newest kept)', async () => {
		const h = harness(feedDefinition({ maxSeen: 10 }));
		kit.fake(['GET', 200, page(['a1', 'a2', 'a3'])]);
		await h.poll();
		for (let n = 0; n < 4; n++) {
			const ids = [`n${n}c`, `n${n}b`, `n${n}a`];
			kit.fake(['GET', 200, { items: ids.map((id) => rec(id)), bookmark: null }]);
			expect(json(await h.poll())?.map((r) => r.id)).toEqual(ids);
		}
		const seen = (h.staticData().poll as { seen: string[] }).seen;
		expect(seen).toHaveLength(10);
		expect(seen.slice(0, 3)).toEqual(['n3c', 'n3b', 'n3a']);
	});

	it('with a time path, a record older than the newest one emitted is not new even when its id was forgotten; the since param gets that time', async () => {
		const h = harness(feedDefinition({ timePath: 'created_at', sinceParam: 'since' }));
		kit.fake([
			'GET',
			200,
			{
				items: [rec('r2', '2026-12-01T10:00:00Z'), rec('r1', '2026-12-01T09:00:00Z')],
				bookmark: null,
			},
		]);
		await h.poll();
		expect(h.staticData().poll).toMatchObject({ newest: '2026-12-01T10:00:00Z' });
		const seen = kit.fake([
			'GET',
			200,
			{
				items: [rec('r3', '2026-12-02T08:00:00Z'), rec('old', '2026-11-30T08:00:00Z')],
				bookmark: null,
			},
		]);
		expect(json(await h.poll())).toEqual([rec('r3', '2026-12-02T08:00:00Z')]);
		expect(seen[0].uri).toBe('/v1/boards/b%2F1/records?since=2026-12-01T10%3A00%3A00Z&page_size=3');
	});

	it('another board takes a new baseline instead of emitting its past', async () => {
		const h = harness();
		kit.fake(['GET', 200, page(['r1'])]);
		await h.poll();
		const other = createPollHarness({
			nodeType: pollNode(feedDefinition()),
			parameters: { boardId: 'b2' },
			credentialTypes: [new ApiConnAcmeTasksApi()],
			credentials: { apiConnAcmeTasksApi: { accessToken: TOKEN } },
			nodeCredentials: { apiConnAcmeTasksApi: { id: 'cred-feed', name: 'Acme Feed' } },
		});
		kit.fake(['GET', 200, page(['x3', 'x2'])]);
		expect(await driveClock(kit.clock, other.poll())).toBeNull();
	});

	it("order 'any': every page is read, the baseline too, and a record is new by its id alone", async () => {
		const h = harness(feedDefinition({ order: 'any' }));
		const base = kit.fake(
			['GET', 200, page(['r1', 'r2', 'r3'], 'bm1')],
			['GET', 200, page(['r4'])],
		);
		expect(await h.poll()).toBeNull();
		expect(base).toHaveLength(2);
		const next = kit.fake(
			['GET', 200, page(['r1', 'r2', 'r3'], 'bm1')],
			['GET', 200, page(['r4', 'r5'])],
		);
		expect(json(await h.poll())).toEqual([rec('r5')]);
		expect(next).toHaveLength(2);
	});

	it('a refused request fails the poll with the engine’s message and keeps the remembered ids', async () => {
		const h = harness();
		kit.fake(['GET', 200, page(['r1'])]);
		await h.poll();
		const before = h.staticData();
		const denied = ['GET', 401, { code: 2, message: 'Authentication failed.' }] as const;
		// The engine's rule for 401: one retry (a token refreshed meanwhile), then the reconnect message.
		const seen = kit.fake([...denied], [...denied]);
		await expect(h.poll()).rejects.toMatchObject({
			httpCode: '401',
			message: 'Acme Feed: 401 Unauthorized – Authentication failed.',
		});
		expect(seen).toHaveLength(2);
		expect(h.staticData()).toEqual(before);
		kit.fake(['GET', 200, page(['r2', 'r1'])]);
		expect(json(await h.poll())).toEqual([rec('r2')]);
	});

	it('a 429 waits (Retry-After) and retries through the engine, then emits', async () => {
		const h = harness();
		kit.fake(['GET', 200, page(['r1'])]);
		await h.poll();
		const start = kit.clock.now();
		const seen = kit.fake(
			['GET', 429, { code: 8, message: 'Too many requests' }, { 'retry-after': '20' }],
			['GET', 200, page(['r2', 'r1'])],
		);
		expect(json(await h.poll())).toEqual([rec('r2')]);
		expect(seen).toHaveLength(2);
		expect(kit.clock.now() - start).toBeGreaterThanOrEqual(20_000);
	});

	it('a record without an id fails the poll, naming the path', async () => {
		const h = harness();
		kit.fake(['GET', 200, { items: [{ title: 'no id' }], bookmark: null }]);
		await expect(h.poll()).rejects.toThrow(
			"A record of Acme Feed has no id at 'id', so the trigger cannot tell whether it is new.",
		);
	});

	describe('poll hooks (changes read from a cursor)', () => {
		/** A feed whose changes come from a cursor: `GET /boards/{id}/records?since=<cursor>` answers `{items, cursor}`. */
		const calls: Array<{ cursor?: IDataObject; manual: boolean; params: IDataObject }> = [];
		const cursorHook: PollHook = async (ctx) => {
			calls.push({
				...(ctx.cursor ? { cursor: ctx.cursor } : {}),
				manual: ctx.manual,
				params: ctx.params,
			});
			const res = await ctx.request({
				method: 'GET',
				baseUrl: ctx.baseUrl,
				path: '/boards/{boardId}/records',
				pathParams: { boardId: String(ctx.params.boardId) },
				qs: ctx.cursor ? { since: String(ctx.cursor.at) } : { sort: 'newest' },
			});
			const body = res.body as { items: IDataObject[]; cursor: string };
			return { records: ctx.cursor || ctx.manual ? body.items : [], cursor: { at: body.cursor } };
		};
		const hooked = (hook = 'cursorHook'): ServiceDefinition => {
			const def = feedDefinition({ hook, params: ['boardId'] });
			return { ...def, hooks: { cursorHook } };
		};

		it('the schema names a poll hook the service does not ship', () => {
			expect(validateService(hooked())).toEqual([]);
			expect(validateService(hooked('missingHook'))).toEqual([
				"acmeFeed: names the hook 'missingHook', which the service does not ship",
			]);
		});

		it('baseline without a cursor, then each poll from the kept cursor; ids still emitted once; manual keeps nothing', async () => {
			calls.length = 0;
			const h = harness(hooked());
			const s1 = kit.fake(['GET', 200, { items: [rec('r1')], cursor: 'c1' }]);
			expect(await h.poll()).toBeNull();
			expect(s1[0].uri).toBe('/v1/boards/b%2F1/records?sort=newest');
			expect(h.staticData().poll).toMatchObject({ seen: [], cursor: { at: 'c1' } });

			const s2 = kit.fake(['GET', 200, { items: [rec('r2'), rec('r3')], cursor: 'c2' }]);
			expect(json(await h.poll())).toEqual([rec('r2'), rec('r3')]);
			expect(s2[0].uri).toBe('/v1/boards/b%2F1/records?since=c1');
			expect(h.staticData().poll).toMatchObject({ seen: ['r2', 'r3'], cursor: { at: 'c2' } });

			// The same record again from an overlapping cursor: not emitted twice.
			kit.fake(['GET', 200, { items: [rec('r3')], cursor: 'c3' }]);
			expect(await h.poll()).toBeNull();
			expect(h.staticData().poll).toMatchObject({ cursor: { at: 'c3' } });

			kit.fake(['GET', 200, { items: [rec('r9')], cursor: 'c9' }]);
			expect(json(await h.poll('manual'))).toEqual([rec('r9')]);
			expect(h.staticData().poll).toMatchObject({ cursor: { at: 'c3' } });

			// A failing poll keeps the cursor.
			kit.fake(['GET', 400, { code: 3, message: 'Bad cursor' }]);
			await expect(h.poll()).rejects.toThrow('Acme Feed: 400 Bad Request');
			expect(h.staticData().poll).toMatchObject({ cursor: { at: 'c3' } });
			expect(calls.map((c) => [c.cursor?.at, c.manual])).toEqual([
				[undefined, false],
				['c1', false],
				['c2', false],
				['c3', true],
				['c3', false],
			]);
			expect(calls[0].params).toEqual({ boardId: 'b/1' });
		});
	});
});
