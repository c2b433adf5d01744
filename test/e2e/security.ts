/**
 * The security fixes of issue 10 (and two error-reading checks of issue 11) in the real n8n, as a user
 * meets them: redirects to another origin refused before anything is sent there (Custom API with three
 * kinds of credential, and a GitHub Trigger's registration), a same-origin redirect followed with the
 * credential, failed items on n8n's error output, replays of signed deliveries refused (API Webhook
 * Trigger version 2 with its signing-secret credential), a second Stripe credential refused at activation,
 * and an absurd Retry-After that ends a run at once with a one-paragraph description.
 *
 * Credentials and workflows are created over n8n's REST API (as the editor does) against loopback
 * servers of this file; action workflows run with `n8n execute`, triggers in the server. Runs after the
 * service tests, whose Connections counts these calls would change.
 */
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import { github, stripe, type SuiteContext } from './services';
import { delay, until, type RunOutput } from './support/n8n';
import { ScriptedApi } from './support/scripted-api';
import { GITHUB_OWNER, GITHUB_REPO } from './support/service-fakes';
import { SERVICE_CRED } from './support/service-workflows';
import { CUSTOM_API, PKG, WEBHOOK_TRIGGER } from './support/workflows';

const REDIRECT_BEARER = 'e2e-redirect-bearer-7d21c0';
const REDIRECT_KEY = 'e2e-redirect-hkey-5e90aa';
const REDIRECT_USER = 'e2e-redirect-user';
const REDIRECT_PASSWORD = 'e2e-redirect-pass-c4b8';
const QUERY_KEY = 'e2e-query-key-19f3e2';
const V2_SECRET = 'whsec_e2eV2SigningSecret3a9d17';
const STRIPE_KEY_B = 'sk_test_51E2eSecondKey9z8y7x6w5v4';

interface Item {
	json: Record<string, unknown>;
	pairedItem?: unknown;
}
interface Created {
	id: string;
	name: string;
}
interface PublicationStatus {
	status: string;
	triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
}

let nodeSeq = 0;
function node(
	name: string,
	type: string,
	parameters: Record<string, unknown>,
	extra: Record<string, unknown> = {},
): Record<string, unknown> {
	nodeSeq++;
	return {
		id: randomUUID(),
		name,
		type,
		typeVersion: 1,
		position: [260 * (nodeSeq % 4), 160 * nodeSeq],
		parameters,
		...extra,
	};
}
const start = () => ({
	id: randomUUID(),
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
});
const to = (...targets: string[]) => targets.map((t) => ({ node: t, type: 'main', index: 0 }));
const cred = (type: string, c: Created) => ({
	credentials: { [type]: { id: c.id, name: c.name } },
});

export function securityTests(ctx: SuiteContext): void {
	describe('security fixes in the real n8n (issue 10)', () => {
		const api = new ScriptedApi();
		/** Another origin: whatever it receives is a leak. */
		const other = new ScriptedApi();
		const rest = () => ctx.rest();
		const creds: Record<string, Created> = {};

		async function createCredential(
			name: string,
			type: string,
			data: Record<string, unknown>,
		): Promise<Created> {
			const c = await rest().post<Created>('/rest/credentials', { name, type, data });
			ctx.outputs.push({ what: `credential ${name} over REST`, text: JSON.stringify(c) });
			return c;
		}

		async function createWorkflow(
			name: string,
			nodes: unknown[],
			connections: Record<string, unknown>,
		): Promise<string> {
			const created = await rest().post<{ id: string }>('/rest/workflows', {
				name,
				nodes,
				connections,
				settings: { executionOrder: 'v1' },
			});
			return created.id;
		}

		async function activate(workflowId: string): Promise<void> {
			const workflow = await rest().get<{ versionId: string }>(`/rest/workflows/${workflowId}`);
			const activated = await rest().post<{ active: boolean }>(
				`/rest/workflows/${workflowId}/activate`,
				{ versionId: workflow.versionId },
			);
			assert.equal(activated.active, true);
		}

		async function deactivate(workflowId: string): Promise<void> {
			const res = await rest().post<{ active: boolean }>(
				`/rest/workflows/${workflowId}/deactivate`,
				{},
			);
			assert.equal(res.active, false);
		}

		/** n8n applies activation in the background: waits for the publication to settle as `failed`. */
		async function failedPublication(workflowId: string): Promise<PublicationStatus> {
			const status = await until(
				`the publication of ${workflowId} to fail`,
				async () => {
					const s = await rest().get<PublicationStatus>(
						`/rest/workflows/${workflowId}/publication-status`,
					);
					return s.status === 'in_progress' || s.status === 'not_published' ? undefined : s;
				},
				60_000,
				500,
			);
			ctx.outputs.push({
				what: `publication status of ${workflowId}`,
				text: JSON.stringify(status),
			});
			return status;
		}

		async function executions(workflowId: string): Promise<Array<{ id: string; status: string }>> {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			return (
				await rest().get<{ results: Array<{ id: string; status: string }> }>(
					`/rest/executions?filter=${filter}`,
				)
			).results;
		}

		/** The items of every output of a node's only run. */
		function outputsOf(run: RunOutput, name: string): Item[][] {
			const runs = run.data.resultData.runData[name];
			assert.equal(runs?.length, 1, `node "${name}" ran ${runs?.length ?? 0} times`);
			assert.equal(
				runs[0].error,
				undefined,
				`node "${name}" failed: ${JSON.stringify(runs[0].error)}`,
			);
			return (runs[0].data?.main ?? []).map((items) => (items ?? []) as Item[]);
		}

		before(async () => {
			await api.start();
			await other.start();
			ctx.secrets.push(
				REDIRECT_BEARER,
				REDIRECT_KEY,
				REDIRECT_PASSWORD,
				QUERY_KEY,
				V2_SECRET,
				STRIPE_KEY_B,
			);
			ctx.log(`security: API at ${api.url}, the other origin at ${other.url}`);
			api.answer = (r) => {
				if (r.method === 'GET' && r.path === '/me')
					return [302, { moved: true }, { location: `${other.url}/steal?x=1` }];
				if (r.method === 'GET' && r.path === '/v1/me')
					return r.query.api_key === QUERY_KEY
						? [307, undefined, { location: '/v2/me' }]
						: [401, { error: 'no key' }];
				if (r.method === 'GET' && r.path === '/v2/me')
					return r.query.api_key === QUERY_KEY ? [200, { id: 1 }] : [401, { error: 'no key' }];
				if (r.method === 'GET' && r.path === '/items/1') return [200, { id: 1 }];
				if (r.method === 'GET' && r.path === '/items/2') return [404, { message: 'gone' }];
				return [404, { message: `no route ${r.method} ${r.path}` }];
			};
			creds.bearer = await createCredential('E2E redirect bearer', 'customApiBearerApi', {
				baseUrl: api.url,
				accessToken: REDIRECT_BEARER,
			});
			creds.headerKey = await createCredential('E2E redirect header key', 'customApiKeyApi', {
				baseUrl: api.url,
				apiKey: REDIRECT_KEY,
				keyLocation: 'header',
				keyName: 'X-API-Key',
			});
			creds.basic = await createCredential('E2E redirect Basic', 'customApiBasicAuthApi', {
				baseUrl: api.url,
				username: REDIRECT_USER,
				password: REDIRECT_PASSWORD,
			});
			creds.queryKey = await createCredential('E2E query key', 'customApiKeyApi', {
				baseUrl: api.url,
				apiKey: QUERY_KEY,
				keyLocation: 'query',
				keyName: 'api_key',
			});
		});

		after(async () => {
			await api.stop();
			await other.stop();
			github.override = undefined;
		});

		describe('redirects and the error output (one run of Custom API nodes)', () => {
			let run: RunOutput;
			const refused = (status: number) => ({
				error: `Custom API: refused to follow a redirect to ${other.url}, another origin`,
				cause: `Custom API answered ${status} to GET /me with a redirect to ${other.url}, but credentials are only sent to ${api.url} (the request's own scheme, host and port), so nothing was sent to ${other.url}.`,
			});

			before(async () => {
				const onErr = (mode: string) => ({ onError: mode });
				const get = (endpoint: string, authentication: string) => ({
					authentication,
					method: 'GET',
					endpoint,
				});
				const byId = {
					authentication: 'none',
					baseUrl: api.url,
					method: 'GET',
					endpoint: '/items/{id}',
					pathVariables: { variable: [{ name: 'id', value: '={{ $json.id }}' }] },
				};
				const id = await createWorkflow(
					'E2E: security (redirects, error output)',
					[
						start(),
						node('Redirect bearer', CUSTOM_API, get('/me', 'bearerToken'), {
							...cred('customApiBearerApi', creds.bearer),
							...onErr('continueRegularOutput'),
						}),
						node('Redirect header key', CUSTOM_API, get('/me', 'apiKey'), {
							...cred('customApiKeyApi', creds.headerKey),
							...onErr('continueRegularOutput'),
						}),
						node('Redirect Basic', CUSTOM_API, get('/me', 'basicAuth'), {
							...cred('customApiBasicAuthApi', creds.basic),
							...onErr('continueRegularOutput'),
						}),
						node(
							'Same-origin redirect',
							CUSTOM_API,
							get('/v1/me', 'apiKey'),
							cred('customApiKeyApi', creds.queryKey),
						),
						{
							...node('Two items', 'n8n-nodes-base.code', {
								jsCode: "return [{ json: { id: 1, keep: 'a' } }, { json: { id: 2, keep: 'b' } }];",
							}),
							typeVersion: 2,
						},
						node('Get item (error output)', CUSTOM_API, byId, onErr('continueErrorOutput')),
						node('Get item (continue)', CUSTOM_API, byId, onErr('continueRegularOutput')),
						node('Failed items', 'n8n-nodes-base.noOp', {}),
					],
					{
						Start: {
							main: [
								to(
									'Redirect bearer',
									'Redirect header key',
									'Redirect Basic',
									'Same-origin redirect',
									'Two items',
								),
							],
						},
						'Two items': { main: [to('Get item (error output)', 'Get item (continue)')] },
						'Get item (error output)': { main: [[], to('Failed items')] },
					},
				);
				run = await ctx.execute(id, 'security');
			});

			for (const [name, authHeader] of [
				['Redirect bearer', () => ({ authorization: `Bearer ${REDIRECT_BEARER}` })],
				['Redirect header key', () => ({ 'x-api-key': REDIRECT_KEY })],
				[
					'Redirect Basic',
					() => ({
						authorization: `Basic ${Buffer.from(`${REDIRECT_USER}:${REDIRECT_PASSWORD}`).toString('base64')}`,
					}),
				],
			] as const) {
				it(`${name}: a 302 to another origin fails the item with the refusal; that origin receives nothing`, () => {
					const [items] = outputsOf(run, name);
					assert.equal(items.length, 1);
					assert.equal(items[0].json.error, refused(302).error);
					assert.ok(
						String(items[0].json.description).includes(refused(302).cause),
						String(items[0].json.description),
					);
					// Only the origin is named, never the target's path or query.
					assert.ok(!JSON.stringify(items[0].json).includes('/steal'));
					// The API got the request once, with this credential; the other origin got nothing at all.
					const [header, value] = Object.entries(authHeader())[0];
					const seen = api.requests.filter((r) => r.path === '/me' && r.headers[header] === value);
					assert.deepEqual(
						seen.map((r) => [r.method, r.path, r.status]),
						[['GET', '/me', 302]],
					);
					assert.deepEqual(other.lines(), []);
				});
			}

			it('a same-origin 307 is followed with the key in the query: output [{ id: 1 }], the key sent on both requests', () => {
				const [items] = outputsOf(run, 'Same-origin redirect');
				assert.deepEqual(
					items.map((i) => i.json),
					[{ id: 1 }],
				);
				const seen = api.requests.filter((r) => r.path.endsWith('/me') && r.path !== '/me');
				assert.deepEqual(
					seen.map((r) => [r.path, r.query.api_key, r.status]),
					[
						['/v1/me', QUERY_KEY, 307],
						['/v2/me', QUERY_KEY, 200],
					],
				);
			});

			it("'Continue (using error output)': the success on output 0, the failed item on the error output, merged with its input and paired", () => {
				const [ok, failed, ...more] = outputsOf(run, 'Get item (error output)');
				assert.deepEqual(more, []);
				assert.deepEqual(ok, [{ json: { id: 1 }, pairedItem: { item: 0 } }]);
				assert.equal(failed.length, 1);
				assert.deepEqual(failed[0].pairedItem, { item: 1 });
				const { details, ...rest } = failed[0].json;
				assert.deepEqual(rest, { id: 2, keep: 'b', error: 'Custom API: 404 Not Found – gone' });
				assert.ok(
					String(details).includes("Custom API found nothing at GET /items/{id} for id '2'."),
					String(details),
				);
				// The node on the error output received that item.
				const [received] = outputsOf(run, 'Failed items');
				assert.deepEqual(
					received.map((i) => i.json),
					[failed[0].json],
				);
			});

			it("'Continue' (regular output): one output, the failed item as { error, description }, paired", () => {
				const outputs = outputsOf(run, 'Get item (continue)');
				assert.equal(outputs.length, 1);
				const [items] = outputs;
				assert.equal(items.length, 2);
				assert.deepEqual(items[0], { json: { id: 1 }, pairedItem: { item: 0 } });
				assert.deepEqual(items[1].pairedItem, { item: 1 });
				assert.deepEqual(Object.keys(items[1].json).sort(), ['description', 'error']);
				assert.equal(items[1].json.error, 'Custom API: 404 Not Found – gone');
				assert.ok(
					String(items[1].json.description).includes(
						"Custom API found nothing at GET /items/{id} for id '2'.",
					),
					String(items[1].json.description),
				);
				assert.deepEqual(
					api.requests
						.filter((r) => r.path.startsWith('/items/'))
						.map((r) => `${r.path} ${r.status}`)
						.sort(),
					['/items/1 200', '/items/1 200', '/items/2 404', '/items/2 404'],
				);
			});
		});

		describe('API Webhook Trigger version 2 (signing secret in a credential) refuses a replay', () => {
			const path = 'e2e/v2-orders';
			const body = JSON.stringify({ event: 'order.paid', order: { id: 2077 } });
			let workflowId = '';
			const sign = (ts: number) =>
				`sha256=${createHmac('sha256', V2_SECRET).update(`${ts}.${body}`).digest('hex')}`;
			const deliver = async (headers: Record<string, string>) => {
				const res = await fetch(`${ctx.n8n().baseUrl}/webhook/${path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', ...headers },
					body,
					signal: AbortSignal.timeout(30_000),
				});
				const text = await res.text();
				ctx.outputs.push({ what: `v2 webhook answer ${res.status}`, text });
				return { status: res.status, text };
			};

			it('a signed delivery starts one execution; the same request again gets 401 and starts nothing', async () => {
				const secret = await createCredential(
					'E2E v2 signing secret',
					'apiConnWebhookSigningSecretApi',
					{ secret: V2_SECRET },
				);
				workflowId = await createWorkflow(
					'E2E: API Webhook Trigger v2',
					[
						{
							...node(
								'Signed webhook v2',
								WEBHOOK_TRIGGER,
								{
									httpMethod: ['POST'],
									path,
									responseMode: 'onReceived',
									responseCode: 200,
									verifySignature: true,
									signatureHeader: 'X-Signature-256',
									algorithm: 'sha256',
									encoding: 'hex',
									signaturePrefix: 'sha256=',
									signedPayload: '{timestamp}.{body}',
									timestampHeader: 'X-Timestamp',
									toleranceSeconds: 300,
								},
								{ webhookId: randomUUID(), ...cred('apiConnWebhookSigningSecretApi', secret) },
							),
							typeVersion: 2,
						},
					],
					{},
				);
				await activate(workflowId);
				const first = await until('the v2 webhook to be registered', async () => {
					const res = await deliver({});
					return res.status === 404 ? undefined : res;
				});
				assert.equal(first.status, 401, first.text);
				const ts = Math.floor(Date.now() / 1000);
				const signed = { 'X-Timestamp': String(ts), 'X-Signature-256': sign(ts) };
				const accepted = await deliver(signed);
				assert.equal(accepted.status, 200, accepted.text);
				const done = await until('the v2 execution to finish', async () => {
					const list = await executions(workflowId);
					return list.length === 1 && !['running', 'new'].includes(list[0].status)
						? list
						: undefined;
				});
				assert.equal(done[0].status, 'success');
				const replay = await deliver(signed);
				assert.equal(replay.status, 401, replay.text);
				assert.ok(!replay.text.includes(V2_SECRET));
				await delay(1000);
				assert.equal((await executions(workflowId)).length, 1);
				await deactivate(workflowId);
			});
		});

		// n8n retries a failing activation for ~17 s before it reports it: both activations run at once.
		describe('activations that must fail (publication status failed, nothing sent where it must not be)', () => {
			const hooks = `/repos/${GITHUB_OWNER}/${GITHUB_REPO}/hooks`;
			let githubFrom = 0;
			let stripeFrom = 0;
			let githubOutcome: Promise<{ workflowId: string; status: PublicationStatus }>;
			let stripeOutcome: Promise<{ workflowId: string; status: PublicationStatus }>;

			async function activateAndFail(
				workflowId: string,
			): Promise<{ workflowId: string; status: PublicationStatus }> {
				await activate(workflowId);
				return { workflowId, status: await failedPublication(workflowId) };
			}

			before(async () => {
				github.override = (r) =>
					r.method === 'POST' && r.path === hooks
						? [307, { message: 'Moved' }, { location: `${other.url}${hooks}` }]
						: undefined;
				githubFrom = github.requests.length;
				stripeFrom = stripe.requests.length;
				const githubWorkflow = await createWorkflow(
					'E2E: GitHub Trigger redirected',
					[
						node(
							'GitHub Trigger',
							`${PKG}.githubTrigger`,
							{
								authentication: SERVICE_CRED.github.type,
								owner: GITHUB_OWNER,
								repository: GITHUB_REPO,
								events: ['push'],
							},
							{
								webhookId: randomUUID(),
								credentials: {
									[SERVICE_CRED.github.type]: {
										id: SERVICE_CRED.github.id,
										name: SERVICE_CRED.github.name,
									},
								},
							},
						),
					],
					{},
				);
				const second = await createCredential('E2E Stripe B', 'apiConnStripeApi', {
					secretKey: STRIPE_KEY_B,
				});
				const stripeWorkflow = await createWorkflow(
					'E2E: Stripe Trigger, second credential',
					[
						node(
							'Stripe Trigger',
							`${PKG}.stripeTrigger`,
							{ events: ['customer.created'] },
							{ webhookId: randomUUID(), ...cred('apiConnStripeApi', second) },
						),
					],
					{},
				);
				githubOutcome = activateAndFail(githubWorkflow);
				stripeOutcome = activateAndFail(stripeWorkflow);
				// Both settle before the tests read them (and a rejection is reported by its own test).
				await Promise.allSettled([githubOutcome, stripeOutcome]);
			});

			after(async () => {
				github.override = undefined;
				for (const outcome of [githubOutcome, stripeOutcome]) {
					const settled = await outcome?.catch(() => undefined);
					if (settled) await deactivate(settled.workflowId);
				}
			});

			it('a GitHub Trigger whose registration is redirected (307) to another origin: activation fails with the refusal; that origin receives nothing', async () => {
				const { status } = await githubOutcome;
				assert.equal(status.status, 'failed', JSON.stringify(status));
				assert.equal(status.triggers.length, 1);
				const message = String(status.triggers[0].errorMessage);
				ctx.log(`GitHub Trigger redirected: ${message}`);
				assert.ok(
					message.startsWith(
						`Could not register the GitHub webhook: GitHub: refused to follow a redirect to ${other.url}, another origin.`,
					),
					message,
				);
				const lines = github.lines(githubFrom);
				ctx.log(`GitHub Trigger redirected: ${lines.length} create attempt(s) at the fake`);
				assert.ok(lines.length >= 1, 'the registration never reached the GitHub fake');
				assert.deepEqual([...new Set(lines)], [`POST ${hooks}`]);
				assert.ok(github.requests.slice(githubFrom).every((r) => r.status === 307));
				assert.deepEqual(other.lines(), []);
			});

			it('a Stripe Trigger with a second Stripe credential (one Stripe connection per workspace): activation fails with the rule and the fix; nothing reaches Stripe', async () => {
				const { status } = await stripeOutcome;
				assert.equal(status.status, 'failed', JSON.stringify(status));
				const message = String(status.triggers[0]?.errorMessage);
				ctx.log(`Stripe Trigger, second credential: ${message}`);
				assert.ok(
					message.startsWith(
						'Could not register the Stripe webhook: Only one Stripe connection allowed per workspace',
					),
					message,
				);
				assert.ok(message.includes(`credential "${SERVICE_CRED.stripe.name}"`), message);
				assert.deepEqual(stripe.lines(stripeFrom), []);
			});
		});

		// Last of the GitHub calls: the connection is paused for a while afterwards.
		describe('an absurd Retry-After (issue 11)', () => {
			it('GitHub 429 with Retry-After: 1000000000 ends the run at once: one request, a one-paragraph rate-limit description', async () => {
				const repoPath = `/repos/${GITHUB_OWNER}/${GITHUB_REPO}`;
				github.override = (r) =>
					r.method === 'GET' && r.path === repoPath
						? [
								429,
								{
									message: 'API rate limit exceeded',
									documentation_url: 'https://docs.github.com/rest',
								},
								{ 'retry-after': '1000000000' },
							]
						: undefined;
				const from = github.requests.length;
				try {
					const id = await createWorkflow(
						'E2E: GitHub rate limited',
						[
							start(),
							node(
								'Get repository',
								`${PKG}.github`,
								{
									authentication: SERVICE_CRED.github.type,
									resource: 'repository',
									operation: 'get',
									owner: GITHUB_OWNER,
									repo: GITHUB_REPO,
								},
								{
									credentials: {
										[SERVICE_CRED.github.type]: {
											id: SERVICE_CRED.github.id,
											name: SERVICE_CRED.github.name,
										},
									},
									onError: 'continueRegularOutput',
								},
							),
						],
						{ Start: { main: [to('Get repository')] } },
					);
					const run = await ctx.execute(id, 'github rate limited');
					const [items] = outputsOf(run, 'Get repository');
					const nodeRun = run.data.resultData.runData['Get repository'][0];
					assert.equal(items.length, 1);
					const { error, description } = items[0].json as { error: string; description: string };
					ctx.log(`GitHub 429: ${error} | ${description} (${nodeRun.executionTime} ms)`);
					assert.equal(error, 'GitHub: 429 Too Many Requests – API rate limit exceeded');
					assert.ok(
						description.startsWith('GitHub is rate limiting this connection (HTTP 429)'),
						description,
					);
					assert.doesNotMatch(description, /\n/);
					assert.ok(
						(nodeRun.executionTime ?? Infinity) < 5000,
						`the node ran ${nodeRun.executionTime} ms`,
					);
					assert.deepEqual(github.lines(from), [`GET ${repoPath}`]);
				} finally {
					github.override = undefined;
				}
			});
		});
	});
}
