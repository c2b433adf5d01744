/**
 * Every node's parameter panel as n8n's editor renders it (test/helpers/editor-view.ts): no field is hidden
 * as "authentication related", and each resource/operation shows Resource, Operation and its required fields.
 * The real editor is checked in the real-n8n suite (test/e2e/editor.ts).
 */
import {
	NodeHelpers,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as pkg from '../../index';
import { Connections } from '../../nodes/Connections/Connections.node';
import { editorView, hiddenAsAuthRelated, mainAuthField } from '../helpers/editor-view';
import { services } from '../../nodes/services';

const nodes = (Object.values(pkg) as unknown[])
	.filter(
		(v): v is new () => INodeType =>
			typeof v === 'function' &&
			'prototype' in v &&
			typeof (v as { prototype: object }).prototype === 'object',
	)
	.map((C) => {
		try {
			return new C();
		} catch {
			return undefined;
		}
	})
	.filter((n): n is INodeType => Boolean(n && (n as Partial<INodeType>).description?.properties))
	.map((n) => n.description);

/** Every (resource, operation) pair a node offers; `[{}]` for a node without them. */
function states(d: INodeTypeDescription): Array<Record<string, string>> {
	const resource = d.properties.find((p) => p.name === 'resource');
	const resources = (resource?.options ?? []).map((o) => String((o as { value: unknown }).value));
	const out: Array<Record<string, string>> = [];
	for (const r of resources.length ? resources : [undefined]) {
		const ops = d.properties.filter(
			(p) =>
				p.name === 'operation' &&
				(r === undefined || (p.displayOptions?.show?.resource ?? [r]).includes(r)),
		);
		for (const op of ops.flatMap((p) =>
			(p.options ?? []).map((o) => String((o as { value: unknown }).value)),
		))
			out.push({ ...(r ? { resource: r } : {}), operation: op });
	}
	return out.length ? out : [{}];
}

describe('the parameter panel of every node, by the editor rules', () => {
	it('finds every node of the package', () => {
		expect(nodes.map((d) => d.name).sort()).toEqual(
			[
				'activeCampaign',
				'activeCampaignTrigger',
				'airtable',
				'airtableTrigger',
				'apiWebhookTrigger',
				'connections',
				'connectionsMonitorTrigger',
				'customApi',
				'facebookAds',
				'facebookPages',
				'facebookPagesTrigger',
				'github',
				'githubTrigger',
				'gitlab',
				'gitlabTrigger',
				'gmail',
				'gmailTrigger',
				'googleDocs',
				'googleCalendar',
				'googleCalendarTrigger',
				'googleDrive',
				'googleDriveTrigger',
				'googleSheets',
				'graphQlApi',
				'hubspot',
				'hubspotTrigger',
				'instagram',
				'instagramTrigger',
				'jira',
				'jiraTrigger',
				'mailchimp',
				'mailchimpTrigger',
				'oneDrive',
				'excel',
				'word',
				'outlook',
				'outlookTrigger',
				'pinterest',
				'pinterestTrigger',
				'sendGrid',
				'sendGridTrigger',
				'shopify',
				'shopifyTrigger',
				'slack',
				'slackTrigger',
				'square',
				'squareTrigger',
				'linkedIn',
				'linkedInTrigger',
				'notion',
				'notionTrigger',
				'stripe',
				'stripeTrigger',
				'xTwitter',
				'xTwitterTrigger',
				'tikTok',
				'tikTokTrigger',
				'trello',
				'trelloTrigger',
				'wooCommerce',
				'wooCommerceTrigger',
			].sort(),
		);
	});

	it.each(nodes.map((d) => [d.name, d] as const))(
		'%s: no field is hidden as authentication related',
		(_name, d) => {
			expect(hiddenAsAuthRelated(d)).toEqual([]);
		},
	);

	it.each(nodes.map((d) => [d.name, d] as const))(
		'%s: every operation shows Resource, Operation and its required fields',
		(_name, d) => {
			for (const state of states(d)) {
				const view = editorView(d, state);
				if (state.resource) expect(view.fields).toContain('Resource');
				if (state.operation) expect(view.fields).toContain('Operation');
				const node = { typeVersion: Array.isArray(d.version) ? Math.max(...d.version) : d.version };
				const required = d.properties.filter(
					(p) => p.required && NodeHelpers.displayParameter(view.values, p, node, d),
				);
				for (const p of required)
					expect([state, view.fields]).toEqual([state, expect.arrayContaining([p.displayName])]);
				expect(view.fields.length).toBeGreaterThan(0);
			}
		},
	);
});

describe('the Connections node panel', () => {
	const d = new Connections().description;

	it('Get Status (the default): Resource, Operation and Service; no credential slot', () => {
		expect(editorView(d)).toMatchObject({
			fields: ['Resource', 'Operation', 'Service'],
			credentials: [],
		});
	});

	it('logs: Resource, Operation, Service, Limit and Filters', () => {
		expect(editorView(d, { resource: 'log', operation: 'getErrorLog' })).toMatchObject({
			fields: ['Resource', 'Operation', 'Service', 'Limit', 'Filters'],
			credentials: [],
		});
		// With one service, its credential is offered: holding it is what entitles a run to read its entries.
		expect(
			editorView(d, { resource: 'log', operation: 'getAuditLog', service: 'github' }),
		).toMatchObject({
			fields: ['Resource', 'Operation', 'Service', 'Authentication', 'Limit', 'Filters'],
			credentials: ['apiConnGithubApi'],
		});
	});

	it.each(['test', 'refresh', 'disconnect'])(
		'%s: the service, its Authentication choice and the matching credential slot',
		(operation) => {
			// Disconnect adds its confirmation (needed when active workflows use the connection).
			const confirm = operation === 'disconnect' ? ['Confirm Disconnect'] : [];
			expect(editorView(d, { resource: 'connection', operation, service: 'stripe' })).toMatchObject(
				{
					fields: ['Resource', 'Operation', 'Service', 'Authentication', ...confirm],
					credentials: ['apiConnStripeApi'],
				},
			);
			const github = editorView(d, { resource: 'connection', operation, service: 'github' });
			expect(github).toMatchObject({
				fields: ['Resource', 'Operation', 'Service', 'Authentication', ...confirm],
				credentials: ['apiConnGithubApi'],
			});
			// Version 2 (new nodes): the service's own Authentication field.
			expect(github.values.githubAuthentication).toBe('apiConnGithubApi');
			expect(
				editorView(d, {
					resource: 'connection',
					operation,
					service: 'github',
					githubAuthentication: 'apiConnGithubOAuth2Api',
				}).credentials,
			).toEqual(['apiConnGithubOAuth2Api']);
			expect(
				editorView(d, { resource: 'connection', operation, service: 'instagram' }).credentials,
			).toEqual(['apiConnInstagramOAuth2Api']);
			// Version 1 (saved workflows): the shared `authentication` field.
			expect(
				editorView(d, { resource: 'connection', operation, service: 'github' }, 1).values
					.authentication,
			).toBe('apiConnGithubApi');
			expect(
				editorView(
					d,
					{
						resource: 'connection',
						operation,
						service: 'github',
						authentication: 'apiConnGithubOAuth2Api',
					},
					1,
				).credentials,
			).toEqual(['apiConnGithubOAuth2Api']);
		},
	);

	it('has no main authentication field, so the editor neither hides Authentication nor mixes credential types', () => {
		expect(mainAuthField(d)).toBeNull();
		expect(d.credentials?.every((c) => c.displayOptions?.show === undefined)).toBe(true);
	});

	const specs = services.map((s) => s.spec);
	const choices = specs.flatMap((s) =>
		s.auth.map((a) => [s.displayName, s.id, a.credentialType] as const),
	);

	it.each(
		['test', 'refresh', 'disconnect'].flatMap((operation) =>
			choices.map(([name, id, type]) => [operation, name, id, type] as const),
		),
	)(
		'%s, %s with %s credential kind %s: Authentication is shown and the slot offers that kind only (v2 and v1)',
		(operation, _name, service, type) => {
			const expected = {
				fields: [
					'Resource',
					'Operation',
					'Service',
					'Authentication',
					...(operation === 'disconnect' ? ['Confirm Disconnect'] : []),
				],
				credentials: [type],
				offered: { [type]: [type] },
			};
			expect(
				editorView(d, {
					resource: 'connection',
					operation,
					service,
					[`${service}Authentication`]: type,
				}),
			).toMatchObject(expected);
			expect(
				editorView(d, { resource: 'connection', operation, service, authentication: type }, 1),
			).toMatchObject(expected);
		},
	);

	it('Test with Service = GitHub never offers a Facebook, Instagram or Stripe credential', () => {
		for (const version of [1, 2]) {
			const view = editorView(
				d,
				{ resource: 'connection', operation: 'test', service: 'github' },
				version,
			);
			expect([version, view.offered]).toEqual([
				version,
				{ apiConnGithubApi: ['apiConnGithubApi'] },
			]);
		}
	});

	it("v2: changing the Service drops the previous service's Authentication choice and shows the new service's slot", () => {
		const view = editorView(d, {
			resource: 'connection',
			operation: 'test',
			service: 'stripe',
			githubAuthentication: 'apiConnGithubOAuth2Api',
		});
		expect(view).toMatchObject({
			fields: ['Resource', 'Operation', 'Service', 'Authentication'],
			credentials: ['apiConnStripeApi'],
			offered: { apiConnStripeApi: ['apiConnStripeApi'] },
		});
		expect(view.values).not.toHaveProperty('githubAuthentication');
		expect(view.values.stripeAuthentication).toBe('apiConnStripeApi');
	});

	it('v1: an Authentication value left from another service shows no slot of that other service', () => {
		expect(
			editorView(
				d,
				{
					resource: 'connection',
					operation: 'test',
					service: 'stripe',
					authentication: 'apiConnGithubApi',
				},
				1,
			).credentials,
		).toEqual([]);
	});

	it('switching back to Get Status drops the credential slot', () => {
		expect(
			editorView(d, {
				resource: 'connection',
				operation: 'getStatus',
				service: 'github',
				authentication: 'apiConnGithubApi',
			}).credentials,
		).toEqual([]);
	});
});

describe('forms at the level of n8n', () => {
	const stripe = nodes.find((d) => d.name === 'stripe')!;
	const optionNames = (state: Record<string, string>) => {
		const options = stripe.properties.find((p) => p.name === 'options')!;
		const values = editorView(stripe, state).values;
		return (options.options as Array<{ name: string; displayOptions?: object }>)
			.filter((o) =>
				NodeHelpers.displayParameterPath(values, o as never, 'options', { typeVersion: 1 }, stripe),
			)
			.map((o) => o.name);
	};

	it('"Cache GET Responses" is offered on reads, never on creates, updates or deletes', () => {
		expect(optionNames({ resource: 'customer', operation: 'get' })).toContain('cacheMinutes');
		expect(optionNames({ resource: 'customer', operation: 'getMany' })).toContain('cacheMinutes');
		for (const [resource, operation] of [
			['customer', 'create'],
			['customer', 'update'],
			['paymentIntent', 'create'],
			['refund', 'create'],
		]) {
			expect([operation, optionNames({ resource, operation })]).toEqual([
				operation,
				expect.not.arrayContaining(['cacheMinutes']),
			]);
			expect(optionNames({ resource, operation })).toContain('maxAttempts');
		}
	});

	it('Stripe: the address is fields, amounts are not prefilled, currencies are a list that takes expressions', () => {
		const fields = (resource: string, operation: string) =>
			stripe.properties.filter(
				(p) =>
					p.displayOptions?.show?.resource?.[0] === resource &&
					p.displayOptions?.show?.operation?.[0] === operation,
			);
		const customer = fields('customer', 'create').find((p) => p.name === 'additionalFields')!
			.options as INodeProperties[];
		// What a new (version 2) node offers; version 1's JSON field: test/nodes/stripe-address-v1.test.ts.
		const current = customer.filter((o) =>
			NodeHelpers.displayParameterPath(
				{ additionalFields: {} },
				o,
				'additionalFields',
				{ typeVersion: 2 },
				stripe,
			),
		);
		expect(
			current.filter((o) => o.name.startsWith('address')).map((o) => [o.name, o.type]),
		).toEqual([
			['addressCity', 'string'],
			['addressCountry', 'string'],
			['addressLine1', 'string'],
			['addressLine2', 'string'],
			['addressPostalCode', 'string'],
			['addressState', 'string'],
		]);
		const amount = fields('paymentIntent', 'create').find((p) => p.name === 'amount')!;
		expect(amount.default).toBe(0);
		const currency = fields('paymentIntent', 'create').find((p) => p.name === 'currency')!;
		expect(currency).toMatchObject({ type: 'options', default: '', required: true });
		expect(currency.noDataExpression).toBeUndefined();
		expect((currency.options as Array<{ value: string }>).map((o) => o.value)).toEqual(
			expect.arrayContaining(['usd', 'eur', 'gbp', 'jpy', 'chf']),
		);
		expect(currency.placeholder).toBeUndefined();
	});

	it('the Stripe key tooltip has no markdown underscores that the editor would turn into italics', () => {
		const key = new (
			pkg as unknown as Record<
				string,
				new () => { properties: Array<{ name: string; description?: string }> }
			>
		).ApiConnStripeApi().properties.find((p) => p.name === 'secretKey')!;
		expect(key.description).not.toMatch(/(^|\s)_[^_\s][^_]*_(\s|[.,;]|$)/);
	});
});
