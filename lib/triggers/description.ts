/**
 * Trigger node description from a service spec: credentials, the webhooks n8n serves (a POST for
 * deliveries, plus an unsigned setup webhook where the service does a GET/HEAD handshake), the
 * spec's trigger fields and an Events selector.
 */
import {
	NodeConnectionTypes,
	type INodeProperties,
	type INodeTypeDescription,
	type IWebhookDescription,
} from 'n8n-workflow';

import {
	authenticationFields,
	credentialSlots,
	fieldFor,
	versionCondition,
	versionFields,
} from '../builder/description';
import type { ServiceDefinition, TriggerParamSpec, WebhookSpec } from '../spec/types';
import { isPublicKeyScheme } from '../webhooks/scheme';
import { NOTIFICATION_URL_FIELD, variantOf } from './common';

export interface TriggerLook {
	icon: INodeTypeDescription['icon'];
	/** Node type name; defaults to `<spec id>Trigger`. */
	name?: string;
	/** Defaults to `<service> Trigger`. */
	displayName?: string;
	description?: string;
}

/** Path n8n serves both webhooks on (the setup webhook shares it, as the service calls one URL). */
export const TRIGGER_WEBHOOK_PATH = 'webhook';

/** The spec's webhook section, or a clear error for a service that has none. */
export function webhookOf(def: ServiceDefinition): WebhookSpec {
	const webhook = def.spec.webhook;
	if (!webhook)
		throw new Error(`The service '${def.spec.id}' declares no webhook, so it has no trigger.`);
	return webhook;
}

function triggerField(p: TriggerParamSpec, versions: number[]): INodeProperties {
	const field = fieldFor({ ...p, in: 'query' });
	const when = p.showWhen
		? { ...versionCondition(p, versions), ...p.showWhen }
		: versionCondition(p, versions);
	return {
		...field,
		...(p.required ? { required: true } : {}),
		...(when ? { displayOptions: { show: when } } : {}),
	};
}

/**
 * The trigger's own signing secret field. A `show` handshake brings the secret to the user (who pastes it here),
 * so the field may be empty until then: it is not required, and deliveries are rejected while it is empty.
 */
function secretField(service: string, webhook: WebhookSpec): INodeProperties {
	const label = webhook.secretLabel ?? 'Signing Secret';
	const shown = (webhook.handshakes ?? []).find((h) => h.answer.type === 'show');
	return {
		displayName: label,
		name: 'signingSecret',
		type: 'string',
		typeOptions: { password: true },
		...(shown ? {} : { required: true }),
		default: '',
		description: shown
			? `The ${label.toLowerCase()} ${service} signs deliveries with. Leave it empty until ${service} verifies the URL: the trigger then runs once with the ${label.toLowerCase()} in its output; paste it here and in ${service}. Deliveries are rejected (401) while it is empty.`
			: `The secret ${service} signs deliveries with. Deliveries are rejected (401) while it is empty.`,
	};
}

export function buildTriggerDescription(
	def: ServiceDefinition,
	look: TriggerLook,
): INodeTypeDescription {
	const { spec } = def;
	const webhook = webhookOf(def);
	const displayName = look.displayName ?? `${spec.displayName} Trigger`;
	const properties: INodeProperties[] = [];

	properties.push(...authenticationFields(spec));
	// A field that only some credential types' webhooks have is shown for those (`byAuth`).
	const types = spec.auth.map((a) => a.credentialType);
	const whereTypes = (holds: (w: WebhookSpec) => boolean) => {
		const shown = types.filter((t) => holds(variantOf(webhook, t)));
		return shown.length === types.length || types.length < 2
			? {}
			: { displayOptions: { show: { authentication: shown } } };
	};
	const manual = variantOf(webhook, types[0]);
	const manualTypes = whereTypes((w) => w.register === 'manual');
	if (types.some((t) => variantOf(webhook, t).register === 'manual')) {
		const w =
			types.map((t) => variantOf(webhook, t)).find((v) => v.register === 'manual') ?? manual;
		properties.push({
			displayName: `Copy this node's Production URL into ${spec.displayName}'s webhook settings, pick the same events there, and paste the ${(w.secretLabel ?? 'signing secret').toLowerCase()} ${w.secretCredentialField ? 'into the credential' : 'below'}.`,
			name: 'registrationNotice',
			type: 'notice',
			default: '',
			...manualTypes,
		});
	}
	// The trigger node has its own versions (the webhook's), apart from the action node's.
	const versions = webhook.versions ?? [1];
	properties.push(...(webhook.params ?? []).map((p) => triggerField(p, versions)));
	for (const [type, variant] of Object.entries(webhook.byAuth ?? {}))
		for (const p of variant.params ?? []) {
			const field = triggerField(p, versions);
			properties.push({
				...field,
				displayOptions: {
					show: { ...(field.displayOptions?.show ?? {}), authentication: [type] },
				},
			});
		}
	properties.push({
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		// The service's own order ("every event" first), not alphabetical: tests pin it.
		options: webhook.events.map((e) => ({
			name: e.name,
			value: e.value,
			...(e.description ? { description: e.description } : {}),
		})),
		default: webhook.defaultEvents ?? [],
		description:
			(webhook.allEvents
				? `The events that start the workflow; other deliveries are acknowledged and ignored. Choose '${webhook.events.find((e) => e.value === webhook.allEvents)?.name}' for every event.`
				: 'The events that start the workflow; other deliveries are acknowledged and ignored') +
			(webhook.eventsNote ? ` ${webhook.eventsNote}` : ''),
	});
	const pasted = (w: WebhookSpec) =>
		w.register === 'manual' && !w.secretCredentialField && Boolean(w.signature);
	const signed = types.map((t) => variantOf(webhook, t)).find(pasted);
	if (signed?.signature) {
		const only = whereTypes(pasted);
		properties.push(
			isPublicKeyScheme(signed.signature)
				? {
						// A public key is no secret, and a PEM block spans lines.
						displayName: 'Verification Key',
						name: 'signingSecret',
						type: 'string',
						typeOptions: { rows: 4 },
						required: true,
						default: '',
						placeholder: '-----BEGIN PUBLIC KEY-----',
						description: `The public key ${spec.displayName} gives you to verify deliveries (PEM, or its base64 body). Deliveries are rejected (401) while it is empty.`,
						...only,
					}
				: { ...secretField(spec.displayName, signed), ...only },
		);
	}

	if (webhook.notificationUrlField) {
		properties.push({
			displayName: 'Notification URL',
			name: NOTIFICATION_URL_FIELD,
			type: 'string',
			default: '',
			placeholder: 'https://n8n.example.com/webhook/…',
			description: `Only when the URL you gave ${spec.displayName} is not this node's Production URL (a proxy that rewrites the path): that exact URL, which ${spec.displayName} signs. Empty: this node's URL (set n8n's WEBHOOK_URL to its public address).`,
		});
	}

	const webhooks: IWebhookDescription[] = [
		{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: TRIGGER_WEBHOOK_PATH },
	];
	if (webhook.setupMethod) {
		webhooks.unshift({
			name: 'setup',
			httpMethod: webhook.setupMethod,
			responseMode: 'onReceived',
			path: TRIGGER_WEBHOOK_PATH,
		});
	}

	return {
		displayName,
		name: look.name ?? `${spec.id}Trigger`,
		icon: look.icon,
		group: ['trigger'],
		...versionFields(versions),
		subtitle: '={{"Events: " + ([].concat($parameter["events"] || [])).join(", ")}}',
		description:
			look.description ?? `Starts the workflow when ${spec.displayName} sends a webhook event`,
		defaults: { name: displayName },
		eventTriggerDescription: `Waiting for you to trigger an event in ${spec.displayName}`,
		activationMessage: `${spec.displayName} now sends the selected events to this workflow.`,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialSlots(spec),
		webhooks,
		properties,
	};
}
