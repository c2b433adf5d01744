/**
 * The four services in the real n8n: for each, a workflow Manual Trigger → the service node run with
 * `n8n execute`, and the service's trigger in an active workflow (registration at the service on
 * activation, the handshake where the vendor has one, signed / tampered / unsigned / stale deliveries,
 * removal at the service on deactivation). The nodes call the vendors' real origins; the operator
 * origin map (N8N_API_CONNECTIONS_ORIGIN_MAP) sends every request to a loopback fake.
 *
 * Signatures are computed here with node:crypto from the vendors' documented schemes
 * (shared/reference/services.md), independently of the package's verifier.
 */
import assert from 'node:assert/strict';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import type { RecordedRequest } from './support/fake-api';
import { delay, nodeItems, until, type N8n, type Rest, type RunOutput } from './support/n8n';
import {
	FACEBOOK_AD_ACCOUNT,
	FACEBOOK_CONVERSATION,
	FACEBOOK_ADS_TOKEN,
	FacebookFake,
	FACEBOOK_APP_SECRET,
	FACEBOOK_PAGE,
	FACEBOOK_PAGE_TOKEN,
	FACEBOOK_USER_TOKEN,
	GithubFake,
	GITHUB_OWNER,
	GITHUB_REPO,
	GITHUB_TOKEN,
	GITHUB_USER,
	GitlabFake,
	GITLAB_PROJECT,
	GITLAB_TOKEN,
	GITLAB_USER,
	InstagramFake,
	PinterestFake,
	PINTEREST_APP_SECRET,
	PINTEREST_BOARD,
	PINTEREST_TOKEN,
	INSTAGRAM_APP_ID,
	INSTAGRAM_APP_SECRET,
	INSTAGRAM_STORY,
	INSTAGRAM_TAGGED,
	INSTAGRAM_TOKEN,
	INSTAGRAM_USER,
	LinkedInFake,
	LINKEDIN_CLIENT_ID,
	LINKEDIN_CLIENT_SECRET,
	LINKEDIN_MEMBER,
	LINKEDIN_NOTIFICATIONS,
	LINKEDIN_TOKEN,
	LINKEDIN_VERSION,
	RuploadFake,
	StripeFake,
	STRIPE_API_VERSION,
	STRIPE_KEY,
	STRIPE_WHSEC,
	type ServiceFake,
} from './support/service-fakes';
import {
	FACEBOOK_VERIFY_TOKEN,
	HOOK_ID,
	SERVICE_CRED,
	SERVICE_WF,
} from './support/service-workflows';
import {
	X_APP_BEARER,
	X_CLIENT_ID,
	X_CLIENT_SECRET,
	X_CONSUMER_SECRET,
	X_USER,
	X_USER_TOKEN,
	XFake,
} from './support/x-fake';
import {
	TikTokFake,
	TIKTOK_CLIENT_KEY,
	TIKTOK_CLIENT_SECRET,
	TIKTOK_POST_ID,
	TIKTOK_TOKEN,
	TIKTOK_USER,
} from './support/tiktok-fake';
import {
	SLACK_AUTH_TEST,
	SLACK_CHANNEL,
	SLACK_CLIENT_ID,
	SLACK_CLIENT_SECRET,
	SLACK_SIGNING_SECRET,
	SLACK_TOKEN,
	SlackFake,
} from './support/slack-fake';
import {
	JiraGatewayFake,
	JIRA_API_TOKEN,
	JIRA_CLIENT_SECRET,
	JIRA_CLOUD_ID,
	JIRA_OAUTH_TOKEN,
	JIRA_SITE,
	JIRA_USER,
	JIRA_WEBHOOK_SECRET,
} from './support/jira-fake';
import {
	DRIVE_FILE,
	DRIVE_FILE_BYTES,
	GraphFake,
	MICROSOFT_CLIENT_SECRET,
	MICROSOFT_REFRESH_TOKEN,
	MICROSOFT_TOKEN,
	MICROSOFT_USER,
	NOTIFIED_MESSAGE,
	SHAREPOINT_TEMPAUTH,
	SharePointFake,
	REPORTS_FOLDER,
	REPORT_FILES,
	WORKBOOK,
	WORKBOOK_SESSION,
} from './support/microsoft-fake';
import {
	acceptedAssertions,
	GOOGLE_SA_KEY_FILE,
	GOOGLE_DOC_ID,
	GOOGLE_SA_TOKEN,
	GOOGLE_SHEET_ID,
	GmailFake,
	GoogleApisFake,
	GoogleDocsFake,
	GoogleSheetsFake,
	gmailInboxMessage,
	GoogleTokenFake,
	GOOGLE_CHANGED_FILE,
	GOOGLE_START_PAGE_TOKEN,
} from './support/google-fake';
import {
	TrelloFake,
	TRELLO_BOARD,
	TRELLO_KEY,
	TRELLO_LIST,
	TRELLO_SECRET,
	TRELLO_TOKEN,
} from './support/trello-fake';
import { WOO_KEY, WOO_ORDERS, WOO_SECRET, WooCommerceFake } from './support/woocommerce-fake';
import { AC_CONTACTS, AC_KEY, ActiveCampaignFake } from './support/activecampaign-fake';
import {
	MAILCHIMP_CAMPAIGN,
	MAILCHIMP_KEY,
	MAILCHIMP_LIST,
	MailchimpFake,
} from './support/mailchimp-fake';
import {
	SENDGRID_JOB,
	SENDGRID_KEY,
	SENDGRID_MESSAGE_ID,
	SendGridFake,
} from './support/sendgrid-fake';
import {
	NotionFake,
	NOTION_DATABASE,
	NOTION_DATA_SOURCE,
	NOTION_TOKEN,
	NOTION_VERIFICATION_TOKEN,
	NOTION_VERSION,
} from './support/notion-fake';
import {
	ShopifyFake,
	SHOPIFY_CLIENT_SECRET,
	SHOPIFY_SHOP,
	SHOPIFY_TOKEN,
} from './support/shopify-fake';
import {
	HsformsFake,
	HubspotFake,
	HUBSPOT_CLIENT_SECRET,
	HUBSPOT_PORTAL,
	HUBSPOT_TOKEN,
} from './support/hubspot-fake';
import {
	SquareFake,
	SQUARE_LOCATION,
	SQUARE_SIGNATURE_KEY,
	SQUARE_SUBSCRIPTION,
	SQUARE_TOKEN,
	SQUARE_VERSION,
} from './support/square-fake';
import {
	AirtableFake,
	AIRTABLE_BASE,
	AIRTABLE_TOKEN,
	AIRTABLE_WEBHOOK,
	airtableMac,
} from './support/airtable-fake';

export const stripe = new StripeFake();
export const square = new SquareFake();
export const github = new GithubFake();
export const gitlab = new GitlabFake();
export const instagram = new InstagramFake();
export const facebook = new FacebookFake();
export const linkedIn = new LinkedInFake();
export const pinterest = new PinterestFake();
export const x = new XFake();
export const tikTok = new TikTokFake();
export const jira = new JiraGatewayFake();
export const graph = new GraphFake();
export const sharePoint = new SharePointFake();
export const rupload = new RuploadFake(instagram);
export const slack = new SlackFake();
export const googleToken = new GoogleTokenFake();
export const googleSheets = new GoogleSheetsFake();
export const googleApis = new GoogleApisFake();
export const googleDocs = new GoogleDocsFake();
export const gmailApi = new GmailFake();
export const trello = new TrelloFake();
export const notion = new NotionFake();
export const airtable = new AirtableFake();
export const shopify = new ShopifyFake();
export const wooCommerce = new WooCommerceFake();
export const sendGrid = new SendGridFake();
export const activeCampaign = new ActiveCampaignFake();
export const hubspot = new HubspotFake();
export const hsforms = new HsformsFake();
export const mailchimp = new MailchimpFake();
const fakes: ServiceFake[] = [
	googleToken,
	googleSheets,
	googleApis,
	googleDocs,
	gmailApi,
	stripe,
	github,
	gitlab,
	instagram,
	facebook,
	pinterest,
	x,
	linkedIn,
	tikTok,
	jira,
	rupload,
	slack,
	graph,
	sharePoint,
	trello,
	airtable,
	notion,
	shopify,
	square,
	wooCommerce,
	sendGrid,
	activeCampaign,
	hubspot,
	hsforms,
	mailchimp,
];

/** Secrets of the services the suite hands to n8n (or n8n receives from them); none may appear in any output. */
export const serviceSecrets = [
	AC_KEY,
	HUBSPOT_TOKEN,
	HUBSPOT_CLIENT_SECRET,
	MAILCHIMP_KEY,
	WOO_KEY,
	WOO_SECRET,
	SLACK_TOKEN,
	SLACK_CLIENT_SECRET,
	SLACK_SIGNING_SECRET,
	STRIPE_KEY,
	STRIPE_WHSEC,
	GITHUB_TOKEN,
	GITLAB_TOKEN,
	INSTAGRAM_TOKEN,
	INSTAGRAM_APP_SECRET,
	FACEBOOK_USER_TOKEN,
	FACEBOOK_PAGE_TOKEN,
	FACEBOOK_APP_SECRET,
	FACEBOOK_ADS_TOKEN,
	LINKEDIN_TOKEN,
	LINKEDIN_CLIENT_SECRET,
	PINTEREST_TOKEN,
	PINTEREST_APP_SECRET,
	X_USER_TOKEN,
	X_APP_BEARER,
	X_CONSUMER_SECRET,
	TIKTOK_TOKEN,
	TIKTOK_CLIENT_SECRET,
	JIRA_OAUTH_TOKEN,
	JIRA_CLIENT_SECRET,
	JIRA_WEBHOOK_SECRET,
	MICROSOFT_TOKEN,
	MICROSOFT_REFRESH_TOKEN,
	MICROSOFT_CLIENT_SECRET,
	SHAREPOINT_TEMPAUTH,
	GOOGLE_SA_TOKEN,
	GOOGLE_SA_KEY_FILE.private_key.split('\n')[1],
	JIRA_API_TOKEN,
	TRELLO_KEY,
	TRELLO_TOKEN,
	TRELLO_SECRET,
	AIRTABLE_TOKEN,
	SQUARE_TOKEN,
	SQUARE_SIGNATURE_KEY,
	// Not NOTION_VERIFICATION_TOKEN: the trigger shows it on purpose, once, in the verification execution.
	NOTION_TOKEN,
	SHOPIFY_TOKEN,
	SHOPIFY_CLIENT_SECRET,
	SENDGRID_KEY,
];

export async function startServiceFakes(): Promise<void> {
	for (const fake of fakes) await fake.start();
}

export async function stopServiceFakes(): Promise<void> {
	for (const fake of fakes) await fake.stop();
}

/** The operator origin map: every vendor origin → its fake. */
export function originMap(): string {
	return fakes.map((f) => `${f.origin}=${f.url}`).join(',');
}

export interface SuiteContext {
	n8n(): N8n;
	rest(): Rest;
	execute(workflowId: string, label: string): Promise<RunOutput>;
	outputs: Array<{ what: string; text: string }>;
	secrets: string[];
	log(message: string): void;
	/** The imported Connections node workflow, when the package has that node. */
	connectionsWorkflowId?: string;
}

interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
}

const hmacHex = (secret: string, payload: string) =>
	createHmac('sha256', secret).update(payload).digest('hex');
const hubSignature = (secret: string, body: string) => `sha256=${hmacHex(secret, body)}`;
/** A JWT as Jira signs one for an OAuth 2.0 app's dynamic webhook: HS256 under the app's client secret. */
const signJwt = (claims: Record<string, unknown>, secret: string) => {
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
	return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
};
const stripeSignature = (secret: string, body: string, t: number) =>
	`t=${t},v1=${hmacHex(secret, `${t}.${body}`)}`;
const now = () => Math.floor(Date.now() / 1000);
/** Slack: `v0=` + hex HMAC-SHA256(signing secret, `v0:<timestamp>:<raw body>`). */
const slackSignature = (secret: string, body: string, t: number) =>
	`v0=${hmacHex(secret, `v0:${t}:${body}`)}`;

export function serviceTests(ctx: SuiteContext): void {
	const productionUrl = (hookId: string) => `${ctx.n8n().baseUrl}/webhook/${hookId}/webhook`;
	/** The URL n8n gives the service (WEBHOOK_URL is http://localhost:<port>/). */
	const registeredUrl = (hookId: string) =>
		`http://localhost:${ctx.n8n().options.port}/webhook/${hookId}/webhook`;

	async function send(
		hookId: string,
		method: 'GET' | 'POST',
		options: { body?: string; headers?: Record<string, string>; query?: string } = {},
	): Promise<{ status: number; text: string; contentType: string }> {
		const res = await fetch(`${productionUrl(hookId)}${options.query ?? ''}`, {
			method,
			headers: {
				...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
				...options.headers,
			},
			body: options.body,
			signal: AbortSignal.timeout(30_000),
		});

		const text = await res.text();
		ctx.outputs.push({ what: `webhook answer ${res.status} (${hookId})`, text });
		return { status: res.status, text, contentType: res.headers.get('content-type') ?? '' };
	}

	async function executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		return (
			await ctx.rest().get<{ results: ExecutionSummary[] }>(`/rest/executions?filter=${filter}`)
		).results;
	}

	/**
	 * Waits for the `count`-th execution of the workflow to finish; returns the trigger's output items. A polling
	 * trigger's executions run in mode `trigger`, on its Poll Times (give a longer `timeoutMs`).
	 */
	async function finishedExecution(
		workflowId: string,
		count: number,
		triggerNode: string,
		mode: 'webhook' | 'trigger' = 'webhook',
		timeoutMs?: number,
	): Promise<Array<Record<string, unknown>>> {
		const list = await until(
			`execution ${count} of ${workflowId} to finish`,
			async () => {
				const all = await executions(workflowId);
				return all.length === count &&
					all.every((e) => e.status !== 'running' && e.status !== 'new')
					? all
					: undefined;
			},
			timeoutMs,
		);
		const latest = list.reduce((a, b) => (Number(a.id) > Number(b.id) ? a : b));
		assert.equal(latest.status, 'success');
		assert.equal(latest.mode, mode);
		const execution = await ctx.rest().get<{ data: string }>(`/rest/executions/${latest.id}`);
		ctx.outputs.push({ what: `execution data of ${workflowId}`, text: execution.data });
		const data = ctx.n8n().parseFlatted(execution.data) as RunOutput['data'];
		return data.resultData.runData[triggerNode][0].data!.main[0]!.map((i) => i.json);
	}

	/** Rejected deliveries start nothing: the count stays, after a moment for a wrongly started one to show up. */
	async function assertExecutions(workflowId: string, count: number): Promise<void> {
		await delay(500);
		assert.equal((await executions(workflowId)).length, count);
	}

	async function activate(workflowId: string): Promise<void> {
		const workflow = await ctx
			.rest()
			.get<{ versionId: string; active: boolean }>(`/rest/workflows/${workflowId}`);
		assert.equal(workflow.active, false);
		const activated = await ctx
			.rest()
			.post<{ active: boolean }>(`/rest/workflows/${workflowId}/activate`, {
				versionId: workflow.versionId,
			});
		assert.equal(activated.active, true);
	}

	async function deactivate(workflowId: string): Promise<void> {
		const res = await ctx
			.rest()
			.post<{ active: boolean }>(`/rest/workflows/${workflowId}/deactivate`, {});
		assert.equal(res.active, false);
	}

	/** Until n8n registered the webhook (404 "not registered" a moment after activation), probes with an unsigned POST: the first other answer must be 401. */
	async function waitRegistered(hookId: string, body: string): Promise<void> {
		const first = await until(`the webhook ${hookId} to be registered`, async () => {
			const res = await send(hookId, 'POST', { body });
			// n8n routes the URL before it saves the static data holding the signing secret: until then the
			// trigger (rightly) refuses for want of a secret, so wait for the refusal of the unsigned delivery itself.
			return res.status === 404 || /no stored signing secret/.test(res.text) ? undefined : res;
		});
		assert.equal(first.status, 401, first.text);
	}

	const since = (fake: ServiceFake) => fake.requests.length;
	/** n8n applies (de)activation in the background (its publication outbox): wait for `count` requests at the fake. */
	const requestsAt = async (fake: ServiceFake, from: number, count: number) =>
		await until(`${count} request(s) at ${fake.origin}`, async () =>
			fake.requests.length - from >= count && fake.requests.slice(from).every((r) => r.status !== 0)
				? true
				: undefined,
		);
	/** Deactivated: the production URL is gone again. */
	const unregistered = async (hookId: string) =>
		await until(`the webhook ${hookId} to be removed`, async () =>
			(await send(hookId, 'POST', { body: '{}' })).status === 404 ? true : undefined,
		);
	const auth = (rs: RecordedRequest[]) => rs.map((r) => r.headers.authorization);

	/**
	 * Issue 10 item 19: the trigger's signing secret is kept in static data only sealed (`sealedSecret`,
	 * "v1.…"), and no form of it (text, hex, base64) is in what GET /rest/workflows/:id answers.
	 */
	async function assertSealed(workflowId: string, secret: string): Promise<void> {
		const res = await ctx
			.rest()
			.request<{ staticData?: unknown }>('GET', `/rest/workflows/${workflowId}`);
		assert.equal(res.status, 200);
		ctx.outputs.push({ what: `workflow ${workflowId} over REST`, text: res.text });
		const sealed: unknown[] = [];
		const plain: string[] = [];
		const walk = (v: unknown, path: string) => {
			if (!v || typeof v !== 'object') return;
			for (const [k, x] of Object.entries(v)) {
				if (k === 'sealedSecret') sealed.push(x);
				if (k === 'secret') plain.push(`${path}.${k}`);
				walk(x, `${path}.${k}`);
			}
		};
		walk(res.data.staticData, 'staticData');
		assert.equal(sealed.length, 1, `staticData: ${JSON.stringify(res.data.staticData)}`);
		assert.match(String(sealed[0]), /^v1\./);
		assert.deepEqual(plain, []);
		for (const form of [
			secret,
			Buffer.from(secret).toString('hex'),
			Buffer.from(secret).toString('base64'),
			Buffer.from(secret).toString('base64url'),
		]) {
			assert.ok(
				!res.text.includes(form),
				`GET /rest/workflows/${workflowId} shows the signing secret (${form.slice(0, 6)}…)`,
			);
		}
	}

	describe('X (Twitter) against a loopback fake', () => {
		const signX = (body: string) =>
			`sha256=${createHmac('sha256', X_CONSUMER_SECRET).update(body).digest('base64')}`;

		it('gets the account, posts (POST /2/tweets) and lists the user’s posts across pages', async () => {
			const from = since(x);
			const run = await ctx.execute(SERVICE_WF.x, 'x');
			assert.deepEqual(nodeItems(run, 'Me'), [{ data: X_USER }]);
			const [posted] = nodeItems(run, 'Post');
			assert.equal(posted.text, `Hello from @${X_USER.username}`);
			const all = nodeItems(run, 'My posts');
			assert.equal(all.length, 8);
			assert.deepEqual(all[0], posted);
			assert.deepEqual(x.lines(from), [
				'GET /2/users/me',
				'GET /2/users/me',
				'POST /2/tweets',
				`GET /2/users/${X_USER.id}/tweets?max_results=100`,
				`GET /2/users/${X_USER.id}/tweets?max_results=100&pagination_token=5`,
			]);
			const seen = x.requests.slice(from);
			assert.deepEqual(auth(seen), Array(5).fill(`Bearer ${X_USER_TOKEN}`));
			assert.deepEqual(JSON.parse(seen[2].body), { text: `Hello from @${X_USER.username}` });
			assert.deepEqual(
				seen.map((r) => r.status),
				[200, 200, 201, 200, 200],
			);
		});

		describe('X (Twitter) Trigger in an active workflow', () => {
			const favorite = JSON.stringify({
				for_user_id: X_USER.id,
				favorite_events: [
					{
						id: 'a7ba59eab0bfcba386f7acedac279542',
						created_at: 'Mon Mar 26 16:33:26 +0000 2018',
						timestamp_ms: 1522082006140,
						favorited_status: { id_str: '1860000000000000007', text: 'Seed post 7' },
						user: { id_str: '783214', screen_name: 'fan' },
					},
				],
			});
			const deliver = (body: string, signature?: string) =>
				send(HOOK_ID.x, 'POST', {
					body,
					headers: signature ? { 'x-twitter-webhooks-signature': signature } : {},
				});

			it('activation registers the webhook (app-only token); X’s CRC is answered right', async () => {
				const from = since(x);
				await activate(SERVICE_WF.xTrigger);
				await requestsAt(x, from, 2);
				assert.deepEqual(x.lines(from), ['GET /2/webhooks', 'POST /2/webhooks']);
				assert.deepEqual(auth(x.requests.slice(from)), Array(2).fill(`Bearer ${X_APP_BEARER}`));
				assert.deepEqual(JSON.parse(x.requests[from + 1].body), { url: registeredUrl(HOOK_ID.x) });
				const crc = await until('X’s CRC to be answered', async () => x.crcs[0]);
				assert.equal(crc.status, 200, crc.body);
				assert.equal(crc.valid, true, crc.body);
			});

			it('a signed favorite starts one execution; tampered and unsigned ones get 401 and start nothing', async () => {
				const res = await deliver(favorite, signX(favorite));
				assert.equal(res.status, 200, res.text);
				const items = await finishedExecution(SERVICE_WF.xTrigger, 1, 'X Trigger');
				assert.equal(items.length, 1);
				assert.equal(items[0].event, 'favorite_events');
				assert.deepEqual(items[0].body, JSON.parse(favorite));

				const tampered = favorite.replace('Seed post 7', 'Seed post 8');
				assert.equal((await deliver(tampered, signX(favorite))).status, 401);
				assert.equal((await deliver(favorite)).status, 401);
				assert.equal((await deliver(favorite, signX(favorite))).status, 401, 'a replay');
				await assertExecutions(SERVICE_WF.xTrigger, 1);
			});

			it('deactivation deletes the webhook at X', async () => {
				const from = since(x);
				const [hook] = [...x.webhooks.values()];
				await deactivate(SERVICE_WF.xTrigger);
				await requestsAt(x, from, 1);
				await unregistered(HOOK_ID.x);
				assert.deepEqual(x.lines(from), [`DELETE /2/webhooks/${hook.id}`]);
				assert.equal(x.webhooks.size, 0);
			});
		});
	});

	describe('Shopify against a loopback fake', () => {
		const graphql = '/admin/api/2026-01/graphql.json';
		const bodies = (from: number) =>
			shopify.requests
				.slice(from)
				.filter((r) => r.path === graphql)
				.map((r) => JSON.parse(r.body) as { query: string; variables: Record<string, unknown> });

		it('creates a product with its option and two variants in one productSet mutation, then a metafield on it, with the access token header', async () => {
			const from = since(shopify);
			const run = await ctx.execute(SERVICE_WF.shopify, 'shopify');
			const [product] = nodeItems(run, 'Create product');
			assert.equal(product.id, 'gid://shopify/Product/9000000001');
			assert.deepEqual(
				(product.variants as { nodes: Array<{ sku: string; price: string }> }).nodes.map((n) => [
					n.sku,
					n.price,
				]),
				[
					['E2E-S', '19.99'],
					['E2E-M', '21.99'],
				],
			);
			const sent = bodies(from);
			assert.equal(sent.length, 2);
			assert.match(sent[0].query, /^mutation productSet\(\$input: ProductSetInput!\)/);
			assert.deepEqual(sent[0].variables, {
				input: {
					title: 'E2E Tee',
					status: 'DRAFT',
					productOptions: [{ name: 'Size', values: [{ name: 'S' }, { name: 'M' }] }],
					variants: [
						{ optionValues: [{ optionName: 'Size', name: 'S' }], price: '19.99', sku: 'E2E-S' },
						{ optionValues: [{ optionName: 'Size', name: 'M' }], price: '21.99', sku: 'E2E-M' },
					],
				},
			});
			// Then a metafield on that product, through metafieldsSet.
			assert.match(
				sent[1].query,
				/^mutation metafieldsSet\(\$metafields: \[MetafieldsSetInput!\]!\)/,
			);
			assert.deepEqual(sent[1].variables, {
				metafields: [
					{
						ownerId: 'gid://shopify/Product/9000000001',
						namespace: 'custom',
						key: 'care_guide',
						type: 'single_line_text_field',
						value: 'Wash cold',
					},
				],
			});
			const [metafield] = nodeItems(run, 'Set care guide');
			assert.deepEqual(
				[metafield.id, metafield.ownerType, metafield.value],
				['gid://shopify/Metafield/8000', 'PRODUCT', 'Wash cold'],
			);
			assert.ok(
				shopify.requests
					.slice(from)
					.every((r) => r.headers['x-shopify-access-token'] === SHOPIFY_TOKEN),
			);
		});

		describe('Shopify Trigger ("Shopify order created") in an active workflow', () => {
			const order = JSON.stringify({
				id: 820982911946154500,
				admin_graphql_api_id: 'gid://shopify/Order/820982911946154508',
				name: '#1001',
				email: 'jon@example.com',
				total_price: '41.98',
				currency: 'USD',
			});
			const sign = (body: string, secret = SHOPIFY_CLIENT_SECRET) =>
				createHmac('sha256', secret).update(body, 'utf8').digest('base64');
			const deliver = (body: string, hmac: string | undefined, webhookId: string) =>
				send(HOOK_ID.shopify, 'POST', {
					body,
					headers: {
						'x-shopify-topic': 'orders/create',
						'x-shopify-shop-domain': `${SHOPIFY_SHOP}.myshopify.com`,
						'x-shopify-api-version': '2026-01',
						'x-shopify-webhook-id': webhookId,
						...(hmac ? { 'x-shopify-hmac-sha256': hmac } : {}),
					},
				});
			let accepted = 0;

			it('activation creates an orders/create subscription (JSON, this URL) through webhookSubscriptionCreate', async () => {
				const from = since(shopify);
				await activate(SERVICE_WF.shopifyTrigger);
				await requestsAt(shopify, from, 2);
				await waitRegistered(HOOK_ID.shopify, order);
				const sent = bodies(from).filter((b) => !b.query.startsWith('query webhookSubscriptions('));
				assert.deepEqual(
					sent.map((b) => b.variables),
					[
						{
							topic: 'ORDERS_CREATE',
							webhookSubscription: { callbackUrl: registeredUrl(HOOK_ID.shopify), format: 'JSON' },
						},
					],
				);
				assert.deepEqual(
					[...shopify.subscriptions.values()],
					[{ topic: 'ORDERS_CREATE', callbackUrl: registeredUrl(HOOK_ID.shopify), format: 'JSON' }],
				);
				await assertExecutions(SERVICE_WF.shopifyTrigger, 0);
			});

			it('a delivery signed with the app secret starts one execution with the order', async () => {
				const res = await deliver(order, sign(order), 'e2e-webhook-0001');
				assert.equal(res.status, 200, res.text);
				accepted = 1;
				const [item] = await finishedExecution(
					SERVICE_WF.shopifyTrigger,
					accepted,
					'Shopify Trigger',
				);
				assert.equal(item.event, 'orders/create');
				assert.equal(item.deliveryId, 'e2e-webhook-0001');
				assert.deepEqual(item.body, JSON.parse(order));
			});

			for (const [name, make] of [
				['a tampered body', () => ({ body: order.replace('41.98', '0.01'), hmac: sign(order) })],
				[
					'a signature made with another secret',
					() => ({ body: order, hmac: sign(order, 'shpss_not_the_secret') }),
				],
				['an unsigned delivery', () => ({ body: order, hmac: undefined })],
			] as const) {
				it(`${name} gets 401 and starts nothing`, async () => {
					const { body, hmac } = make();
					const res = await deliver(body, hmac, 'e2e-webhook-0002');
					assert.equal(res.status, 401, res.text);
					await assertExecutions(SERVICE_WF.shopifyTrigger, accepted);
				});
			}

			it("Shopify's retry of the accepted delivery (same bytes, same webhook id) gets 200 and starts nothing", async () => {
				const res = await deliver(order, sign(order), 'e2e-webhook-0001');
				assert.equal(res.status, 200, res.text);
				await assertExecutions(SERVICE_WF.shopifyTrigger, accepted);
			});

			it('deactivation deletes the subscription through webhookSubscriptionDelete', async () => {
				const from = since(shopify);
				await deactivate(SERVICE_WF.shopifyTrigger);
				await requestsAt(shopify, from, 1);
				await unregistered(HOOK_ID.shopify);
				assert.deepEqual(
					bodies(from).map((b) => b.variables),
					[{ id: 'gid://shopify/WebhookSubscription/7001' }],
				);
				assert.equal(shopify.subscriptions.size, 0);
			});
		});
	});

	describe('Stripe against a loopback fake', () => {
		it('creates a customer (form body, Idempotency-Key) and lists every customer across pages', async () => {
			const from = since(stripe);
			const run = await ctx.execute(SERVICE_WF.stripe, 'stripe');
			const created = {
				id: 'cus_E2eNew0001',
				object: 'customer',
				email: 'jenny@example.com',
				name: 'Jenny Rosen',
				metadata: { source: 'n8n e2e' },
				livemode: false,
			};
			assert.deepEqual(nodeItems(run, 'Create customer'), [created]);
			const all = nodeItems(run, 'All customers');
			assert.equal(all.length, 121);
			assert.deepEqual(all[0], created);
			assert.deepEqual(all.at(-1), {
				id: 'cus_E2eSeed0001',
				object: 'customer',
				email: 'seed1@example.com',
				livemode: false,
			});
			assert.equal(new Set(all.map((c) => c.id)).size, 121);

			// First use of the credential binds the connection (one per service per workspace), which asks the
			// service whose account it is (the spec's "account" request, here GET /v1/account); then the operations.
			const [, ...seen] = stripe.requests.slice(from);
			assert.deepEqual(stripe.lines(from), [
				'GET /v1/account',
				'POST /v1/customers',
				'GET /v1/customers?limit=100',
				`GET /v1/customers?limit=100&starting_after=${String(all[99].id)}`,
			]);
			assert.deepEqual(auth(stripe.requests.slice(from)), Array(4).fill(`Bearer ${STRIPE_KEY}`));
			assert.equal(
				seen[0].body,
				'email=jenny%40example.com&name=Jenny%20Rosen&metadata[source]=n8n%20e2e',
			);
			assert.equal(seen[0].headers['content-type'], 'application/x-www-form-urlencoded');
			assert.match(String(seen[0].headers['idempotency-key']), /^[0-9a-f-]{36}$/);
			assert.equal(seen[1].headers['idempotency-key'], undefined);
			assert.ok(seen.every((r) => r.status === 200));
		});

		it("runs issue 15's objects in one workflow: coupon → promotion code → payment link, portal session, payout created and canceled, events", async () => {
			const from = since(stripe);
			const run = await ctx.execute(SERVICE_WF.stripeObjects, 'stripe objects');
			assert.deepEqual(nodeItems(run, 'Create coupon'), [
				{
					id: 'E2ESUMMER',
					object: 'coupon',
					duration: 'repeating',
					duration_in_months: 3,
					name: 'Summer sale',
					percent_off: 25,
					valid: true,
					livemode: false,
				},
			]);
			const [promo] = nodeItems(run, 'Create promotion code');
			assert.deepEqual(promo.promotion, { type: 'coupon', coupon: 'E2ESUMMER' });
			assert.equal(promo.code, 'SUMMER25OFF');
			const [link] = nodeItems(run, 'Create payment link');
			assert.deepEqual(link.metadata, { promotion: 'SUMMER25OFF' });
			assert.equal(link.allow_promotion_codes, true);
			const [portal] = nodeItems(run, 'Portal session');
			assert.match(
				String(portal.url),
				/^https:\/\/billing\.stripe\.com\/p\/session\/test_bps_E2e\d+$/,
			);
			const [payout] = nodeItems(run, 'Cancel payout');
			assert.equal(payout.status, 'canceled');
			// Return All over `invoice.*`: the fake has three invoice events and one customer event.
			assert.deepEqual(
				nodeItems(run, 'Invoice events').map((e) => e.type),
				['invoice.paid', 'invoice.payment_failed', 'invoice.created'],
			);

			const seen = stripe.requests.slice(from);
			assert.deepEqual(stripe.lines(from), [
				'POST /v1/coupons',
				'POST /v1/promotion_codes',
				'POST /v1/payment_links',
				'POST /v1/billing_portal/sessions',
				'POST /v1/payouts',
				`POST /v1/payouts/${String(payout.id)}/cancel`,
				'GET /v1/events?type=invoice.*&limit=100',
			]);
			assert.deepEqual(
				seen.map((r) => r.body),
				[
					'duration=repeating&percent_off=25&duration_in_months=3&id=E2ESUMMER&name=Summer%20sale',
					'promotion[type]=coupon&promotion[coupon]=E2ESUMMER&code=SUMMER25OFF&restrictions[first_time_transaction]=true',
					'line_items[0][price]=price_E2eGold&line_items[0][quantity]=1&allow_promotion_codes=true&metadata[promotion]=SUMMER25OFF',
					'customer=cus_E2eSeed0001&return_url=https%3A%2F%2Fexample.com%2Faccount&locale=de',
					'amount=1100&currency=usd&description=E2E%20payout&method=standard',
					'',
					'',
				],
			);
			assert.deepEqual(auth(seen), Array(7).fill(`Bearer ${STRIPE_KEY}`));
			// Every request asks for the API version the package pins, and every POST carries its own key.
			assert.deepEqual(
				seen.map((r) => r.headers['stripe-version']),
				Array(7).fill(STRIPE_API_VERSION),
			);
			const keys = seen.slice(0, 6).map((r) => String(r.headers['idempotency-key']));
			assert.ok(keys.every((k) => /^[0-9a-f-]{36}$/.test(k)));
			assert.equal(new Set(keys).size, 6);
			assert.ok(seen.every((r) => r.status === 200));
		});

		describe('Stripe Trigger in an active workflow', () => {
			const event = (id: string, type = 'customer.created') =>
				JSON.stringify({
					id,
					object: 'event',
					api_version: '2024-06-20',
					created: now(),
					livemode: false,
					type,
					data: {
						object: { id: 'cus_E2eNew0001', object: 'customer', email: 'jenny@example.com' },
					},
				});
			const deliver = (body: string, signature?: string) =>
				send(HOOK_ID.stripe, 'POST', {
					body,
					headers: {
						'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
						...(signature ? { 'stripe-signature': signature } : {}),
					},
				});
			let accepted = 0;
			let acceptedDelivery = { body: '', signature: '', t: 0 };

			it('activation registers a webhook endpoint at Stripe (URL, events, Idempotency-Key) and keeps its secret', async () => {
				const from = since(stripe);
				await activate(SERVICE_WF.stripeTrigger);
				await requestsAt(stripe, from, 1);
				await waitRegistered(HOOK_ID.stripe, event('evt_probe'));
				assert.deepEqual(stripe.lines(from), ['POST /v1/webhook_endpoints']);
				const [create] = stripe.requests.slice(from);
				assert.equal(create.headers.authorization, `Bearer ${STRIPE_KEY}`);
				assert.match(String(create.headers['idempotency-key']), /^[0-9a-f-]{36}$/);
				assert.equal(
					create.body,
					`url=${encodeURIComponent(registeredUrl(HOOK_ID.stripe))}&enabled_events[0]=customer.created&enabled_events[1]=invoice.paid&api_version=${STRIPE_API_VERSION}&description=n8n%20workflow%20%22E2E%3A%20Stripe%20Trigger%22`,
				);
				assert.deepEqual([...stripe.endpoints.keys()], [stripe.created[0].id]);
				assert.deepEqual(await executions(SERVICE_WF.stripeTrigger), []);
			});

			it('a delivery signed with the endpoint secret starts one execution with the event', async () => {
				const body = event('evt_1E2eAccepted');
				const t = now();
				acceptedDelivery = { body, signature: stripeSignature(STRIPE_WHSEC, body, t), t };
				const res = await deliver(body, acceptedDelivery.signature);
				assert.equal(res.status, 200, res.text);
				accepted = 1;
				const [item] = await finishedExecution(
					SERVICE_WF.stripeTrigger,
					accepted,
					'Stripe Trigger',
				);
				assert.equal(item.event, 'customer.created');
				assert.equal(item.deliveryId, 'evt_1E2eAccepted');
				assert.deepEqual(item.body, JSON.parse(body));
				assert.equal(
					(item.headers as Record<string, string>)['stripe-signature'],
					stripeSignature(STRIPE_WHSEC, body, t),
				);
			});

			it('the endpoint secret is in static data only sealed, and nowhere in the workflow over REST', async () => {
				await assertSealed(SERVICE_WF.stripeTrigger, STRIPE_WHSEC);
				assert.ok(
					!JSON.stringify(
						await ctx.rest().get(`/rest/workflows/${SERVICE_WF.stripeTrigger}`),
					).includes('whsec_'),
				);
			});

			it('an event that is not selected is acknowledged (200) and starts nothing', async () => {
				const body = event('evt_1E2eUnselected', 'charge.succeeded');
				const res = await deliver(body, stripeSignature(STRIPE_WHSEC, body, now()));
				assert.equal(res.status, 200, res.text);
				await assertExecutions(SERVICE_WF.stripeTrigger, accepted);
			});

			for (const [name, make] of [
				[
					'a tampered body',
					() => {
						const body = event('evt_1E2eTampered');
						return {
							body: body.replace('jenny@', 'mallory@'),
							sig: stripeSignature(STRIPE_WHSEC, body, now()),
						};
					},
				],
				[
					'a signature made with another secret',
					() => {
						const body = event('evt_1E2eOtherKey');
						return { body, sig: stripeSignature('whsec_not_the_secret', body, now()) };
					},
				],
				['an unsigned delivery', () => ({ body: event('evt_1E2eUnsigned'), sig: undefined })],
				[
					'a stale delivery (signed 10 minutes ago)',
					() => {
						const body = event('evt_1E2eStale');
						return { body, sig: stripeSignature(STRIPE_WHSEC, body, now() - 600) };
					},
				],
			] as const) {
				it(`${name} gets 401 and starts nothing`, async () => {
					const { body, sig } = make();
					const res = await deliver(body, sig);
					assert.equal(res.status, 401, res.text);
					await assertExecutions(SERVICE_WF.stripeTrigger, accepted);
				});
			}

			it('the accepted delivery sent again (a replay within 300 s) gets 401 and starts nothing', async () => {
				const res = await deliver(acceptedDelivery.body, acceptedDelivery.signature);
				assert.equal(res.status, 401, res.text);
				await assertExecutions(SERVICE_WF.stripeTrigger, accepted);
			});

			it('the accepted event re-signed with a fresh timestamp (Stripe re-sending it) gets 200 and starts nothing', async () => {
				const t = now() === acceptedDelivery.t ? now() - 1 : now();
				const res = await deliver(
					acceptedDelivery.body,
					stripeSignature(STRIPE_WHSEC, acceptedDelivery.body, t),
				);
				assert.equal(res.status, 200, res.text);
				await assertExecutions(SERVICE_WF.stripeTrigger, accepted);
			});

			it('deactivation deletes the webhook endpoint at Stripe', async () => {
				const from = since(stripe);
				const id = stripe.created[0].id;
				await deactivate(SERVICE_WF.stripeTrigger);
				await requestsAt(stripe, from, 1);
				await unregistered(HOOK_ID.stripe);
				assert.deepEqual(stripe.lines(from), [`DELETE /v1/webhook_endpoints/${id}`]);
				assert.equal(stripe.requests.at(-1)!.status, 200);
				assert.equal(stripe.endpoints.size, 0);
			});
		});
	});

	describe('GitHub against a loopback fake', () => {
		it('gets a repository and creates an issue in it (JSON body, GitHub headers)', async () => {
			const from = since(github);
			const run = await ctx.execute(SERVICE_WF.github, 'github');
			assert.deepEqual(nodeItems(run, 'Get repository'), [github.repository]);
			const issue = {
				id: 90001,
				number: 1,
				title: `Check ${GITHUB_OWNER}/${GITHUB_REPO}`,
				body: 'Opened by the e2e suite ✓',
				state: 'open',
				labels: [{ name: 'e2e' }, { name: 'bot' }],
				html_url: `https://github.com/${GITHUB_OWNER}/${GITHUB_REPO}/issues/1`,
			};
			assert.deepEqual(nodeItems(run, 'Create issue'), [issue]);
			const [, ...seen] = github.requests.slice(from);
			assert.deepEqual(github.lines(from), [
				'GET /user',
				`GET /repos/${GITHUB_OWNER}/${GITHUB_REPO}`,
				`POST /repos/${GITHUB_OWNER}/${GITHUB_REPO}/issues`,
			]);
			for (const r of github.requests.slice(from)) {
				assert.equal(r.headers.authorization, `Bearer ${GITHUB_TOKEN}`);
				assert.equal(r.headers.accept, 'application/vnd.github+json');
				assert.equal(r.headers['x-github-api-version'], '2022-11-28');
			}
			assert.equal(seen[1].headers['content-type'], 'application/json');
			assert.deepEqual(JSON.parse(seen[1].body), {
				title: issue.title,
				body: issue.body,
				labels: ['e2e', 'bot'],
			});
		});

		it('reaches every resource added for issue 15: branches, commits and statuses, labels, check runs, workflows and runs (logs as binary, fetched without the token), search, members, gists', async () => {
			const from = since(github);
			const run = await ctx.execute(SERVICE_WF.githubResources, 'github-resources');
			const sha = '6dcb09b5b57875f334f61aebed695e2e4193db5e';
			const repoPath = `/repos/${GITHUB_OWNER}/${GITHUB_REPO}`;
			assert.deepEqual(github.lines(from), [
				`GET ${repoPath}/branches?per_page=1`,
				`GET ${repoPath}/commits/${sha}`,
				`POST ${repoPath}/statuses/${sha}`,
				`POST ${repoPath}/labels`,
				`GET ${repoPath}/commits/main/check-runs?per_page=1`,
				`GET ${repoPath}/actions/workflows?per_page=1`,
				`GET ${repoPath}/actions/runs?per_page=1`,
				`GET ${repoPath}/actions/runs/30433642/logs`,
				`GET ${GithubFake.LOGS_PATH}?sig=e2e-signature`,
				`GET /search/issues?q=repo%3A${GITHUB_OWNER}%2F${GITHUB_REPO}+is%3Aopen&per_page=1`,
				`GET /orgs/${GITHUB_OWNER}/members?per_page=1`,
				'POST /gists',
			]);
			const seen = github.requests.slice(from);
			for (const r of seen)
				assert.equal(
					r.headers.authorization,
					r.path === GithubFake.LOGS_PATH ? undefined : `Bearer ${GITHUB_TOKEN}`,
				);
			assert.ok(seen.every((r) => r.status < 400));
			assert.deepEqual(JSON.parse(seen[2].body), { state: 'success', context: 'e2e' });
			assert.deepEqual(nodeItems(run, 'Status'), [
				{ id: 1, state: 'success', context: 'e2e', sha },
			]);
			assert.deepEqual(nodeItems(run, 'Check runs'), [
				{ id: 4, name: 'build', status: 'completed' },
			]);
			assert.deepEqual(nodeItems(run, 'Run logs'), [{ runId: 30433642 }]);
			const [logs] = run.data.resultData.runData['Run logs'][0].data?.main[0] ?? [];
			assert.equal(
				(logs as { binary?: { data?: { mimeType?: string } } }).binary?.data?.mimeType,
				'application/zip',
			);
			assert.deepEqual(nodeItems(run, 'Members'), [
				{ login: GITHUB_USER.login, id: GITHUB_USER.id },
			]);
			assert.deepEqual(nodeItems(run, 'Gist'), [
				{
					id: 'aa5a315d61ae9438b18d',
					description: 'e2e',
					files: { 'e2e.md': { content: 'made by the e2e suite' } },
					public: false,
				},
			]);
		});

		describe('GitHub Trigger in an active workflow', () => {
			const push = JSON.stringify({
				ref: 'refs/heads/main',
				before: '0'.repeat(40),
				after: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
				repository: { full_name: `${GITHUB_OWNER}/${GITHUB_REPO}` },
				pusher: { name: 'octocat' },
			});
			const secret = () => String(github.created[0]?.config.secret ?? '');
			const deliver = (
				event: string,
				body: string,
				signature?: string,
				delivery: string = randomUUID(),
			) =>
				send(HOOK_ID.github, 'POST', {
					body,
					headers: {
						'user-agent': 'GitHub-Hookshot/e2e',
						'x-github-event': event,
						'x-github-delivery': delivery,
						'x-github-hook-id': String(github.created[0]?.id ?? ''),
						...(signature ? { 'x-hub-signature-256': signature } : {}),
					},
				});
			let accepted = 0;
			let acceptedDelivery = '';

			it('activation creates a repository webhook (JSON deliveries, the generated secret)', async () => {
				const from = since(github);
				await activate(SERVICE_WF.githubTrigger);
				await requestsAt(github, from, 1);
				await waitRegistered(HOOK_ID.github, push);
				assert.deepEqual(github.lines(from), [`POST /repos/${GITHUB_OWNER}/${GITHUB_REPO}/hooks`]);
				const [create] = github.requests.slice(from);
				assert.equal(create.headers.authorization, `Bearer ${GITHUB_TOKEN}`);
				assert.equal(create.status, 201);
				const sent = JSON.parse(create.body) as { config: { secret: string } };
				assert.match(sent.config.secret, /^\S{32,}$/);
				ctx.secrets.push(sent.config.secret);
				assert.deepEqual(sent, {
					name: 'web',
					active: true,
					events: ['push', 'issues'],
					config: {
						url: registeredUrl(HOOK_ID.github),
						content_type: 'json',
						insecure_ssl: '0',
						secret: sent.config.secret,
					},
				});
				assert.equal(github.hooks.size, 1);
			});

			it("GitHub's signed ping is answered 200 and starts nothing", async () => {
				const ping = JSON.stringify({
					zen: 'Keep it logically awesome.',
					hook_id: github.created[0].id,
					hook: { type: 'Repository', id: github.created[0].id, events: ['push', 'issues'] },
				});
				const res = await deliver('ping', ping, hubSignature(secret(), ping));
				assert.equal(res.status, 200, res.text);
				await assertExecutions(SERVICE_WF.githubTrigger, 0);
			});

			it('a signed push starts one execution with the payload, the event and the delivery id', async () => {
				const delivery = randomUUID();
				const res = await deliver('push', push, hubSignature(secret(), push), delivery);
				assert.equal(res.status, 200, res.text);
				accepted = 1;
				acceptedDelivery = delivery;
				const [item] = await finishedExecution(
					SERVICE_WF.githubTrigger,
					accepted,
					'GitHub Trigger',
				);
				assert.equal(item.event, 'push');
				assert.equal(item.deliveryId, delivery);
				assert.deepEqual(item.body, JSON.parse(push));
			});

			for (const [name, make] of [
				[
					'a tampered body',
					() => ({ body: push.replace('octocat', 'mallory'), sig: hubSignature(secret(), push) }),
				],
				[
					'a signature made with another secret',
					() => ({ body: push, sig: hubSignature('not-the-secret', push) }),
				],
				['an unsigned delivery', () => ({ body: push, sig: undefined })],
			] as const) {
				it(`${name} gets 401 and starts nothing`, async () => {
					const { body, sig } = make();
					const res = await deliver('push', body, sig);
					assert.equal(res.status, 401, res.text);
					await assertExecutions(SERVICE_WF.githubTrigger, accepted);
				});
			}

			it('the generated secret is in static data only sealed, and nowhere in the workflow over REST', async () => {
				await assertSealed(SERVICE_WF.githubTrigger, secret());
			});

			for (const [name, event, delivery] of [
				[
					'the accepted push replayed with X-GitHub-Event: issues',
					'issues',
					() => acceptedDelivery,
				],
				['the accepted push replayed with a new X-GitHub-Delivery', 'push', () => randomUUID()],
			] as const) {
				it(`${name} gets 401 and starts nothing`, async () => {
					const res = await deliver(event, push, hubSignature(secret(), push), delivery());
					assert.equal(res.status, 401, res.text);
					await assertExecutions(SERVICE_WF.githubTrigger, accepted);
				});
			}

			it('a correctly signed text/plain body gets 400 and starts nothing', async () => {
				const res = await send(HOOK_ID.github, 'POST', {
					body: 'Hello',
					headers: {
						'content-type': 'text/plain',
						'user-agent': 'GitHub-Hookshot/e2e',
						'x-github-event': 'push',
						'x-github-delivery': randomUUID(),
						'x-github-hook-id': String(github.created[0]?.id ?? ''),
						'x-hub-signature-256': hubSignature(secret(), 'Hello'),
					},
				});
				assert.equal(res.status, 400, res.text);
				assert.deepEqual(JSON.parse(res.text), {
					message:
						'GitHub deliveries are JSON, but this body is not (Content-Type: text/plain): it was rejected and started nothing.',
				});
				await assertExecutions(SERVICE_WF.githubTrigger, accepted);
			});

			it('deactivation deletes the repository webhook', async () => {
				const from = since(github);
				await deactivate(SERVICE_WF.githubTrigger);
				await requestsAt(github, from, 1);
				await unregistered(HOOK_ID.github);
				assert.deepEqual(github.lines(from), [
					`DELETE /repos/${GITHUB_OWNER}/${GITHUB_REPO}/hooks/${github.created[0].id}`,
				]);
				assert.equal(github.requests.at(-1)!.status, 204);
				assert.equal(github.hooks.size, 0);
			});
		});
	});

	describe('GitLab against a loopback fake', () => {
		const project = `/api/v4/projects/${encodeURIComponent(GITLAB_PROJECT)}`;

		it('gets a project by its namespaced path (one encoded segment), opens an issue, runs a pipeline with variables, pages pipelines by Link', async () => {
			const from = since(gitlab);
			const run = await ctx.execute(SERVICE_WF.gitlab, 'gitlab');
			assert.deepEqual(nodeItems(run, 'Get project'), [gitlab.project]);
			assert.deepEqual(nodeItems(run, 'Create issue'), [
				{
					id: 9001,
					iid: 1,
					project_id: gitlab.project.id,
					title: 'Check widgets',
					description: 'Opened by the e2e suite ✓',
					state: 'opened',
					labels: ['e2e', 'bot'],
					web_url: `https://gitlab.com/${GITLAB_PROJECT}/-/issues/1`,
				},
			]);
			assert.deepEqual(nodeItems(run, 'Run pipeline'), [
				{ id: 61, iid: 12, ref: 'main', status: 'pending', source: 'api' },
			]);
			assert.deepEqual(
				nodeItems(run, 'Pipelines').map((p) => p.id),
				[61, 60],
			);
			assert.equal(project, '/api/v4/projects/e2e-group%2Fplatform%2Fwidgets');
			assert.deepEqual(gitlab.lines(from), [
				'GET /api/v4/user',
				`GET ${project}`,
				`POST ${project}/issues`,
				`POST ${project}/pipeline`,
				`GET ${project}/pipelines?ref=main&per_page=100`,
				`GET ${project}/pipelines?page=2&per_page=100&ref=main`,
			]);
			const seen = gitlab.requests.slice(from);
			for (const r of seen) {
				assert.equal(r.headers['private-token'], GITLAB_TOKEN);
				assert.equal(r.headers.authorization, undefined);
				assert.ok(r.status < 400, `${r.method} ${r.path}: ${r.status}`);
			}
			assert.deepEqual(JSON.parse(seen[2].body), {
				title: 'Check widgets',
				description: 'Opened by the e2e suite ✓',
				labels: 'e2e,bot',
			});
			assert.deepEqual(JSON.parse(seen[3].body), {
				ref: 'main',
				variables: [{ key: 'DEPLOY_ENV', value: 'staging' }],
			});
			assert.equal(GITLAB_USER.username, 'e2e-bot');
		});

		describe('GitLab Trigger in an active workflow', () => {
			const push = JSON.stringify({
				object_kind: 'push',
				event_name: 'push',
				ref: 'refs/heads/main',
				before: '0'.repeat(40),
				after: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
				project: { id: gitlab.project.id, path_with_namespace: GITLAB_PROJECT },
			});
			const token = () => String(gitlab.created[0]?.token ?? '');
			const deliver = (event: string, body: string, secret?: string, key: string = randomUUID()) =>
				send(HOOK_ID.gitlab, 'POST', {
					body,
					headers: {
						'user-agent': 'GitLab/17.6.0',
						'x-gitlab-event': event,
						'x-gitlab-instance': 'https://gitlab.com',
						'x-gitlab-event-uuid': randomUUID(),
						'idempotency-key': key,
						...(secret === undefined ? {} : { 'x-gitlab-token': secret }),
					},
				});
			let accepted = 0;
			let acceptedKey = '';

			it('activation creates a project hook (the chosen events on, a generated secret token, TLS verified)', async () => {
				const from = since(gitlab);
				await activate(SERVICE_WF.gitlabTrigger);
				await requestsAt(gitlab, from, 2);
				await waitRegistered(HOOK_ID.gitlab, push);
				assert.deepEqual(gitlab.lines(from), [
					`GET ${project}/hooks?per_page=100`,
					`POST ${project}/hooks`,
				]);
				const create = gitlab.requests[from + 1];
				assert.equal(create.headers['private-token'], GITLAB_TOKEN);
				assert.equal(create.status, 201);
				const sent = JSON.parse(create.body) as Record<string, unknown>;
				assert.match(String(sent.token), /^[0-9a-f]{64}$/);
				ctx.secrets.push(String(sent.token));
				assert.equal(sent.url, registeredUrl(HOOK_ID.gitlab));
				assert.equal(sent.enable_ssl_verification, true);
				assert.equal(sent.push_events, true);
				assert.equal(sent.issues_events, true);
				assert.equal(sent.merge_requests_events, false);
				assert.equal(gitlab.hooks.size, 1);
			});

			it('a push with the secret token starts one execution with the event, the Idempotency-Key and the payload', async () => {
				const key = randomUUID();
				const res = await deliver('Push Hook', push, token(), key);
				assert.equal(res.status, 200, res.text);
				accepted = 1;
				acceptedKey = key;
				const [item] = await finishedExecution(
					SERVICE_WF.gitlabTrigger,
					accepted,
					'GitLab Trigger',
				);
				assert.equal(item.event, 'Push Hook');
				assert.equal(item.deliveryId, key);
				assert.deepEqual(item.body, JSON.parse(push));
				assert.equal((item.headers as Record<string, string>)['x-gitlab-token'], '[redacted]');
			});

			for (const [name, secret] of [
				['a delivery without X-Gitlab-Token', undefined],
				['a wrong token', 'not-the-token'],
			] as const) {
				it(`${name} gets 401 and starts nothing`, async () => {
					const res = await deliver('Push Hook', push.replace('main', 'evil'), secret);
					assert.equal(res.status, 401, res.text);
					await assertExecutions(SERVICE_WF.gitlabTrigger, accepted);
				});
			}

			it('the accepted push re-sent (same Idempotency-Key) gets 200 and starts nothing', async () => {
				const res = await deliver('Push Hook', push, token(), acceptedKey);
				assert.equal(res.status, 200, res.text);
				await assertExecutions(SERVICE_WF.gitlabTrigger, accepted);
			});

			it('an event that was not selected is acknowledged and starts nothing', async () => {
				const res = await deliver('Pipeline Hook', '{"object_kind":"pipeline"}', token());
				assert.equal(res.status, 200, res.text);
				await assertExecutions(SERVICE_WF.gitlabTrigger, accepted);
			});

			it('the generated token is in static data only sealed, and nowhere in the workflow over REST', async () => {
				await assertSealed(SERVICE_WF.gitlabTrigger, token());
			});

			it('deactivation deletes the project hook', async () => {
				const from = since(gitlab);
				await deactivate(SERVICE_WF.gitlabTrigger);
				await requestsAt(gitlab, from, 1);
				await unregistered(HOOK_ID.gitlab);
				assert.deepEqual(gitlab.lines(from), [`DELETE ${project}/hooks/${gitlab.created[0].id}`]);
				assert.equal(gitlab.requests.at(-1)!.status, 204);
				assert.equal(gitlab.hooks.size, 0);
			});
		});
	});

	describe('Pinterest against a loopback fake', () => {
		it('creates a Pin from an image URL and lists the board across bookmark pages', async () => {
			const from = since(pinterest);
			const run = await ctx.execute(SERVICE_WF.pinterest, 'pinterest');
			const [created] = nodeItems(run, 'Create pin');
			assert.equal(created.title, 'Made in n8n');
			assert.deepEqual(created.media_source, {
				source_type: 'image_url',
				url: 'https://cdn.example.com/e2e-salad.jpg',
			});
			const listed = nodeItems(run, 'Pins on board');
			assert.deepEqual(
				listed.map((p) => p.id),
				pinterest.pins.map((p) => p.id),
			);
			assert.equal(listed[0].id, created.id);
			// The connection's account lookup (GET /v5/user_account) first, then the Pin, then the board's four Pins in
			// two pages of two (the fake's page size), joined by the bookmark.
			assert.deepEqual(pinterest.lines(from), [
				'GET /v5/user_account',
				'POST /v5/pins',
				`GET /v5/boards/${PINTEREST_BOARD}/pins?page_size=250`,
				`GET /v5/boards/${PINTEREST_BOARD}/pins?page_size=250&bookmark=2`,
			]);
			assert.equal(listed.length, 4);
			assert.deepEqual(
				auth(pinterest.requests.slice(from)),
				Array(4).fill(`Bearer ${PINTEREST_TOKEN}`),
			);
			assert.deepEqual(JSON.parse(pinterest.requests[from + 1].body), {
				media_source: { source_type: 'image_url', url: 'https://cdn.example.com/e2e-salad.jpg' },
				board_id: PINTEREST_BOARD,
				title: 'Made in n8n',
				link: 'https://www.example.com/salad',
			});
		});

		it('New Pin on Board, active: the first polls only remember the board, a Pin added later starts one execution', async () => {
			const boardPolls = (from: number) =>
				pinterest.requests
					.slice(from)
					.filter(
						(r) => r.path === `/v5/boards/${PINTEREST_BOARD}/pins` && !r.query.bookmark && r.status,
					);
			const from = since(pinterest);
			await activate(SERVICE_WF.pinterestTrigger);
			// Activation polls once (n8n's test of the trigger), then every minute: wait for the first scheduled poll,
			// which takes the baseline (nothing on the board is emitted).
			await until(
				'the first scheduled poll',
				async () => (boardPolls(from).length >= 2 ? true : undefined),
				90_000,
				500,
			);
			assert.equal((await executions(SERVICE_WF.pinterestTrigger)).length, 0);
			const added = pinterest.addPin('Added after activation');
			const list = await until(
				'an execution of the Pinterest trigger',
				async () => {
					const all = await executions(SERVICE_WF.pinterestTrigger);
					return all.length > 0 && all.every((e) => e.status !== 'running' && e.status !== 'new')
						? all
						: undefined;
				},
				90_000,
				500,
			);
			assert.equal(list.length, 1);
			assert.equal(list[0].status, 'success');
			assert.equal(list[0].mode, 'trigger');
			const execution = await ctx.rest().get<{ data: string }>(`/rest/executions/${list[0].id}`);
			ctx.outputs.push({ what: 'execution data of the Pinterest trigger', text: execution.data });
			const data = ctx.n8n().parseFlatted(execution.data) as RunOutput['data'];
			const items = data.resultData.runData['New Pin'][0].data!.main[0]!.map((i) => i.json);
			assert.deepEqual(items, [added]);
			const polls = pinterest.requests.slice(from).filter((r) => r.path.startsWith('/v5/boards/'));
			assert.ok(polls.every((r) => r.headers.authorization === `Bearer ${PINTEREST_TOKEN}`));
			await deactivate(SERVICE_WF.pinterestTrigger);
		});
	});

	describe('LinkedIn against a loopback fake', () => {
		it('gets the member, posts as the member and lists the member’s posts (Rest.li URN in the query)', async () => {
			const from = since(linkedIn);
			const run = await ctx.execute(SERVICE_WF.linkedIn, 'linkedin');
			assert.deepEqual(nodeItems(run, 'Me'), [LINKEDIN_MEMBER]);
			const [created] = linkedIn.posts;
			assert.deepEqual(nodeItems(run, 'Create post'), [{ id: created.id }]);
			assert.deepEqual(
				nodeItems(run, 'My posts').map((p) => [p.id, p.commentary]),
				[[created.id, 'Hello from E2E Member']],
			);
			const seen = linkedIn.requests.slice(from);
			// The first use binds the connection and asks whose it is (the spec's account request, /v2/userinfo).
			assert.deepEqual(
				seen.map((r) => `${r.method} ${r.rawUrl}`),
				[
					'GET /v2/userinfo',
					'GET /v2/userinfo',
					'POST /rest/posts',
					'GET /rest/posts?author=urn%3Ali%3Aperson%3Ae2eMbr42&q=author&start=0&count=50',
				],
			);
			assert.deepEqual(auth(seen), Array(4).fill(`Bearer ${LINKEDIN_TOKEN}`));
			assert.deepEqual(
				seen.map((r) => [r.headers['linkedin-version'], r.headers['x-restli-protocol-version']]),
				Array(4).fill([LINKEDIN_VERSION, '2.0.0']),
			);
			assert.equal(seen[3].headers['x-restli-method'], 'FINDER');
			assert.deepEqual(JSON.parse(seen[2].body), {
				visibility: 'PUBLIC',
				distribution: {
					feedDistribution: 'MAIN_FEED',
					targetEntities: [],
					thirdPartyDistributionChannels: [],
				},
				lifecycleState: 'PUBLISHED',
				isReshareDisabledByAuthor: false,
				author: 'urn:li:person:e2eMbr42',
				commentary: 'Hello from E2E Member',
			});
			assert.deepEqual(
				seen.map((r) => r.status),
				[200, 200, 201, 200],
			);
		});

		it('LinkedIn Trigger (polling): activation takes a baseline, the next poll emits the new comment once', async () => {
			const from = since(linkedIn);
			await activate(SERVICE_WF.linkedInTrigger);
			// n8n runs the poll once on activation (its activation check): the baseline, which emits nothing.
			await requestsAt(linkedIn, from, 1);
			const [baseline] = linkedIn.requests.slice(from);
			assert.equal(
				`${baseline.method} ${baseline.rawUrl}`,
				'GET /rest/organizationalEntityNotifications?organizationalEntity=urn%3Ali%3Aorganization%3A2414183' +
					'&actions=List(COMMENT,SHARE_MENTION)&q=criteria&start=0&count=50',
			);
			assert.equal(baseline.headers.authorization, `Bearer ${LINKEDIN_TOKEN}`);
			// A member comments on a page post; the next poll (Poll Times: every minute) starts one execution.
			linkedIn.notifications.unshift(LINKEDIN_NOTIFICATIONS[0]);
			const list = await until(
				'the LinkedIn Trigger to start an execution',
				async () => {
					const all = await executions(SERVICE_WF.linkedInTrigger);
					return all.length > 0 && all.every((e) => e.status !== 'running' && e.status !== 'new')
						? all
						: undefined;
				},
				150_000,
			);
			assert.equal(list.length, 1);
			assert.equal(list[0].status, 'success');
			assert.equal(list[0].mode, 'trigger');
			const execution = await ctx.rest().get<{ data: string }>(`/rest/executions/${list[0].id}`);
			ctx.outputs.push({ what: 'execution data of the LinkedIn Trigger', text: execution.data });
			const data = ctx.n8n().parseFlatted(execution.data) as RunOutput['data'];
			assert.deepEqual(
				data.resultData.runData['LinkedIn Trigger'][0].data!.main[0]!.map((i) => i.json),
				[LINKEDIN_NOTIFICATIONS[0]],
			);
			await deactivate(SERVICE_WF.linkedInTrigger);
		});
	});

	describe('Slack against a loopback fake', () => {
		it('posts a message with blocks (JSON body, Bearer bot token) and reads the history across cursor pages', async () => {
			const from = since(slack);
			const run = await ctx.execute(SERVICE_WF.slack, 'slack');
			const [posted] = nodeItems(run, 'Post');
			assert.equal(posted.ok, true);
			assert.equal(posted.channel, SLACK_CHANNEL);
			// The bot's own user id comes back in the answer: not redacted (it is no secret).
			assert.equal((posted.message as Record<string, unknown>).user, SLACK_AUTH_TEST.user_id);
			const history = nodeItems(run, 'History');
			assert.deepEqual(
				history.map((m) => m.text),
				['Deploy finished', 'Seeded message 3', 'Seeded message 2', 'Seeded message 1'],
			);
			// The connection's label first (auth.test), then the post, then two pages of history.
			assert.deepEqual(slack.lines(from), [
				'GET /api/auth.test',
				'POST /api/chat.postMessage',
				`GET /api/conversations.history?channel=${SLACK_CHANNEL}&limit=200`,
				`GET /api/conversations.history?channel=${SLACK_CHANNEL}&limit=200&cursor=3`,
			]);
			// token_type is "bot", yet the token goes as a Bearer header, never in the URL.
			assert.deepEqual(auth(slack.requests.slice(from)), Array(4).fill(`Bearer ${SLACK_TOKEN}`));
			assert.ok(
				slack.requests.slice(from).every((r) => !JSON.stringify(r.query).includes(SLACK_TOKEN)),
			);
			const post = slack.requests[from + 1];
			assert.match(String(post.headers['content-type']), /^application\/json/);
			assert.deepEqual(JSON.parse(post.body), {
				channel: SLACK_CHANNEL,
				text: 'Deploy finished',
				blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Deploy* finished' } }],
			});
		});

		describe('Slack Trigger (registered by hand in the Slack app) in an active workflow', () => {
			const mention = (eventId: string) =>
				JSON.stringify({
					token: 'ZZZZZZWSxiZZZ2yIvs3peJ',
					team_id: 'T0E2E00001',
					api_app_id: 'A0E2E00001',
					event: {
						type: 'app_mention',
						user: 'U0E2EUSR01',
						text: '<@U0E2EBOT01> deploy?',
						ts: '1733141100.000300',
						channel: SLACK_CHANNEL,
					},
					type: 'event_callback',
					event_id: eventId,
					event_time: now(),
				});
			const deliver = (
				body: string,
				options: {
					t?: number;
					secret?: string | null;
					type?: string;
					headers?: Record<string, string>;
				} = {},
			) => {
				const t = options.t ?? now();
				return send(HOOK_ID.slack, 'POST', {
					body,
					headers: {
						'content-type': options.type ?? 'application/json',
						'x-slack-request-timestamp': String(t),
						...(options.secret === null
							? {}
							: {
									'x-slack-signature': slackSignature(
										options.secret ?? SLACK_SIGNING_SECRET,
										body,
										t,
									),
								}),
						...options.headers,
					},
				});
			};
			let accepted = 0;

			it('activation registers nothing at Slack; the signed url_verification challenge is answered', async () => {
				const from = since(slack);
				await activate(SERVICE_WF.slackTrigger);
				await waitRegistered(HOOK_ID.slack, mention('Ev0PROBE01'));
				const challenge = JSON.stringify({
					token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
					challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
					type: 'url_verification',
				});
				const ok = await deliver(challenge);
				assert.equal(ok.status, 200, ok.text);
				assert.deepEqual(JSON.parse(ok.text), {
					challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
				});
				const forged = await deliver(challenge, { secret: 'not-the-signing-secret' });
				assert.equal(forged.status, 401);
				assert.ok(!forged.text.includes('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P'));
				assert.equal(slack.requests.length, from);
				await assertExecutions(SERVICE_WF.slackTrigger, 0);
			});

			it('a signed app_mention starts one execution, acknowledged with an empty 200', async () => {
				const body = mention('Ev0E2E0001');
				const res = await deliver(body);
				assert.equal(res.status, 200, res.text);
				assert.equal(res.text, '');
				accepted = 1;
				const [item] = await finishedExecution(SERVICE_WF.slackTrigger, accepted, 'Slack Trigger');
				assert.equal(item.event, 'app_mention');
				assert.equal(item.deliveryId, 'Ev0E2E0001');
				assert.deepEqual(item.body, JSON.parse(body));
			});

			for (const [name, make] of [
				[
					'a tampered body',
					() => ({
						body: mention('Ev0E2E0002').replace('deploy?', 'delete?'),
						sign: mention('Ev0E2E0002'),
					}),
				],
				[
					'a signature made with another secret',
					() => ({ body: mention('Ev0E2E0003'), secret: 'another-app-secret' }),
				],
				['an unsigned delivery', () => ({ body: mention('Ev0E2E0004'), secret: null })],
				[
					'a delivery signed 10 minutes ago',
					() => ({ body: mention('Ev0E2E0005'), t: now() - 600 }),
				],
			] as const) {
				it(`${name} gets 401 and starts nothing`, async () => {
					const c = make() as {
						body: string;
						sign?: string;
						secret?: string | null;
						t?: number;
						headers?: Record<string, string>;
					};
					let res;
					if (c.sign !== undefined) {
						const t = now();
						res = await send(HOOK_ID.slack, 'POST', {
							body: c.body,
							headers: {
								'x-slack-request-timestamp': String(t),
								'x-slack-signature': slackSignature(SLACK_SIGNING_SECRET, c.sign, t),
							},
						});
					} else res = await deliver(c.body, c);
					assert.equal(res.status, 401, res.text);
					await assertExecutions(SERVICE_WF.slackTrigger, accepted);
				});
			}

			it("Slack's retry of the accepted event (same event_id, new signature) gets 200 so Slack stops, and starts nothing", async () => {
				const res = await deliver(mention('Ev0E2E0001'), {
					headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
				});
				assert.equal(res.status, 200, res.text);
				await assertExecutions(SERVICE_WF.slackTrigger, accepted);
			});

			it('a signed slash command (form body) starts one execution with the command as the event', async () => {
				const body =
					'token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0E2E00001&channel_id=C0E2E00001&user_id=U0E2EUSR01&command=%2Fdeploy&text=web&trigger_id=13345224609.738474920.8088930838d88f008e0';
				const res = await deliver(body, { type: 'application/x-www-form-urlencoded' });
				assert.equal(res.status, 200, res.text);
				assert.equal(res.text, '');
				accepted = 2;
				const [item] = await finishedExecution(SERVICE_WF.slackTrigger, accepted, 'Slack Trigger');
				assert.equal(item.event, '/deploy');
				assert.deepEqual(item.body, {
					token: 'gIkuvaNzQIHg97ATvDxqgjtO',
					team_id: 'T0E2E00001',
					channel_id: 'C0E2E00001',
					user_id: 'U0E2EUSR01',
					command: '/deploy',
					text: 'web',
					trigger_id: '13345224609.738474920.8088930838d88f008e0',
				});
			});

			it('deactivation calls nothing at Slack', async () => {
				const from = since(slack);
				await deactivate(SERVICE_WF.slackTrigger);
				await unregistered(HOOK_ID.slack);
				assert.equal(slack.requests.length, from);
			});
		});
	});

	describe('Instagram against a loopback fake', () => {
		it('gets the connected account and creates and publishes a photo (container FINISHED at once)', async () => {
			const from = since(instagram);
			const run = await ctx.execute(SERVICE_WF.instagram, 'instagram');
			assert.deepEqual(nodeItems(run, 'Me'), [INSTAGRAM_USER]);
			const [container] = [...instagram.containers.keys()];
			assert.deepEqual(nodeItems(run, 'Post photo'), [
				{ id: `1810${container.slice(-8)}`, creationId: container, status: 'FINISHED' },
			]);
			const fields =
				'id,user_id,username,name,account_type,profile_picture_url,followers_count,follows_count,media_count';
			assert.deepEqual(instagram.lines(from), [
				`GET /v21.0/me?fields=${encodeURIComponent('id,username')}`,
				`GET /v21.0/me?fields=${encodeURIComponent(fields)}`,
				'POST /v21.0/me/media',
				`GET /v21.0/${container}?fields=${encodeURIComponent('status_code,status')}`,
				'POST /v21.0/me/media_publish',
			]);
			const [, ...seen] = instagram.requests.slice(from);
			assert.deepEqual(
				auth(instagram.requests.slice(from)),
				Array(5).fill(`Bearer ${INSTAGRAM_TOKEN}`),
			);
			assert.deepEqual(JSON.parse(seen[1].body), {
				image_url: 'https://cdn.example.com/e2e.jpg',
				caption: 'Hello from @e2e.shop',
			});
			assert.deepEqual(JSON.parse(seen[3].body), { creation_id: container });
			assert.ok(seen.every((r) => r.status === 200));
		});

		it("runs issue 15's operations: comment, stories, tagged, mentions, carousel, binary upload, publishing limit", async () => {
			const from = since(instagram);
			const upFrom = since(rupload);
			const run = await ctx.execute(SERVICE_WF.instagramOps, 'instagram operations');
			const [comment] = instagram.comments.slice(-2);
			assert.equal(nodeItems(run, 'Comment').length, 1);
			assert.deepEqual(comment, { media_id: '17920238422030506', message: 'Thanks for reading!' });
			assert.deepEqual(nodeItems(run, 'Stories'), [INSTAGRAM_STORY]);
			assert.deepEqual(nodeItems(run, 'Tagged'), [INSTAGRAM_TAGGED]);
			assert.deepEqual(nodeItems(run, 'Mentioned media'), [INSTAGRAM_TAGGED]);
			assert.equal(nodeItems(run, 'Reply to mention').length, 1);
			assert.deepEqual(instagram.comments.at(-1), {
				media_id: INSTAGRAM_TAGGED.id,
				message: 'Thank you!',
			});
			const containers = [...instagram.containers.keys()].slice(-4);
			const [first, second, carousel, reel] = containers;
			assert.deepEqual(nodeItems(run, 'Carousel'), [
				{
					id: `1810${carousel.slice(-8)}`,
					creationId: carousel,
					children: [first, second],
					status: 'FINISHED',
				},
			]);
			assert.deepEqual(instagram.containers.get(first), {
				image_url: 'https://cdn.example.com/e2e-1.jpg',
				is_carousel_item: true,
			});
			assert.deepEqual(instagram.containers.get(second), {
				video_url: 'https://cdn.example.com/e2e-2.mp4',
				media_type: 'VIDEO',
				is_carousel_item: true,
			});
			assert.deepEqual(instagram.containers.get(carousel), {
				caption: 'Two of a kind',
				media_type: 'CAROUSEL',
				children: `${first},${second}`,
			});
			assert.deepEqual(nodeItems(run, 'Upload reel'), [
				{ id: `1810${reel.slice(-8)}`, creationId: reel, status: 'FINISHED' },
			]);
			assert.deepEqual(instagram.containers.get(reel), {
				media_type: 'REELS',
				caption: 'Uploaded from n8n',
				upload_type: 'resumable',
			});
			assert.deepEqual(rupload.lines(upFrom), [`POST /ig-api-upload/v21.0/${reel}`]);
			assert.deepEqual(auth(rupload.requests.slice(upFrom)), [`OAuth ${INSTAGRAM_TOKEN}`]);
			assert.equal(rupload.requests.at(-1)!.status, 200);
			assert.ok(instagram.uploaded.has(reel));
			assert.deepEqual(nodeItems(run, 'Publishing limit'), [
				{
					quota_usage: instagram.published.length,
					config: { quota_total: 50, quota_duration: 86400 },
				},
			]);
			const statusOf = (id: string) =>
				`GET /v21.0/${id}?fields=${encodeURIComponent('status_code,status')}`;
			assert.deepEqual(instagram.lines(from), [
				// The account was looked up by the first Instagram run already (the connection keeps it).
				'POST /v21.0/17920238422030506/comments',
				`GET /v21.0/me/stories?fields=${encodeURIComponent('id,caption,media_type,media_product_type,media_url,permalink,thumbnail_url,timestamp,username,like_count,comments_count')}&limit=50`,
				`GET /v21.0/me/tags?fields=${encodeURIComponent('id,caption,media_type,media_url,permalink,timestamp,username')}&limit=50`,
				`GET /v21.0/me?${new URLSearchParams({ fields: `mentioned_media.media_id(${INSTAGRAM_TAGGED.id}){id,caption,media_type,media_url,permalink,timestamp,username,like_count,comments_count}` }).toString()}`,
				'POST /v21.0/me/mentions',
				'POST /v21.0/me/media',
				'POST /v21.0/me/media',
				statusOf(first),
				statusOf(second),
				'POST /v21.0/me/media',
				statusOf(carousel),
				'POST /v21.0/me/media_publish',
				'POST /v21.0/me/media',
				statusOf(reel),
				'POST /v21.0/me/media_publish',
				`GET /v21.0/me/content_publishing_limit?fields=${encodeURIComponent('quota_usage,config')}`,
			]);
			assert.ok(instagram.requests.slice(from).every((r) => r.status === 200));
			assert.deepEqual(
				[...new Set(auth(instagram.requests.slice(from)))],
				[`Bearer ${INSTAGRAM_TOKEN}`],
			);
		});

		describe('Instagram Trigger (registered through the Graph API) in an active workflow', () => {
			const comment = JSON.stringify({
				object: 'instagram',
				entry: [
					{
						id: INSTAGRAM_USER.user_id,
						time: now(),
						changes: [
							{
								field: 'comments',
								value: {
									id: '17865799348089039',
									text: 'Love it ✓',
									from: { id: '232323232', username: 'fan' },
									media: { id: '17887498072083520' },
								},
							},
						],
					},
				],
			});
			const deliver = (body: string, signature?: string) =>
				send(HOOK_ID.instagram, 'POST', {
					body,
					headers: signature ? { 'x-hub-signature-256': signature } : {},
				});
			let accepted = 0;

			const subscriptions = `/v21.0/${INSTAGRAM_APP_ID}/subscriptions`;
			const appToken = `Bearer ${INSTAGRAM_APP_ID}|${INSTAGRAM_APP_SECRET}`;

			it("activation points the Meta app's instagram subscription at the node (Meta's handshake answered) and subscribes the account", async () => {
				const from = since(instagram);
				const fbFrom = since(facebook);
				await activate(SERVICE_WF.instagramTrigger);
				await requestsAt(facebook, fbFrom, 1);
				await requestsAt(instagram, from, 1);
				await waitRegistered(HOOK_ID.instagram, comment);
				// Nothing was registered before, so n8n's checkExists asked nothing; the POST went out with the app token.
				assert.deepEqual(facebook.lines(fbFrom), [`POST ${subscriptions}`]);
				assert.deepEqual(auth(facebook.requests.slice(fbFrom)), [appToken]);
				assert.equal(facebook.requests.at(-1)!.status, 200);
				const registered = facebook.instagramSubscription!;
				assert.equal(registered.callback_url, registeredUrl(HOOK_ID.instagram));
				assert.deepEqual(registered.fields, ['comments']);
				assert.match(registered.verify_token, /^[0-9a-f]{40}$/);
				// Meta's verification GET reached the node through n8n and got the challenge back.
				assert.equal(facebook.handshakes.at(-1)!.status, 200);
				assert.deepEqual(instagram.lines(from), [
					'POST /v21.0/me/subscribed_apps?subscribed_fields=comments',
				]);
				assert.deepEqual(auth(instagram.requests.slice(from)), [`Bearer ${INSTAGRAM_TOKEN}`]);
				assert.deepEqual(instagram.subscribedFields, ['comments']);
				// The handshake answers the token given to Meta, and only that one.
				const ok = await send(HOOK_ID.instagram, 'GET', {
					query: `?hub.mode=subscribe&hub.verify_token=${registered.verify_token}&hub.challenge=1158201444`,
				});
				assert.equal(ok.status, 200);
				assert.equal(ok.text, '1158201444');
				assert.match(ok.contentType, /^text\/plain/);
				const wrong = await send(HOOK_ID.instagram, 'GET', {
					query: '?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444',
				});
				assert.equal(wrong.status, 403);
				assert.ok(!wrong.text.includes('1158201444'));
				await assertExecutions(SERVICE_WF.instagramTrigger, 0);
			});

			it('a delivery signed with the app secret starts one execution with the payload', async () => {
				const res = await deliver(comment, hubSignature(INSTAGRAM_APP_SECRET, comment));
				assert.equal(res.status, 200, res.text);
				accepted = 1;
				const [item] = await finishedExecution(
					SERVICE_WF.instagramTrigger,
					accepted,
					'Instagram Trigger',
				);
				assert.equal(item.event, 'comments');
				assert.deepEqual(item.body, JSON.parse(comment));
			});

			for (const [name, make] of [
				[
					'a tampered body',
					() => ({
						body: comment.replace('Love it', 'Hate it'),
						sig: hubSignature(INSTAGRAM_APP_SECRET, comment),
					}),
				],
				[
					'a signature made with another secret',
					() => ({ body: comment, sig: hubSignature('not-the-app-secret', comment) }),
				],
				['an unsigned delivery', () => ({ body: comment, sig: undefined })],
			] as const) {
				it(`${name} gets 401 and starts nothing`, async () => {
					const { body, sig } = make();
					const res = await deliver(body, sig);
					assert.equal(res.status, 401, res.text);
					await assertExecutions(SERVICE_WF.instagramTrigger, accepted);
				});
			}

			it("deactivation removes the app's instagram subscription (it still called this node)", async () => {
				const from = since(instagram);
				const fbFrom = since(facebook);
				await deactivate(SERVICE_WF.instagramTrigger);
				await requestsAt(facebook, fbFrom, 2);
				await unregistered(HOOK_ID.instagram);
				assert.deepEqual(facebook.lines(fbFrom), [
					`GET ${subscriptions}`,
					`DELETE ${subscriptions}?object=instagram`,
				]);
				assert.deepEqual(auth(facebook.requests.slice(fbFrom)), [appToken, appToken]);
				assert.equal(facebook.instagramSubscription, undefined);
				assert.equal(instagram.requests.length, from);
			});
		});
	});

	describe('Authorization URLs n8n builds for the social OAuth2 credentials', () => {
		// What the user's browser is sent to on "Connect my account": n8n's own code (GET /rest/oauth2-credential/auth)
		// reading our credential classes, expressions ($self) resolved — not our reading of them.
		const cases: Array<[string, string, Record<string, string>, string[]]> = [
			[
				SERVICE_CRED.tikTok.id,
				'https://www.tiktok.com/v2/auth/authorize/',
				{
					client_key: TIKTOK_CLIENT_KEY,
					scope: 'user.info.basic,user.info.stats,video.publish,video.upload,video.list',
					response_type: 'code',
				},
				[],
			],
			[
				SERVICE_CRED.x.id,
				'https://x.com/i/oauth2/authorize',
				{
					client_id: X_CLIENT_ID,
					scope:
						'tweet.read tweet.write users.read like.write follows.write media.write offline.access',
					response_type: 'code',
					code_challenge_method: 'S256',
				},
				['code_challenge'],
			],
			[
				SERVICE_CRED.linkedIn.id,
				'https://www.linkedin.com/oauth/v2/authorization',
				{
					client_id: LINKEDIN_CLIENT_ID,
					scope:
						'openid profile email w_member_social r_organization_social w_organization_social rw_organization_admin',
					response_type: 'code',
				},
				[],
			],
			[
				SERVICE_CRED.slack.id,
				'https://slack.com/oauth/v2/authorize',
				{
					client_id: SLACK_CLIENT_ID,
					// Bot scopes only (comma-separated, as Slack wants them); no user_scope.
					scope:
						'channels:history,channels:join,channels:manage,channels:read,chat:write,files:read,files:write,im:write,pins:read,pins:write,reactions:read,reactions:write,team:read,usergroups:read,usergroups:write,users:read,users:read.email',
					response_type: 'code',
				},
				[],
			],
		];
		for (const [id, endpoint, expected, present] of cases) {
			it(`${endpoint}: the provider's parameters, the redirect URL and a state`, async () => {
				const authUrl = new URL(
					await ctx.rest().get<string>(`/rest/oauth2-credential/auth?id=${id}`),
				);
				assert.equal(`${authUrl.origin}${authUrl.pathname}`, endpoint);
				for (const [key, value] of Object.entries(expected))
					assert.equal(authUrl.searchParams.get(key), value, key);
				for (const key of [...present, 'state', 'redirect_uri'])
					assert.ok(authUrl.searchParams.get(key), `${key} in ${authUrl.search}`);
				assert.match(
					authUrl.searchParams.get('redirect_uri')!,
					/\/rest\/oauth2-credential\/callback$/,
				);
				// No client secret goes to the browser.
				for (const secret of [
					TIKTOK_CLIENT_SECRET,
					X_CLIENT_SECRET,
					LINKEDIN_CLIENT_SECRET,
					SLACK_CLIENT_SECRET,
				])
					assert.ok(!authUrl.href.includes(secret), 'a client secret in the authorization URL');
				assert.equal(authUrl.searchParams.get('user_scope'), null);
			});
		}
	});

	describe('TikTok against a loopback fake', () => {
		it('gets the user with its counts and posts a video from a URL: creator info, init, status until PUBLISH_COMPLETE', async () => {
			const from = since(tikTok);
			const run = await ctx.execute(SERVICE_WF.tikTok, 'tikTok');
			assert.deepEqual(nodeItems(run, 'Me'), [TIKTOK_USER]);
			const [publishId] = [...tikTok.posts.keys()];
			assert.deepEqual(nodeItems(run, 'Post video'), [
				{
					publish_id: publishId,
					status: 'PUBLISH_COMPLETE',
					// Every digit of the 64-bit id (a number would have been rounded to …3000).
					publicaly_available_post_id: [TIKTOK_POST_ID],
					downloaded_bytes: 10485760,
					uploaded_bytes: 0,
				},
			]);
			const fields =
				'open_id,union_id,avatar_url,avatar_url_100,avatar_large_url,display_name,follower_count,following_count,likes_count,video_count';
			assert.deepEqual(tikTok.lines(from), [
				`GET /v2/user/info/?fields=${encodeURIComponent('open_id,display_name')}`,
				`GET /v2/user/info/?fields=${encodeURIComponent(fields)}`,
				'POST /v2/post/publish/creator_info/query/',
				'POST /v2/post/publish/video/init/',
				'POST /v2/post/publish/status/fetch/',
				'POST /v2/post/publish/status/fetch/',
			]);
			const seen = tikTok.requests.slice(from);
			assert.deepEqual(auth(seen), Array(6).fill(`Bearer ${TIKTOK_TOKEN}`));
			assert.deepEqual(JSON.parse(seen[3].body), {
				source_info: {
					source: 'PULL_FROM_URL',
					video_url: 'https://media.example.com/e2e/latte-art.mp4',
				},
				post_info: { privacy_level: 'SELF_ONLY', title: 'Latte art by E2E Latte Lab #barista' },
			});
			assert.deepEqual(JSON.parse(seen[4].body), { publish_id: publishId });
			// The status was asked again after the 2 s the node was told to wait.
			assert.ok(seen[5].at - seen[4].at >= 2000, `${seen[5].at - seen[4].at} ms between the polls`);
			assert.ok(seen.every((r) => r.status === 200));
		});

		describe('TikTok Trigger (callback URL set in the developer portal) in an active workflow', () => {
			const t0 = now();
			const published = JSON.stringify({
				client_key: 'awe2efake0client0key',
				event: 'post.publish.complete',
				create_time: t0,
				user_openid: TIKTOK_USER.open_id,
				content: JSON.stringify({
					publish_id: 'v_pub_url~v2.000000001',
					publish_type: 'DIRECT_PUBLISH',
				}),
			});
			const tiktokSignature = (secret: string, body: string, t: number) =>
				`t=${t},s=${hmacHex(secret, `${t}.${body}`)}`;
			const deliver = (body: string, signature?: string) =>
				send(HOOK_ID.tikTok, 'POST', {
					body,
					headers: signature ? { 'tiktok-signature': signature } : {},
				});
			let accepted = 0;

			it('activation calls nothing at TikTok', async () => {
				const from = since(tikTok);
				await activate(SERVICE_WF.tikTokTrigger);
				await waitRegistered(HOOK_ID.tikTok, published);
				assert.equal(tikTok.requests.length, from);
				await assertExecutions(SERVICE_WF.tikTokTrigger, 0);
			});

			it('a delivery signed with the client secret starts one execution with the payload', async () => {
				const res = await deliver(
					published,
					tiktokSignature(TIKTOK_CLIENT_SECRET, published, now()),
				);
				assert.equal(res.status, 200, res.text);
				accepted = 1;
				const [item] = await finishedExecution(
					SERVICE_WF.tikTokTrigger,
					accepted,
					'TikTok Trigger',
				);
				assert.equal(item.event, 'post.publish.complete');
				assert.deepEqual(item.body, JSON.parse(published));
			});

			for (const [name, make] of [
				[
					'a tampered body',
					() => ({
						body: published.replace('complete', 'failed'),
						sig: tiktokSignature(TIKTOK_CLIENT_SECRET, published, now()),
					}),
				],
				[
					'a signature made with another secret',
					() => ({ body: published, sig: tiktokSignature('not-the-secret', published, now()) }),
				],
				['an unsigned delivery', () => ({ body: published, sig: undefined })],
				[
					'a delivery signed 10 minutes ago',
					() => ({
						body: published,
						sig: tiktokSignature(TIKTOK_CLIENT_SECRET, published, now() - 600),
					}),
				],
			] as const) {
				it(`${name} gets 401 and starts nothing`, async () => {
					const { body, sig } = make();
					const res = await deliver(body, sig);
					assert.equal(res.status, 401, res.text);
					await assertExecutions(SERVICE_WF.tikTokTrigger, accepted);
				});
			}

			it('deactivation calls nothing at TikTok', async () => {
				const from = since(tikTok);
				await deactivate(SERVICE_WF.tikTokTrigger);
				await unregistered(HOOK_ID.tikTok);
				assert.equal(tikTok.requests.length, from);
			});
		});
	});

	describe('Facebook Pages against a loopback fake', () => {
		it('creates a post and lists every post with the Page token (fetched with the user token), across Graph pages', async () => {
			const from = since(facebook);
			const run = await ctx.execute(SERVICE_WF.facebook, 'facebook');
			const [created] = facebook.posts;
			assert.deepEqual(nodeItems(run, 'Create post'), [{ id: created.id }]);
			const posts = nodeItems(run, 'All posts');
			assert.equal(posts.length, 56);
			assert.deepEqual(posts[0], created);
			assert.deepEqual(
				posts.map((p) => p.id),
				facebook.posts.map((p) => p.id),
			);

			const fields =
				'id,message,created_time,updated_time,permalink_url,status_type,full_picture,is_published';
			const after = Buffer.from('50').toString('base64');
			const lines = facebook.lines(from);
			assert.deepEqual(lines, [
				`GET /v21.0/me?fields=${encodeURIComponent('id,name')}`,
				`GET /v21.0/${FACEBOOK_PAGE}?fields=access_token`,
				`POST /v21.0/${FACEBOOK_PAGE}/feed`,
				`GET /v21.0/${FACEBOOK_PAGE}?fields=access_token`,
				`GET /v21.0/${FACEBOOK_PAGE}/posts?${new URLSearchParams({ fields, limit: '50' }).toString()}`,
				// The second page is Graph's own absolute next link (token in its query, as Graph writes it), sent to the fake by the origin map.
				`GET /v21.0/${FACEBOOK_PAGE}/posts?${new URLSearchParams({ fields, limit: '50', after, access_token: FACEBOOK_PAGE_TOKEN }).toString()}`,
			]);
			const [, ...seen] = facebook.requests.slice(from);
			assert.deepEqual(auth(facebook.requests.slice(from)), [
				`Bearer ${FACEBOOK_USER_TOKEN}`,
				`Bearer ${FACEBOOK_USER_TOKEN}`,
				`Bearer ${FACEBOOK_PAGE_TOKEN}`,
				`Bearer ${FACEBOOK_USER_TOKEN}`,
				`Bearer ${FACEBOOK_PAGE_TOKEN}`,
				`Bearer ${FACEBOOK_PAGE_TOKEN}`,
			]);
			assert.deepEqual(JSON.parse(seen[1].body), { message: 'Hello from the e2e suite' });
			assert.ok(seen.every((r) => r.status === 200));
		});

		it('Facebook Ads: creates a paused campaign, activates it and reads its insights by gender', async () => {
			const from = since(facebook);
			const run = await ctx.execute(SERVICE_WF.facebookAds, 'facebook ads');
			const [id] = [...facebook.campaigns.keys()].slice(-1);
			assert.deepEqual(nodeItems(run, 'Create campaign'), [{ id }]);
			assert.deepEqual(nodeItems(run, 'Activate'), [{ success: true }]);
			assert.deepEqual(nodeItems(run, 'Ad accounts'), [
				{ id: FACEBOOK_AD_ACCOUNT, name: 'E2E Ads', currency: 'EUR' },
			]);
			assert.deepEqual(nodeItems(run, 'Ad sets'), [
				{ id: '120210000000009001', name: 'E2E ad set', campaign_id: id },
			]);
			assert.deepEqual(nodeItems(run, 'Ads'), [
				{ id: '12021000000009001', name: 'E2E ad', campaign_id: id },
			]);
			assert.deepEqual(nodeItems(run, 'Insights'), [
				{
					campaign_name: 'E2E spring sale',
					impressions: '1000',
					spend: '12.50',
					gender: 'female',
					date_start: '2026-11-25',
					date_stop: '2026-12-01',
				},
				{
					campaign_name: 'E2E spring sale',
					impressions: '1250',
					spend: '13.50',
					gender: 'male',
					date_start: '2026-11-25',
					date_stop: '2026-12-01',
				},
			]);
			assert.deepEqual(facebook.lines(from), [
				`GET /v21.0/me?fields=${encodeURIComponent('id,name')}`,
				`POST /v21.0/${FACEBOOK_AD_ACCOUNT}/campaigns`,
				`POST /v21.0/${id}`,
				`GET /v21.0/me/adaccounts?${new URLSearchParams({ fields: 'id,account_id,name,account_status,currency,timezone_name,amount_spent,spend_cap,business', limit: '50' }).toString()}`,
				`GET /v21.0/${id}/adsets?${new URLSearchParams({ fields: 'id,name,campaign_id,status,effective_status,daily_budget,lifetime_budget,billing_event,optimization_goal,bid_amount,targeting,start_time,end_time,created_time,updated_time', limit: '50' }).toString()}`,
				`GET /v21.0/${FACEBOOK_AD_ACCOUNT}/ads?${new URLSearchParams({ fields: 'id,name,adset_id,campaign_id,status,effective_status,creative,created_time,updated_time', limit: '50' }).toString()}`,
				`GET /v21.0/${id}/insights?${new URLSearchParams({ fields: 'campaign_name,impressions,spend', date_preset: 'last_7d', breakdowns: 'gender', limit: '50' }).toString()}`,
			]);
			const seen = facebook.requests.slice(from);
			assert.ok(seen.every((r) => r.headers.authorization === `Bearer ${FACEBOOK_ADS_TOKEN}`));
			assert.deepEqual(JSON.parse(seen[1].body), {
				name: 'E2E spring sale',
				objective: 'OUTCOME_TRAFFIC',
				special_ad_categories: ['NONE'],
				daily_budget: 5000,
			});
			assert.deepEqual(JSON.parse(seen[2].body), { status: 'ACTIVE' });
			assert.equal(facebook.campaigns.get(id)?.status, 'ACTIVE');
			assert.ok(seen.every((r) => r.status === 200));
		});

		it('Facebook Pages conversations: lists the Page conversations and replies with the Send API, as the Page', async () => {
			const from = since(facebook);
			const run = await ctx.execute(SERVICE_WF.facebookConversations, 'facebook conversations');
			assert.deepEqual(nodeItems(run, 'Conversations'), [FACEBOOK_CONVERSATION]);
			assert.deepEqual(nodeItems(run, 'Reply'), [
				{ recipient_id: '6543210987654321', message_id: `m_e2e${facebook.sent.length}` },
			]);
			const fields = 'id,updated_time,message_count,unread_count,participants,link';
			assert.deepEqual(facebook.lines(from), [
				`GET /v21.0/${FACEBOOK_PAGE}?fields=access_token`,
				`GET /v21.0/${FACEBOOK_PAGE}/conversations?${new URLSearchParams({ fields, limit: '50' }).toString()}`,
				`GET /v21.0/${FACEBOOK_PAGE}?fields=access_token`,
				`POST /v21.0/${FACEBOOK_PAGE}/messages`,
			]);
			const seen = facebook.requests.slice(from);
			assert.deepEqual(auth(seen), [
				`Bearer ${FACEBOOK_USER_TOKEN}`,
				`Bearer ${FACEBOOK_PAGE_TOKEN}`,
				`Bearer ${FACEBOOK_USER_TOKEN}`,
				`Bearer ${FACEBOOK_PAGE_TOKEN}`,
			]);
			assert.deepEqual(JSON.parse(seen[3].body), {
				recipient: { id: '6543210987654321' },
				message: { text: 'Yes, we are open on Sunday.' },
				messaging_type: 'RESPONSE',
			});
		});

		describe('Facebook Pages Trigger in an active workflow', () => {
			const feed = JSON.stringify({
				object: 'page',
				entry: [
					{
						id: FACEBOOK_PAGE,
						time: now(),
						changes: [
							{
								field: 'feed',
								value: {
									item: 'comment',
									verb: 'add',
									post_id: `${FACEBOOK_PAGE}_122101234567890123`,
									message: 'Nice post ✓',
									from: { id: '24242424', name: 'Fan' },
								},
							},
						],
					},
				],
			});
			const deliver = (body: string, signature?: string) =>
				send(HOOK_ID.facebook, 'POST', {
					body,
					headers: signature ? { 'x-hub-signature-256': signature } : {},
				});
			let accepted = 0;

			it('activation subscribes the app to the Page (with the Page token); the handshake echoes the challenge', async () => {
				const from = since(facebook);
				await activate(SERVICE_WF.facebookTrigger);
				await requestsAt(facebook, from, 2);
				await waitRegistered(HOOK_ID.facebook, feed);
				assert.deepEqual(facebook.lines(from), [
					`GET /v21.0/${FACEBOOK_PAGE}?fields=access_token`,
					`POST /v21.0/${FACEBOOK_PAGE}/subscribed_apps?subscribed_fields=feed`,
				]);
				assert.deepEqual(auth(facebook.requests.slice(from)), [
					`Bearer ${FACEBOOK_USER_TOKEN}`,
					`Bearer ${FACEBOOK_PAGE_TOKEN}`,
				]);
				assert.deepEqual(facebook.subscribedFields, ['feed']);
				const ok = await send(HOOK_ID.facebook, 'GET', {
					query: `?hub.mode=subscribe&hub.verify_token=${FACEBOOK_VERIFY_TOKEN}&hub.challenge=987654321`,
				});
				assert.equal(ok.status, 200);
				assert.equal(ok.text, '987654321');
				const wrong = await send(HOOK_ID.facebook, 'GET', {
					query: '?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=987654321',
				});
				assert.equal(wrong.status, 403);
				await assertExecutions(SERVICE_WF.facebookTrigger, 0);
			});

			it('a delivery signed with the app secret starts one execution with the payload', async () => {
				const res = await deliver(feed, hubSignature(FACEBOOK_APP_SECRET, feed));
				assert.equal(res.status, 200, res.text);
				accepted = 1;
				const [item] = await finishedExecution(
					SERVICE_WF.facebookTrigger,
					accepted,
					'Facebook Pages Trigger',
				);
				assert.equal(item.event, 'feed');
				assert.deepEqual(item.body, JSON.parse(feed));
			});

			for (const [name, make] of [
				[
					'a tampered body',
					() => ({
						body: feed.replace('Nice post', 'Bad post'),
						sig: hubSignature(FACEBOOK_APP_SECRET, feed),
					}),
				],
				[
					'a signature made with another secret',
					() => ({ body: feed, sig: hubSignature('not-the-app-secret', feed) }),
				],
				['an unsigned delivery', () => ({ body: feed, sig: undefined })],
			] as const) {
				it(`${name} gets 401 and starts nothing`, async () => {
					const { body, sig } = make();
					const res = await deliver(body, sig);
					assert.equal(res.status, 401, res.text);
					await assertExecutions(SERVICE_WF.facebookTrigger, accepted);
				});
			}

			it("deactivation removes the app's subscription from the Page", async () => {
				const from = since(facebook);
				await deactivate(SERVICE_WF.facebookTrigger);
				await requestsAt(facebook, from, 2);
				await unregistered(HOOK_ID.facebook);
				assert.deepEqual(facebook.lines(from), [
					`GET /v21.0/${FACEBOOK_PAGE}?fields=access_token`,
					`DELETE /v21.0/${FACEBOOK_PAGE}/subscribed_apps`,
				]);
				assert.deepEqual(auth(facebook.requests.slice(from)), [
					`Bearer ${FACEBOOK_USER_TOKEN}`,
					`Bearer ${FACEBOOK_PAGE_TOKEN}`,
				]);
				assert.equal(facebook.subscribedFields, undefined);
			});
		});
	});

	describe('Microsoft 365 against a loopback fake', () => {
		it('Outlook and OneDrive on one connection: sends HTML mail, gets a file by its encoded path, downloads it from SharePoint without the token, lists unread mail across @odata.nextLink pages', async () => {
			const from = since(graph);
			const fromSp = since(sharePoint);
			const run = await ctx.execute(SERVICE_WF.microsoft, 'microsoft');
			assert.deepEqual(nodeItems(run, 'Send mail'), [{ sent: true }]);
			assert.deepEqual(nodeItems(run, 'Get by path'), [DRIVE_FILE]);
			assert.deepEqual(nodeItems(run, 'Download'), [
				{
					id: DRIVE_FILE.id,
					name: DRIVE_FILE.name,
					size: DRIVE_FILE.size,
					file: DRIVE_FILE.file,
					parentReference: DRIVE_FILE.parentReference,
				},
			]);
			assert.deepEqual(
				nodeItems(run, 'Unread').map((i) => i.subject),
				['Q1 budget', 'Offsite', 'Invoice'],
			);
			assert.deepEqual(
				graph.requests
					.slice(from)
					.filter((r) => r.path !== '/v1.0/me')
					.map((r) => `${r.method} ${r.rawUrl}`),
				[
					'POST /v1.0/me/sendMail',
					'GET /v1.0/me/drive/root:/Reports/Q1%20budget.csv:',
					`GET /v1.0/me/drive/items/${DRIVE_FILE.id}?%24select=id%2Cname%2Csize%2Cfile%2CparentReference`,
					`GET /v1.0/me/drive/items/${DRIVE_FILE.id}/content`,
					'GET /v1.0/me/mailFolders/inbox/messages?%24filter=isRead%20eq%20false&%24top=100',
					'GET /v1.0/me/mailFolders/inbox/messages?%24filter=isRead+eq+false&%24top=100&%24skip=2',
				],
			);
			assert.ok(auth(graph.requests.slice(from)).every((a) => a === `Bearer ${MICROSOFT_TOKEN}`));
			assert.deepEqual(
				JSON.parse(graph.requests.slice(from).find((r) => r.method === 'POST')!.body),
				{
					message: {
						toRecipients: [
							{ emailAddress: { name: 'Adele Vance', address: 'adele@contoso.example' } },
						],
						subject: 'Q1 budget',
						body: { content: '<p>The numbers are <b>final</b>.</p>', contentType: 'HTML' },
					},
				},
			);
			// The pre-authenticated URL was fetched once, with its tempauth and without the Microsoft token.
			const downloads = sharePoint.requests.slice(fromSp);
			assert.deepEqual(
				downloads.map((r) => [r.path, r.status, r.headers.authorization]),
				[['/personal/e2e/_layouts/15/download.aspx', 200, undefined]],
			);
			assert.ok(DRIVE_FILE_BYTES.length > 0);
		});

		it("Excel and $batch: a folder's files through one $batch (answers in any order, back to their items), then a row per file into a table by path in one workbook session", async () => {
			const from = since(graph);
			const rowsBefore = graph.rows.length;
			const sessions = { ...graph.sessions };
			const run = await ctx.execute(SERVICE_WF.microsoftExcel, 'microsoftExcel');
			assert.deepEqual(nodeItems(run, 'Get batched'), REPORT_FILES);
			assert.deepEqual(graph.batches.at(-1), [
				{ id: '0', method: 'GET', url: `/me/drive/items/${REPORT_FILES[0].id}` },
				{ id: '1', method: 'GET', url: `/me/drive/items/${REPORT_FILES[1].id}` },
				{ id: '2', method: 'GET', url: `/me/drive/items/${REPORT_FILES[2].id}` },
			]);
			assert.deepEqual(
				graph.rows.slice(rowsBefore),
				REPORT_FILES.map((f) => [f.name, f.size]),
			);
			assert.deepEqual(graph.sessions, {
				opened: sessions.opened + 1,
				closed: sessions.closed + 1,
			});
			const calls = graph.requests
				.slice(from)
				.filter((r) => r.path !== '/v1.0/me')
				.map((r) => `${r.method} ${r.rawUrl} ${r.headers['workbook-session-id'] ?? '-'}`);
			assert.deepEqual(calls, [
				`GET /v1.0/me/drive/items/${REPORTS_FOLDER}/children?%24top=200 -`,
				'POST /v1.0/$batch -',
				`POST ${WORKBOOK}/createSession -`,
				`POST ${WORKBOOK}/tables/Sales/rows ${WORKBOOK_SESSION}`,
				`POST ${WORKBOOK}/tables/Sales/rows ${WORKBOOK_SESSION}`,
				`POST ${WORKBOOK}/tables/Sales/rows ${WORKBOOK_SESSION}`,
				`POST ${WORKBOOK}/closeSession ${WORKBOOK_SESSION}`,
			]);
			assert.ok(auth(graph.requests.slice(from)).every((a) => a === `Bearer ${MICROSOFT_TOKEN}`));
		});
	});

	describe('Microsoft 365 Trigger (Graph subscription) in an active workflow', () => {
		const notify = (body: string) => send(HOOK_ID.microsoft, 'POST', { body });
		let accepted = 0;

		it("activation creates the subscription; Graph's validation POSTs to both URLs are answered with the token as text/plain", async () => {
			const from = since(graph);
			const validated = graph.validations.length;
			await activate(SERVICE_WF.microsoftTrigger);
			await requestsAt(graph, from, 1);
			await waitRegistered(
				HOOK_ID.microsoft,
				JSON.stringify({ value: [{ clientState: 'probe' }] }),
			);
			assert.deepEqual(
				graph.requests
					.slice(from)
					.filter((r) => r.path !== '/v1.0/me')
					.map((r) => `${r.method} ${r.path} ${r.status}`),
				['POST /v1.0/subscriptions 201'],
			);
			const sub = graph.subscription!;
			assert.equal(sub.notificationUrl, registeredUrl(HOOK_ID.microsoft));
			assert.equal(sub.lifecycleNotificationUrl, registeredUrl(HOOK_ID.microsoft));
			assert.equal(sub.resource, "me/mailFolders('inbox')/messages");
			assert.equal(sub.changeType, 'created');
			assert.match(sub.clientState, /^[0-9a-f]{64}$/);
			const lifetime = Date.parse(sub.expirationDateTime) - Date.now();
			assert.ok(lifetime > 10_000 * 60_000 && lifetime <= 10_065 * 60_000, String(lifetime));
			// One validation: the notification and lifecycle URLs are the same URL.
			assert.deepEqual(
				graph.validations.slice(validated).map((v) => [v.status, v.type.split(';')[0]]),
				[[200, 'text/plain']],
			);
			await assertExecutions(SERVICE_WF.microsoftTrigger, 0);
		});

		it('a notification with the clientState fetches the message and starts one execution with it', async () => {
			const from = since(graph);
			const res = await notify(graph.notification());
			assert.equal(res.status, 200, res.text);
			accepted = 1;
			const [item] = await finishedExecution(
				SERVICE_WF.microsoftTrigger,
				accepted,
				'Microsoft 365 Trigger',
			);
			assert.equal(item.changeType, 'created');
			assert.equal(item.subscriptionId, graph.subscription!.id);
			assert.deepEqual(item.data, NOTIFIED_MESSAGE);
			assert.equal(JSON.stringify(item).includes(graph.subscription!.clientState), false);
			assert.deepEqual(
				graph.requests.slice(from).map((r) => `${r.method} ${r.path}`),
				[`GET /v1.0/Users/${MICROSOFT_USER.id}/Messages/${NOTIFIED_MESSAGE.id}`],
			);
			// Graph's retry of the same notification starts nothing.
			const again = await notify(graph.notification());
			assert.equal(again.status, 200, again.text);
			await assertExecutions(SERVICE_WF.microsoftTrigger, accepted);
		});

		it('a notification with another clientState gets 401, fetches nothing and starts nothing', async () => {
			const from = since(graph);
			const res = await notify(graph.notification('not-the-client-state'));
			assert.equal(res.status, 401, res.text);
			assert.equal(graph.requests.length, from);
			await assertExecutions(SERVICE_WF.microsoftTrigger, accepted);
		});

		it('deactivation deletes the subscription', async () => {
			const id = graph.subscription!.id;
			const from = since(graph);
			await deactivate(SERVICE_WF.microsoftTrigger);
			await requestsAt(graph, from, 1);
			await unregistered(HOOK_ID.microsoft);
			assert.deepEqual(
				graph.requests
					.slice(from)
					.filter((r) => r.path !== '/v1.0/me')
					.map((r) => `${r.method} ${r.path} ${r.status}`),
				[`DELETE /v1.0/subscriptions/${id} 204`],
			);
			assert.equal(graph.subscription, undefined);
		});
	});

	describe('Google Workspace against loopback fakes', () => {
		it('a service account (JWT bearer grant) appends a row from fields, looks it up by column, creates a folder and searches Drive across pages, on one connection', async () => {
			const grants = acceptedAssertions.length;
			const from = {
				token: since(googleToken),
				sheets: since(googleSheets),
				apis: since(googleApis),
			};
			const run = await ctx.execute(SERVICE_WF.google, 'google');
			assert.deepEqual(nodeItems(run, 'Look up'), [
				{ row_number: 4, Item: 'Seat', Cost: '$35', Stocked: 0 },
			]);
			assert.deepEqual(
				nodeItems(run, 'New folder').map((i) => [i.name, i.mimeType]),
				[['Stock Seat', 'application/vnd.google-apps.folder']],
			);
			assert.deepEqual(
				nodeItems(run, 'Search files').map((i) => i.name),
				['Invoice 1.pdf', 'Invoice 2.pdf', 'Invoice 3.pdf'],
			);
			// n8n resolved the hidden Scope expression from the products: the assertion asks exactly those scopes.
			const claims = acceptedAssertions.slice(grants);
			// One exchange for the whole run (n8n execute is a fresh process): the token is kept for the four nodes.
			assert.equal(claims.length, 1);
			assert.deepEqual(
				{ ...claims[0], iat: 0, exp: 0 },
				{
					iss: GOOGLE_SA_KEY_FILE.client_email,
					scope:
						'https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/spreadsheets https://www.googleapis.com/auth/drive https://www.googleapis.com/auth/documents https://www.googleapis.com/auth/gmail.send https://www.googleapis.com/auth/gmail.readonly https://www.googleapis.com/auth/calendar.readonly https://www.googleapis.com/auth/calendar.events',
					aud: 'https://oauth2.googleapis.com/token',
					iat: 0,
					exp: 0,
					sub: 'e2e.ops@acme.example',
				},
			);
			const sheet = `/v4/spreadsheets/${GOOGLE_SHEET_ID}/values`;
			assert.deepEqual(googleSheets.lines(from.sheets), [
				// The sheet name quoted for A1 notation, one percent-encoded path segment.
				`GET ${sheet}/%27Inventory%27?majorDimension=ROWS`,
				`POST ${sheet}/%27Inventory%27%21A1:append?valueInputOption=USER_ENTERED&insertDataOption=INSERT_ROWS`,
				`GET ${sheet}/%27Inventory%27?majorDimension=ROWS`,
			]);
			const appended = googleSheets.requests.slice(from.sheets)[1];
			assert.deepEqual(JSON.parse(appended.body), {
				majorDimension: 'ROWS',
				values: [['Seat', '$35', 0]],
			});
			assert.deepEqual(
				googleApis
					.lines(from.apis)
					.filter((l) => !l.startsWith('GET /oauth2/v3/userinfo'))
					.map((l) => l.split('?')[0]),
				['POST /drive/v3/files', 'GET /drive/v3/files', 'GET /drive/v3/files'],
			);
			const signed = [
				...googleSheets.requests.slice(from.sheets),
				...googleApis.requests.slice(from.apis),
			];
			assert.ok(auth(signed).every((a) => a === `Bearer ${GOOGLE_SA_TOKEN}`));
			// The grant carries no credential of its own: only the signed assertion.
			assert.ok(auth(googleToken.requests.slice(from.token)).every((a) => a === undefined));
		});

		it('Google Calendar: creates an event with a guest and a Google Meet link (conferenceDataVersion=1, a requestId)', async () => {
			const from = since(googleApis);
			const run = await ctx.execute(SERVICE_WF.googleCalendar, 'googleCalendar');
			const [event] = nodeItems(run, 'Create event');
			assert.equal(event.id, 'e2eEvent0001');
			assert.equal(event.hangoutLink, 'https://meet.google.com/e2e-fake-meet');
			const sent = googleApis.requests.slice(from).filter((r) => r.path.startsWith('/calendar/'));
			assert.deepEqual(
				sent.map(
					(r) => `${r.method} ${r.path}?${new URLSearchParams(r.query as Record<string, string>)}`,
				),
				['POST /calendar/v3/calendars/primary/events?sendUpdates=all&conferenceDataVersion=1'],
			);
			const body = JSON.parse(sent[0].body) as Record<string, unknown>;
			const { requestId, ...meet } = (
				body.conferenceData as { createRequest: Record<string, unknown> }
			).createRequest;
			assert.match(
				String(requestId),
				/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
			);
			assert.deepEqual(
				{ ...body, conferenceData: { createRequest: meet } },
				{
					summary: 'Stock review',
					start: { dateTime: '2026-12-14T10:00:00+01:00', timeZone: 'Europe/Berlin' },
					end: { dateTime: '2026-12-14T10:30:00+01:00', timeZone: 'Europe/Berlin' },
					attendees: [{ email: 'ben@acme.example' }],
					conferenceData: { createRequest: { conferenceSolutionKey: { type: 'hangoutsMeet' } } },
				},
			);
			assert.ok(auth(sent).every((a) => a === `Bearer ${GOOGLE_SA_TOKEN}`));
		});

		describe('Google Drive Trigger (a changes watch channel) in an active workflow', () => {
			const notify = (state: string, n: number, headers?: Record<string, string>) =>
				send(HOOK_ID.googleDrive, 'POST', {
					headers: { ...googleApis.notification(state, n), ...headers },
				});

			it('activation reads the start page token and creates a changes watch channel with this URL, a UUID and a token', async () => {
				const from = since(googleApis);
				await activate(SERVICE_WF.googleDriveTrigger);
				await requestsAt(googleApis, from, 2);
				await waitRegistered(HOOK_ID.googleDrive, '');
				assert.deepEqual(
					googleApis.lines(from).filter((l) => !l.startsWith('GET /oauth2/')),
					[
						'GET /drive/v3/changes/startPageToken?supportsAllDrives=true',
						`POST /drive/v3/changes/watch?pageToken=${GOOGLE_START_PAGE_TOKEN}&supportsAllDrives=true&includeItemsFromAllDrives=true`,
					],
				);
				const channel = googleApis.channel!;
				assert.equal(channel.address, registeredUrl(HOOK_ID.googleDrive));
				assert.match(channel.id, /^[0-9a-f-]{36}$/);
				assert.ok(channel.token.length >= 32);
				assert.ok(channel.expiration > Date.now() + 6 * 86_400_000);
				await assertSealed(SERVICE_WF.googleDriveTrigger, channel.token);
				await assertExecutions(SERVICE_WF.googleDriveTrigger, 0);
			});

			it('the sync notification is answered 200 and starts nothing', async () => {
				const from = since(googleApis);
				const res = await notify('sync', 1);
				assert.equal(res.status, 200, res.text);
				assert.equal(googleApis.requests.length, from);
				await assertExecutions(SERVICE_WF.googleDriveTrigger, 0);
			});

			it('a change notification fetches the changes since the page token and starts one execution with the change', async () => {
				const from = since(googleApis);
				const res = await notify('change', 2);
				assert.equal(res.status, 200, res.text);
				const items = await finishedExecution(
					SERVICE_WF.googleDriveTrigger,
					1,
					'Google Drive Trigger',
				);
				assert.deepEqual(items, [
					{
						change: 'changed',
						changeType: 'file',
						fileId: GOOGLE_CHANGED_FILE.id,
						time: '2026-12-03T12:00:00.000Z',
						file: GOOGLE_CHANGED_FILE,
					},
				]);
				assert.deepEqual(
					googleApis.lines(from).map((l) => l.split('?')[0]),
					['GET /drive/v3/changes'],
				);
			});

			for (const [name, headers, status] of [
				['a wrong channel token', { 'x-goog-channel-token': 'not-the-token' }, 401],
				[
					'an unknown channel id',
					{ 'x-goog-channel-id': '9b2e4c1d-0000-4000-8000-000000000000' },
					403,
				],
			] as const) {
				it(`${name} gets ${status}, fetches nothing and starts nothing`, async () => {
					const from = since(googleApis);
					const res = await notify('change', 3, headers);
					assert.equal(res.status, status, res.text);
					assert.equal(googleApis.requests.length, from);
					await assertExecutions(SERVICE_WF.googleDriveTrigger, 1);
				});
			}

			it('deactivation stops the channel (channels.stop with its id and resourceId)', async () => {
				const channel = googleApis.channel!;
				const from = since(googleApis);
				await deactivate(SERVICE_WF.googleDriveTrigger);
				await requestsAt(googleApis, from, 1);
				await unregistered(HOOK_ID.googleDrive);
				assert.deepEqual(
					googleApis.lines(from).filter((l) => !l.startsWith('GET /oauth2/')),
					['POST /drive/v3/channels/stop'],
				);
				assert.deepEqual(googleApis.stopped.at(-1), {
					id: channel.id,
					resourceId: channel.resourceId,
				});
				assert.equal(googleApis.channel, undefined);
			});
		});

		it('Google Docs on the same connection: creates a document in a Drive folder, appends a line at the end of the body (revision-guarded) and reads it back as text', async () => {
			const from = { docs: since(googleDocs), apis: since(googleApis) };
			const run = await ctx.execute(SERVICE_WF.googleDocs, 'google docs');
			assert.deepEqual(
				nodeItems(run, 'New doc').map((i) => [i.documentId, i.title, i.parents]),
				[[GOOGLE_DOC_ID, 'Stock report', ['1e2eNewFolder']]],
			);
			assert.deepEqual(
				nodeItems(run, 'Append').map((i) => [i.replies, i.writeControl]),
				[[[{}], { requiredRevisionId: 'e2eRev2' }]],
			);
			assert.deepEqual(
				nodeItems(run, 'Read').map((i) => [i.title, i.revisionId, i.text]),
				[['Stock report', 'e2eRev2', 'Seats in stock: 0\n\n']],
			);
			const doc = `/v1/documents/${GOOGLE_DOC_ID}`;
			assert.deepEqual(googleDocs.lines(from.docs), [
				'POST /v1/documents',
				`POST ${doc}:batchUpdate`,
				`GET ${doc}`,
			]);
			assert.deepEqual(
				googleDocs.requests.slice(from.docs).map((r) => (r.body ? JSON.parse(r.body) : undefined)),
				[
					{ title: 'Stock report' },
					{
						requests: [{ insertText: { endOfSegmentLocation: {}, text: 'Seats in stock: 0\n' } }],
						writeControl: { requiredRevisionId: 'e2eRev1' },
					},
					undefined,
				],
			);
			// The move into the folder is Drive's: parents read, then replaced.
			assert.deepEqual(
				googleApis.lines(from.apis).filter((l) => !l.startsWith('GET /oauth2/v3/userinfo')),
				[
					`GET /drive/v3/files/${GOOGLE_DOC_ID}?fields=parents&supportsAllDrives=true`,
					`PATCH /drive/v3/files/${GOOGLE_DOC_ID}?addParents=1e2eNewFolder&removeParents=0Ae2eMyDriveRoot&supportsAllDrives=true&fields=id%2Cparents`,
				],
			);
			const signed = [
				...googleDocs.requests.slice(from.docs),
				...googleApis.requests.slice(from.apis),
			];
			assert.ok(auth(signed).every((a) => a === `Bearer ${GOOGLE_SA_TOKEN}`));
		});

		it('Gmail on the same connection: sends the RFC 2822 message the node builds (RFC 2047 headers, text and HTML alternatives) and reads a message as fields', async () => {
			const from = since(gmailApi);
			const sent = gmailApi.sent.length;
			const run = await ctx.execute(SERVICE_WF.gmail, 'gmail');
			assert.deepEqual(nodeItems(run, 'Send'), [
				{ id: `e2eSent${sent + 1}`, threadId: `e2eSent${sent + 1}`, labelIds: ['SENT'] },
			]);
			const [got] = nodeItems(run, 'Get');
			assert.equal(got.subject, 'Welcome');
			assert.equal(got.from, 'Billing <billing@example.com>');
			assert.equal(got.text, 'Hello from Welcome');
			assert.deepEqual(gmailApi.lines(from), [
				'POST /gmail/v1/users/me/messages/send',
				'GET /gmail/v1/users/me/messages/e2eInbox0?format=full',
			]);
			assert.ok(
				auth(gmailApi.requests.slice(from)).every((a) => a === `Bearer ${GOOGLE_SA_TOKEN}`),
			);
			const mime = gmailApi.sent[sent];
			ctx.outputs.push({ what: 'the message Gmail received', text: mime });
			const [head, ...rest] = mime.split('\r\n\r\n');
			const boundary = /boundary="([^"]+)"/.exec(head)![1];
			assert.deepEqual(head.split('\r\n'), [
				'To: =?UTF-8?B?Wm/DqyBNw7xsbGVy?= <zoe@example.com>',
				'Cc: ops@example.com',
				'Subject: =?UTF-8?B?R3LDvMOfZSBmcm9tIG44bg==?=',
				'MIME-Version: 1.0',
				`Content-Type: multipart/alternative; boundary="${boundary}"`,
			]);
			const parts = rest
				.join('\r\n\r\n')
				.split(`--${boundary}`)
				.slice(1, -1)
				.map((p) => p.trim().split('\r\n\r\n'));
			assert.deepEqual(
				parts.map(([h, b]) => [h, Buffer.from(b, 'base64').toString('utf8')]),
				[
					[
						'Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64',
						'Plain hello',
					],
					[
						'Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64',
						'<p>HTML <b>hello</b></p>',
					],
				],
			);
		});

		it('Gmail Trigger (polling the history): activation takes the baseline from the profile, a message delivered later starts one execution', async () => {
			const from = since(gmailApi);
			await activate(SERVICE_WF.gmailTrigger);
			// n8n polls once on activation: the baseline (the mailbox's historyId), which emits nothing.
			await requestsAt(gmailApi, from, 1);
			assert.deepEqual(gmailApi.lines(from), ['GET /gmail/v1/users/me/profile']);
			const baseline = String(gmailApi.historyId);
			// A message arrives; the next poll (Poll Times: every minute) reads the history and the message.
			gmailApi.deliver(gmailInboxMessage('e2eNew1', '0', 'Invoice 77'));
			const items = await finishedExecution(
				SERVICE_WF.gmailTrigger,
				1,
				'Gmail Trigger',
				'trigger',
				150_000,
			);
			assert.deepEqual(
				items.map((i) => [i.id, i.subject, i.from, i.text]),
				[['e2eNew1', 'Invoice 77', 'Billing <billing@example.com>', 'Hello from Invoice 77']],
			);
			assert.deepEqual(gmailApi.lines(from).slice(1, 3), [
				`GET /gmail/v1/users/me/history?startHistoryId=${baseline}&historyTypes=messageAdded&maxResults=500&labelId=INBOX`,
				'GET /gmail/v1/users/me/messages/e2eNew1?format=full',
			]);
			assert.ok(
				auth(gmailApi.requests.slice(from)).every((a) => a === `Bearer ${GOOGLE_SA_TOKEN}`),
			);
			await deactivate(SERVICE_WF.gmailTrigger);
		});
	});

	describe('Jira against a loopback fake', () => {
		it('3LO: lists the accessible sites, creates an issue (ADF description) and searches across nextPageToken pages through the gateway with the cloud id', async () => {
			const from = since(jira);
			const run = await ctx.execute(SERVICE_WF.jira, 'jira');
			assert.deepEqual(
				nodeItems(run, 'Sites').map((i) => [i.id, i.url]),
				[[JIRA_CLOUD_ID, JIRA_SITE]],
			);
			assert.deepEqual(nodeItems(run, 'Create issue'), [
				{ id: '10001', key: 'E2E-1', self: `${JIRA_SITE}/rest/api/3/issue/10001` },
			]);
			assert.deepEqual(
				nodeItems(run, 'Search').map((i) => i.key),
				['E2E-1', 'E2E-2', 'E2E-3'],
			);
			// The credential has no Cloud ID: the node found it through accessible-resources (the token's only site),
			// once for the connection (the Sites node lists them itself), and every API path carries it.
			const api = `/ex/jira/${JIRA_CLOUD_ID}/rest/api/3`;
			// lines() writes the query back as URLSearchParams does (a space as +).
			const jql = new URLSearchParams({ jql: 'project = E2E' }).toString();
			const lines = jira.lines(from).filter((l) => !l.endsWith('/myself'));
			const sites = lines.filter((l) => l === 'GET /oauth/token/accessible-resources').length;
			assert.ok(sites >= 1 && sites <= 2, lines.join('\n'));
			assert.deepEqual(
				lines.filter((l) => l !== 'GET /oauth/token/accessible-resources'),
				[
					`POST ${api}/issue`,
					`GET ${api}/search/jql?${jql}&maxResults=100`,
					`GET ${api}/search/jql?${jql}&maxResults=100&nextPageToken=CAEaAggC`,
				],
			);
			assert.ok(auth(jira.requests.slice(from)).every((a) => a === `Bearer ${JIRA_OAUTH_TOKEN}`));
			const created = jira.requests.slice(from).find((r) => r.method === 'POST')!;
			assert.deepEqual(JSON.parse(created.body), {
				fields: {
					project: { key: 'E2E' },
					issuetype: { name: 'Bug' },
					summary: 'Espresso machine leaks',
					description: {
						type: 'doc',
						version: 1,
						content: [
							{ type: 'paragraph', content: [{ type: 'text', text: 'Water under the machine.' }] },
							{ type: 'paragraph', content: [{ type: 'text', text: 'Seen twice this week.' }] },
						],
					},
					labels: ['kitchen', 'e2e'],
				},
			});
		});

		describe('Jira Trigger (admin webhook with a secret) in an active workflow', () => {
			const created = JSON.stringify({
				timestamp: Date.now(),
				webhookEvent: 'jira:issue_created',
				issue_event_type_name: 'issue_created',
				user: JIRA_USER,
				issue: { id: '10001', key: 'E2E-1', fields: { summary: 'Espresso machine leaks' } },
			});
			const deliver = (body: string, signature?: string, id = randomUUID()) =>
				send(HOOK_ID.jira, 'POST', {
					body,
					headers: {
						'x-atlassian-webhook-identifier': id,
						...(signature ? { 'x-hub-signature': signature } : {}),
					},
				});
			let accepted = 0;

			it('activation calls nothing at Jira', async () => {
				const from = since(jira);
				await activate(SERVICE_WF.jiraTrigger);
				await waitRegistered(HOOK_ID.jira, created);
				assert.equal(jira.requests.length, from);
				await assertExecutions(SERVICE_WF.jiraTrigger, 0);
			});

			it("a delivery signed with the secret (X-Hub-Signature: sha256=…) starts one execution; Jira's retry of it starts nothing", async () => {
				const id = randomUUID();
				const res = await deliver(created, hubSignature(JIRA_WEBHOOK_SECRET, created), id);
				assert.equal(res.status, 200, res.text);
				accepted = 1;
				const [item] = await finishedExecution(SERVICE_WF.jiraTrigger, accepted, 'Jira Trigger');
				assert.equal(item.event, 'jira:issue_created');
				assert.equal(item.deliveryId, id);
				assert.deepEqual(item.body, JSON.parse(created));
				await deliver(created, hubSignature(JIRA_WEBHOOK_SECRET, created), id);
				await assertExecutions(SERVICE_WF.jiraTrigger, accepted);
			});

			for (const [name, make] of [
				[
					'a tampered body',
					() => ({
						body: created.replace('E2E-1', 'E2E-9'),
						sig: hubSignature(JIRA_WEBHOOK_SECRET, created),
					}),
				],
				[
					'a signature made with another secret',
					() => ({ body: created, sig: hubSignature('not-the-secret', created) }),
				],
				['an unsigned delivery', () => ({ body: created, sig: undefined })],
			] as const) {
				it(`${name} gets 401 and starts nothing`, async () => {
					const { body, sig } = make();
					const res = await deliver(body, sig);
					assert.equal(res.status, 401, res.text);
					await assertExecutions(SERVICE_WF.jiraTrigger, accepted);
				});
			}

			it('deactivation calls nothing at Jira', async () => {
				const from = since(jira);
				await deactivate(SERVICE_WF.jiraTrigger);
				await unregistered(HOOK_ID.jira);
				assert.equal(jira.requests.length, from);
			});
		});

		describe('Jira Trigger (OAuth2 app: dynamic webhook, JWT) in an active workflow', () => {
			const created = JSON.stringify({
				timestamp: Date.now(),
				webhookEvent: 'jira:issue_created',
				matchedWebhookIds: [10001],
				user: JIRA_USER,
				issue: { id: '10001', key: 'E2E-1', fields: { summary: 'Espresso machine leaks' } },
			});
			const token = (secret = JIRA_CLIENT_SECRET) => {
				const now = Math.floor(Date.now() / 1000);
				return signJwt({ iss: 'jira', iat: now, exp: now + 180 }, secret);
			};
			const deliver = (body: string, authorization?: string, id = randomUUID()) =>
				send(HOOK_ID.jiraDynamic, 'POST', {
					body,
					headers: {
						'x-atlassian-webhook-identifier': id,
						...(authorization ? { authorization } : {}),
					},
				});
			const api = `/ex/jira/${JIRA_CLOUD_ID}/rest/api/3`;
			let accepted = 0;

			it('activation registers a dynamic webhook with the URL, the events and the JQL filter', async () => {
				const from = since(jira);
				await activate(SERVICE_WF.jiraDynamicTrigger);
				await until('the webhook registration at Jira', async () =>
					jira.lines(from).includes(`POST ${api}/webhook`) ? true : undefined,
				);
				await waitRegistered(HOOK_ID.jiraDynamic, created);
				// The cloud id may already be known from the action workflow's connection.
				assert.deepEqual(
					jira.lines(from).filter((l) => l !== 'GET /oauth/token/accessible-resources'),
					[`POST ${api}/webhook`],
				);
				const create = jira.requests.slice(from).find((r) => r.method === 'POST')!;
				assert.equal(create.headers.authorization, `Bearer ${JIRA_OAUTH_TOKEN}`);
				assert.deepEqual(JSON.parse(create.body), {
					url: registeredUrl(HOOK_ID.jiraDynamic),
					webhooks: [
						{ events: ['jira:issue_created', 'comment_created'], jqlFilter: 'project = E2E' },
					],
				});
				assert.deepEqual(
					[...jira.hooks.values()].map((h) => [h.id, h.url]),
					[[10001, registeredUrl(HOOK_ID.jiraDynamic)]],
				);
			});

			it('a delivery with a JWT signed by the client secret starts one execution; the same token again starts nothing', async () => {
				const jwt = `Bearer ${token()}`;
				const res = await deliver(created, jwt);
				assert.equal(res.status, 200, res.text);
				accepted = 1;
				const [item] = await finishedExecution(
					SERVICE_WF.jiraDynamicTrigger,
					accepted,
					'Jira Trigger',
				);
				assert.equal(item.event, 'jira:issue_created');
				assert.deepEqual(item.body, JSON.parse(created));
				const replay = await deliver(created, jwt);
				assert.equal(replay.status, 401, replay.text);
				await assertExecutions(SERVICE_WF.jiraDynamicTrigger, accepted);
			});

			for (const [name, authorization] of [
				['a JWT signed with another secret', () => `Bearer ${token('not-the-client-secret')}`],
				['a delivery without a JWT', () => undefined],
			] as const) {
				it(`${name} gets 401 and starts nothing`, async () => {
					const res = await deliver(created, authorization());
					assert.equal(res.status, 401, res.text);
					await assertExecutions(SERVICE_WF.jiraDynamicTrigger, accepted);
				});
			}

			it('deactivation deletes the dynamic webhook', async () => {
				const from = since(jira);
				await deactivate(SERVICE_WF.jiraDynamicTrigger);
				await requestsAt(jira, from, 1);
				await unregistered(HOOK_ID.jiraDynamic);
				const removal = jira.requests.slice(from).find((r) => r.method === 'DELETE')!;
				assert.equal(`${removal.method} ${removal.path}`, `DELETE ${api}/webhook`);
				assert.deepEqual(JSON.parse(removal.body), { webhookIds: [10001] });
				assert.equal(jira.hooks.size, 0);
			});
		});
	});

	describe('Square against a loopback fake', () => {
		it('creates a payment (idempotency_key in the body, pinned Square-Version) and gets the seller', async () => {
			const from = since(square);
			const run = await ctx.execute(SERVICE_WF.square, 'square');
			const [payment] = nodeItems(run, 'Create payment');
			assert.equal(payment.status, 'COMPLETED');
			assert.deepEqual(payment.amount_money, { amount: 1250, currency: 'USD' });
			assert.equal(nodeItems(run, 'Seller')[0].business_name, 'E2E Coffee');
			const sent = square.requests.slice(from);
			const post = sent.find((r) => r.path === '/v2/payments')!;
			const body = JSON.parse(post.body) as Record<string, unknown>;
			assert.match(
				String(body.idempotency_key),
				/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
			);
			assert.deepEqual(body, {
				source_id: 'cnon:card-nonce-ok',
				amount_money: { amount: 1250, currency: 'USD' },
				location_id: SQUARE_LOCATION,
				note: 'Two flat whites',
				idempotency_key: body.idempotency_key,
			});
			assert.ok(sent.every((r) => r.headers['square-version'] === SQUARE_VERSION));
			assert.ok(auth(sent).every((a) => a === `Bearer ${SQUARE_TOKEN}`));
		});

		describe('Square Trigger (subscription created through the API) in an active workflow', () => {
			/** Square: base64 HMAC-SHA256 of the notification URL followed by the raw body, keyed with the signature key. */
			const squareSignature = (key: string, body: string, url = registeredUrl(HOOK_ID.square)) =>
				createHmac('sha256', key)
					.update(url + body)
					.digest('base64');
			const notification = (eventId: string, type: string) =>
				JSON.stringify({
					merchant_id: 'ME2E00MERCHANT',
					type,
					event_id: eventId,
					created_at: new Date().toISOString(),
					data: {
						type: 'payment',
						id: 'PE2E0001ZY',
						object: { payment: { id: 'PE2E0001ZY', status: 'COMPLETED' } },
					},
				});
			const created = notification('e2e6a8f5f-54a1-4eb0-a98a-3111513fd401', 'payment.created');
			const deliver = (body: string, signature?: string) =>
				send(HOOK_ID.square, 'POST', {
					body,
					headers: signature ? { 'x-square-hmacsha256-signature': signature } : {},
				});
			let accepted = 0;

			it('activation creates the subscription (URL, events, Square-Version, idempotency_key) and keeps its signature key sealed', async () => {
				const from = since(square);
				await activate(SERVICE_WF.squareTrigger);
				await requestsAt(square, from, 1);
				await waitRegistered(HOOK_ID.square, created);
				const post = square.requests
					.slice(from)
					.find((r) => r.path === '/v2/webhooks/subscriptions')!;
				assert.equal(post.method, 'POST');
				assert.equal(post.status, 200, post.body);
				const body = JSON.parse(post.body) as { idempotency_key: string; subscription: unknown };
				assert.match(body.idempotency_key, /^[0-9a-f-]{36}$/);
				assert.deepEqual(body.subscription, {
					name: 'n8n workflow "E2E: Square Trigger"',
					event_types: ['payment.created', 'refund.created'],
					notification_url: registeredUrl(HOOK_ID.square),
					api_version: SQUARE_VERSION,
				});
				assert.equal(post.headers.authorization, `Bearer ${SQUARE_TOKEN}`);
				assert.ok(square.subscriptions.has(SQUARE_SUBSCRIPTION));
				await assertSealed(SERVICE_WF.squareTrigger, SQUARE_SIGNATURE_KEY);
				await assertExecutions(SERVICE_WF.squareTrigger, 0);
			});

			it('a delivery signed over the registered URL and the body starts one execution with the event and event_id', async () => {
				const res = await deliver(created, squareSignature(SQUARE_SIGNATURE_KEY, created));
				assert.equal(res.status, 200, res.text);
				accepted = 1;
				const [item] = await finishedExecution(
					SERVICE_WF.squareTrigger,
					accepted,
					'Square Trigger',
				);
				assert.equal(item.event, 'payment.created');
				assert.equal(item.deliveryId, 'e2e6a8f5f-54a1-4eb0-a98a-3111513fd401');
				assert.deepEqual(item.body, JSON.parse(created));
			});

			it('an event type that was not picked is acknowledged and starts nothing', async () => {
				const body = notification('e2e6a8f5f-54a1-4eb0-a98a-3111513fd402', 'customer.created');
				const res = await deliver(body, squareSignature(SQUARE_SIGNATURE_KEY, body));
				assert.equal(res.status, 200, res.text);
				await assertExecutions(SERVICE_WF.squareTrigger, accepted);
			});

			for (const [name, make] of [
				[
					'a tampered body',
					() => ({
						body: created.replace('COMPLETED', 'FAILED'),
						sig: squareSignature(SQUARE_SIGNATURE_KEY, created),
					}),
				],
				[
					'a signature made with another key',
					() => ({ body: created, sig: squareSignature('not-the-key', created) }),
				],
				[
					'a signature over another URL (what a path-rewriting proxy would forward to)',
					() => ({
						body: created,
						sig: squareSignature(
							SQUARE_SIGNATURE_KEY,
							created,
							productionUrl(HOOK_ID.square).replace('localhost', '127.0.0.1'),
						),
					}),
				],
				['an unsigned delivery', () => ({ body: created, sig: undefined })],
			] as const) {
				it(`${name} gets 401 and starts nothing`, async () => {
					const { body, sig } = make();
					const res = await deliver(body, sig);
					assert.equal(res.status, 401, res.text);
					await assertExecutions(SERVICE_WF.squareTrigger, accepted);
				});
			}

			it('the accepted event sent again (same event_id) starts nothing', async () => {
				const res = await deliver(created, squareSignature(SQUARE_SIGNATURE_KEY, created));
				assert.notEqual(res.status, 500, res.text);
				await assertExecutions(SERVICE_WF.squareTrigger, accepted);
			});

			it('deactivation deletes the subscription at Square', async () => {
				const from = since(square);
				await deactivate(SERVICE_WF.squareTrigger);
				await requestsAt(square, from, 1);
				await unregistered(HOOK_ID.square);
				assert.deepEqual(
					square.lines(from).filter((l) => l.startsWith('DELETE')),
					[`DELETE /v2/webhooks/subscriptions/${SQUARE_SUBSCRIPTION}`],
				);
				assert.equal(square.subscriptions.size, 0);
			});
		});
	});

	describe('Trello against a loopback fake', () => {
		const trelloAuth = `OAuth oauth_consumer_key="${TRELLO_KEY}", oauth_token="${TRELLO_TOKEN}"`;

		it('creates a card in a list, comments on it and lists the cards; key and token only in the OAuth header', async () => {
			const from = since(trello);
			const run = await ctx.execute(SERVICE_WF.trello, 'trello');
			const [card] = nodeItems(run, 'Create card');
			assert.equal(card.name, 'Descale the espresso machine');
			assert.equal(card.idList, TRELLO_LIST);
			assert.deepEqual(
				nodeItems(run, 'Comment').map((c) => [c.type, (c.data as { text: string }).text]),
				[['commentCard', 'Done for this week']],
			);
			assert.deepEqual(
				nodeItems(run, 'Cards').map((c) => c.id),
				[card.id],
			);
			// lines() writes the query back as URLSearchParams does (a space as +).
			const created = new URLSearchParams({
				idList: TRELLO_LIST,
				name: 'Descale the espresso machine',
				desc: 'Every Friday',
				pos: 'top',
			}).toString();
			assert.deepEqual(
				trello.lines(from).filter((l) => l !== 'GET /1/members/me'),
				[
					`POST /1/cards?${created}`,
					`POST /1/cards/${String(card.id)}/actions/comments?text=Done+for+this+week`,
					`GET /1/lists/${TRELLO_LIST}/cards`,
				],
			);
			assert.ok(auth(trello.requests.slice(from)).every((a) => a === trelloAuth));
			assert.ok(
				trello.requests
					.slice(from)
					.every((r) => !r.rawUrl?.includes(TRELLO_KEY) && !r.rawUrl?.includes(TRELLO_TOKEN)),
			);
		});

		describe('Trello Trigger (webhook created through the API) in an active workflow', () => {
			/** Trello: base64 HMAC-SHA1 of the raw body followed by the callback URL, keyed with the app secret. */
			const trelloSignature = (secret: string, body: string) =>
				createHmac('sha1', secret)
					.update(body + registeredUrl(HOOK_ID.trello))
					.digest('base64');
			const action = (id: string, type: string) =>
				JSON.stringify({
					action: {
						id,
						type,
						date: new Date().toISOString(),
						data: {
							card: { id: '60e2e00000000000000c0001', name: 'Descale the espresso machine' },
							board: { id: TRELLO_BOARD, name: 'E2E Kitchen' },
						},
						memberCreator: { id: '60e2e0000000000000000m01', username: 'e2etrello' },
					},
					model: { id: TRELLO_BOARD, name: 'E2E Kitchen' },
				});
			const created = action('60e2e00000000000000a1001', 'createCard');
			const deliver = (body: string, signature?: string) =>
				send(HOOK_ID.trello, 'POST', {
					body,
					headers: signature ? { 'x-trello-webhook': signature } : {},
				});
			let accepted = 0;

			it('activation creates the webhook at Trello, whose HEAD check of the callback URL n8n answers 200', async () => {
				const from = since(trello);
				await activate(SERVICE_WF.trelloTrigger);
				await requestsAt(trello, from, 1);
				await waitRegistered(HOOK_ID.trello, created);
				const post = trello.requests.slice(from).find((r) => r.path === '/1/webhooks')!;
				assert.equal(post.method, 'POST');
				assert.equal(post.status, 200, post.body);
				assert.equal(post.query.callbackURL, registeredUrl(HOOK_ID.trello));
				assert.equal(post.query.idModel, TRELLO_BOARD);
				assert.match(post.query.description, /^n8n: /);
				assert.equal(post.headers.authorization, trelloAuth);
				assert.deepEqual(trello.headChecks, [200]);
				assert.equal(trello.webhooks.size, 1);
				await assertExecutions(SERVICE_WF.trelloTrigger, 0);
			});

			it('HEAD on the production URL answers 200 with no body and starts nothing', async () => {
				const res = await fetch(productionUrl(HOOK_ID.trello), {
					method: 'HEAD',
					signal: AbortSignal.timeout(30_000),
				});
				assert.equal(res.status, 200);
				assert.equal(await res.text(), '');
				await assertExecutions(SERVICE_WF.trelloTrigger, accepted);
			});

			it('a delivery signed with the app secret (X-Trello-Webhook) starts one execution with the action type and id', async () => {
				const res = await deliver(created, trelloSignature(TRELLO_SECRET, created));
				assert.equal(res.status, 200, res.text);
				accepted = 1;
				const [item] = await finishedExecution(
					SERVICE_WF.trelloTrigger,
					accepted,
					'Trello Trigger',
				);
				assert.equal(item.event, 'createCard');
				assert.equal(item.deliveryId, '60e2e00000000000000a1001');
				assert.deepEqual(item.body, JSON.parse(created));
			});

			it('an action type that was not picked is acknowledged and starts nothing', async () => {
				const body = action('60e2e00000000000000a1002', 'commentCard');
				const res = await deliver(body, trelloSignature(TRELLO_SECRET, body));
				assert.equal(res.status, 200, res.text);
				await assertExecutions(SERVICE_WF.trelloTrigger, accepted);
			});

			for (const [name, make] of [
				[
					'a tampered body',
					() => ({
						body: created.replace('Descale', 'Replace'),
						sig: trelloSignature(TRELLO_SECRET, created),
					}),
				],
				[
					'a signature made with another secret',
					() => ({ body: created, sig: trelloSignature('not-the-secret', created) }),
				],
				['an unsigned delivery', () => ({ body: created, sig: undefined })],
			] as const) {
				it(`${name} gets 401 and starts nothing`, async () => {
					const { body, sig } = make();
					const res = await deliver(body, sig);
					assert.equal(res.status, 401, res.text);
					await assertExecutions(SERVICE_WF.trelloTrigger, accepted);
				});
			}

			it("Trello's retry of the accepted delivery (the same bytes) gets 200 and starts nothing", async () => {
				const res = await deliver(created, trelloSignature(TRELLO_SECRET, created));
				assert.equal(res.status, 200, res.text);
				await assertExecutions(SERVICE_WF.trelloTrigger, accepted);
			});

			it('deactivation deletes the webhook at Trello', async () => {
				const from = since(trello);
				await deactivate(SERVICE_WF.trelloTrigger);
				await requestsAt(trello, from, 1);
				await unregistered(HOOK_ID.trello);
				assert.deepEqual(
					trello.lines(from).filter((l) => l.startsWith('DELETE')),
					[`DELETE /1/webhooks/60e2e00000000000000w0001`],
				);
				assert.equal(trello.webhooks.size, 0);
			});
		});
	});

	describe('Airtable against a loopback fake', () => {
		it('lists the records across two offset pages, then copies them 10 per request (one request for 3 items)', async () => {
			const from = since(airtable);
			const run = await ctx.execute(SERVICE_WF.airtable, 'airtable');
			assert.deepEqual(
				nodeItems(run, 'List').map((i) => (i.fields as { Name: string }).Name),
				['Espresso', 'Cappuccino', 'Flat white'],
			);
			assert.deepEqual(
				nodeItems(run, 'Copy').map((i) => (i.fields as { Name: string }).Name),
				['Espresso (copy)', 'Cappuccino (copy)', 'Flat white (copy)'],
			);
			const table = `/v0/${AIRTABLE_BASE}/Drinks`;
			assert.deepEqual(
				airtable.lines(from).filter((l) => !l.endsWith('/whoami')),
				[
					`GET ${table}?pageSize=100`,
					`GET ${table}?pageSize=100&offset=itrE2E%2F2`,
					`POST ${table}`,
				],
			);
			assert.ok(auth(airtable.requests.slice(from)).every((a) => a === `Bearer ${AIRTABLE_TOKEN}`));
			const post = airtable.requests.slice(from).find((r) => r.method === 'POST')!;
			assert.deepEqual(JSON.parse(post.body), {
				records: [
					{ fields: { Name: 'Espresso (copy)' } },
					{ fields: { Name: 'Cappuccino (copy)' } },
					{ fields: { Name: 'Flat white (copy)' } },
				],
				typecast: true,
			});
		});

		describe('Airtable Trigger (webhook created through the API) in an active workflow', () => {
			const ping = (body: string, mac?: string) =>
				send(HOOK_ID.airtable, 'POST', {
					body,
					headers: mac ? { 'x-airtable-content-mac': mac } : {},
				});
			let accepted = 0;

			it('activation creates the webhook at Airtable with this URL and a specification for record creations', async () => {
				const from = since(airtable);
				await activate(SERVICE_WF.airtableTrigger);
				await requestsAt(airtable, from, 1);
				const probe = JSON.stringify({
					base: { id: AIRTABLE_BASE },
					webhook: { id: AIRTABLE_WEBHOOK },
				});
				await waitRegistered(HOOK_ID.airtable, probe);
				assert.deepEqual(
					airtable.lines(from).filter((l) => !l.endsWith('/whoami')),
					[`POST /v0/bases/${AIRTABLE_BASE}/webhooks`],
				);
				assert.deepEqual(airtable.webhook?.notificationUrl, registeredUrl(HOOK_ID.airtable));
				assert.deepEqual(airtable.webhook?.specification, {
					options: {
						filters: { dataTypes: ['tableData'], changeTypes: ['add'] },
						includes: { includeCellValuesInFieldIds: 'all' },
					},
				});
				await assertExecutions(SERVICE_WF.airtableTrigger, 0);
			});

			it('a signed notification ping fetches the payloads and starts one execution with the created record', async () => {
				const { body, mac } = airtable.addCreated('Cortado');
				const from = since(airtable);
				const res = await ping(body, mac);
				assert.equal(res.status, 200, res.text);
				accepted = 1;
				const [item] = await finishedExecution(
					SERVICE_WF.airtableTrigger,
					accepted,
					'Airtable Trigger',
				);
				assert.equal(item.event, 'record.created');
				assert.equal(item.baseId, AIRTABLE_BASE);
				assert.deepEqual(item.cells, { fldE2EfakeName001: 'Cortado' });
				assert.deepEqual(airtable.lines(from), [
					`GET /v0/bases/${AIRTABLE_BASE}/webhooks/${AIRTABLE_WEBHOOK}/payloads?cursor=1`,
				]);
			});

			for (const [name, make] of [
				[
					'a tampered ping',
					() => {
						const { body, mac } = airtable.addCreated('Mocha');
						return { body: body.replace(AIRTABLE_BASE, 'appE2EotherBase01'), mac };
					},
				],
				[
					'a ping signed with another key',
					() => {
						const { body } = airtable.addCreated('Latte');
						return { body, mac: airtableMac(Buffer.from('not the key').toString('base64'), body) };
					},
				],
				[
					'an unsigned ping',
					() => ({ body: airtable.addCreated('Ristretto').body, mac: undefined }),
				],
			] as const) {
				it(`${name} gets 401, fetches nothing and starts nothing`, async () => {
					const { body, mac } = make();
					const from = since(airtable);
					const res = await ping(body, mac);
					assert.equal(res.status, 401, res.text);
					assert.equal(airtable.requests.length, from);
					await assertExecutions(SERVICE_WF.airtableTrigger, accepted);
				});
			}

			it('deactivation deletes the webhook at Airtable', async () => {
				const from = since(airtable);
				await deactivate(SERVICE_WF.airtableTrigger);
				await requestsAt(airtable, from, 1);
				await unregistered(HOOK_ID.airtable);
				assert.deepEqual(
					airtable.lines(from).filter((l) => !l.endsWith('/whoami')),
					[`DELETE /v0/bases/${AIRTABLE_BASE}/webhooks/${AIRTABLE_WEBHOOK}`],
				);
				assert.equal(airtable.webhook, undefined);
			});
		});
	});

	describe('WooCommerce against a loopback fake', () => {
		const wooAuth = `Basic ${Buffer.from(`${WOO_KEY}:${WOO_SECRET}`).toString('base64')}`;

		it('lists the processing orders over two Link pages (Return All), the keys as HTTP Basic, never in a URL', async () => {
			const from = since(wooCommerce);
			const run = await ctx.execute(SERVICE_WF.wooCommerce, 'wooCommerce');
			assert.deepEqual(
				nodeItems(run, 'Orders').map((o) => o.id),
				WOO_ORDERS.map((o) => o.id),
			);
			assert.deepEqual(
				wooCommerce.lines(from).filter((l) => !l.endsWith('/system_status')),
				[
					'GET /wp-json/wc/v3/orders?status=processing&per_page=100',
					'GET /wp-json/wc/v3/orders?status=processing&per_page=2&page=2',
				],
			);
			assert.ok(auth(wooCommerce.requests.slice(from)).every((a) => a === wooAuth));
			assert.ok(
				wooCommerce.requests
					.slice(from)
					.every((r) => !r.rawUrl?.includes(WOO_KEY) && !r.rawUrl?.includes(WOO_SECRET)),
			);
		});

		describe('WooCommerce Trigger (webhook created through the API) in an active workflow', () => {
			const order = JSON.stringify({
				id: 730,
				status: 'processing',
				total: '18.50',
				currency: 'USD',
			});
			const wcSignature = (secret: string, body: string) =>
				createHmac('sha256', secret).update(body).digest('base64');
			const deliver = (body: string, signature: string | undefined, deliveryId: string) =>
				send(HOOK_ID.wooCommerce, 'POST', {
					body,
					headers: {
						'x-wc-webhook-topic': 'order.created',
						'x-wc-webhook-resource': 'order',
						'x-wc-webhook-event': 'created',
						'x-wc-webhook-id': '140',
						'x-wc-webhook-delivery-id': deliveryId,
						...(signature ? { 'x-wc-webhook-signature': signature } : {}),
					},
				});
			const secret = () => [...wooCommerce.webhooks.values()][0].secret;
			let accepted = 0;

			it("activation creates the webhook (topic, n8n's URL, a fresh secret); WooCommerce's ping gets 200 and starts nothing", async () => {
				const from = since(wooCommerce);
				await activate(SERVICE_WF.wooCommerceTrigger);
				await requestsAt(wooCommerce, from, 1);
				await waitRegistered(HOOK_ID.wooCommerce, order);
				const post = wooCommerce.requests.slice(from).find((r) => r.method === 'POST')!;
				assert.equal(post.path, '/wp-json/wc/v3/webhooks');
				assert.equal(post.headers.authorization, wooAuth);
				const body = JSON.parse(post.body) as Record<string, string>;
				assert.equal(body.topic, 'order.created');
				assert.equal(body.delivery_url, registeredUrl(HOOK_ID.wooCommerce));
				assert.equal(body.status, 'active');
				assert.match(body.secret, /^[A-Za-z0-9_-]{32,}$/);
				await until('the ping to be answered', async () =>
					wooCommerce.pings.length ? true : undefined,
				);
				assert.deepEqual(wooCommerce.pings, [200]);
				await assertExecutions(SERVICE_WF.wooCommerceTrigger, 0);
			});

			it('a delivery signed with the webhook secret (X-WC-Webhook-Signature) starts one execution', async () => {
				const res = await deliver(order, wcSignature(secret(), order), 'e2e-delivery-1');
				assert.equal(res.status, 200, res.text);
				accepted = 1;
				const [item] = await finishedExecution(
					SERVICE_WF.wooCommerceTrigger,
					accepted,
					'WooCommerce Trigger',
				);
				assert.equal(item.event, 'order.created');
				assert.equal(item.deliveryId, 'e2e-delivery-1');
				assert.deepEqual(item.body, JSON.parse(order));
			});

			it('a bad signature, an unsigned delivery and a replayed delivery ID get 401 and start nothing', async () => {
				const other = JSON.stringify({
					id: 731,
					status: 'processing',
					total: '5.00',
					currency: 'USD',
				});
				for (const [body, sig, id] of [
					[other, wcSignature('not-the-secret', other), 'e2e-delivery-2'],
					[other, undefined, 'e2e-delivery-3'],
					[order, wcSignature(secret(), order), 'e2e-delivery-1'],
				] as const) {
					const res = await deliver(body, sig, id);
					assert.equal(res.status, 401, res.text);
				}
				await assertExecutions(SERVICE_WF.wooCommerceTrigger, accepted);
			});

			it('deactivation deletes the webhook at WooCommerce (force=true)', async () => {
				const from = since(wooCommerce);
				await deactivate(SERVICE_WF.wooCommerceTrigger);
				await requestsAt(wooCommerce, from, 1);
				await unregistered(HOOK_ID.wooCommerce);
				assert.deepEqual(
					wooCommerce.lines(from).filter((l) => l.startsWith('DELETE')),
					['DELETE /wp-json/wc/v3/webhooks/140?force=true'],
				);
				assert.equal(wooCommerce.webhooks.size, 0);
			});
		});
	});

	describe('Notion against a loopback fake', () => {
		it('creates a page in a database (resolved to its data source, typed properties, a long line split at 2,000 characters) and queries it across start_cursor pages', async () => {
			const from = since(notion);
			const run = await ctx.execute(SERVICE_WF.notion, 'notion');
			assert.equal(nodeItems(run, 'Create page')[0].id, '59833787-2cf9-4fdf-8782-e53db20768a5');
			assert.deepEqual(
				nodeItems(run, 'Query').map((i) => [i.Name, i.Price, i['In stock']]),
				[
					['Tuscan kale', 2.5, true],
					['Lacinato kale', 3, true],
				],
			);
			assert.deepEqual(
				notion.lines(from).filter((l) => !l.endsWith('/users/me')),
				[
					`GET /v1/databases/${NOTION_DATABASE}`,
					`GET /v1/data_sources/${NOTION_DATA_SOURCE}`,
					'POST /v1/pages',
					`GET /v1/databases/${NOTION_DATABASE}`,
					`POST /v1/data_sources/${NOTION_DATA_SOURCE}/query`,
					`POST /v1/data_sources/${NOTION_DATA_SOURCE}/query`,
				],
			);
			const sent = notion.requests.slice(from);
			assert.ok(auth(sent).every((a) => a === `Bearer ${NOTION_TOKEN}`));
			assert.ok(sent.every((r) => r.headers['notion-version'] === NOTION_VERSION));
			const created = JSON.parse(sent.find((r) => r.path === '/v1/pages')!.body) as {
				properties: unknown;
				children: Array<{
					type: string;
					paragraph?: { rich_text: Array<{ text: { content: string } }> };
				}>;
			};
			assert.deepEqual(created.properties, {
				Name: { title: [{ type: 'text', text: { content: 'Tuscan kale' } }] },
				Price: { number: 2.5 },
				'In stock': { checkbox: true },
			});
			assert.deepEqual(
				created.children.map((b) => b.type),
				['heading_1', 'to_do', 'paragraph'],
			);
			assert.deepEqual(
				created.children[2].paragraph!.rich_text.map((t) => t.text.content.length),
				[2000, 500],
			);
			const pages = sent
				.filter((r) => r.path.endsWith('/query'))
				.map((r) => JSON.parse(r.body) as unknown);
			assert.deepEqual(pages, [
				{ sorts: [{ property: 'Price', direction: 'descending' }], page_size: 100 },
				{
					sorts: [{ property: 'Price', direction: 'descending' }],
					page_size: 100,
					start_cursor: 'e2e-cursor-2',
				},
			]);
		});

		const notionEvent = (type: string, id = randomUUID(), attempt = 1) =>
			JSON.stringify({
				id,
				timestamp: new Date().toISOString(),
				workspace_id: '13950b26-c203-4f3b-b97d-93ec06319565',
				workspace_name: 'E2E Kitchen',
				subscription_id: '29d75c0d-5546-4414-8459-7b7a92f1fc4b',
				integration_id: '0ef5a9c6-9d6d-4b4c-a2a1-0d7c7e3a1b2c',
				authors: [{ id: 'c7c11cca-1d73-471d-9b6e-bdef51470190', type: 'person' }],
				attempt_number: attempt,
				api_version: NOTION_VERSION,
				type,
				entity: { id: '153104cd-477e-809d-8dc4-ff2d96ae3090', type: type.split('.')[0] },
			});
		// X-Notion-Signature: "sha256=" + hex HMAC-SHA256 of the raw body, keyed with the verification token.
		const notionDeliver = (hookId: string, body: string, token?: string) =>
			send(hookId, 'POST', {
				body,
				headers: token ? { 'x-notion-signature': hubSignature(token, body) } : {},
			});

		describe('Notion Trigger before the verification token is pasted', () => {
			it("Notion's verification request gets 200 and one execution showing the token; signed events stay 401 until it is pasted", async () => {
				const from = since(notion);
				await activate(SERVICE_WF.notionVerify);
				await waitRegistered(HOOK_ID.notionVerify, notionEvent('page.created'));
				const res = await send(HOOK_ID.notionVerify, 'POST', {
					body: JSON.stringify({ verification_token: NOTION_VERIFICATION_TOKEN }),
				});
				assert.equal(res.status, 200, res.text);
				const [item] = await finishedExecution(SERVICE_WF.notionVerify, 1, 'Notion Trigger');
				assert.equal(item.event, 'verification');
				assert.deepEqual(item.body, { verification_token: NOTION_VERIFICATION_TOKEN });
				const event = notionEvent('page.created');
				const refused = await notionDeliver(HOOK_ID.notionVerify, event, NOTION_VERIFICATION_TOKEN);
				assert.equal(refused.status, 401, refused.text);
				assert.match(refused.text, /Verification Token/);
				await assertExecutions(SERVICE_WF.notionVerify, 1);
				await deactivate(SERVICE_WF.notionVerify);
				await unregistered(HOOK_ID.notionVerify);
				assert.equal(notion.requests.length, from);
			});
		});

		describe('Notion Trigger (verification token pasted) in an active workflow', () => {
			let accepted = 0;

			it('activation calls nothing at Notion', async () => {
				const from = since(notion);
				await activate(SERVICE_WF.notionTrigger);
				await waitRegistered(HOOK_ID.notion, notionEvent('page.created'));
				assert.equal(notion.requests.length, from);
				await assertExecutions(SERVICE_WF.notionTrigger, 0);
			});

			it("a signed page.created starts one execution; Notion's retry (same id, next attempt) starts nothing; a later verification request starts nothing", async () => {
				const id = randomUUID();
				const first = notionEvent('page.created', id, 1);
				const res = await notionDeliver(HOOK_ID.notion, first, NOTION_VERIFICATION_TOKEN);
				assert.equal(res.status, 200, res.text);
				accepted = 1;
				const [item] = await finishedExecution(
					SERVICE_WF.notionTrigger,
					accepted,
					'Notion Trigger',
				);
				assert.equal(item.event, 'page.created');
				assert.equal(item.deliveryId, id);
				assert.deepEqual(item.body, JSON.parse(first));
				const retry = notionEvent('page.created', id, 2);
				const again = await notionDeliver(HOOK_ID.notion, retry, NOTION_VERIFICATION_TOKEN);
				assert.equal(again.status, 200, again.text);
				const verify = await send(HOOK_ID.notion, 'POST', {
					body: JSON.stringify({ verification_token: 'secret_someone_else' }),
				});
				assert.equal(verify.status, 200, verify.text);
				const comment = notionEvent('comment.created');
				const ignored = await notionDeliver(HOOK_ID.notion, comment, NOTION_VERIFICATION_TOKEN);
				assert.equal(ignored.status, 200, ignored.text);
				await assertExecutions(SERVICE_WF.notionTrigger, accepted);
			});

			for (const [name, make] of [
				[
					'a tampered body',
					() => {
						const body = notionEvent('page.created');
						return {
							body: body.replace('E2E Kitchen', 'Evil'),
							token: NOTION_VERIFICATION_TOKEN,
							signed: body,
						};
					},
				],
				[
					'a signature made with another token',
					() => ({ body: notionEvent('page.created'), token: 'secret_not_it' }),
				],
				['an unsigned delivery', () => ({ body: notionEvent('page.created'), token: undefined })],
			] as const) {
				it(`${name} gets 401 and starts nothing`, async () => {
					const made = make() as { body: string; token?: string; signed?: string };
					const res = made.signed
						? await send(HOOK_ID.notion, 'POST', {
								body: made.body,
								headers: { 'x-notion-signature': hubSignature(made.token!, made.signed) },
							})
						: await notionDeliver(HOOK_ID.notion, made.body, made.token);
					assert.equal(res.status, 401, res.text);
					await assertExecutions(SERVICE_WF.notionTrigger, accepted);
				});
			}

			it('deactivation calls nothing at Notion', async () => {
				const from = since(notion);
				await deactivate(SERVICE_WF.notionTrigger);
				await unregistered(HOOK_ID.notion);
				assert.equal(notion.requests.length, from);
			});
		});
	});

	describe('SendGrid against a loopback fake', () => {
		it('sends a templated message with a binary attachment (202, X-Message-Id) and upserts a contact, waiting for its import job', async () => {
			const from = since(sendGrid);
			const run = await ctx.execute(SERVICE_WF.sendGrid, 'sendGrid');
			assert.deepEqual(nodeItems(run, 'Send'), [
				{ accepted: true, status: 202, messageId: SENDGRID_MESSAGE_ID },
			]);
			const [contact] = nodeItems(run, 'Contact');
			assert.equal(contact.job_id, SENDGRID_JOB);
			assert.equal(contact.status, 'completed');
			assert.deepEqual(
				sendGrid.lines(from).filter((l) => !l.startsWith('GET /v3/user/email')),
				[
					'POST /v3/mail/send',
					'PUT /v3/marketing/contacts',
					`GET /v3/marketing/contacts/imports/${SENDGRID_JOB}`,
					`GET /v3/marketing/contacts/imports/${SENDGRID_JOB}`,
				],
			);
			assert.ok(auth(sendGrid.requests.slice(from)).every((a) => a === `Bearer ${SENDGRID_KEY}`));
			const mail = sendGrid.sent.at(-1) as {
				personalizations: unknown;
				template_id: string;
				categories: string[];
				attachments: Array<{ filename: string; content: string; disposition: string }>;
			};
			assert.deepEqual(mail.personalizations, [
				{
					to: [{ email: 'ada@example.com', name: 'Ada Lovelace' }],
					dynamic_template_data: { order_id: '1234' },
				},
			]);
			assert.equal(mail.template_id, 'd-13b8f94fbcae4ec6b75270d6cb59f932');
			assert.deepEqual(mail.categories, ['orders']);
			assert.equal(mail.attachments.length, 1);
			assert.equal(mail.attachments[0].filename, 'order-1234.json');
			assert.equal(mail.attachments[0].disposition, 'attachment');
			assert.ok(Buffer.from(mail.attachments[0].content, 'base64').length > 0);
			const put = sendGrid.requests.slice(from).find((r) => r.method === 'PUT')!;
			assert.deepEqual(JSON.parse(put.body), {
				contacts: [{ email: 'ada@example.com', first_name: 'Ada' }],
			});
		});

		describe('SendGrid Trigger (Event Webhook created and signed through the API) in an active workflow', () => {
			const hookId = () => [...sendGrid.webhooks.keys()][0];
			const event = (id: string, type: string) => ({
				email: 'ada@example.com',
				event: type,
				sg_event_id: id,
				sg_message_id: `${SENDGRID_MESSAGE_ID}.filterdrecv-0`,
				timestamp: now(),
			});
			/** SendGrid's body: a JSON array, events separated by `,\r\n`, ending in `\r\n`. */
			const batch = (...events: Array<Record<string, unknown>>) =>
				`[${events.map((e) => JSON.stringify(e)).join(',\r\n')}]\r\n`;
			const deliver = (body: string, headers: Record<string, string>) =>
				send(HOOK_ID.sendGrid, 'POST', { body, headers });
			const signed = (body: string, t = String(now())) => ({
				'x-twilio-email-event-webhook-signature': sendGrid.signFor(hookId(), body, t),
				'x-twilio-email-event-webhook-timestamp': t,
			});
			const delivered = event('ZTJlLWRlbGl2ZXJlZC0x', 'delivered');
			const opened = event('ZTJlLW9wZW4tMQ', 'open');
			const bounced = event('ZTJlLWJvdW5jZS0x', 'bounce');
			let accepted = 0;
			let acceptedDelivery: [string, Record<string, string>] = ['', {}];

			it('activation creates the Event Webhook (URL, picked events) and turns signing on; the key is kept sealed', async () => {
				const from = since(sendGrid);
				await activate(SERVICE_WF.sendGridTrigger);
				await requestsAt(sendGrid, from, 2);
				await waitRegistered(HOOK_ID.sendGrid, batch(delivered));
				const [post, patch] = sendGrid.requests.slice(from);
				assert.equal(`${post.method} ${post.path}`, 'POST /v3/user/webhooks/event/settings');
				assert.equal(post.headers.authorization, `Bearer ${SENDGRID_KEY}`);
				const body = JSON.parse(post.body) as Record<string, unknown>;
				assert.equal(body.url, registeredUrl(HOOK_ID.sendGrid));
				assert.equal(body.enabled, true);
				assert.equal(body.delivered, true);
				assert.equal(body.bounce, true);
				assert.equal(body.open, undefined);
				assert.equal(
					`${patch.method} ${patch.path}`,
					`PATCH /v3/user/webhooks/event/settings/signed/${hookId()}`,
				);
				assert.deepEqual(JSON.parse(patch.body), { enabled: true });
				await assertSealed(SERVICE_WF.sendGridTrigger, sendGrid.webhooks.get(hookId())!.publicKey!);
				await assertExecutions(SERVICE_WF.sendGridTrigger, 0);
			});

			it('a signed batch starts one execution with one item per picked event; the unpicked one is dropped', async () => {
				const body = batch(delivered, opened, bounced);
				acceptedDelivery = [body, signed(body)];
				const res = await deliver(...acceptedDelivery);
				assert.equal(res.status, 200, res.text);
				accepted = 1;
				const items = await finishedExecution(
					SERVICE_WF.sendGridTrigger,
					accepted,
					'SendGrid Trigger',
				);
				assert.deepEqual(items, [delivered, bounced]);
			});

			it('tampered, unsigned, stale and replayed deliveries get 401; a re-signed retry of known events starts nothing', async () => {
				const body = batch(event('ZTJlLWRlbGl2ZXJlZC0y', 'delivered'));
				const good = signed(body);
				const stale = signed(body, String(now() - 3600));
				for (const [b, h] of [
					[body.replace('ada@', 'eve@'), good],
					[
						body,
						{
							'x-twilio-email-event-webhook-timestamp':
								good['x-twilio-email-event-webhook-timestamp'],
						},
					],
					[body, stale],
					acceptedDelivery,
				] as const) {
					const res = await deliver(b, h);
					assert.equal(res.status, 401, res.text);
				}
				const first = batch(delivered, bounced);
				const retry = await deliver(first, signed(first, String(now() + 1)));
				assert.equal(retry.status, 200, retry.text);
				await assertExecutions(SERVICE_WF.sendGridTrigger, accepted);
			});

			it('deactivation deletes the Event Webhook at SendGrid', async () => {
				const id = hookId();
				const from = since(sendGrid);
				await deactivate(SERVICE_WF.sendGridTrigger);
				await requestsAt(sendGrid, from, 1);
				await unregistered(HOOK_ID.sendGrid);
				assert.deepEqual(
					sendGrid.lines(from).filter((l) => l.startsWith('DELETE')),
					[`DELETE /v3/user/webhooks/event/settings/${id}`],
				);
				assert.equal(sendGrid.webhooks.size, 0);
			});
		});
	});

	describe('HubSpot against loopback fakes', () => {
		it('searches leads, updates them in one batch/update, submits a form per contact without the token, reads the account', async () => {
			const from = since(hubspot);
			const formsFrom = since(hsforms);
			const run = await ctx.execute(SERVICE_WF.hubspot, 'hubspot');
			assert.deepEqual(
				nodeItems(run, 'Make customers').map((c) => [
					c.id,
					(c.properties as Record<string, unknown>).lifecyclestage,
				]),
				[
					['512', 'customer'],
					['513', 'customer'],
				],
			);
			assert.deepEqual(nodeItems(run, 'Submit form'), [
				{ inlineMessage: 'Thanks for submitting the form.' },
				{ inlineMessage: 'Thanks for submitting the form.' },
			]);
			assert.equal(nodeItems(run, 'Account')[0].portalId, HUBSPOT_PORTAL);
			// Besides the operations, the connections engine asks "who am I" (the account label) on its own.
			assert.deepEqual(
				hubspot.lines(from).filter((l) => l !== 'GET /account-info/v3/details'),
				['POST /crm/v3/objects/contacts/search', 'POST /crm/v3/objects/contacts/batch/update'],
			);
			assert.ok(hubspot.lines(from).includes('GET /account-info/v3/details'));
			const sent = hubspot.requests.slice(from);
			const update = sent.find((r) => r.path === '/crm/v3/objects/contacts/batch/update')!;
			assert.deepEqual(JSON.parse(update.body), {
				inputs: [
					{ properties: { lifecyclestage: 'customer' }, id: '512' },
					{ properties: { lifecyclestage: 'customer' }, id: '513' },
				],
			});
			assert.ok(auth(sent).every((a) => a === `Bearer ${HUBSPOT_TOKEN}`));
			const forms = hsforms.requests.slice(formsFrom);
			assert.equal(forms.length, 2);
			assert.ok(forms.every((r) => r.headers.authorization === undefined && r.status === 200));
			assert.deepEqual(JSON.parse(forms[0].body), {
				fields: [{ name: 'email', value: 'ada@biglytics.net' }],
			});
		});

		describe('HubSpot Trigger (Target URL set in the app, client secret pasted) in an active workflow', () => {
			/** v3: base64 HMAC-SHA256 of method + URL + body + timestamp (ms), keyed with the client secret. */
			const v3 = (body: string, at = Date.now(), secret = HUBSPOT_CLIENT_SECRET) =>
				createHmac('sha256', secret)
					.update(`POST${registeredUrl(HOOK_ID.hubspot)}${body}${at}`)
					.digest('base64');
			const batch = (ids: number[], type = 'contact.creation') =>
				JSON.stringify(
					ids.map((eventId) => ({
						eventId,
						subscriptionId: 2400710,
						portalId: HUBSPOT_PORTAL,
						appId: 1160452,
						occurredAt: Date.now(),
						subscriptionType: type,
						attemptNumber: 0,
						objectId: 512,
						changeFlag: 'CREATED',
						changeSource: 'CRM_UI',
					})),
				);
			const deliver = (body: string, signature?: string, at = Date.now()) =>
				send(HOOK_ID.hubspot, 'POST', {
					body,
					headers: signature
						? { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': String(at) }
						: {},
				});
			const events = [
				...JSON.parse(batch([4101, 4102])),
				...JSON.parse(batch([4103], 'deal.creation')),
			];
			const body = JSON.stringify(events);
			let accepted = 0;

			it('activation registers nothing at HubSpot; an unsigned delivery gets 401', async () => {
				await activate(SERVICE_WF.hubspotTrigger);
				await waitRegistered(HOOK_ID.hubspot, body);
				await assertExecutions(SERVICE_WF.hubspotTrigger, 0);
			});

			it('a signed batch starts one execution with one item per selected event', async () => {
				const at = Date.now();
				const res = await deliver(body, v3(body, at), at);
				assert.equal(res.status, 200, res.text);
				accepted = 1;
				const items = await finishedExecution(
					SERVICE_WF.hubspotTrigger,
					accepted,
					'HubSpot Trigger',
				);
				assert.deepEqual(
					items.map((i) => [i.event, i.deliveryId]),
					[
						['contact.creation', '4101'],
						['contact.creation', '4102'],
					],
				);
				assert.deepEqual(items[0].body, events[0]);
			});

			for (const [name, make] of [
				[
					'a tampered body',
					() => ({ b: body.replace('4101', '4199'), sig: v3(body), at: Date.now() }),
				],
				[
					'another secret',
					() => ({ b: body, sig: v3(body, Date.now(), 'not-the-secret'), at: Date.now() }),
				],
				[
					'a timestamp older than 5 minutes',
					() => {
						const at = Date.now() - 301_000;
						return { b: body, sig: v3(body, at), at };
					},
				],
			] as const) {
				it(`${name} gets 401 and starts nothing`, async () => {
					const { b, sig, at } = make();
					const res = await deliver(b, sig, at);
					assert.equal(res.status, 401, res.text);
					await assertExecutions(SERVICE_WF.hubspotTrigger, accepted);
				});
			}

			it('the batch re-sent by HubSpot (new timestamp) starts nothing: every eventId was emitted', async () => {
				const at = Date.now() + 5;
				const res = await deliver(body, v3(body, at), at);
				assert.equal(res.status, 200, res.text);
				await assertExecutions(SERVICE_WF.hubspotTrigger, accepted);
			});

			it('deactivation touches nothing at HubSpot', async () => {
				const from = since(hubspot);
				await deactivate(SERVICE_WF.hubspotTrigger);
				assert.deepEqual(hubspot.lines(from), []);
			});
		});
	});

	describe('Mailchimp against a loopback fake', () => {
		const mailchimpAuth = `Basic ${Buffer.from(`apikey:${MAILCHIMP_KEY}`).toString('base64')}`;

		it("the seed's guide: a member added by the MD5 of the lower-cased e-mail, a campaign created and sent; the key as HTTP Basic on its data center", async () => {
			const from = since(mailchimp);
			const run = await ctx.execute(SERVICE_WF.mailchimp, 'mailchimp');
			const hash = createHash('md5').update('e2e.reader@example.com').digest('hex');
			assert.deepEqual(nodeItems(run, 'Add member'), [
				{
					id: hash,
					email_address: 'e2e.reader@example.com',
					status: 'subscribed',
					merge_fields: { FNAME: 'E2E' },
					list_id: MAILCHIMP_LIST,
				},
			]);
			assert.equal(nodeItems(run, 'Create campaign')[0].id, MAILCHIMP_CAMPAIGN);
			assert.deepEqual(nodeItems(run, 'Send campaign'), [{ sent: true }]);
			assert.deepEqual(
				mailchimp.lines(from).filter((l) => l !== 'GET /3.0/'),
				[
					`PUT /3.0/lists/${MAILCHIMP_LIST}/members/${hash}`,
					'POST /3.0/campaigns',
					`POST /3.0/campaigns/${MAILCHIMP_CAMPAIGN}/actions/send`,
				],
			);
			const put = mailchimp.requests.slice(from).find((r) => r.method === 'PUT')!;
			assert.deepEqual(JSON.parse(put.body), {
				email_address: 'E2E.Reader@Example.com',
				status_if_new: 'subscribed',
				merge_fields: { FNAME: 'E2E' },
			});
			assert.ok(auth(mailchimp.requests.slice(from)).every((a) => a === mailchimpAuth));
		});

		describe('Mailchimp Trigger (list webhook created through the API) in an active workflow', () => {
			const form =
				'type=subscribe&fired_at=2026-12-03+12%3A34%3A56&data%5Bid%5D=8a25ff1d98&data%5Blist_id%5D=' +
				MAILCHIMP_LIST +
				'&data%5Bemail%5D=e2e.reader%40example.com&data%5Bmerges%5D%5BFNAME%5D=E2E';
			const deliver = (body: string, secret: string | undefined) =>
				send(HOOK_ID.mailchimp, 'POST', {
					body,
					headers: {
						'content-type': 'application/x-www-form-urlencoded',
						'user-agent': 'MailChimp.com WebHook Validator',
					},
					query: secret === undefined ? '' : `?secret=${encodeURIComponent(secret)}`,
				});
			const registered = () => [...mailchimp.webhooks.values()][0];
			const secret = () => new URL(registered().url).searchParams.get('secret') ?? '';
			let accepted = 0;

			it("activation creates the list webhook (n8n's URL with a random secret, the events and sources picked); Mailchimp's validation GET gets 200 and starts nothing", async () => {
				const from = since(mailchimp);
				await activate(SERVICE_WF.mailchimpTrigger);
				await requestsAt(mailchimp, from, 1);
				const post = mailchimp.requests.slice(from).find((r) => r.method === 'POST')!;
				assert.equal(post.path, `/3.0/lists/${MAILCHIMP_LIST}/webhooks`);
				assert.equal(post.headers.authorization, mailchimpAuth);
				const body = JSON.parse(post.body) as {
					url: string;
					events: Record<string, boolean>;
					sources: Record<string, boolean>;
				};
				assert.match(secret(), /^[A-Za-z0-9_-]{32,}$/);
				assert.equal(body.url, `${registeredUrl(HOOK_ID.mailchimp)}?secret=${secret()}`);
				assert.deepEqual(body.events, {
					subscribe: true,
					unsubscribe: false,
					profile: false,
					cleaned: false,
					upemail: false,
					campaign: false,
				});
				assert.deepEqual(body.sources, { user: true, admin: true, api: false });
				await until('the validation GET to be answered', async () =>
					mailchimp.validations.length ? true : undefined,
				);
				assert.deepEqual(mailchimp.validations, [200]);
				// The secret is stored once n8n saved the static data: until then a delivery is refused for want of it.
				await until('the secret to be stored', async () => {
					const res = await deliver(form, 'not-the-secret');
					return /does not carry this webhook's secret/.test(res.text) ? true : undefined;
				});
				await assertExecutions(SERVICE_WF.mailchimpTrigger, 0);
			});

			it('a delivery with the secret starts one execution: the form nested (data.merges.FNAME), the secret not passed on', async () => {
				const res = await deliver(form, secret());
				assert.equal(res.status, 200, res.text);
				accepted = 1;
				const [item] = await finishedExecution(
					SERVICE_WF.mailchimpTrigger,
					accepted,
					'Mailchimp Trigger',
				);
				assert.equal(item.event, 'subscribe');
				assert.deepEqual(item.body, {
					type: 'subscribe',
					fired_at: '2026-12-03 12:34:56',
					data: {
						id: '8a25ff1d98',
						list_id: MAILCHIMP_LIST,
						email: 'e2e.reader@example.com',
						merges: { FNAME: 'E2E' },
					},
				});
				assert.ok(!JSON.stringify(item).includes(secret()));
			});

			it('a wrong or missing secret gets 401 and starts nothing', async () => {
				for (const given of ['x'.repeat(43), undefined]) {
					const res = await deliver(form, given);
					assert.equal(res.status, 401, res.text);
				}
				await assertExecutions(SERVICE_WF.mailchimpTrigger, accepted);
			});

			it('deactivation deletes the list webhook at Mailchimp', async () => {
				const from = since(mailchimp);
				const id = [...mailchimp.webhooks.keys()][0];
				await deactivate(SERVICE_WF.mailchimpTrigger);
				await requestsAt(mailchimp, from, 1);
				await unregistered(HOOK_ID.mailchimp);
				assert.deepEqual(
					mailchimp.lines(from).filter((l) => l.startsWith('DELETE')),
					[`DELETE /3.0/lists/${MAILCHIMP_LIST}/webhooks/${id}`],
				);
				assert.equal(mailchimp.webhooks.size, 0);
			});
		});
	});

	describe('ActiveCampaign against a loopback fake', () => {
		it('syncs a contact by e-mail, tags it with the ID the sync answered, lists every contact; the key only in Api-Token', async () => {
			const from = since(activeCampaign);
			const run = await ctx.execute(SERVICE_WF.activeCampaign, 'activeCampaign');
			assert.equal(nodeItems(run, 'Sync contact')[0].id, '113');
			assert.deepEqual(nodeItems(run, 'Tag contact')[0], {
				contact: '113',
				tag: '20',
				cdate: '2026-12-03T10:00:00-06:00',
				id: '17',
			});
			assert.deepEqual(
				nodeItems(run, 'Contacts').map((c) => c.email),
				AC_CONTACTS.map((c) => c.email),
			);
			const sent = activeCampaign.requests.slice(from).filter((r) => r.path !== '/api/3/users/me');
			assert.deepEqual(
				sent.map((r) => `${r.method} ${r.path}`),
				['POST /api/3/contact/sync', 'POST /api/3/contactTags', 'GET /api/3/contacts'],
			);
			assert.deepEqual(JSON.parse(sent[0].body), {
				contact: { email: 'johndoe@example.com', firstName: 'John' },
			});
			assert.deepEqual(JSON.parse(sent[1].body), { contactTag: { contact: 113, tag: 20 } });
			assert.deepEqual(sent[2].query, { offset: '0', limit: '100' });
			assert.ok(
				sent.every((r) => r.headers['api-token'] === AC_KEY && !r.rawUrl?.includes(AC_KEY)),
			);
		});

		describe('ActiveCampaign Trigger (webhook created through the API, a secret in its URL) in an active workflow', () => {
			const form =
				'type=subscribe&date_time=2026-12-03T10%3A05%3A00-06%3A00&initiated_by=admin&list=2' +
				'&contact%5Bid%5D=113&contact%5Bemail%5D=johndoe%40example.com&contact%5Bfields%5D%5B1%5D=Blue';
			const deliver = (query: string) =>
				send(HOOK_ID.activeCampaign, 'POST', {
					body: form,
					query,
					headers: { 'content-type': 'application/x-www-form-urlencoded' },
				});
			const registered = () => [...activeCampaign.webhooks.values()][0];
			let accepted = 0;

			it("activation creates the webhook (events, sources, n8n's URL with a fresh secret) with the Api-Token key", async () => {
				const from = since(activeCampaign);
				await activate(SERVICE_WF.activeCampaignTrigger);
				await requestsAt(activeCampaign, from, 1);
				await waitRegistered(HOOK_ID.activeCampaign, '{"type":"subscribe"}');
				const post = activeCampaign.requests.slice(from).find((r) => r.method === 'POST')!;
				assert.equal(post.path, '/api/3/webhooks');
				assert.equal(post.headers['api-token'], AC_KEY);
				const { url, events, sources } = registered();
				assert.deepEqual({ events, sources }, { events: ['subscribe'], sources: ['admin', 'api'] });
				assert.ok(url.startsWith(`${registeredUrl(HOOK_ID.activeCampaign)}?secret=`), url);
				assert.match(new URL(url).searchParams.get('secret')!, /^[A-Za-z0-9_-]{32,}$/);
				await assertExecutions(SERVICE_WF.activeCampaignTrigger, 0);
			});

			it('a form delivery to the registered URL starts one execution with the bracketed keys nested', async () => {
				const res = await deliver(new URL(registered().url).search);
				assert.equal(res.status, 200, res.text);
				accepted = 1;
				const [item] = await finishedExecution(
					SERVICE_WF.activeCampaignTrigger,
					accepted,
					'ActiveCampaign Trigger',
				);
				assert.equal(item.event, 'subscribe');
				assert.deepEqual((item.body as { contact: unknown }).contact, {
					id: '113',
					email: 'johndoe@example.com',
					fields: { '1': 'Blue' },
				});
				assert.ok(
					!JSON.stringify(item).includes(new URL(registered().url).searchParams.get('secret')!),
				);
			});

			it('without the secret or with another one: 401, nothing starts', async () => {
				for (const query of ['', '?secret=not-the-secret-0000000000000000000000']) {
					const res = await deliver(query);
					assert.equal(res.status, 401, res.text);
				}
				await assertExecutions(SERVICE_WF.activeCampaignTrigger, accepted);
			});

			it('deactivation deletes the webhook at ActiveCampaign', async () => {
				const from = since(activeCampaign);
				await deactivate(SERVICE_WF.activeCampaignTrigger);
				await requestsAt(activeCampaign, from, 1);
				await unregistered(HOOK_ID.activeCampaign);
				assert.deepEqual(
					activeCampaign.lines(from).filter((l) => l.startsWith('DELETE')),
					['DELETE /api/3/webhooks/40'],
				);
				assert.equal(activeCampaign.webhooks.size, 0);
			});
		});
	});

	describe('service connections', () => {
		it('every request of the service nodes went to the fakes, none answered 401 or 5xx', () => {
			for (const fake of fakes) {
				assert.ok(fake.requests.length > 0, `${fake.origin}: no request reached its fake`);
				const bad = fake.requests.filter((r) => r.status === 401 || r.status >= 500);
				assert.deepEqual(
					bad.map((r) => `${r.method} ${r.path} ${r.status}`),
					[],
					fake.origin,
				);
			}
		});

		it(
			'the Connections node lists one connection per service, with the account each credential belongs to',
			{ skip: !ctx.connectionsWorkflowId && 'no Connections node in package.json' },
			async () => {
				const run = await ctx.execute(ctx.connectionsWorkflowId!, 'connections services');
				const services = ['Facebook Pages', 'GitHub', 'Instagram', 'Stripe', 'TikTok'];
				const rows = nodeItems(run, 'Status').filter((s) => services.includes(String(s.service)));
				// Calls counted in one store across the CLI runs and the server (trigger registration and removal):
				// Stripe 4 in its run (the binding's account lookup included) + 7 in the objects run + create + delete;
				// GitHub 3 + 11 in the issue-15 resources run + create + delete;
				// Instagram 5 in its run + 17 in the operations run (the rupload.facebook.com upload included) + (app
				// subscription + account subscription) + (read + delete the app subscription); Facebook Pages 6 in its run + 4 in the conversations run + (Page token + subscribe) + (Page token + unsubscribe).
				// TikTok 6 in its run (account lookup, user info, creator info, init, two status checks); its trigger calls nothing.
				assert.deepEqual(
					rows
						.map((r) => [
							r.service,
							r.account,
							r.credential,
							r.authentication,
							r.status,
							r.calls24h,
							r.successRate,
						])
						.sort(),
					[
						[
							'Facebook Pages',
							'E2E Manager',
							'E2E Facebook Pages',
							'Facebook Pages OAuth2',
							'connected',
							14,
							100,
						],
						['GitHub', 'e2e-bot', 'E2E GitHub', 'Access Token', 'connected', 16, 100],
						['Instagram', 'e2e.shop', 'E2E Instagram', 'Instagram OAuth2', 'connected', 26, 100],
						['Stripe', 'E2E Shop', 'E2E Stripe', 'Secret or Restricted Key', 'connected', 13, 100],
						['TikTok', 'E2E Latte Lab', 'E2E TikTok', 'TikTok OAuth2', 'connected', 6, 100],
					],
				);
			},
		);
	});
}
