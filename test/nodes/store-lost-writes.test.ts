/**
 * Issue 10 item 15: usage counts and error-log entries a failed store write loses are reported in n8n's
 * log (at once) and in the metadata of the next item the engine outputs, never dropped silently.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import nock from 'nock';
import { LoggerProxy } from 'n8n-workflow';

import type { ConnectionsObserver } from '../../lib/connections/observer';
import { SqliteConnectionStore } from '../../lib/connections/sqlite-store';
import { ConnectionStoreError } from '../../lib/connections/store';
import { useRuntime } from '../../lib/runtime';
import { runNode, type RunNodeOptions } from '../harness';
import {
	AnyRest,
	credentialTypes,
	freshObserver,
	useTestServices,
	tempDir,
} from '../unit/connections/fixtures';

const REST = 'https://rest.example.test';
const warnings: string[] = [];
let observer: ConnectionsObserver;

/** A store whose usage writes fail the way a full disk does. */
class FailingWrites extends SqliteConnectionStore {
	async applyUsage(): Promise<void> {
		throw new ConnectionStoreError(
			'The connections store /srv/n8n/.n8n/api-connections.sqlite failed (database or disk is full).',
			'/srv/n8n/.n8n/api-connections.sqlite',
			'Free disk space.',
		);
	}
}

beforeAll(() => {
	nock.disableNetConnect();
	useTestServices();
	// n8n's Logger points LoggerProxy at itself when first created: create it first, then listen.
	Container.get(Logger);
	LoggerProxy.init({
		error: () => {},
		warn: (m: string) => warnings.push(m),
		info: () => {},
		debug: () => {},
	} as never);
});
beforeEach(() => {
	warnings.length = 0;
	({ observer } = freshObserver({
		store: new FailingWrites(`${tempDir()}/api-connections.sqlite`),
		usage: { maxPending: 1, flushOnExit: false },
	}));
	useRuntime({ observers: [observer] });
});
afterEach(async () => {
	nock.cleanAll();
	await observer.close();
});
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

const run = (extra: Partial<RunNodeOptions['node']> = {}) =>
	runNode({
		nodeTypes: [new AnyRest()],
		credentialTypes: credentialTypes(),
		node: { type: 'anyRest', parameters: { resource: 'thing', operation: 'get' }, ...extra },
		credentials: { anyRestApi: { accessToken: 'rest_tok_123456' } },
	});

it("a failed write is warned in n8n's log at once and reported in the next item's metadata", async () => {
	nock(REST).get('/things').reply(404, { message: 'no such thing' });
	const failed = await run({ continueOnFail: true });
	const cause =
		'The connections store /srv/n8n/.n8n/api-connections.sqlite failed (database or disk is full). Free disk space.';
	expect(failed.outputs[0]).toEqual([
		{
			json: {
				error: 'Any REST: 404 Not Found – no such thing',
				description: expect.any(String) as string,
			},
			pairedItem: { item: 0 },
		},
	]);
	// The request's count, then its error-log entry, each lost in its own write, each warned.
	expect(warnings).toEqual([
		`The connections store could not save the usage of 1 request(s) and 0 error-log entries; they are lost. ${cause}`,
		`The connections store could not save the usage of 0 request(s) and 1 error-log entry; they are lost. ${cause}`,
	]);

	// The next execution's item carries the report of what was lost before it.
	nock(REST).get('/things').reply(200, { id: 't2' });
	const next = await run();
	expect(next.outputs[0]).toEqual([
		{
			json: { id: 't2' },
			pairedItem: { item: 0 },
			connectionsStore: {
				lostWrites: {
					requests: 1,
					errorLogEntries: 1,
					message: `The connections store could not save the usage of 1 request(s) and 1 error-log entry; they are lost. ${cause}`,
				},
			},
		},
	]);
	// Its own count is lost too, warned at once, and reported by the item after it.
	expect(warnings.slice(2)).toEqual([
		`The connections store could not save the usage of 1 request(s) and 0 error-log entries; they are lost. ${cause}`,
	]);
	nock(REST).get('/things').reply(200, { id: 't3' });
	expect((await run()).outputs[0][0].connectionsStore).toEqual({
		lostWrites: {
			requests: 1,
			errorLogEntries: 0,
			message: `The connections store could not save the usage of 1 request(s) and 0 error-log entries; they are lost. ${cause}`,
		},
	});
});

it('writes that succeed add nothing to the items', async () => {
	const ok = freshObserver({ usage: { maxPending: 1, flushOnExit: false } });
	useRuntime({ observers: [ok.observer] });
	nock(REST).get('/things').reply(200, { id: 't1' });
	const res = await run();
	await ok.observer.close();
	expect(res.outputs[0]).toEqual([{ json: { id: 't1' }, pairedItem: { item: 0 } }]);
	expect(warnings).toEqual([]);
});
