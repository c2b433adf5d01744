/**
 * No token, key or secret ever reaches the connections store: full workflows with secrets (bearer,
 * OAuth2 with refresh, failing requests whose bodies echo the token, Test, Refresh, Disconnect with
 * revoke), then the SQLite file bytes (and its WAL) are scanned for every secret in every encoding.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import nock from 'nock';

import type { ConnectionsObserver } from '../../lib/connections/observer';
import { useRuntime } from '../../lib/runtime';
import { runNode, type RunNodeResult } from '../harness';
import {
	CHIRP,
	CHIRP_AUTH,
	Chirp,
	SteppingClock,
	TestConnections,
	credentialTypes,
	drive,
	freshObserver,
	useTestServices,
} from '../unit/connections/fixtures';

const START = Date.parse('2026-06-01T07:00:00Z');
const SECRETS = [
	'chirp_tok_SECRET_bearer_111',
	'chirp_tok_SECRET_other_222',
	'chirp_at_SECRET_old_333',
	'chirp_rt_SECRET_old_444',
	'chirp_at_SECRET_new_555',
	'chirp_rt_SECRET_new_666',
	'chirp-client-SECRET-777',
];

let clock: SteppingClock;
let observer: ConnectionsObserver;
let file: string;

beforeAll(() => nock.disableNetConnect());
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

function bytesOfStore(): Buffer {
	const dir = dirname(file);
	return Buffer.concat(readdirSync(dir).map((name) => readFileSync(join(dir, name))));
}

function expectClean(bytes: Buffer): void {
	const text = bytes.toString('latin1');
	for (const secret of SECRETS) {
		for (const form of [
			secret,
			Buffer.from(secret).toString('base64'),
			encodeURIComponent(secret),
			Buffer.from(`chirp-client-1:${secret}`).toString('base64'),
		]) {
			expect({ secret: form, found: text.includes(form) }).toEqual({ secret: form, found: false });
		}
	}
}

it('workflows, logs, audits and the Connections node leave no secret in the store file', async () => {
	useTestServices();
	clock = new SteppingClock(START);
	({ observer, file } = freshObserver());
	useRuntime({ clock, random: () => 0.5, observers: [observer] });
	jest.spyOn(Date, 'now').mockImplementation(() => clock.now());

	const run = (
		type: 'chirpApi' | 'chirpOAuth2Api',
		id: string,
		data: Record<string, unknown>,
		postId = 'p1',
	): Promise<RunNodeResult> =>
		drive(
			clock,
			runNode({
				nodeTypes: [new Chirp()],
				credentialTypes: credentialTypes(),
				node: {
					type: 'chirp',
					parameters: { authentication: type, resource: 'post', operation: 'get', postId },
					credentials: { [type]: { id, name: `Chirp ${id}` } },
				},
				credentials: { [type]: data as never },
			}),
		);
	const node = (
		parameters: Record<string, unknown>,
		type?: string,
		id?: string,
		data?: Record<string, unknown>,
	): Promise<RunNodeResult> =>
		drive(
			clock,
			runNode({
				nodeTypes: [new TestConnections()],
				credentialTypes: credentialTypes(),
				node: {
					type: 'connections',
					typeVersion: 1,
					parameters: { ...(type ? { authentication: type } : {}), ...parameters } as never,
					...(type ? { credentials: { [type]: { id: id!, name: `Chirp ${id}` } } } : {}),
				},
				credentials: type ? { [type]: data as never } : {},
			}),
		);
	const oauth = {
		clientId: 'chirp-client-1',
		clientSecret: 'chirp-client-SECRET-777',
		scope: 'read post',
		oauthTokenData: {
			access_token: 'chirp_at_SECRET_old_333',
			refresh_token: 'chirp_rt_SECRET_old_444',
			token_type: 'Bearer',
			expires_in: 3600,
			n8n_expires_at: String(START + 60_000),
		},
	};

	// OAuth2: bound, refreshed proactively (the token endpoint gets the refresh token and client secret), then used.
	nock(CHIRP_AUTH).persist().post('/token').reply(200, {
		access_token: 'chirp_at_SECRET_new_555',
		refresh_token: 'chirp_rt_SECRET_new_666',
		token_type: 'Bearer',
		expires_in: 3600,
	});
	nock(CHIRP).get('/v2/me').reply(200, { username: '@brand' });
	nock(CHIRP).get('/v2/posts/p1').reply(200, { id: 'p1' });
	expect((await run('chirpOAuth2Api', 'o1', oauth)).error).toBeUndefined();

	// Failures whose bodies echo tokens: retried, then final (error log entries, last error).
	nock(CHIRP)
		.get('/v2/posts/bad')
		.times(3)
		.reply(503, {
			error: { message: 'Bad token chirp_at_SECRET_old_333 for chirp_rt_SECRET_old_444' },
		});
	nock(CHIRP)
		.get('/v2/posts/gone')
		.reply(400, { error: { message: 'Bad token chirp_at_SECRET_new_555' } });
	const failed = await run('chirpOAuth2Api', 'o1', oauth, 'bad');
	expect(failed.error?.message).toBe(
		'Chirp: 503 Service Unavailable – Bad token [redacted] for [redacted]',
	);
	expect((await run('chirpOAuth2Api', 'o1', oauth, 'gone')).error).toMatchObject({
		httpCode: '400',
	});

	// A bearer credential of the same service: refused by the rule (its name is stored, never its token).
	expect(
		(await run('chirpApi', 'b2', { accessToken: 'chirp_tok_SECRET_other_222' })).error?.message,
	).toContain('Only one Chirp connection allowed per workspace');

	// Connections node: Test (a 401 echoing the token), Refresh, Get Status, logs, Disconnect with revoke.
	nock(CHIRP)
		.get('/v2/me')
		.times(2)
		.reply(401, { error: { message: 'Unknown token chirp_tok_SECRET_bearer_111' } });
	const test = await node(
		{ resource: 'connection', operation: 'test', service: 'chirp' },
		'chirpApi',
		'b1',
		{ accessToken: 'chirp_tok_SECRET_bearer_111' },
	);
	expect(test.outputs[0][0].json).toMatchObject({
		ok: false,
		status: 401,
		message: 'Chirp: 401 Unauthorized – Unknown token [redacted]',
	});
	expect(
		(
			await node(
				{ resource: 'connection', operation: 'refresh', service: 'chirp' },
				'chirpOAuth2Api',
				'o1',
				oauth,
			)
		).error,
	).toBeUndefined();
	expect(
		(await node({ resource: 'connection', operation: 'getStatus', service: '__all' })).outputs[0],
	).toHaveLength(1);
	expect(
		(await node({ resource: 'log', operation: 'getErrorLog', service: '__all', limit: 100 }))
			.outputs[0].length,
	).toBeGreaterThan(3);
	await observer.usage.flush();
	expectClean(bytesOfStore());

	const revoke = nock(CHIRP_AUTH)
		.post('/oauth/revoke', 'token=chirp_at_SECRET_old_333')
		.reply(400, { error: 'invalid_token chirp_at_SECRET_old_333' });
	const out = await node(
		{ resource: 'connection', operation: 'disconnect', service: 'chirp' },
		'chirpOAuth2Api',
		'o1',
		oauth,
	);
	expect(revoke.isDone()).toBe(true);
	expect(out.outputs[0][0].json).toMatchObject({
		disconnected: true,
		revoked: false,
		revokeMessage: 'Revoking at Chirp failed: Chirp: 400 Bad Request – invalid_token [redacted]',
	});

	// Everything written, file closed (WAL checkpointed), bytes scanned.
	await observer.close();
	const bytes = bytesOfStore();
	expect(bytes.toString('latin1')).toContain('Chirp o1');
	expectClean(bytes);
	jest.restoreAllMocks();
});
