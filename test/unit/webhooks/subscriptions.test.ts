/**
 * The list of webhook registrations that expire (lib/webhooks/subscriptions.ts): SQLite beside the replay store,
 * shared by two handles on the same file (two processes of one instance), replaced by key, removed by key.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	RedisSubscriptionRegistry,
	SqliteSubscriptionRegistry,
	sharedSubscriptions,
	useSubscriptions,
} from '../../../lib/webhooks/subscriptions';
import { subscriptionRecord } from '../../helpers/subscription-record';

describe('SqliteSubscriptionRegistry', () => {
	it('two handles on one file see the same records; put replaces by key; remove forgets', async () => {
		const file = join(
			mkdtempSync(join(tmpdir(), 'subs-')),
			'.n8n',
			'api-connections-webhooks.sqlite',
		);
		const a = new SqliteSubscriptionRegistry(file);
		const b = new SqliteSubscriptionRegistry(file);
		await a.put(subscriptionRecord('wf-1:n:production', 1));
		await a.put(subscriptionRecord('wf-1:n:test', 2));
		await b.put(subscriptionRecord('wf-1:n:production', 3));
		expect(await a.list()).toEqual([
			subscriptionRecord('wf-1:n:production', 3),
			subscriptionRecord('wf-1:n:test', 2),
		]);
		await b.remove('wf-1:n:test');
		expect(await a.list()).toEqual([subscriptionRecord('wf-1:n:production', 3)]);
		a.close();
		b.close();
	});

	it('SQLite in the n8n user folder by default, Redis in queue mode (without connecting)', () => {
		const folder = mkdtempSync(join(tmpdir(), 'subs-env-'));
		useSubscriptions(undefined);
		const plain = sharedSubscriptions({ N8N_USER_FOLDER: folder });
		expect(plain).toBeInstanceOf(SqliteSubscriptionRegistry);
		expect(plain.location).toBe(join(folder, '.n8n', 'api-connections-webhooks.sqlite'));
		useSubscriptions(undefined);
		const queue = sharedSubscriptions({
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: 'redis.internal',
			QUEUE_BULL_REDIS_PORT: '6380',
		});
		expect(queue).toBeInstanceOf(RedisSubscriptionRegistry);
		useSubscriptions(undefined);
	});
});
