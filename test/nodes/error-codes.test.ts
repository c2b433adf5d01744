/**
 * Issue 13 point 6 inside real workflows on virtual time: each vendor's error codes (the tables in the service
 * specs) read as the seed's error table says — expired token → reconnect, missing permission → the scope the
 * operation needs that the token lacks, invalid field → the field, rate limit → wait and resume, temporary →
 * retried — with the exact message and description, and no secret in any of it.
 */
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { ApiConnFacebookPagesOAuth2Api } from '../../credentials/ApiConnFacebookPagesOAuth2Api.credentials';
import { ApiConnGithubApi } from '../../credentials/ApiConnGithubApi.credentials';
import { ApiConnGithubOAuth2Api } from '../../credentials/ApiConnGithubOAuth2Api.credentials';
import { ApiConnInstagramOAuth2Api } from '../../credentials/ApiConnInstagramOAuth2Api.credentials';
import { ApiConnStripeApi } from '../../credentials/ApiConnStripeApi.credentials';
import { useRuntime } from '../../lib/runtime';
import { FacebookPages } from '../../nodes/FacebookPages/FacebookPages.node';
import { FACEBOOK_PAGES_SCOPES } from '../../nodes/FacebookPages/FacebookPages.oauth';
import { Github } from '../../nodes/Github/Github.node';
import { Instagram } from '../../nodes/Instagram/Instagram.node';
import { Stripe } from '../../nodes/Stripe/Stripe.node';
import { driveClock, FakeClock } from '../helpers/fake-clock';
import { expectNoSecrets } from '../helpers/secrets';
import { runNode, type RunNodeOptions, type RunNodeResult } from '../harness';

const GRAPH = 'https://graph.facebook.com';
const IG = 'https://graph.instagram.com';
const GITHUB = 'https://api.github.com';
const STRIPE = 'https://api.stripe.com';
const USER_TOKEN = 'EAAGm0PX4ZCpsBAUserToken1234567890';
const PAGE_TOKEN = 'EAAGm0PX4ZCpsBAPageToken0987654321';
const IG_TOKEN = 'IGQWRPcm9kVG9rZW4xMjM0NTY3ODkw';
const GH_TOKEN = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const KEY = 'sk_test_51AbCdEfGhIjKlMnOpQrStUv';
const SECRETS = [USER_TOKEN, PAGE_TOKEN, IG_TOKEN, GH_TOKEN, KEY];
const PAGE = '104589323456789';
const ACCOUNT = '17841400000000001';
const T0 = Date.parse('2026-12-02T09:00:00Z');
/** The Facebook Pages credential's default scopes (its Scope field); a test takes one away. */
const FB_SCOPES = FACEBOOK_PAGES_SCOPES;
let clock: FakeClock;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	clock = new FakeClock(T0);
	useRuntime({ clock, random: () => 0.5, observers: [] });
});
afterEach(() => nock.cleanAll());
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

interface Seen {
	method: string;
	path: string;
	at: number;
}

/** Answers in order from one host, whatever the method, recording what arrived and when. */
function fake(host: string, ...replies: Array<[number, unknown, Record<string, string>?]>): Seen[] {
	nock.cleanAll();
	const seen: Seen[] = [];
	const queue = [...replies];
	const scope = nock(host).persist();
	for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
		scope
			.intercept(() => true, method)
			.reply(function () {
				seen.push({ method: this.req.method, path: this.req.path, at: clock.now() });
				const next = queue.shift();
				if (!next) return [599, { message: 'no more answers in the fake' }];
				const [status, body, headers] = next;
				return [
					status,
					body as nock.Body,
					{ 'content-type': 'application/json', ...(headers ?? {}) },
				];
			});
	return seen;
}

function run(options: RunNodeOptions): Promise<RunNodeResult> {
	return driveClock(clock, runNode(options));
}

/** No token or key (in any wire form) anywhere in the error, the run data or the outputs. */
const noSecrets = (res: RunNodeResult) =>
	expectNoSecrets([res.error, res.run, res.outputs], SECRETS);

/** Waits of up to an hour allowed (Meta's window), so a rate-limited item waits instead of failing. */
const HOUR_OF_WAITING = { options: { maxQueueWaitSeconds: 3600, maxTotalWaitSeconds: 3600 } };

function facebook(parameters: INodeParameters, scope = FB_SCOPES.join(',')) {
	return run({
		nodeTypes: [new FacebookPages()],
		credentialTypes: [new ApiConnFacebookPagesOAuth2Api()],
		credentials: {
			apiConnFacebookPagesOAuth2Api: {
				clientId: '990011223344556',
				clientSecret: 'fb_app_secret_9d8c7b',
				scope,
				oauthTokenData: { access_token: USER_TOKEN, token_type: 'bearer' },
			},
		},
		node: { type: 'facebookPages', parameters },
	});
}

const listPages: INodeParameters = {
	resource: 'page',
	operation: 'getMany',
	returnAll: false,
	limit: 10,
};
const createPost: INodeParameters = {
	resource: 'post',
	operation: 'create',
	pageId: PAGE,
	message: 'Launch day',
};
const tokenLookup: [number, unknown] = [200, { access_token: PAGE_TOKEN, id: PAGE }];
const CRED = "the credential 'apiConnFacebookPagesOAuth2Api account'";

/** Meta's error body. */
const meta = (code: number, message: string, extra: Record<string, unknown> = {}) => ({
	error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEf123', ...extra },
});

describe('Meta: code 190 and 102 say "reconnect", with the reason the subcode gives', () => {
	it.each([
		[
			463,
			'Error validating access token: Session has expired on Tuesday, 01-Dec-26 09:00:00 PST.',
			'the access token has expired',
		],
		[
			460,
			'Error validating access token: The session has been invalidated because the user changed their password.',
			'the password of the account changed, which ends its tokens',
		],
		[
			458,
			'Error validating access token: The user has not authorized application 990011223344556.',
			'the user removed the app',
		],
		[
			467,
			'Error validating access token: The user is enrolled in a blocking, logged-in checkpoint.',
			'the access token was invalidated (the user logged out or revoked it)',
		],
	])('190 / subcode %s', async (subcode, message, reason) => {
		const seen = fake(GRAPH, [400, meta(190, message, { error_subcode: subcode })]);
		const res = await facebook(listPages);
		expect(seen).toHaveLength(1);
		expect(res.error?.message).toBe(`Facebook Pages: 400 Bad Request – ${message}`);
		expect(res.error?.description).toBe(
			`Facebook Pages rejected the credentials (code 190, subcode ${subcode}): ${reason}. Reconnect ${CRED} (open it in n8n and sign in again, or paste a new key), then run the workflow again.`,
		);
		noSecrets(res);
	});

	it('190 / 459 (checkpoint) gives its own fix', async () => {
		fake(GRAPH, [
			400,
			meta(190, 'Error validating access token: checkpoint', { error_subcode: 459 }),
		]);
		const res = await facebook(listPages);
		expect(res.error?.description).toBe(
			`Facebook Pages rejected the credentials (code 190, subcode 459): the user must log in at facebook.com to clear a security checkpoint. Ask the account owner to log in at facebook.com, then reconnect ${CRED} and run the workflow again.`,
		);
	});

	it('190 without a subcode, and 102 (session)', async () => {
		fake(GRAPH, [400, meta(190, 'Invalid OAuth access token - Cannot parse access token')]);
		const first = await facebook(listPages);
		expect(first.error?.description).toBe(
			`Facebook Pages rejected the credentials (code 190): the access token is invalid or expired. Reconnect ${CRED} (open it in n8n and sign in again, or paste a new key), then run the workflow again.`,
		);
		fake(GRAPH, [400, meta(102, 'Session key invalid or no longer valid')]);
		const second = await facebook(listPages);
		expect(second.error?.description).toBe(
			`Facebook Pages rejected the credentials (code 102): the login session is no longer valid. Reconnect ${CRED} (open it in n8n and sign in again, or paste a new key), then run the workflow again.`,
		);
	});

	it('the token echoed in a 190 message is redacted', async () => {
		fake(GRAPH, [400, meta(190, `Malformed access token ${USER_TOKEN}`)]);
		const res = await facebook(listPages);
		expect(res.error?.message).toBe(
			'Facebook Pages: 400 Bad Request – Malformed access token [redacted]',
		);
		noSecrets(res);
	});
});

describe('Meta: 10 and 200–299 name the scope the operation needs that the token lacks', () => {
	it('post.create without pages_manage_posts: names it, and only it', async () => {
		const granted = FB_SCOPES.filter((s) => s !== 'pages_manage_posts');
		const seen = fake(GRAPH, tokenLookup, [
			403,
			meta(200, "(#200) The user hasn't authorized the application to perform this action", {
				type: 'OAuthException',
			}),
		]);
		const res = await facebook(createPost, granted.join(','));
		expect(seen.map((s) => [s.method, s.path])).toEqual([
			['GET', `/v21.0/${PAGE}?fields=access_token`],
			['POST', `/v21.0/${PAGE}/feed`],
		]);
		expect(res.error?.description).toBe(
			`Facebook Pages refused the permission (code 200): this operation needs the permission pages_manage_posts, which the connection was not granted (it has ${granted.join(', ')}). Reconnect ${CRED} with pages_manage_posts added to its scopes and accept it on the consent screen, then run the workflow again.`,
		);
		noSecrets(res);
	});

	it('code 10 when every scope was asked: declined on the consent screen, or no access to the Page', async () => {
		fake(GRAPH, [400, meta(10, '(#10) Requires pages_show_list permission')]);
		const res = await facebook(listPages);
		expect(res.error?.description).toBe(
			`Facebook Pages refused the permission (code 10): this operation needs the permission pages_show_list, which ${CRED} asks for, so it was declined on the consent screen or the account has no access to this resource. Reconnect ${CRED} and accept pages_show_list, and check that the account can access this resource.`,
		);
	});

	it('a range member (code 230) is a permission too; the Custom Request keeps the generic message', async () => {
		fake(GRAPH, [403, meta(230, '(#230) Requires pages_messaging permission')]);
		const res = await facebook({
			resource: 'customRequest',
			operation: 'send',
			requestMethod: 'GET',
			requestPath: '/me/conversations',
		});
		expect(res.error?.description).toBe(
			`Facebook Pages refused the permission (code 230): a permission (scope) is missing, or the account has no access to this resource. Grant the missing permission to the account or app behind ${CRED}, then reconnect it.`,
		);
	});
});

describe('Meta: rate-limit codes wait and resume; temporary codes are retried', () => {
	it.each([4, 17, 32, 613, 80001, 80014])(
		'code %s in a 400 pauses the connection for its window and the item succeeds on the next attempt',
		async (code) => {
			const seen = fake(
				GRAPH,
				[400, meta(code, `(#${code}) Application request limit reached`)],
				[200, { data: [{ id: PAGE, name: 'Acme' }] }],
			);
			const res = await facebook({ ...listPages, ...HOUR_OF_WAITING });
			expect(res.error).toBeUndefined();
			expect(res.outputs[0].map((i) => i.json)).toEqual([{ id: PAGE, name: 'Acme' }]);
			// No reset time in the answer: the budget counts as spent until its one-hour window is over.
			expect(seen.map((s) => s.at - T0)).toEqual([0, 3_600_000]);
		},
	);

	it("with the default waits (no option set), it waits out Facebook's one-hour window and succeeds", async () => {
		const seen = fake(
			GRAPH,
			[400, meta(4, '(#4) Application request limit reached')],
			[200, { data: [{ id: PAGE, name: 'Acme' }] }],
		);
		const res = await facebook(listPages);
		expect(res.error).toBeUndefined();
		expect(res.outputs[0].map((i) => i.json)).toEqual([{ id: PAGE, name: 'Acme' }]);
		expect(seen.map((s) => s.at - T0)).toEqual([0, 3_600_000]);
	});

	it.each([1, 2])('code %s (temporary) is retried, and succeeds', async (code) => {
		const seen = fake(
			GRAPH,
			[
				500,
				meta(code, code === 1 ? 'An unknown error occurred' : 'Service temporarily unavailable'),
			],
			[200, { data: [] }],
		);
		const res = await facebook(listPages);
		expect(res.error).toBeUndefined();
		expect(seen).toHaveLength(2);
	});

	it('code 2 in a 400 is retried too, and says so when the attempts run out', async () => {
		const seen = fake(
			GRAPH,
			[400, meta(2, 'Service temporarily unavailable')],
			[400, meta(2, 'Service temporarily unavailable')],
			[400, meta(2, 'Service temporarily unavailable')],
		);
		const res = await facebook(listPages);
		expect(seen).toHaveLength(3);
		expect(res.error?.description).toBe(
			"Facebook Pages reported a temporary failure (code 2); the request was tried 3 of 3 times. This is on Facebook Pages's side: run the workflow again later.",
		);
		expect(res.error?.context.request).toMatchObject({
			attempts: [
				'attempt 1 of 3: Service temporarily unavailable (HTTP 400, error 2 (a temporary failure)); retried in 0.5 s',
				'attempt 2 of 3: Service temporarily unavailable (HTTP 400, error 2 (a temporary failure)); retried in 1 s',
				'attempt 3 of 3: Service temporarily unavailable (HTTP 400, error 2 (a temporary failure); gave up after 3 of 3 attempts)',
			],
		});
	});
});

describe('Meta: invalid parameter names the field; blocked, duplicate and missing objects say so', () => {
	it('100 names the field from the message', async () => {
		fake(GRAPH, tokenLookup, [400, meta(100, '(#100) The parameter message is required')]);
		const res = await facebook(createPost);
		expect(res.error?.description).toBe(
			`The request data is invalid: the field 'message' was rejected ((#100) The parameter message is required). Check the value of 'message' (type and format) against the Facebook Pages documentation for POST /{pageId}/feed.`,
		);
	});

	it("100 prefers Meta's message for the user", async () => {
		fake(GRAPH, tokenLookup, [
			400,
			meta(100, 'Invalid parameter', {
				error_subcode: 1366046,
				error_user_msg: 'The link parameter must be a valid URL.',
			}),
		]);
		const res = await facebook(createPost);
		expect(res.error?.description).toBe(
			'The request data is invalid: The link parameter must be a valid URL. Check the required fields and their types for POST /{pageId}/feed.',
		);
	});

	it('100 / subcode 33: the object does not exist or may not be seen', async () => {
		fake(GRAPH, tokenLookup, [
			400,
			meta(100, "Unsupported post request. Object with ID '104589323456789' does not exist", {
				error_subcode: 33,
			}),
		]);
		const res = await facebook(createPost);
		expect(res.error?.description).toBe(
			`Facebook Pages found nothing at POST /{pageId}/feed for pageId '${PAGE}'. Check that pageId '${PAGE}' is right and was not deleted, and that the connection can see it.`,
		);
	});

	it('368 (blocked) and 506 (duplicate) are not retried and give their own fix', async () => {
		const blocked = fake(GRAPH, tokenLookup, [
			400,
			meta(368, 'It looks like you were misusing this feature by going too fast.'),
		]);
		const first = await facebook(createPost);
		expect(blocked).toHaveLength(2);
		expect(first.error?.description).toBe(
			"Facebook Pages refused the request (code 368): the account is temporarily blocked from this action for policy reasons. Wait before posting again and check the content against Meta's Community Standards; sending it again now fails the same way.",
		);
		fake(GRAPH, tokenLookup, [400, meta(506, 'Duplicate status message')]);
		const second = await facebook(createPost);
		expect(second.error?.description).toBe(
			'Facebook Pages refused the request (code 506): the post duplicates one published just before. Change the message (Facebook refuses the same post twice in a row), or skip the item.',
		);
	});
});

describe('Instagram shares the Meta table and names its own scopes', () => {
	it('a permission error on insights names instagram_business_manage_insights', async () => {
		nock(IG)
			.get(`/v21.0/${ACCOUNT}/insights`)
			.query(true)
			.reply(403, meta(10, '(#10) Application does not have permission for this action'));
		const res = await run({
			nodeTypes: [new Instagram()],
			credentialTypes: [new ApiConnInstagramOAuth2Api()],
			credentials: {
				apiConnInstagramOAuth2Api: {
					clientId: '1234567890',
					clientSecret: 'ig_app_secret_1234',
					scope: 'instagram_business_basic,instagram_business_content_publish',
					oauthTokenData: { access_token: IG_TOKEN, token_type: 'bearer' },
				},
			},
			node: {
				type: 'instagram',
				parameters: {
					resource: 'insights',
					operation: 'account',
					accountId: ACCOUNT,
					metric: 'reach',
					period: 'day',
				},
			},
		});
		expect(res.error?.description).toBe(
			"Instagram refused the permission (code 10): this operation needs the permission instagram_business_manage_insights, which the connection was not granted (it has instagram_business_basic, instagram_business_content_publish). Reconnect the credential 'apiConnInstagramOAuth2Api account' with instagram_business_manage_insights added to its scopes and accept it on the consent screen, then run the workflow again.",
		);
		noSecrets(res);
	});
});

describe('GitHub', () => {
	const github = (parameters: INodeParameters) =>
		run({
			nodeTypes: [new Github()],
			credentialTypes: [new ApiConnGithubApi(), new ApiConnGithubOAuth2Api()],
			credentials: { apiConnGithubApi: { server: GITHUB, accessToken: GH_TOKEN } },
			node: { type: 'github', parameters },
		});
	const createIssue: INodeParameters = {
		resource: 'issue',
		operation: 'create',
		owner: 'n8n-io',
		repo: 'n8n',
		title: 'Bug',
	};
	const GH = "the credential 'apiConnGithubApi account'";

	it('403: the scopes the token has (X-OAuth-Scopes) against the one the operation needs', async () => {
		const seen = fake(GITHUB, [
			403,
			{ message: 'Resource not accessible by personal access token' },
			{
				'x-oauth-scopes': 'read:user, gist',
				'x-accepted-oauth-scopes': 'repo',
				'x-ratelimit-remaining': '4990',
			},
		]);
		const res = await github(createIssue);
		expect(seen).toHaveLength(1);
		expect(res.error?.description).toBe(
			`GitHub refused the permission: this operation needs the permission repo, which the connection was not granted (it has read:user, gist). Reconnect ${GH} with repo added to its scopes and accept it on the consent screen, then run the workflow again.`,
		);
	});

	it('404 on a repository: it may be private and hidden from the token, so the scope is named', async () => {
		fake(GITHUB, [404, { message: 'Not Found' }]);
		const res = await github({
			resource: 'repository',
			operation: 'get',
			owner: 'n8n-io',
			repo: 'secret',
		});
		expect(res.error?.description).toBe(
			`GitHub found nothing at GET /repos/{owner}/{repo} for owner 'n8n-io', repo 'secret': it does not exist, or it is private and the connection may not see it (GitHub answers 404 then). Check that owner 'n8n-io', repo 'secret' is right, and that ${GH} has the permission repo and access to it.`,
		);
	});

	it('422 names the field and what GitHub says about it', async () => {
		fake(GITHUB, [
			422,
			{
				message: 'Validation Failed',
				errors: [{ resource: 'Issue', field: 'title', code: 'missing_field' }],
			},
		]);
		const res = await github(createIssue);
		expect(res.error?.description).toBe(
			"The request data is invalid: the field 'title' was rejected (it is required). Check the value of 'title' (type and format) against the GitHub documentation for POST /repos/{owner}/{repo}/issues.",
		);
	});

	it("401 Bad credentials says reconnect, with GitHub's words", async () => {
		// n8n sends a 401 once more itself (to re-authenticate) before the engine sees it.
		fake(GITHUB, [401, { message: 'Bad credentials' }], [401, { message: 'Bad credentials' }]);
		const res = await github(createIssue);
		expect(res.error?.description).toBe(
			`GitHub rejected the credentials: GitHub says "Bad credentials" (the token was revoked, expired or deleted). Reconnect ${GH} (open it in n8n and sign in again, or paste a new key), then run the workflow again.`,
		);
		noSecrets(res);
	});
});

describe('Stripe', () => {
	const stripe = (parameters: INodeParameters) =>
		run({
			nodeTypes: [new Stripe()],
			credentialTypes: [new ApiConnStripeApi()],
			credentials: { apiConnStripeApi: { secretKey: KEY } },
			node: { type: 'stripe', parameters },
		});
	const charge: INodeParameters = {
		resource: 'paymentIntent',
		operation: 'create',
		amount: 2000,
		currency: 'usd',
	};
	const stripeError = (error: Record<string, unknown>) => ({ error });

	it('card_error: declined, not retried, with the reason', async () => {
		const seen = fake(STRIPE, [
			402,
			stripeError({
				type: 'card_error',
				code: 'card_declined',
				decline_code: 'insufficient_funds',
				message: 'Your card has insufficient funds.',
			}),
		]);
		const res = await stripe(charge);
		expect(seen).toHaveLength(1);
		expect(res.error?.description).toBe(
			'Stripe refused the request (code card_error): the card was declined (Your card has insufficient funds.). Ask the customer for another payment method, or for their bank to approve the payment, then try again.',
		);
	});

	it('invalid_request_error with param names the field', async () => {
		fake(STRIPE, [
			400,
			stripeError({
				type: 'invalid_request_error',
				param: 'amount',
				message: 'This value must be greater than or equal to 1.',
			}),
		]);
		const res = await stripe(charge);
		expect(res.error?.description).toBe(
			"The request data is invalid: the field 'amount' was rejected (This value must be greater than or equal to 1). Check the value of 'amount' (type and format) against the Stripe documentation for POST /payment_intents.",
		);
	});

	it('idempotency_error says why a retry with the key fails', async () => {
		fake(STRIPE, [
			400,
			stripeError({
				type: 'idempotency_error',
				message:
					'Keys for idempotent requests can only be used with the same parameters they were first used with.',
			}),
		]);
		const res = await stripe(charge);
		expect(res.error?.description).toBe(
			'Stripe refused the request (code idempotency_error): its idempotency key was already used with other parameters. Run the item as a new request (a new execution gets new keys); a retried request must send the same fields.',
		);
	});

	it('lock_timeout and api_error are retried (the write carries an idempotency key)', async () => {
		const seen = fake(
			STRIPE,
			[
				429,
				stripeError({
					type: 'invalid_request_error',
					code: 'lock_timeout',
					message:
						'This object cannot be accessed right now because another API request or Stripe process is currently accessing it.',
				}),
			],
			[500, stripeError({ type: 'api_error', message: 'An unknown error occurred' })],
			[200, { id: 'pi_1', object: 'payment_intent', amount: 2000 }],
		);
		const res = await stripe(charge);
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => s.path)).toEqual([
			'/v1/payment_intents',
			'/v1/payment_intents',
			'/v1/payment_intents',
		]);
		expect(res.outputs[0][0].json).toEqual({ id: 'pi_1', object: 'payment_intent', amount: 2000 });
	});
});

describe('generic OAuth2: invalid_grant means reconnect, with the reason', () => {
	it('a Facebook answer in the OAuth2 error shape falls back to the standard table', async () => {
		fake(GRAPH, [
			400,
			{ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
		]);
		const res = await facebook(listPages);
		expect(res.error?.description).toBe(
			`Facebook Pages rejected the credentials (code invalid_grant): the authorization server no longer accepts the grant (invalid_grant: Token has been expired or revoked.); the access was revoked, expired or the password changed. Reconnect ${CRED} (open it in n8n and sign in again, or paste a new key), then run the workflow again.`,
		);
	});
});
