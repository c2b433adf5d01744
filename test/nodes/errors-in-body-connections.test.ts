/**
 * Errors reported inside a 200 answer reach the connections features as failures: the usage log counts them
 * against the success rate, the error log keeps them, and an `auth` code shows the connection as expired
 * (to reconnect) on the Connections node's dashboard.
 */
import nock from 'nock';

import type { ServiceSpec } from '../../lib/spec/types';
import type { ConnectionsObserver } from '../../lib/connections/observer';
import { useRuntime } from '../../lib/runtime';
import { Connections } from '../../nodes/Connections/Connections.node';
import { credentialsFor, propertiesFor } from '../../nodes/Connections/description';
import { Chatdesk, ChatdeskApi, CHATDESK_BASE, chatdesk } from '../fixtures/chatdesk';
import { runNode, type RunNodeResult } from '../harness';
import { drive, freshObserver, SteppingClock } from '../unit/connections/fixtures';

const START = Date.parse('2026-05-04T08:00:00Z');
const TOKEN = 'xoxb-1111-2222-abcdefghijklmnop';
const CRED = { id: 'cred-chat', name: 'Chatdesk bot' };
let clock: SteppingClock;
let observer: ConnectionsObserver;

class ChatConnections extends Connections {
	constructor() {
		super();
		const specs = [chatdesk.spec as ServiceSpec];
		this.description = {
			...this.description,
			credentials: credentialsFor(specs),
			properties: propertiesFor(specs),
		};
	}
}

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	clock = new SteppingClock(START);
	({ observer } = freshObserver());
	useRuntime({
		clock,
		random: () => 0.5,
		observers: [observer],
		services: [chatdesk.spec as ServiceSpec],
	});
});
afterEach(async () => {
	nock.cleanAll();
	await observer.close();
});
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

function post(): Promise<RunNodeResult> {
	return drive(
		clock,
		runNode({
			nodeTypes: [new Chatdesk()],
			credentialTypes: [new ChatdeskApi()],
			credentials: { chatdeskApi: { accessToken: TOKEN } },
			node: {
				type: 'chatdesk',
				parameters: { resource: 'message', operation: 'post', channel: 'C1', text: 'Hi' },
				credentials: { chatdeskApi: CRED },
			},
		}),
	);
}

async function dashboard(operation = 'getStatus') {
	const res = await drive(
		clock,
		runNode({
			nodeTypes: [new ChatConnections()],
			credentialTypes: [new ChatdeskApi()],
			node: {
				type: 'connections',
				parameters: { resource: 'connection', operation, service: 'chatdesk' } as never,
			},
			workflowId: 'wf-admin',
		}),
	);
	expect(res.error).toBeUndefined();
	return res.outputs[0].map((i) => i.json);
}

it('a permanent reported error counts as a failed call and is in the error log; the connection shows "error"', async () => {
	nock(CHATDESK_BASE).post('/chat.postMessage').reply(200, { ok: true, ts: '1.0' });
	nock(CHATDESK_BASE).post('/chat.postMessage').reply(200, { ok: false, error: 'not_in_channel' });
	expect((await post()).error).toBeUndefined();
	await clock.advance(60_000);
	expect((await post()).error?.message).toBe('Chatdesk: not_in_channel');
	const [status] = await dashboard();
	expect(status).toMatchObject({
		serviceId: 'chatdesk',
		credential: 'Chatdesk bot',
		status: 'error',
		calls24h: 2,
		successRate: 50,
		lastError:
			'not_in_channel reported in an HTTP 200 answer: sending the same request again cannot succeed',
	});
});

it('an auth code (token_revoked) shows the connection as expired, to reconnect', async () => {
	nock(CHATDESK_BASE).post('/chat.postMessage').reply(200, { ok: false, error: 'token_revoked' });
	expect((await post()).error?.message).toBe('Chatdesk: token_revoked');
	const [status] = await dashboard();
	expect(status).toMatchObject({ serviceId: 'chatdesk', status: 'expired', successRate: 0 });
});
