import { configureEngine } from '../../lib/engine';
import { CustomApi } from '../../nodes/CustomApi/CustomApi.node';
import { runNode } from '../harness';
import { ChaosServer, FAULT_KINDS, type FaultKind } from './chaos-server';
import { ChaosShopApi, chaosShopNode, CHAOS_SHOP_TOKEN } from './chaos-shop';

jest.setTimeout(120000);
beforeAll(() => configureEngine({ random: () => 0 }));
it('probe', async () => {
	for (const kind of ["resetAfterBody","timeout"] as FaultKind[]) {
		const server = new ChaosServer({ script: (_m, _i, n) => (n <= 3 ? kind : 'none') });
		const url = await server.listen();
		const t0 = Date.now();
		const get = await runNode({ nodeTypes: [new CustomApi()], node: { type: 'customApi', continueOnFail: true, parameters: { authentication: 'none', baseUrl: url, method: 'GET', endpoint: '/items/{id}', pathVariables: { variable: [{ name: 'id', value: '={{$json.id}}' }] }, options: { timeoutSeconds: 1 } } }, input: [{ json: { id: 'g1' } }] });
		const post = await runNode({ nodeTypes: [new CustomApi()], node: { type: 'customApi', continueOnFail: true, parameters: { authentication: 'none', baseUrl: url, method: 'POST', endpoint: '/orders', queryParameters: { parameter: [{ name: 'item', value: '={{$json.id}}' }] }, bodyContentType: 'json', jsonBody: '={{ JSON.stringify({ item: $json.id, amount: 5 }) }}', options: { timeoutSeconds: 1 } } }, input: [{ json: { id: 'p1' } }] });
		const keyed = await runNode({ nodeTypes: [chaosShopNode(url)], credentialTypes: [new ChaosShopApi()], credentials: { chaosShopApi: { accessToken: CHAOS_SHOP_TOKEN } }, node: { type: 'chaosShop', continueOnFail: true, parameters: { resource: 'order', operation: 'create', item: '={{$json.id}}', itemRef: '={{$json.id}}', amount: 5, options: { timeoutSeconds: 1 } } }, input: [{ json: { id: 'k1' } }] });
		const show = (r: any) => JSON.stringify(r.outputs[0]?.map((i: any) => i.json.error ? { error: i.json.error, d: i.json.description } : i.json)) + (r.error ? ' ERR:' + r.error.message : '');
		console.log(kind, Date.now() - t0, 'ms\n GET', show(get), '\n POST', show(post), '\n KEYED', show(keyed), '\n', JSON.stringify(server.records.map((r) => [r.method, r.itemId, r.attempt, r.fault, r.status, r.applied, r.replayed, r.idempotencyKey?.slice(0, 8)])));
		await server.close();
	}
	expect(1).toBe(1);
});
