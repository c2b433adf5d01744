/** Each trigger hook slot has one hook name in every service, so a reader finds the same function everywhere. */
import { services } from '../../nodes/services';

const SLOT_NAMES = {
	checkExists: 'webhookExists',
	create: 'webhookCreate',
	delete: 'webhookDelete',
	handshake: 'webhookHandshake',
	deliver: 'webhookDeliver',
};

it.each(services.filter((s) => s.spec.webhook?.hooks).map((s) => [s.spec.id, s] as const))(
	'%s names its trigger hooks after their slots',
	(_id, def) => {
		const hooks = def.spec.webhook?.hooks ?? {};
		for (const [slot, name] of Object.entries(hooks))
			expect([slot, name]).toEqual([slot, SLOT_NAMES[slot as keyof typeof SLOT_NAMES]]);
	},
);
