import { validateService } from '../../../lib/spec/schema';
import type { ServiceDefinition } from '../../../lib/spec/types';
import { buildTriggerDescription } from '../../../lib/triggers';
import { hookshop, hookshopVariant } from '../../fixtures/hookshop';

const icon = { light: 'file:hookshop.svg', dark: 'file:hookshop.dark.svg' } as const;

describe('buildTriggerDescription', () => {
	it('builds the trigger node of an API-registered, signed service', () => {
		const d = buildTriggerDescription(hookshop, { icon });
		expect(d).toMatchObject({
			displayName: 'Hookshop Trigger',
			name: 'hookshopTrigger',
			icon,
			group: ['trigger'],
			version: 1,
			subtitle: '={{"Events: " + ([].concat($parameter["events"] || [])).join(", ")}}',
			description: 'Starts the workflow when Hookshop sends a webhook event',
			defaults: { name: 'Hookshop Trigger' },
			inputs: [],
			outputs: ['main'],
			credentials: [{ name: 'hookshopApi', required: true }],
			webhooks: [
				{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
			],
		});
		// Triggers must not be offered as AI tools (community lint rule node-usable-as-tool).
		expect(d.usableAsTool).toBeUndefined();
		expect(d.properties.map((p) => [p.name, p.type, p.required ?? false, p.default])).toEqual([
			['shop', 'string', true, ''],
			['events', 'multiOptions', true, ['order.created']],
		]);
		expect(d.properties[1].options).toEqual([
			{ name: 'Any Event', value: '*', description: 'Every event the shop sends' },
			{ name: 'Order Created', value: 'order.created' },
			{ name: 'Order Paid', value: 'order.paid' },
			{ name: 'Any Order Event', value: 'order.*' },
		]);
		expect(d.properties[1].description).toBe(
			"The events that start the workflow; other deliveries are acknowledged and ignored. Choose 'Any Event' for every event.",
		);
		expect(d.properties[0]).toMatchObject({
			displayName: 'Shop',
			placeholder: 'acme',
			description: 'The shop whose events start the workflow',
		});
	});

	it('adds the unsigned setup webhook on the same path when the service does a GET handshake', () => {
		const d = buildTriggerDescription(
			hookshopVariant({
				setupMethod: 'GET',
				hooks: { ...hookshop.spec.webhook!.hooks, handshake: 'challenge' },
			}),
			{ icon },
		);
		expect(d.webhooks).toEqual([
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		]);
	});

	it('manual registration: a notice and a Signing Secret password field; names and look can be overridden', () => {
		const def = hookshopVariant({ register: 'manual', hooks: undefined });
		const d = buildTriggerDescription(def, {
			icon,
			name: 'shopEvents',
			displayName: 'Shop Events Trigger',
			description: 'Shop events',
		});
		expect([d.name, d.displayName, d.description, d.defaults.name]).toEqual([
			'shopEvents',
			'Shop Events Trigger',
			'Shop events',
			'Shop Events Trigger',
		]);
		expect(d.properties.map((p) => p.name)).toEqual([
			'registrationNotice',
			'shop',
			'events',
			'signingSecret',
		]);
		expect(d.properties[0]).toMatchObject({
			type: 'notice',
			displayName:
				"Copy this node's Production URL into Hookshop's webhook settings, pick the same events there, and paste the signing secret below.",
		});
		expect(d.properties[3]).toMatchObject({
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		});
		// With the secret in a credential field there is nothing to paste in the node.
		const inCredential = buildTriggerDescription(
			hookshopVariant({ register: 'manual', hooks: undefined, secretCredentialField: 'appSecret' }),
			{ icon },
		);
		expect(inCredential.properties.map((p) => p.name)).toEqual([
			'registrationNotice',
			'shop',
			'events',
		]);
	});

	it('several auth kinds: an Authentication selector and one credential shown per choice', () => {
		const def: ServiceDefinition = {
			...hookshop,
			spec: {
				...hookshop.spec,
				auth: [
					{ kind: 'bearer', credentialType: 'hookshopApi', displayName: 'Access Token' },
					{
						kind: 'oauth2',
						credentialType: 'hookshopOAuth2Api',
						displayName: 'OAuth2',
						oauth2: {
							grantType: 'authorizationCode',
							tokenUrl: 'https://hookshop.example.test/token',
							scopes: ['hooks'],
						},
					},
				],
			},
		};
		const d = buildTriggerDescription(def, { icon });
		expect(d.properties[0]).toEqual({
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Access Token', value: 'hookshopApi' },
				{ name: 'OAuth2', value: 'hookshopOAuth2Api' },
			],
			default: 'hookshopApi',
		});
		expect(d.credentials).toEqual([
			{
				name: 'hookshopApi',
				required: true,
				displayOptions: { show: { authentication: ['hookshopApi'] } },
			},
			{
				name: 'hookshopOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['hookshopOAuth2Api'] } },
			},
		]);
	});

	it('a service without a webhook section has no trigger', () => {
		expect(() =>
			buildTriggerDescription({ spec: { ...hookshop.spec, webhook: undefined } }, { icon }),
		).toThrow("The service 'hookshop' declares no webhook, so it has no trigger.");
	});
});

describe('the spec schema checks webhook sections', () => {
	it('the test service is valid', () => {
		expect(validateService(hookshop)).toEqual([]);
	});

	const problems = (
		patch: Partial<NonNullable<ServiceDefinition['spec']['webhook']>>,
		hooks = hookshop.hooks,
	) => validateService({ spec: hookshopVariant(patch).spec, hooks });

	it('a trigger that would verify nothing', () => {
		expect(problems({ signature: undefined })).toEqual([
			'hookshop: webhook: a webhook needs a signature scheme, a URL secret or a body secret',
		]);
	});

	it('a body secret instead of a signature; not with a secret the user pastes', () => {
		const bodySecret = { items: 'value', field: 'clientState' };
		expect(problems({ signature: undefined, bodySecret })).toEqual([]);
		expect(problems({ signature: undefined, bodySecret, secretCredentialField: 'secret' })).toEqual(
			[
				"hookshop: webhook.bodySecret: a body secret is the one the trigger generates and registers: it needs register: 'api' and no secretCredentialField",
			],
		);
	});

	it('an unusable signature scheme', () => {
		expect(
			problems({ signature: { header: 'X-Sig', algorithm: 'md5' as never, encoding: 'hex' } }),
		).toEqual(['hookshop: webhook.signature: unsupported algorithm "md5"']);
	});

	it('API registration without create/delete hooks, and manual registration with them', () => {
		expect(problems({ hooks: { checkExists: 'hookExists' } })).toEqual([
			"hookshop: webhook: register: 'api' needs the create and delete hooks",
		]);
		expect(problems({ register: 'manual' })).toEqual([
			"hookshop: webhook: register: 'manual' has no lifecycle hooks (the user registers the URL)",
		]);
	});

	it('default/all events not in the list, duplicates, setup without handshake', () => {
		expect(
			problems({
				defaultEvents: ['order.refunded'],
				allEvents: 'all',
				setupMethod: 'HEAD',
				events: [
					{ name: 'A', value: 'a' },
					{ name: 'A again', value: 'a' },
				],
			}),
		).toEqual([
			'hookshop: webhook: a setup webhook needs the handshake hook',
			'hookshop: webhook: duplicate event values',
			"hookshop: webhook: default event 'order.refunded' is not in events",
			"hookshop: webhook: allEvents 'all' is not in events",
		]);
	});

	it('unknown keys, reserved field names, and named hooks the service does not ship', () => {
		expect(problems({ colour: 'red' } as never)).toEqual([
			expect.stringContaining("Unrecognized key(s) in object: 'colour'"),
		]);
		expect(
			problems({ params: [{ name: 'events', displayName: 'Events', type: 'string' }] }),
		).toEqual(['hookshop: webhook.params.0: this trigger field name is reserved by the builder']);
		expect(
			problems({ hooks: { create: 'createHook', delete: 'removeHook', handshake: 'hello' } }),
		).toEqual([
			"hookshop: names the hook 'removeHook', which the service does not ship",
			"hookshop: names the hook 'hello', which the service does not ship",
		]);
	});
});
