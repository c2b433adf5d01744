/**
 * The Connections node's two versions at run time: version 2 (new nodes) reads each service's own
 * Authentication field (`<service>Authentication`), version 1 (saved workflows) still reads the shared
 * `authentication` field; in both, a kind of credential of another service is refused before anything is sent.
 */
import nock from 'nock';

import type { ConnectionsObserver } from '../../lib/connections/observer';
import { useRuntime } from '../../lib/runtime';
import { runNode, type RunNodeResult } from '../harness';
import {
	CHIRP,
	SteppingClock,
	TestConnections,
	chirpOAuth,
	credentialTypes,
	drive,
	freshObserver,
	useTestServices,
} from '../unit/connections/fixtures';

const START = Date.parse('2026-05-04T08:00:00Z');
let clock: SteppingClock;
let observer: ConnectionsObserver;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	useTestServices();
	clock = new SteppingClock(START);
	({ observer } = freshObserver());
	useRuntime({ clock, random: () => 0.5, observers: [observer] });
	jest.spyOn(Date, 'now').mockImplementation(() => clock.now());
});
afterEach(async () => {
	jest.restoreAllMocks();
	nock.cleanAll();
	await observer.close();
});
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

const OAUTH = {
	id: 'cred-o',
	name: 'Chirp OAuth',
	data: chirpOAuth({
		access: 'chirp_at_V_1',
		refresh: 'chirp_rt_V_1',
		expiresAt: START + 3_600_000,
	}),
};
const REST = { id: 'cred-r', name: 'Any REST key', data: { accessToken: 'rest_tok_SECRET_9' } };

function run(
	typeVersion: number,
	parameters: Record<string, unknown>,
	type: string,
	cred: { id: string; name: string; data: Record<string, unknown> },
): Promise<RunNodeResult> {
	return drive(
		clock,
		runNode({
			nodeTypes: [new TestConnections()],
			credentialTypes: credentialTypes(),
			node: {
				type: 'connections',
				typeVersion,
				parameters: parameters as never,
				credentials: { [type]: { id: cred.id, name: cred.name } },
			},
			credentials: { [type]: cred.data as never },
			workflowId: 'wf-admin',
		}),
	);
}

const testOk = {
	service: 'Chirp',
	credential: 'Chirp OAuth',
	endpoint: 'GET /me',
	ok: true,
	status: 200,
	responseTimeMs: 0,
	message: 'Connection successful',
};

describe('Connections node versions', () => {
	it('new nodes are version 2', () => {
		expect(new TestConnections().description).toMatchObject({ version: [1, 2], defaultVersion: 2 });
	});

	it("version 2: Test uses the kind chosen in the service's own Authentication field (OAuth2)", async () => {
		const me = nock(CHIRP)
			.get('/v2/me')
			.matchHeader('authorization', 'Bearer chirp_at_V_1')
			.reply(200, { username: '@oauth' });
		const res = await run(
			2,
			{
				resource: 'connection',
				operation: 'test',
				service: 'chirp',
				chirpAuthentication: 'chirpOAuth2Api',
			},
			'chirpOAuth2Api',
			OAUTH,
		);
		expect(res.error).toBeUndefined();
		expect(me.isDone()).toBe(true);
		expect(res.outputs[0].map((i) => i.json)).toEqual([testOk]);
	});

	it('version 1 (a saved workflow): Service + the shared Authentication field still run', async () => {
		const me = nock(CHIRP)
			.get('/v2/me')
			.matchHeader('authorization', 'Bearer chirp_at_V_1')
			.reply(200, { username: '@oauth' });
		const res = await run(
			1,
			{
				resource: 'connection',
				operation: 'test',
				service: 'chirp',
				authentication: 'chirpOAuth2Api',
			},
			'chirpOAuth2Api',
			OAUTH,
		);
		expect(res.error).toBeUndefined();
		expect(me.isDone()).toBe(true);
		expect(res.outputs[0].map((i) => i.json)).toEqual([testOk]);
	});

	it.each([
		[1, { authentication: 'anyRestApi' }],
		[2, { chirpAuthentication: 'anyRestApi' }],
	])(
		'version %s: a kind of credential of another service is refused and its secret goes nowhere',
		async (typeVersion, choice) => {
			const chirp = nock(CHIRP).get('/v2/me').reply(200, { username: '@stolen' });
			const rest = nock('https://rest.example.test').get('/').reply(200, {});
			const res = await run(
				typeVersion,
				{ resource: 'connection', operation: 'test', service: 'chirp', ...choice },
				'anyRestApi',
				REST,
			);
			expect(chirp.isDone()).toBe(false);
			expect(rest.isDone()).toBe(false);
			expect(res.outputs).toEqual([]);
			expect(res.error?.message).toBe(
				"The Authentication choice 'anyRestApi' is not a kind of Chirp credential.",
			);
			expect((res.error as { description?: string }).description).toBe(
				`Pick one of 'Access Token', 'OAuth2' under "Authentication", then the Chirp credential in the node's credential field.`,
			);
			expect(JSON.stringify(res.error)).not.toContain('rest_tok_SECRET_9');
		},
	);
});
