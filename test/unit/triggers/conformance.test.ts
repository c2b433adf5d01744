/** Every service with a webhook section gets a trigger that n8n and its community lint accept. */
import { buildTriggerDescription } from '../../../lib/triggers';
import { services } from '../../../nodes/services';

const withWebhooks = services.filter((s) => s.spec.webhook);

it('at least one shipped service has a trigger', () => {
	expect(withWebhooks.length).toBeGreaterThan(0);
});

it.each(withWebhooks.map((s) => [s.spec.id, s] as const))('%s: trigger conventions', (_id, def) => {
	const d = buildTriggerDescription(def, {
		icon: { light: 'file:a.svg', dark: 'file:a.dark.svg' },
	});
	expect(d.name).toBe(`${def.spec.id}Trigger`);
	expect(d.displayName).toContain('Trigger');
	expect([d.group, d.inputs, d.usableAsTool]).toEqual([['trigger'], [], undefined]);
	expect(d.subtitle).toEqual(expect.any(String));
	expect(d.webhooks?.find((w) => w.name === 'default')).toMatchObject({ httpMethod: 'POST' });
	const events = d.properties.find((p) => p.name === 'events');
	expect(events?.options?.length).toBeGreaterThan(0);
	// Every credential the node offers is one of the spec's auth kinds.
	expect(d.credentials?.map((c) => c.name)).toEqual(def.spec.auth.map((a) => a.credentialType));
});
