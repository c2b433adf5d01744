/**
 * The three connections features on their own: the workspace rule, the token keeper and the usage log
 * (the connections observer composes them; test/unit/connections/observer.test.ts covers the whole).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { ConnectionsObserver, CredentialRef } from '../../../lib/connections/observer';
import { createRuntime } from '../../../lib/runtime';
import type { RequestEvent } from '../../../lib/transport/observer';
import { FakeClock } from '../../helpers/fake-clock';
import { freshObserver, useTestServices } from './fixtures';

const T0 = Date.parse('2026-02-02T12:30:00Z');
const HOUR = 3_600_000;

let observer: ConnectionsObserver;
beforeEach(() => {
	useTestServices();
	({ observer } = freshObserver({ clock: new FakeClock(T0) }));
});
afterEach(async () => await observer.close());

function fakeFn(
	credentialId: string,
	stored: { oauthTokenData: Record<string, unknown> } = { oauthTokenData: {} },
	refresh = async () => {},
): IExecuteFunctions {
	return {
		getNode: () => ({
			name: 'Chirp',
			credentials: { chirpOAuth2Api: { id: credentialId, name: `Chirp ${credentialId}` } },
		}),
		getCredentials: async () => structuredClone(stored),
		getInstanceId: () => 'i1',
		getWorkflow: () => ({ id: 'wf' }),
		getExecutionId: () => 'ex',
		helpers: { refreshOAuth2Token: refresh },
		logger: { warn: () => {} },
	} as unknown as IExecuteFunctions;
}

const event = (fn: IExecuteFunctions): RequestEvent => ({
	engine: createRuntime({ observers: [] }),
	fn,
	itemIndex: 0,
	serviceId: 'chirp',
	serviceName: 'Chirp',
	family: 'chirp',
	credentialType: 'chirpOAuth2Api',
	key: { service: 'chirp', connection: 'chirpOAuth2Api:c1' },
	method: 'GET',
	endpoint: '/posts/{postId}',
});
const cred = (id: string): CredentialRef => ({ type: 'chirpOAuth2Api', id, name: `Chirp ${id}` });

describe('workspace rule', () => {
	it('the first credential claims the service type; another one is stopped by the check, before anything is sent', async () => {
		const info = { ...observer.catalog.get('chirp')!, account: undefined };
		const ws = observer.workspace(fakeFn('c1'));
		expect(await observer.rule.check(event(fakeFn('c1')), ws, cred('c1'), info)).toBeUndefined();
		await observer.rule.claim(event(fakeFn('c1')), ws, cred('c1'), info, undefined);
		expect((await observer.store().getBinding(ws.key, 'chirp'))?.credentialId).toBe('c1');
		// The binding credential passes; another one fails with the rule's message.
		expect(
			(await observer.rule.check(event(fakeFn('c1')), ws, cred('c1'), info))?.credentialId,
		).toBe('c1');
		await expect(observer.rule.check(event(fakeFn('c2')), ws, cred('c2'), info)).rejects.toThrow(
			/^Only one Chirp connection allowed per workspace/,
		);
	});
});

describe('token keeper', () => {
	it('refreshes a token within the margin once, notes its new expiry, and leaves one far from expiry alone', async () => {
		const stored = {
			oauthTokenData: {
				access_token: 'old_token_1',
				refresh_token: 'rt_1',
				n8n_expires_at: String(T0 + 60_000),
			},
		};
		let refreshes = 0;
		const fn = fakeFn('c1', stored, async () => {
			refreshes++;
			stored.oauthTokenData = {
				access_token: 'new_token_2',
				refresh_token: 'rt_2',
				n8n_expires_at: String(T0 + HOUR),
			};
		});
		expect(observer.tokens.expiryOf('c1')).toBeUndefined();
		await observer.tokens.refreshIfExpiring(event(fn), cred('c1'));
		expect(refreshes).toBe(1);
		expect(observer.tokens.expiryOf('c1')).toBe(T0 + HOUR);
		await observer.tokens.refreshIfExpiring(event(fn), cred('c1'));
		expect(refreshes).toBe(1);
	});
});

describe('usage log', () => {
	it('counts attempts with a credential (not cache hits), and keeps error-log entries', async () => {
		const fn = fakeFn('c1');
		observer.log.afterAttempt(event(fn), { status: 200, ok: true, durationMs: 0, cached: true });
		observer.log.afterAttempt(event(fn), { status: 500, ok: false, durationMs: 3 });
		expect(observer.usage.pendingCount).toBe(1);
		observer.log.entry(event(fn), cred('c1'), 'the token could not be renewed', 'warning');
		await observer.usage.flush();
		const errors = await observer.store().queryErrors({ workspace: 'instance:i1' });
		expect(errors.map((e) => [e.kind, e.message])).toEqual([
			['warning', 'the token could not be renewed'],
		]);
	});
});
