/**
 * The SendGrid node against @sendgrid/client (npm, 8.1.6), Twilio SendGrid's own Node.js client: every request the
 * recorded fixtures send (test/fixtures/operations/sendGrid) is sent again through the client (`request({method,
 * url, qs, body})` after `setApiKey`) to the same nock, and the two requests must agree — method, host, path,
 * query, JSON body and the `Authorization: Bearer SG.…` header. The EU data-residency host (`setDataResidency('eu')`)
 * and the subuser header (`setImpersonateSubuser`) are compared with our credential's, and the trigger's Event
 * Webhook routes are the documented ones (client requests to the same paths).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Client } from '@sendgrid/client';
import nock from 'nock';
import type { IHttpRequestOptions } from 'n8n-workflow';

import { ApiConnSendGridApi } from '../../credentials/ApiConnSendGridApi.credentials';
import {
	sendGridSpec,
	SENDGRID_EU_URL,
	SENDGRID_GLOBAL_URL,
} from '../../nodes/SendGrid/SendGrid.service';
import type { OperationFixture } from '../kit/operations';

const KEY = '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';
const dir = join(__dirname, '..', 'fixtures', 'operations', 'sendGrid');

interface Sent {
	method: string;
	origin: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	authorization: unknown;
	onBehalfOf: unknown;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/** Sends through the client and returns what reached the (nock) API. */
async function viaClient(
	client: Client,
	origin: string,
	request: { method: string; url: string; qs?: object; body?: unknown },
): Promise<Sent> {
	let sent: Sent | undefined;
	nock(origin)
		.intercept(() => true, request.method)
		.reply(function (uri, body) {
			const url = new URL(uri, origin);
			sent = {
				method: this.req.method,
				origin,
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				body:
					body === '' ? undefined : typeof body === 'string' ? (JSON.parse(body) as unknown) : body,
				authorization: this.req.headers.authorization,
				onBehalfOf: this.req.headers['on-behalf-of'],
			};
			return [200, {}];
		});
	await client.request(request as never);
	return sent!;
}

function client(region: 'global' | 'eu' = 'global', subuser = ''): Client {
	const c = new Client();
	c.setDataResidency(region);
	c.setApiKey(KEY);
	if (subuser) c.setImpersonateSubuser(subuser);
	return c;
}

const fixtures = readdirSync(dir)
	.filter((f) => f.endsWith('.json'))
	.sort()
	.map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as OperationFixture] as const);

describe('@sendgrid/client 8.1.6', () => {
	it('covers every operation of the spec with a fixture', () => {
		const ops = sendGridSpec.resources.flatMap((r) =>
			r.operations.map((o) => `${r.id}.${o.id}.json`),
		);
		expect(fixtures.map(([f]) => f)).toEqual(expect.arrayContaining(ops));
		expect(ops).toHaveLength(22);
	});

	it.each(fixtures)(
		'%s: every request is the one the client builds (method, host, path, query, JSON body, Bearer key)',
		async (_f, fixture) => {
			for (const { request } of fixture.exchanges) {
				const url = new URL(request.url);
				expect(url.origin).toBe(SENDGRID_GLOBAL_URL);
				const query = (request.query ?? {}) as Record<string, string>;
				const sent = await viaClient(client(), url.origin, {
					method: request.method,
					url: url.pathname,
					...(Object.keys(query).length ? { qs: query } : {}),
					...(request.body !== undefined ? { body: request.body } : {}),
				});
				expect(sent).toEqual({
					method: request.method,
					origin: SENDGRID_GLOBAL_URL,
					path: url.pathname,
					query,
					body: request.body,
					authorization: (request.headers as Record<string, string>).authorization,
					onBehalfOf: undefined,
				});
			}
		},
	);

	it("the data-residency hosts and the subuser header are the client's (setDataResidency, setImpersonateSubuser)", async () => {
		const c = client('eu', 'acme-eu');
		const sent = await viaClient(c, SENDGRID_EU_URL, { method: 'GET', url: '/v3/scopes' });
		const cred = new ApiConnSendGridApi();
		const eu = cred.properties.find((p) => p.name === 'apiUrl')!;
		expect((eu.options as Array<{ value: string }>).map((o) => o.value)).toEqual([
			SENDGRID_GLOBAL_URL,
			SENDGRID_EU_URL,
		]);
		// The client's own host table.
		expect(`${SENDGRID_EU_URL}/`).toBe(
			(c as unknown as { defaultRequest: { baseUrl: string } }).defaultRequest.baseUrl,
		);
		const ours = await cred.authenticate(
			{ accessToken: KEY, apiUrl: SENDGRID_EU_URL, onBehalfOf: 'acme-eu' },
			{ url: '/v3/scopes' } as IHttpRequestOptions,
		);
		expect(ours.headers).toEqual({ Authorization: sent.authorization, 'on-behalf-of': 'acme-eu' });
		expect(sent.onBehalfOf).toBe('acme-eu');
		// Without a subuser, neither sends the header.
		const plain = await cred.authenticate(
			{ accessToken: KEY, apiUrl: SENDGRID_GLOBAL_URL, onBehalfOf: '' },
			{ url: '/v3/scopes' } as IHttpRequestOptions,
		);
		expect(plain.headers).toEqual({ Authorization: `Bearer ${KEY}` });
	});

	it("the trigger's Event Webhook routes (POST settings, PATCH settings/signed/{id}, GET and DELETE settings/{id})", async () => {
		const id = '77d4a5da-7015-11ed-a1eb-0242ac120002';
		const routes: Array<[string, string, unknown]> = [
			[
				'POST',
				'/v3/user/webhooks/event/settings',
				{ enabled: true, url: 'https://n8n.example.com/webhook/x/webhook', bounce: true },
			],
			['PATCH', `/v3/user/webhooks/event/settings/signed/${id}`, { enabled: true }],
			['GET', `/v3/user/webhooks/event/settings/${id}`, undefined],
			['DELETE', `/v3/user/webhooks/event/settings/${id}`, undefined],
		];
		for (const [method, path, body] of routes) {
			expect(
				await viaClient(client(), SENDGRID_GLOBAL_URL, {
					method,
					url: path,
					...(body ? { body } : {}),
				}),
			).toMatchObject({ method, path, body, authorization: `Bearer ${KEY}` });
		}
	});
});
