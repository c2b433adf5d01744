/**
 * The README's picture: a real n8n 2.41.1 with this package installed, a workflow of its nodes opened in
 * the editor in headless Chromium (driven by playwright-core), signed in through the sign-in form, and
 * the canvas saved as docs/n8n-canvas.png. Run through `test/e2e/screenshot.sh`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

import { freePort, N8n, Rest } from './support/n8n';
import {
	CONNECTIONS,
	CRED,
	CUSTOM_API,
	GRAPHQL,
	WEBHOOK_TRIGGER,
	credentialsFile,
} from './support/workflows';

const project = resolve(process.env.E2E_PROJECT ?? join(__dirname, '..', '..'));
const work = resolve(process.env.E2E_WORK ?? join(project, '.e2e', 'screenshot'));
const output = resolve(process.env.E2E_SCREENSHOT ?? join(project, 'docs', 'n8n-canvas.png'));
const OWNER = { email: 'owner@e2e.test', password: 'E2e-owner-Passw0rd' };
const WORKFLOW_ID = 'e2eShowcase00001';

/** The little of playwright-core this script uses (it is installed beside, not in package.json). */
interface Locator {
	fill(value: string): Promise<void>;
	click(): Promise<void>;
	count(): Promise<number>;
	first(): Locator;
	waitFor(options?: { state?: string; timeout?: number }): Promise<void>;
}
interface Page {
	goto(url: string, options?: { waitUntil?: string; timeout?: number }): Promise<unknown>;
	locator(selector: string): Locator;
	keyboard: { press(key: string): Promise<void> };
	waitForURL(url: (u: URL) => boolean, options?: { timeout?: number }): Promise<void>;
	waitForTimeout(ms: number): Promise<void>;
	screenshot(options: { path: string; fullPage?: boolean }): Promise<Buffer>;
	addStyleTag(options: { content: string }): Promise<unknown>;
}
interface BrowserContext {
	newPage(): Promise<Page>;
	close(): Promise<void>;
}
interface Playwright {
	chromium: {
		launchPersistentContext(
			userDataDir: string,
			options: Record<string, unknown>,
		): Promise<BrowserContext>;
	};
}

function showcase(hasConnections: boolean): Record<string, unknown> {
	const at = (i: number): [number, number] => [i * 280, 0];
	const id = (i: number) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
	const nodes: Array<Record<string, unknown>> = [
		{
			id: id(1),
			name: 'Signed order webhook',
			type: WEBHOOK_TRIGGER,
			typeVersion: 1,
			position: at(0),
			webhookId: '2f5d0c7a-6a4e-4d0e-9a51-3c1f2b7e8d90',
			parameters: {
				httpMethod: ['POST'],
				path: 'orders',
				secret: 'showcase-secret',
				signaturePrefix: 'sha256=',
				signedPayload: '{timestamp}.{body}',
				timestampHeader: 'X-Timestamp',
			},
		},
		{
			id: id(2),
			name: 'Add order note',
			type: CUSTOM_API,
			typeVersion: 1,
			position: at(1),
			parameters: {
				authentication: 'apiKey',
				method: 'POST',
				endpoint: '/orders/{id}/notes',
				pathVariables: { variable: [{ name: 'id', value: '={{ $json.body.order.id }}' }] },
				bodyContentType: 'json',
				jsonBody: '{"text": "received"}',
			},
			credentials: { customApiKeyApi: { id: CRED.apiKey.id, name: CRED.apiKey.name } },
		},
		{
			id: id(3),
			name: 'Fetch customer',
			type: GRAPHQL,
			typeVersion: 1,
			position: at(2),
			parameters: {
				authentication: 'apiKey',
				endpoint: '/graphql',
				query: 'query ($id: ID!) { customer(id: $id) { id name } }',
				variables: '={{ JSON.stringify({ id: $json.orderId }) }}',
			},
			credentials: { customApiKeyApi: { id: CRED.apiKey.id, name: CRED.apiKey.name } },
		},
	];
	if (hasConnections) {
		nodes.push({
			id: id(4),
			name: 'Connection status',
			type: CONNECTIONS,
			typeVersion: 1,
			position: at(3),
			parameters: { resource: 'connection', operation: 'getStatus', service: '__all' },
		});
	}
	const connections: Record<string, unknown> = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[String(nodes[i].name)] = {
			main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]],
		};
	}
	return {
		id: WORKFLOW_ID,
		name: 'Orders: signed webhook → API → GraphQL',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections,
		pinData: {},
	};
}

async function main(): Promise<void> {
	mkdirSync(work, { recursive: true });
	const pkg = require(
		join(
			work,
			'user',
			'.n8n',
			'nodes',
			'node_modules',
			'n8n-nodes-api-connections',
			'package.json',
		),
	) as { n8n: { nodes: string[] } };
	const hasConnections = pkg.n8n.nodes.some((f) => f.endsWith('/Connections.node.js'));
	const n8n = new N8n({
		project,
		userFolder: join(work, 'user'),
		logFile: join(work, 'n8n.log'),
		pidFile: join(work, 'n8n.pid'),
		port: await freePort(),
		brokerPort: await freePort(),
	});
	const credentials = join(work, 'credentials.json');
	writeFileSync(
		credentials,
		JSON.stringify(credentialsFile('https://api.example.com/v1').slice(0, 1)),
	);
	const workflow = join(work, 'workflow.json');
	writeFileSync(workflow, JSON.stringify([showcase(hasConnections)]));
	for (const args of [
		['import:credentials', `--input=${credentials}`],
		['import:workflow', `--input=${workflow}`],
	]) {
		const res = await n8n.cli(args);
		if (!/Successfully imported/.test(res.stdout))
			throw new Error(`n8n ${args.join(' ')} failed:\n${res.stdout}\n${res.stderr}`);
	}
	let browser: BrowserContext | undefined;
	try {
		await n8n.start();
		const rest = new Rest(n8n.baseUrl);
		await rest.signIn(OWNER.email, OWNER.password);

		const playwright = createRequire(join(project, '.e2e', 'deps', 'package.json'))(
			'playwright-core',
		) as Playwright;
		// A fresh profile each run (the work folder is new).
		browser = await playwright.chromium.launchPersistentContext(join(work, 'chromium-profile'), {
			executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
			viewport: { width: 1400, height: 640 },
			deviceScaleFactor: 1,
		});
		const page = await browser.newPage();
		// The editor's own sign-in form, as a person signs in.
		await page.goto(`${n8n.baseUrl}/signin`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
		const form = '[data-test-id="signin-form"]';
		await page.locator(`${form} input[type="email"]`).waitFor({ timeout: 60_000 });
		await page.locator(`${form} input[type="email"]`).fill(OWNER.email);
		await page.locator(`${form} input[type="password"]`).fill(OWNER.password);
		await page.keyboard.press('Enter');
		await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 60_000 });

		await page.goto(`${n8n.baseUrl}/workflow/${WORKFLOW_ID}`, {
			waitUntil: 'domcontentloaded',
			timeout: 60_000,
		});
		const nodes = page.locator('[data-test-id="canvas-node"]');
		await nodes.first().waitFor({ timeout: 60_000 });
		const count = await nodes.count();
		const expected = hasConnections ? 4 : 3;
		if (count !== expected)
			throw new Error(`the canvas shows ${count} nodes, expected ${expected}`);
		// Fit the workflow into the view, then let icons and edges settle.
		const fit = page.locator('[data-test-id="zoom-to-fit"]');
		if (await fit.count()) await fit.first().click();
		await page.waitForTimeout(1500);
		mkdirSync(resolve(output, '..'), { recursive: true });
		await page.screenshot({ path: output });
		console.log(`screenshot: ${count} nodes on the canvas, saved ${output}`);
	} finally {
		await browser?.close();
		await n8n.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
