/** A webhook renewal record of an Airtable trigger, for the registry tests (SQLite and Redis). */
import type { SubscriptionRecord } from '../../lib/webhooks/subscriptions';

export const subscriptionRecord = (key: string, expiresAt: number): SubscriptionRecord => ({
	key,
	serviceId: 'airtable',
	workflowId: 'wf-1',
	nodeName: 'Airtable Trigger',
	credentialType: 'apiConnAirtableApi',
	credentialId: 'cred-1',
	credentialName: 'Airtable PAT',
	hookId: 'achHqtKEJLnNRxOyB',
	values: { baseId: 'appY3WxIBCdKAzzAK' },
	expiresAt,
});
