/**
 * Stripe customer address: version 2 has six Address fields; workflows saved with version 1 and its JSON
 * "Address" keep sending it (n8n would otherwise drop the value silently), as Stripe's bracket form keys.
 */
import nock from 'nock';
import { NodeHelpers, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { useRuntime } from '../../lib/runtime';
import { ApiConnStripeApi } from '../../credentials/ApiConnStripeApi.credentials';
import { Stripe } from '../../nodes/Stripe/Stripe.node';
import { driveClock, FakeClock } from '../helpers/fake-clock';
import { editorView } from '../helpers/editor-view';
import { runNode, type RunNodeResult } from '../harness';

const API = 'https://api.stripe.com';
const KEY = 'sk_test_51AbCdEfGhIjKlMnOpQrStUv';
const cus = { id: 'cus_NffrFeUfNV2Hib', object: 'customer', name: 'Jenny Rosen' };
let clock: FakeClock;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	clock = new FakeClock();
	useRuntime({ clock, random: () => 0.5 });
});
afterEach(() => nock.cleanAll());
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

interface Seen {
	method: string;
	uri: string;
	body: string;
	authorization: unknown;
}

function fakeStripe(): Seen[] {
	const seen: Seen[] = [];
	nock(API)
		.intercept(() => true, 'POST')
		.reply(function (uri, body) {
			seen.push({
				method: this.req.method,
				uri,
				body: String(body),
				authorization: this.req.headers.authorization,
			});
			return [200, cus, { 'content-type': 'application/json', 'request-id': 'req_1' }];
		});
	return seen;
}

function run(
	typeVersion: number,
	operation: 'create' | 'update',
	additionalFields: Record<string, unknown>,
	input?: INodeExecutionData[],
): Promise<RunNodeResult> {
	return driveClock(
		clock,
		runNode({
			nodeTypes: [new Stripe()],
			credentialTypes: [new ApiConnStripeApi()],
			credentials: { apiConnStripeApi: { secretKey: KEY } },
			node: {
				type: 'stripe',
				typeVersion,
				parameters: {
					resource: 'customer',
					operation,
					...(operation === 'update' ? { customerId: cus.id } : {}),
					additionalFields,
				} as never,
			},
			...(input ? { input } : {}),
		}),
	);
}

const ADDRESS_JSON =
	'{"line1": "1 Main St", "line2": "Apt 4", "city": "Springfield", "state": "IL", "postal_code": "62701", "country": "US"}';

describe('Stripe customer address in workflows saved with version 1', () => {
	it('new Stripe nodes are version 2', () => {
		expect(new Stripe().description).toMatchObject({ version: [1, 2], defaultVersion: 2 });
	});

	it('customer.create: the saved JSON Address is sent as address[...] form keys', async () => {
		const seen = fakeStripe();
		const res = await run(1, 'create', { name: 'Jenny Rosen', address: ADDRESS_JSON });
		expect(res.error).toBeUndefined();
		expect(seen).toEqual([
			{
				method: 'POST',
				uri: '/v1/customers',
				body: 'name=Jenny%20Rosen&address[line1]=1%20Main%20St&address[line2]=Apt%204&address[city]=Springfield&address[state]=IL&address[postal_code]=62701&address[country]=US',
				authorization: `Bearer ${KEY}`,
			},
		]);
		expect(res.outputs[0].map((i) => i.json)).toEqual([cus]);
	});

	it('customer.update: an Address field that is set wins over the same JSON key; the other JSON keys are still sent', async () => {
		const seen = fakeStripe();
		const res = await run(1, 'update', {
			address: '{"line1": "Old St 1", "city": "Springfield", "country": "US"}',
			addressLine1: '2 New Rd',
		});
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => [s.method, s.uri, s.body])).toEqual([
			[
				'POST',
				'/v1/customers/cus_NffrFeUfNV2Hib',
				'address[line1]=2%20New%20Rd&address[city]=Springfield&address[country]=US',
			],
		]);
	});

	it('an Address from an expression is sent with the fields merged in, and the item it came from is left unchanged', async () => {
		const seen = fakeStripe();
		const item = { addr: { line1: 'Old St 1', country: 'US' } };
		const res = await run(1, 'update', { address: '={{ $json.addr }}', addressLine1: '2 New Rd' }, [
			{ json: item },
		]);
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => s.body)).toEqual(['address[line1]=2%20New%20Rd&address[country]=US']);
		expect(item).toEqual({ addr: { line1: 'Old St 1', country: 'US' } });
	});

	it('version 2 sends the six Address fields', async () => {
		const seen = fakeStripe();
		const res = await run(2, 'create', {
			addressLine1: '1 Main St',
			addressCity: 'Springfield',
			addressPostalCode: '62701',
			addressCountry: 'US',
		});
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => s.body)).toEqual([
			'address[line1]=1%20Main%20St&address[city]=Springfield&address[postal_code]=62701&address[country]=US',
		]);
	});

	it('the editor offers "Address (JSON)" to version 1 nodes only', () => {
		const d = new Stripe().description;
		const offered = (version: number, operation: string) => {
			const values = editorView(d, { resource: 'customer', operation }, version).values;
			const collection = d.properties.find(
				(p) =>
					p.name === 'additionalFields' &&
					NodeHelpers.displayParameter(values, p, { typeVersion: version }, d),
			)!;
			return (collection.options as INodeProperties[])
				.filter((o) =>
					NodeHelpers.displayParameterPath(
						values,
						o,
						'additionalFields',
						{ typeVersion: version },
						d,
					),
				)
				.map((o) => o.displayName)
				.filter((n) => n.startsWith('Address'));
		};
		const fields = [
			'Address City',
			'Address Country',
			'Address Line 1',
			'Address Line 2',
			'Address Postal Code',
			'Address State',
		];
		for (const operation of ['create', 'update']) {
			expect(offered(1, operation)).toEqual(['Address (JSON)', ...fields]);
			expect(offered(2, operation)).toEqual(fields);
		}
	});
});
