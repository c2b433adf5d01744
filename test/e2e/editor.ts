/**
 * The editor as a new user sees it: headless Chromium (Debian's chromium, driven by playwright-core from
 * .e2e/deps) signs in to the real n8n through its sign-in form and, for every node of the installed
 * package.json, opens the node in a workflow and checks that its Resource/Operation (or main fields) and
 * its credential slot render, with no console error from our code. The Connections node is also opened in
 * its Test state (service, Authentication, credential). Then one node runs from the editor against the
 * loopback fake (output panel) and one run fails (error panel: a short message and a cause/fix).
 * Screenshots of each panel land in `<work>/screenshots` (and in docs/screenshots with E2E_UPDATE_SCREENSHOTS=1).
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import type { N8n } from './support/n8n';
import { PKG } from './support/workflows';

/** The little of playwright-core used here (installed beside the project, not in package.json). */
interface Locator {
	click(options?: { timeout?: number }): Promise<void>;
	dblclick(options?: { timeout?: number }): Promise<void>;
	fill(value: string): Promise<void>;
	count(): Promise<number>;
	first(): Locator;
	allInnerTexts(): Promise<string[]>;
	innerText(options?: { timeout?: number }): Promise<string>;
	isVisible(): Promise<boolean>;
	waitFor(options?: { state?: string; timeout?: number }): Promise<void>;
	screenshot(options: { path: string }): Promise<Buffer>;
}
interface Page {
	goto(url: string, options?: { waitUntil?: string; timeout?: number }): Promise<unknown>;
	locator(selector: string): Locator;
	keyboard: { press(key: string): Promise<void> };
	on(
		event: 'console',
		fn: (msg: { type(): string; text(): string; location(): { url?: string } }) => void,
	): void;
	on(event: 'pageerror', fn: (error: Error) => void): void;
	waitForURL(url: (u: URL) => boolean, options?: { timeout?: number }): Promise<void>;
	waitForTimeout(ms: number): Promise<void>;
	screenshot(options: { path: string; fullPage?: boolean }): Promise<Buffer>;
}
interface BrowserContext {
	newPage(): Promise<Page>;
	close(): Promise<void>;
}

export interface EditorContext {
	n8n: () => N8n;
	rest: () => {
		post<T>(path: string, body: unknown): Promise<T>;
		get<T>(path: string): Promise<T>;
	};
	project: string;
	work: string;
	installed: string;
	owner: { email: string; password: string };
	apiUrl: () => string;
	log: (message: string) => void;
}

interface Description {
	name: string;
	displayName: string;
	properties: Array<{
		name: string;
		displayName: string;
		required?: boolean;
		displayOptions?: unknown;
		type: string;
	}>;
	credentials?: Array<{ name: string; required?: boolean; displayOptions?: unknown }>;
	group: string[];
	version?: number | number[];
	defaultVersion?: number;
}

/** The version n8n gives a node a user adds now. */
const newNodeVersion = (d: Description) =>
	d.defaultVersion ?? (Array.isArray(d.version) ? Math.max(...d.version) : (d.version ?? 1));

function load(installed: string, file: string): Description {
	const mod = require(join(installed, file)) as Record<
		string,
		new () => { description: Description }
	>;
	const C = Object.values(mod).find((v) => typeof v === 'function');
	assert.ok(C, `${file} exports no class`);
	return new C().description;
}

const id = (i: number) => `00000000-0000-4000-a000-${String(i).padStart(12, '0')}`;

/** A workflow of a Manual Trigger (for action nodes) and the node with the given parameters. */
function workflowOf(
	name: string,
	d: Description,
	parameters: Record<string, unknown>,
	extra: Record<string, unknown> = {},
): Record<string, unknown> {
	const nodeName = 'Node under test';
	const isTrigger = d.group.includes('trigger');
	const nodes: Array<Record<string, unknown>> = [
		{
			id: id(2),
			name: nodeName,
			type: `${PKG}.${d.name}`,
			typeVersion: 1,
			position: [300, 0],
			parameters,
			...(isTrigger ? { webhookId: '6f0a3a52-7d5e-4c35-9d51-0d5d2ef1c0a1' } : {}),
			...extra,
		},
	];
	if (!isTrigger)
		nodes.unshift({
			id: id(1),
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		});
	return {
		name,
		nodes,
		connections: isTrigger
			? {}
			: { Start: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

export function editorTests(ctx: EditorContext): void {
	describe('the editor in a real browser', () => {
		let browser: BrowserContext | undefined;
		let page: Page;
		const ourErrors: string[] = [];
		const shots = join(ctx.work, 'screenshots');
		const docShots =
			process.env.E2E_UPDATE_SCREENSHOTS === '1'
				? join(ctx.project, 'docs', 'screenshots')
				: undefined;

		async function shoot(name: string, what: Locator | Page): Promise<void> {
			for (const dir of [shots, docShots]) {
				if (!dir) continue;
				mkdirSync(dir, { recursive: true });
				await what.screenshot({ path: join(dir, `${name}.png`) });
			}
		}

		async function create(workflow: Record<string, unknown>): Promise<string> {
			const created = await ctx.rest().post<{ id: string }>('/rest/workflows', workflow);
			return created.id;
		}

		/** Opens the workflow and the node under test's panel. */
		async function open(workflowId: string): Promise<Locator> {
			await page.goto(`${ctx.n8n().baseUrl}/workflow/${workflowId}`, {
				waitUntil: 'domcontentloaded',
				timeout: 60_000,
			});
			const node = page.locator('[data-test-id="canvas-node"][data-node-name="Node under test"]');
			await node.first().waitFor({ timeout: 60_000 });
			await node.first().dblclick();
			const ndv = page.locator('[data-test-id="ndv"]');
			await ndv.first().waitFor({ timeout: 30_000 });
			await page.locator('[data-test-id="node-parameters"]').first().waitFor({ timeout: 30_000 });
			await page.waitForTimeout(400);
			return ndv.first();
		}

		const visible = async (selector: string) =>
			(await page.locator(selector).count()) > 0 &&
			(await page.locator(selector).first().isVisible());
		const field = (name: string) =>
			`[data-test-id="node-parameters"] [data-test-id="parameter-input-${name}"]`;

		before(async () => {
			const playwright = createRequire(join(ctx.project, '.e2e', 'deps', 'package.json'))(
				'playwright-core',
			) as {
				chromium: {
					launchPersistentContext(
						dir: string,
						options: Record<string, unknown>,
					): Promise<BrowserContext>;
				};
			};
			browser = await playwright.chromium.launchPersistentContext(
				join(ctx.work, 'chromium-profile'),
				{
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
					viewport: { width: 1400, height: 900 },
					deviceScaleFactor: 1,
				},
			);
			page = await browser.newPage();
			// Errors the page reports that come from this package (its node types, icons or messages).
			page.on('console', (msg) => {
				const text = `${msg.text()} ${msg.location().url ?? ''}`;
				if (msg.type() === 'error' && text.includes(PKG)) ourErrors.push(text);
			});
			page.on('pageerror', (error) => {
				if (`${error.message}\n${error.stack ?? ''}`.includes(PKG)) ourErrors.push(error.message);
			});
			await page.goto(`${ctx.n8n().baseUrl}/signin`, {
				waitUntil: 'domcontentloaded',
				timeout: 60_000,
			});
			const form = '[data-test-id="signin-form"]';
			await page.locator(`${form} input[type="email"]`).waitFor({ timeout: 60_000 });
			await page.locator(`${form} input[type="email"]`).fill(ctx.owner.email);
			await page.locator(`${form} input[type="password"]`).fill(ctx.owner.password);
			await page.keyboard.press('Enter');
			await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 60_000 });
		});

		after(async () => {
			await browser?.close();
		});

		const pkg = JSON.parse(readFileSync(join(ctx.installed, 'package.json'), 'utf8')) as {
			n8n: { nodes: string[] };
		};
		for (const file of pkg.n8n.nodes) {
			it(`${file.replace(/^dist\/nodes\//, '')}: the panel shows its main fields and its credential slot`, async () => {
				const d = load(ctx.installed, file);
				// As a user adds it now: at its default (newest) version.
				const ndv = await open(
					await create(
						workflowOf(`Editor: ${d.displayName}`, d, {}, { typeVersion: newNodeVersion(d) }),
					),
				);
				const names = new Set(d.properties.map((p) => p.name));
				if (names.has('resource'))
					assert.ok(await visible(field('resource')), `${d.displayName}: Resource is not shown`);
				if (names.has('operation'))
					assert.ok(await visible(field('operation')), `${d.displayName}: Operation is not shown`);
				// n8n shows an Authentication field without a "none" choice inside the credential slot, not as a field.
				const auth = d.properties.find((p) => p.name === 'authentication') as
					(Description['properties'][number] & { options?: Array<{ value: unknown }> }) | undefined;
				const authInSlot = Boolean(auth && !auth.options?.some((o) => o.value === 'none'));
				// Fields shown in every state, required ones first of all.
				for (const p of d.properties.filter(
					(x) =>
						!x.displayOptions &&
						x.type !== 'notice' &&
						x.type !== 'hidden' &&
						(x.required || ['resource', 'operation', 'authentication'].includes(x.name)),
				)) {
					if (p.name === 'authentication' && authInSlot) continue;
					assert.ok(
						await visible(field(p.name)),
						`${d.displayName}: ${p.displayName} is not shown`,
					);
				}
				assert.ok(
					(await page
						.locator('[data-test-id="node-parameters"] [data-test-id^="parameter-input-"]')
						.count()) > 0,
					`${d.displayName}: the panel is empty`,
				);
				// A credential the node needs by default can be picked (a slot with the credential picker).
				if (
					d.credentials?.some((c) => c.required && !c.displayOptions) ||
					(authInSlot && !auth?.displayOptions)
				) {
					assert.ok(
						await visible('[data-test-id="node-credentials-select"]'),
						`${d.displayName}: no credential slot`,
					);
				}
				await shoot(`panel-${d.name}`, page);
				assert.ok(ndv);
			});
		}

		it('SendGrid Trigger: Verification Key shown for Setup: Manual only', async () => {
			const file = pkg.n8n.nodes.find((f) => f.endsWith('/SendGridTrigger.node.js'));
			assert.ok(file, 'the package lists SendGridTrigger.node.js');
			const d = load(ctx.installed, file);
			await open(
				await create(workflowOf('Editor: SendGrid Trigger manual', d, { setup: 'manual' })),
			);
			await shoot('panel-sendgrid-trigger-manual', page);
			for (const name of ['setup', 'verificationKey'])
				assert.ok(await visible(field(name)), `SendGrid Trigger (manual): ${name} is not shown`);
			await open(
				await create(workflowOf('Editor: SendGrid Trigger automatic', d, { setup: 'api' })),
			);
			assert.ok(await visible(field('setup')), 'SendGrid Trigger (automatic): Setup is not shown');
			assert.equal(
				await page.locator(field('verificationKey')).count(),
				0,
				'SendGrid Trigger (automatic): Verification Key is shown',
			);
		});

		it('Connections node in its Test state: Service, Authentication and the credential slot', async () => {
			const file = pkg.n8n.nodes.find((f) => f.endsWith('/Connections.node.js'));
			if (!file) return;
			const d = load(ctx.installed, file);
			await open(
				await create(
					workflowOf('Editor: Connections test', d, {
						resource: 'connection',
						operation: 'test',
						service: 'github',
						authentication: 'apiConnGithubOAuth2Api',
					}),
				),
			);
			// Authentication (no "none" choice) is shown by n8n inside the credential slot.
			// The screenshot first: it shows what is wrong when an assertion below fails.
			await shoot('panel-connections-test', page);
			for (const name of ['resource', 'operation', 'service'])
				assert.ok(await visible(field(name)), `Connections (test): ${name} is not shown`);
			// With no credential of the chosen kind (GitHub OAuth2) yet, n8n 2.41 shows the slot as an empty state
			// ("Connect to <app>") instead of a list; either way it is that kind's slot, no other service's.
			const empty =
				'[data-test-id="node-credentials-empty-state"], [data-test-id="quick-connect-empty-state"]';
			if (!(await visible('[data-test-id="node-credentials-select"]'))) {
				assert.ok(await visible(empty), 'Connections (test): no credential slot');
				const text = await page.locator(empty).first().innerText();
				assert.match(
					text,
					/GitHub \(API Connections\)/,
					`Connections (test): the credential slot reads ${JSON.stringify(text)}`,
				);
			}
			await open(
				await create(
					workflowOf('Editor: Connections log', d, { resource: 'log', operation: 'getErrorLog' }),
				),
			);
			for (const name of ['resource', 'operation', 'service', 'limit'])
				assert.ok(await visible(field(name)), `Connections (log): ${name} is not shown`);
		});

		it('Connections node (as a new node, version 2) with Service = GitHub: one credential slot, offering only GitHub credentials', async () => {
			const file = pkg.n8n.nodes.find((f) => f.endsWith('/Connections.node.js'));
			if (!file) return;
			const d = load(ctx.installed, file);
			await open(
				await create(
					workflowOf(
						'Editor: Connections GitHub credentials',
						d,
						{ resource: 'connection', operation: 'test', service: 'github' },
						{ typeVersion: 2 },
					),
				),
			);
			const slots = page.locator('[data-test-id="node-credentials-select"]');
			assert.equal(await slots.count(), 1, 'Connections (GitHub): not exactly one credential slot');
			await slots.first().click();
			const options = page.locator(
				'[data-test-id^="node-credentials-select-item-"]:not([data-test-id="node-credentials-select-item-new"])',
			);
			await page.waitForTimeout(500);
			const offered = (await options.allInnerTexts())
				.map((t) => t.trim().split('\n')[0].trim())
				.filter(Boolean);
			await shoot('connections-github-credentials', page);
			await page.keyboard.press('Escape');
			// What the user can pick: the GitHub access-token credentials of this instance (the default kind), nothing else.
			const all = await ctx.rest().get<Array<{ name: string; type: string }>>('/rest/credentials');
			const github = all
				.filter((c) => c.type === 'apiConnGithubApi')
				.map((c) => c.name)
				.sort();
			ctx.log(`Connections (GitHub) credential dropdown offers: ${JSON.stringify(offered)}`);
			assert.ok(github.length > 0);
			assert.deepEqual([...offered].sort(), github);
		});

		it('a Custom API node runs from the editor: the output panel shows the items of the fake', async () => {
			const file = pkg.n8n.nodes.find((f) => f.endsWith('/CustomApi.node.js'))!;
			const d = load(ctx.installed, file);
			await open(
				await create(
					workflowOf('Editor: run', d, {
						authentication: 'none',
						baseUrl: ctx.apiUrl(),
						method: 'GET',
						endpoint: '/items',
					}),
				),
			);
			await page.locator('[data-test-id="node-execute-button"]').first().click();
			const output = page.locator('[data-test-id="output-panel"]');
			await page.waitForTimeout(500);
			let text = '';
			for (let i = 0; i < 60 && !/beta/.test(text); i++) {
				await page.waitForTimeout(500);
				text = await output.first().innerText();
			}
			assert.match(text, /alpha/);
			assert.match(text, /beta/);
			await shoot('output-custom-api', page);
		});

		it('a failing run shows a short message and a cause and fix in the error panel', async () => {
			const file = pkg.n8n.nodes.find((f) => f.endsWith('/CustomApi.node.js'))!;
			const d = load(ctx.installed, file);
			// The fake answers 401 without the API key.
			await open(
				await create(
					workflowOf('Editor: failing run', d, {
						authentication: 'none',
						baseUrl: ctx.apiUrl(),
						method: 'GET',
						endpoint: '/secure',
						options: { maxAttempts: 1 },
					}),
				),
			);
			await page.locator('[data-test-id="node-execute-button"]').first().click();
			const message = page.locator('[data-test-id="node-error-message"]');
			await message.first().waitFor({ timeout: 60_000 });
			const headline = (await message.first().innerText()).trim();
			assert.ok(headline.length > 0 && headline.length <= 160, `error message: ${headline}`);
			assert.doesNotMatch(headline, /\n/);
			const description = (
				await page.locator('[data-test-id="node-error-description"]').first().innerText()
			).trim();
			assert.ok(description.length > 20, `error description: ${description}`);
			// No internal ids (workflow id, execution number) in what the user reads first.
			assert.doesNotMatch(
				`${headline} ${description}`,
				/workflow [A-Za-z0-9]{16}|execution #?\d+/i,
			);
			await shoot('error-panel', page);
		});

		it('the nodes panel search finds Custom API, GraphQL API and API Webhook Trigger for API, REST, HTTP, GraphQL and webhook', async () => {
			const ours = ['Custom API', 'GraphQL API', 'API Webhook Trigger'];
			const terms = ['API', 'REST', 'HTTP', 'GraphQL', 'webhook'];
			const found: Record<string, { positions: Record<string, number>; first: string[] }> = {};
			await page.goto(`${ctx.n8n().baseUrl}/workflow/new`, {
				waitUntil: 'domcontentloaded',
				timeout: 60_000,
			});
			for (const term of terms) {
				const plus = page.locator('[data-test-id="node-creator-plus-button"]');
				await plus.first().waitFor({ timeout: 60_000 });
				await plus.first().click();
				const search = page.locator(
					'[data-test-id="node-creator"] [data-test-id="node-creator-search-bar"]',
				);
				await search.first().waitFor({ timeout: 30_000 });
				await search.first().fill(term);
				// The list is filtered as one types: wait until it has settled.
				const names = page.locator(
					'[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]',
				);
				let list: string[] = [];
				for (let i = 0, same = 0; i < 40 && same < 3; i++) {
					await page.waitForTimeout(250);
					const next = (await names.allInnerTexts()).map((t) => t.trim());
					same = next.length > 0 && JSON.stringify(next) === JSON.stringify(list) ? same + 1 : 0;
					list = next;
				}
				const positions = Object.fromEntries(ours.map((name) => [name, list.indexOf(name) + 1]));
				found[term] = { positions, first: list.slice(0, 8) };
				ctx.log(
					`nodes panel search "${term}": ${ours.map((n) => `${n} #${positions[n] || '-'}`).join(', ')}; first: ${list.slice(0, 8).join(' | ')}`,
				);
				await shoot(`search-${term.toLowerCase()}`, page);
				await page.keyboard.press('Escape');
				await page.waitForTimeout(300);
			}
			writeFileSync(join(ctx.work, 'search-positions.json'), JSON.stringify(found, null, '\t'));
			const missing = terms.flatMap((term) =>
				ours.filter((name) => !found[term].positions[name]).map((name) => `${name} for "${term}"`),
			);
			assert.deepEqual(missing, [], JSON.stringify(found));
		});

		it('no console error came from the package', () => {
			assert.deepEqual(ourErrors, []);
		});
	});
}
