/**
 * The example service of docs/adding-a-service.md, Acme Tasks, added by following that page step by step:
 * `npm run new-service -- acmeTasks --name "Acme Tasks" --auth bearer --trigger --base-url
 * https://api.acme.example/v2 --root test/fixtures/example-service`, then its spec, fixtures and page filled
 * in. It lives in its own project root under test/fixtures (its own package.json lists, index.ts and
 * services list), so it is not shipped; the same kit checks it as it checks the package's services, and it
 * touches no file in lib/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import { signPayload } from '../../lib/webhooks';
import * as example from '../fixtures/example-service';
import { services as exampleServices } from '../fixtures/example-service/nodes/services';
import { services } from '../../nodes/services';
import { agreementProblems, createTriggerHarness, operationFixtureSuite } from '../kit';

const root = join(__dirname, '..', '..');
const exampleRoot = join(root, 'test', 'fixtures', 'example-service');

const { AcmeTasks, AcmeTasksTrigger, ApiConnAcmeTasksApi } = example;

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : [path];
	});
}

describe('the example service (Acme Tasks)', () => {
	it('its lists, classes, codex files, icons and page agree with its services list', () => {
		expect(exampleServices.map((s) => s.spec.id)).toEqual(['acmeTasks']);
		expect(agreementProblems(exampleRoot, exampleServices)).toEqual([]);
	});

	describe('every operation against its recorded fixture', () => {
		operationFixtureSuite({
			services: exampleServices,
			fixturesDir: join(exampleRoot, 'test', 'fixtures', 'operations'),
			nodeTypes: [new AcmeTasks()] as INodeType[],
			credentialTypes: [new ApiConnAcmeTasksApi()] as ICredentialType[],
		});
	});

	describe('its trigger', () => {
		const SECRET = 'acme_whsec_5b1f0c2e9a';
		const body = JSON.stringify({
			id: 'evt_01HF3K',
			type: 'task.completed',
			task: { id: 'tsk_8x2k', title: 'Ship the kit', status: 'done' },
		});
		const harness = () =>
			createTriggerHarness({
				nodeType: new AcmeTasksTrigger(),
				parameters: { events: ['*'], signingSecret: SECRET },
				credentials: { apiConnAcmeTasksApi: { accessToken: 'acme_pat_3f9d' } },
				credentialTypes: [new ApiConnAcmeTasksApi()],
			});
		const signed = (secret = SECRET) => ({
			method: 'POST',
			rawBody: body,
			headers: <Record<string, string>>{
				'content-type': 'application/json',
				...signPayload(exampleServices[0].spec.webhook!.signature!, {
					rawBody: Buffer.from(body),
					secret,
				}),
			},
		});

		it('activation touches nothing at the service (registered by hand)', async () => {
			const t = harness();
			expect(await t.run('checkExists')).toBe(true);
			expect(await t.run('create')).toBe(true);
			expect(await t.run('delete')).toBe(true);
		});

		it('a delivery signed with the secret starts one execution with its event and body', async () => {
			const delivery = signed();
			const { result, response } = await harness().deliver(delivery);
			expect(response.statusCode).toBeUndefined();
			expect(result.workflowData?.[0]).toHaveLength(1);
			expect(result.workflowData?.[0][0].json).toEqual({
				event: 'task.completed',
				deliveryId: null,
				body: JSON.parse(body),
				headers: {
					'content-type': 'application/json',
					'x-acmetasks-signature': delivery.headers['x-acmetasks-signature'],
				},
				query: {},
			});
		});

		it('a delivery signed with another secret gets 401 and starts nothing', async () => {
			const { result, response } = await harness().deliver(signed('another-secret'));
			expect(result.workflowData).toBeUndefined();
			expect(response.statusCode).toBe(401);
			expect(response.raw()).not.toContain(SECRET);
		});
	});

	describe('touches no file in lib/ and is not shipped', () => {
		const exampleFiles = files(exampleRoot);
		const libFiles = files(join(root, 'lib'));

		it('no file in lib/ names it', () => {
			const naming = libFiles.filter((f) => /acme.?tasks/i.test(readFileSync(f, 'utf8')));
			expect(naming.map((f) => relative(root, f))).toEqual([]);
		});

		it("it reaches lib/ only through modules lib/index.ts publishes (the engine's public API)", () => {
			const index = readFileSync(join(root, 'lib', 'index.ts'), 'utf8');
			const published = new Set(
				[...index.matchAll(/from '\.\/([^']+)'/g)].map((m) => resolve(root, 'lib', m[1])),
			);
			const used = exampleFiles
				.filter((f) => f.endsWith('.ts'))
				.flatMap((f) =>
					[...readFileSync(f, 'utf8').matchAll(/from '(\.[^']+)'/g)]
						.map((m) => resolve(f, '..', m[1]))
						.filter((target) => target.startsWith(join(root, 'lib'))),
				);
			expect(used.length).toBeGreaterThan(0);
			expect(used.filter((target) => !published.has(target)).map((t) => relative(root, t))).toEqual(
				[],
			);
		});

		it("the package's lists, services and build do not include it", () => {
			expect(services.map((s) => s.spec.id)).not.toContain('acmeTasks');
			for (const file of ['package.json', 'index.ts', 'nodes/services.ts', 'docs/README.md'])
				expect(readFileSync(join(root, file), 'utf8')).not.toMatch(/acme.?tasks/i);
			const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')) as {
				exclude: string[];
			};
			expect(tsconfig.exclude).toContain('test');
		});
	});
});
