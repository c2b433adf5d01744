/**
 * ActiveCampaign publishes no JavaScript client for API v3 (the `activecampaign` npm package wraps the old v1
 * `admin/api.php` API), so its routes are checked against a table written from ActiveCampaign's API v3 reference
 * (https://developers.activecampaign.com/reference), one row per documented endpoint with the page it comes from.
 * Checked: every operation's method and path (hook operations: every request their fixture recorded), every
 * request every fixture recorded, and the trigger's webhook requests, are documented routes; every route of the
 * table is used (no stale row).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { TriggerHookContext } from '../../lib/spec/types';
import { activeCampaignHooks } from '../../nodes/ActiveCampaign/ActiveCampaign.hooks';
import {
	ACTIVE_CAMPAIGN_REF,
	activeCampaignDefinition,
} from '../../nodes/ActiveCampaign/ActiveCampaign.service';

interface Route {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	path: string;
	doc: string;
}

const r = (method: Route['method'], path: string, slug: string): Route => ({
	method,
	path,
	doc: `${ACTIVE_CAMPAIGN_REF}/${slug}`,
});

/** ActiveCampaign API v3 routes, as its reference documents them (the page of each). */
const DOCUMENTED: Route[] = [
	r('POST', '/api/3/contacts', 'create-a-contact-new'),
	r('POST', '/api/3/contact/sync', 'create-or-update-contact-new'),
	r('GET', '/api/3/contacts/{id}', 'get-contact'),
	r('PUT', '/api/3/contacts/{id}', 'update-a-contact-new'),
	r('DELETE', '/api/3/contacts/{id}', 'delete-contact'),
	r('GET', '/api/3/contacts', 'list-all-contacts'),
	r('POST', '/api/3/contactTags', 'create-contact-tag'),
	r('DELETE', '/api/3/contactTags/{id}', 'delete-contact-tag'),
	r('GET', '/api/3/contacts/{id}/contactTags', 'retrieve-contact-tags'),
	r('POST', '/api/3/contactLists', 'update-list-status-for-contact'),
	r('POST', '/api/3/contactAutomations', 'create-new-contactautomation'),
	r('DELETE', '/api/3/contactAutomations/{id}', 'delete-a-contactautomation'),
	r('GET', '/api/3/contacts/{id}/contactAutomations', 'list-all-contactautomations-for-contact'),
	r('POST', '/api/3/fieldValues', 'create-fieldvalue'),
	r('PUT', '/api/3/fieldValues/{id}', 'update-a-custom-field-value-for-contact'),
	r('GET', '/api/3/contacts/{id}/fieldValues', 'list-all-custom-field-values-1'),
	r('GET', '/api/3/fields', 'retrieve-fields-1'),
	r('POST', '/api/3/deals', 'create-a-deal-new'),
	r('GET', '/api/3/deals/{id}', 'retrieve-a-deal'),
	r('PUT', '/api/3/deals/{id}', 'update-a-deal-new'),
	r('DELETE', '/api/3/deals/{id}', 'delete-a-deal'),
	r('GET', '/api/3/deals', 'list-all-deals'),
	r('GET', '/api/3/dealGroups/{id}', 'retrieve-a-pipeline'),
	r('GET', '/api/3/dealGroups', 'list-all-pipelines'),
	r('GET', '/api/3/dealStages', 'list-all-deal-stages'),
	r('GET', '/api/3/campaigns/{id}', 'retrieve-a-campaign'),
	r('GET', '/api/3/campaigns', 'list-all-campaigns'),
	r('POST', '/api/3/accounts', 'create-an-account-new'),
	r('GET', '/api/3/accounts/{id}', 'retrieve-an-account'),
	r('PUT', '/api/3/accounts/{id}', 'update-an-account-new'),
	r('DELETE', '/api/3/accounts/{id}', 'delete-an-account'),
	r('GET', '/api/3/accounts', 'list-all-accounts'),
	r('GET', '/api/3/automations', 'list-all-automations'),
	r('GET', '/api/3/lists', 'retrieve-all-lists'),
	r('POST', '/api/3/tags', 'create-a-new-tag'),
	r('GET', '/api/3/tags', 'retrieve-all-tags'),
	r('GET', '/api/3/users/me', 'get-user-loggedin'),
	r('POST', '/api/3/webhooks', 'create-webhook'),
	r('GET', '/api/3/webhooks/{id}', 'get-webhook'),
	r('DELETE', '/api/3/webhooks/{id}', 'delete-webhook'),
];

const pattern = (path: string) =>
	new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+').replace(/\//g, '\\/')}$`);

function documented(method: string, path: string): Route | undefined {
	return DOCUMENTED.find((d) => d.method === method && pattern(d.path).test(path));
}

const used = new Set<Route>();
const check = (method: string, path: string, where: string) => {
	const route = documented(method, path);
	if (!route)
		throw new Error(`${where}: ${method} ${path} is not a documented ActiveCampaign v3 route`);
	used.add(route);
	return route;
};

const FIXTURES = join(__dirname, '..', 'fixtures', 'operations', 'activeCampaign');
const fixtures = readdirSync(FIXTURES)
	.filter((f) => f.endsWith('.json'))
	.map((f) => ({
		name: f.replace(/\.json$/, ''),
		data: JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as {
			exchanges: Array<{ request: { method: string; url: string } }>;
		},
	}));

const { spec } = activeCampaignDefinition;
const operations = spec.resources.flatMap((res) =>
	res.operations.map((op) => ({ key: `${res.id}.${op.id}`, op })),
);

describe('ActiveCampaign routes against the documented v3 route table', () => {
	it('every row names its reference page', () => {
		for (const d of DOCUMENTED) {
			expect(d.doc).toMatch(/^https:\/\/developers\.activecampaign\.com\/reference\/[a-z0-9-]+$/);
			expect(d.path.startsWith('/api/3/')).toBe(true);
		}
		expect(new Set(DOCUMENTED.map((d) => `${d.method} ${d.path}`)).size).toBe(DOCUMENTED.length);
	});

	it.each(operations)(
		'$key: method and path are a documented route; its docsUrl is that page',
		({ key, op }) => {
			if (op.hook) {
				// A hook sends its own requests: each its fixture recorded must be documented.
				const fixture = fixtures.find((f) => f.name === key);
				expect(fixture).toBeDefined();
				for (const ex of fixture!.data.exchanges)
					check(ex.request.method, new URL(ex.request.url).pathname, key);
				return;
			}
			const route = check(op.method, op.path, key);
			expect(op.docsUrl).toBe(route.doc);
		},
	);

	it('every request every fixture recorded is a documented route', () => {
		expect(fixtures.length).toBe(operations.length);
		for (const f of fixtures)
			for (const ex of f.data.exchanges)
				check(ex.request.method, new URL(ex.request.url).pathname, f.name);
	});

	it('the credential test and account label request are documented routes', () => {
		check(spec.credentialTest.method ?? 'GET', spec.credentialTest.path, 'credentialTest');
		check('GET', spec.account!.path as string, 'account');
	});

	it('the trigger registers, checks and deletes webhooks on documented routes', async () => {
		const sent: Array<{ method: string; path: string }> = [];
		const ctx = {
			fn: { getWorkflow: () => ({ name: 'W' }), getNode: () => ({ name: 'N' }) },
			baseUrl: 'https://acme.api-us1.com',
			webhookUrl: 'https://n8n.example.com/webhook/x/webhook?secret=s',
			events: ['subscribe'],
			params: { sources: ['api'] },
			state: { hookId: '7' },
			request: async (req: {
				method: string;
				path: string;
				pathParams?: Record<string, string>;
			}) => {
				const path = req.path.replace(/\{(\w+)\}/g, (_m, k: string) => req.pathParams![k]);
				sent.push({ method: req.method, path });
				return { status: 200, headers: {}, body: { webhook: { id: '7' } } as IDataObject };
			},
		} as unknown as TriggerHookContext;
		await activeCampaignHooks.webhookCreate(ctx);
		await activeCampaignHooks.webhookExists(ctx);
		await activeCampaignHooks.webhookDelete(ctx);
		expect(sent).toEqual([
			{ method: 'POST', path: '/api/3/webhooks' },
			{ method: 'GET', path: '/api/3/webhooks/7' },
			{ method: 'DELETE', path: '/api/3/webhooks/7' },
		]);
		for (const s of sent) check(s.method, s.path, 'trigger');
	});

	it('every documented row is used by some operation, fixture or the trigger (no stale row; runs last)', () => {
		const unused = DOCUMENTED.filter((d) => !used.has(d)).map((d) => `${d.method} ${d.path}`);
		expect(unused).toEqual([]);
	});
});
