/**
 * What is special about Microsoft 365 (Outlook and OneDrive on one Microsoft connection) beyond the per-operation
 * fixtures (test/fixtures/operations/{outlook,oneDrive}): the identity platform v2 credentials (tenant in the
 * URLs, rotating refresh tokens kept, client credentials fetched once and reused), AADSTS and Graph error codes in
 * the seed's terms, 429/503 with Retry-After, the per-mailbox budgets, `@odata.nextLink` paging, `/me` versus
 * `/users/{user}`, and the flows with a second origin: upload sessions (attachments above 3 MB, files above 4 MB)
 * and downloads and copy monitors, none of which gets the Microsoft token.
 */
import nock from 'nock';
import type { INodeExecutionData } from 'n8n-workflow';

import { ApiConnMicrosoft365AppOAuth2Api } from '../../credentials/ApiConnMicrosoft365AppOAuth2Api.credentials';
import { ApiConnMicrosoft365OAuth2Api } from '../../credentials/ApiConnMicrosoft365OAuth2Api.credentials';
import { validateService } from '../../lib/spec/schema';
import { matchErrorCode } from '../../lib/transport/error-codes';
import { MICROSOFT_ERROR_CODES } from '../../nodes/Microsoft/microsoft';
import { UPLOAD_CHUNK_BYTES } from '../../nodes/Microsoft/microsoft.hooks';
import { excelDefinition } from '../../nodes/Excel/Excel.service';
import { OneDrive } from '../../nodes/OneDrive/OneDrive.node';
import { oneDriveDefinition } from '../../nodes/OneDrive/OneDrive.service';
import { Outlook } from '../../nodes/Outlook/Outlook.node';
import { outlookDefinition } from '../../nodes/Outlook/Outlook.service';
import { serviceKit } from '../kit';
import { freshObserver } from '../unit/connections/fixtures';

const GRAPH = 'https://graph.microsoft.com';
const LOGIN = 'https://login.microsoftonline.com';
const DELEGATED = 'apiConnMicrosoft365OAuth2Api';
const APP = 'apiConnMicrosoft365AppOAuth2Api';
const delegated = {
	tenantId: 'organizations',
	clientId: '6731de76-14a6-49ae-97bc-6eba6914391e',
	clientSecret: 'Nse8Q~delegated-secret-value',
	accessTokenUrl: `${LOGIN}/organizations/oauth2/v2.0/token`,
	authentication: 'body',
	grantType: 'authorizationCode',
	oauthTokenData: {
		access_token: 'EwBwA8l6-access-1',
		token_type: 'Bearer',
		refresh_token: 'M.C507_BAY.refresh-1',
		expires_in: 3600,
	},
};
const app = {
	tenantId: 'contoso.onmicrosoft.com',
	clientId: '6731de76-14a6-49ae-97bc-6eba6914391e',
	clientSecret: 'Nse8Q~app-secret-value',
	accessTokenUrl: `${LOGIN}/contoso.onmicrosoft.com/oauth2/v2.0/token`,
	authentication: 'body',
	grantType: 'clientCredentials',
	scope: 'https://graph.microsoft.com/.default',
};
const credentialTypes = [new ApiConnMicrosoft365OAuth2Api(), new ApiConnMicrosoft365AppOAuth2Api()];
const kit = serviceKit({
	origin: GRAPH,
	nodeTypes: [new Outlook(), new OneDrive()],
	credentialTypes,
	credentials: { [DELEGATED]: delegated },
});
const outlook = (parameters: Record<string, unknown>, extra = {}) =>
	kit.run('outlook', { user: 'me', ...parameters } as never, extra);
const oneDrive = (parameters: Record<string, unknown>, extra = {}) =>
	kit.run('oneDrive', { user: 'me', ...parameters } as never, extra);
const json = (res: { outputs: INodeExecutionData[][] }) => res.outputs[0].map((i) => i.json);
const form = (body: unknown) =>
	Object.fromEntries(
		new URLSearchParams(typeof body === 'string' ? body : new URLSearchParams(body as never)),
	);
const graphError = (code: string, message: string) => ({
	error: {
		code,
		message,
		innerError: {
			date: '2026-03-02T09:12:42',
			'request-id': '0a9b5c47-6b2d-4c3e-9d0d-5b0f0f6b1a11',
			'client-request-id': '0a9b5c47-6b2d-4c3e-9d0d-5b0f0f6b1a11',
		},
	},
});
const binaryItem = (bytes: Buffer, fileName: string, mimeType: string) => [
	{ json: {}, binary: { data: { data: bytes.toString('base64'), mimeType, fileName } } },
];

describe('Microsoft 365', () => {
	it('both specs are valid, share the Microsoft 365 family and the two credentials', () => {
		expect(validateService(outlookDefinition)).toEqual([]);
		expect(validateService(oneDriveDefinition)).toEqual([]);
		for (const { spec } of [outlookDefinition, oneDriveDefinition]) {
			expect(spec.family).toBe('microsoft365');
			expect(spec.connection?.familyName).toBe('Microsoft 365');
			expect(spec.auth.map((a) => [a.credentialType, a.family])).toEqual([
				[DELEGATED, undefined],
				[APP, 'microsoft365App'],
			]);
		}
	});

	it('the delegated credential: tenant in the v2 endpoints, least-privilege scopes with offline_access', () => {
		const props = new ApiConnMicrosoft365OAuth2Api().properties;
		const value = (name: string) => props.find((p) => p.name === name)?.default;
		expect(value('tenantId')).toBe('common');
		expect(value('authUrl')).toBe(
			'=https://login.microsoftonline.com/{{$self["tenantId"]}}/oauth2/v2.0/authorize',
		);
		expect(value('accessTokenUrl')).toBe(
			'=https://login.microsoftonline.com/{{$self["tenantId"]}}/oauth2/v2.0/token',
		);
		expect(value('scope')).toBe(
			'offline_access User.Read Mail.ReadWrite Mail.Send Calendars.ReadWrite Contacts.ReadWrite Files.ReadWrite',
		);
		expect(value('grantType')).toBe('authorizationCode');
		expect(value('authQueryParameters')).toBe('');
	});

	it('the app-only credential: client credentials on one tenant with the .default scope', () => {
		const props = new ApiConnMicrosoft365AppOAuth2Api().properties;
		const value = (name: string) => props.find((p) => p.name === name)?.default;
		expect(value('grantType')).toBe('clientCredentials');
		expect(value('scope')).toBe('https://graph.microsoft.com/.default');
		expect(value('tenantId')).toBe('');
		expect(props.find((p) => p.name === 'authUrl')).toBeUndefined();
	});

	describe('tokens', () => {
		it('a 401 refreshes at the tenant token endpoint; the rotated refresh token replaces the old one', async () => {
			let refresh: unknown;
			const api = nock(GRAPH)
				.get('/v1.0/me/mailFolders/inbox')
				.reply(
					401,
					graphError(
						'InvalidAuthenticationToken',
						'Lifetime validation failed, the token is expired.',
					),
				)
				.get('/v1.0/me/mailFolders/inbox')
				.matchHeader('authorization', 'Bearer EwBwA8l6-access-2')
				.reply(200, { id: 'AAMkInbox', displayName: 'Inbox' });
			const login = nock(LOGIN)
				.post('/organizations/oauth2/v2.0/token', (body: unknown) => {
					refresh = body;
					return true;
				})
				.reply(200, {
					token_type: 'Bearer',
					scope: 'Mail.ReadWrite Mail.Send Files.ReadWrite User.Read',
					expires_in: 4487,
					access_token: 'EwBwA8l6-access-2',
					refresh_token: 'M.C507_BAY.refresh-2',
				});
			const res = await outlook({ resource: 'folder', operation: 'get', folderId: 'inbox' });
			expect(res.error).toBeUndefined();
			expect(api.isDone() && login.isDone()).toBe(true);
			expect(form(refresh)).toMatchObject({
				grant_type: 'refresh_token',
				refresh_token: 'M.C507_BAY.refresh-1',
				client_id: delegated.clientId,
				client_secret: delegated.clientSecret,
			});
			const saved = res.credentialUpdates.at(-1)?.data.oauthTokenData as Record<string, unknown>;
			expect(saved).toMatchObject({
				access_token: 'EwBwA8l6-access-2',
				refresh_token: 'M.C507_BAY.refresh-2',
			});
		});

		describe('before expiry (the connections engine)', () => {
			const { observer } = freshObserver();
			const proactive = serviceKit({
				origin: GRAPH,
				nodeTypes: [new Outlook()],
				credentialTypes,
				runtime: { observers: [observer] },
			});
			afterAll(async () => await observer.close());

			it("an expired token whose refresh Microsoft refuses (AADSTS70008): reconnect, with Microsoft's documented reasons", async () => {
				const expired = {
					...delegated,
					oauthTokenData: {
						...delegated.oauthTokenData,
						n8n_expires_at: String(proactive.clock.now() - 60_000),
					},
				};
				const login = nock(LOGIN)
					.post('/organizations/oauth2/v2.0/token')
					.reply(400, {
						error: 'invalid_grant',
						error_description:
							'AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.',
						error_codes: [70008],
					});
				const graph = nock(GRAPH).get(/.*/).reply(200, {});
				const res = await proactive.run(
					'outlook',
					{ resource: 'folder', operation: 'get', user: 'me', folderId: 'inbox' } as never,
					{ credentials: { [DELEGATED]: expired } },
				);
				expect(login.isDone()).toBe(true);
				expect(graph.isDone()).toBe(false);
				nock.cleanAll();
				expect(res.error?.description).toBe(
					'Open the credential "apiConnMicrosoft365OAuth2Api account" in n8n and reconnect it (the provider no longer accepts its refresh token), then run the workflow again. ' +
						"Microsoft ends a refresh token after 90 days without use (24 hours when the app is registered as a single-page application), when the user changes or resets the password, when an administrator revokes the user's sessions or the app's consent, or when a Conditional Access policy asks for a new sign-in.",
				);
				// n8n's refresh reports invalid_grant in its own words, without Microsoft's description.
				expect(res.error?.message).toBe(
					'The Outlook access token of credential "apiConnMicrosoft365OAuth2Api account" expired and could not be refreshed: The credential "apiConnMicrosoft365OAuth2Api account" needs to be reconnected.',
				);
			});

			it('a token two minutes from expiry is refreshed first; the new refresh token is kept', async () => {
				const expiring = {
					...delegated,
					oauthTokenData: {
						...delegated.oauthTokenData,
						n8n_expires_at: String(proactive.clock.now() + 120_000),
					},
				};
				const login = nock(LOGIN).post('/organizations/oauth2/v2.0/token').reply(200, {
					token_type: 'Bearer',
					expires_in: 3599,
					access_token: 'EwBwA8l6-access-3',
					refresh_token: 'M.C507_BAY.refresh-3',
				});
				const seen = proactive.fake(
					['GET', 200, { userPrincipalName: 'MeganB@contoso.com' }],
					['GET', 200, { id: 'AAMkInbox', displayName: 'Inbox' }],
				);
				const res = await proactive.run(
					'outlook',
					{ resource: 'folder', operation: 'get', user: 'me', folderId: 'inbox' } as never,
					{ credentials: { [DELEGATED]: expiring } },
				);
				expect(res.error).toBeUndefined();
				expect(login.isDone()).toBe(true);
				expect(seen.map((s) => `${s.method} ${s.uri} ${String(s.headers.authorization)}`)).toEqual([
					'GET /v1.0/me Bearer EwBwA8l6-access-3',
					'GET /v1.0/me/mailFolders/inbox Bearer EwBwA8l6-access-3',
				]);
				const saved = res.credentialUpdates.at(-1)?.data.oauthTokenData as Record<string, unknown>;
				expect(saved).toMatchObject({ refresh_token: 'M.C507_BAY.refresh-3' });
			});
		});

		it('app-only: the token is fetched once with client credentials, stored, and reused by the next run', async () => {
			let asked: unknown;
			const login = nock(LOGIN)
				.post('/contoso.onmicrosoft.com/oauth2/v2.0/token', (body: unknown) => {
					asked = body;
					return true;
				})
				.once()
				.reply(200, {
					token_type: 'Bearer',
					expires_in: 3599,
					ext_expires_in: 3599,
					access_token: 'eyJ0eXAiOiJKV1Qi-app-1',
				});
			const seen = kit.fake(
				['GET', 200, { value: [{ id: 'AAMkInbox', displayName: 'Inbox' }] }],
				['GET', 200, { value: [{ id: 'AAMkInbox', displayName: 'Inbox' }] }],
			);
			const params = {
				authentication: APP,
				resource: 'folder',
				operation: 'getMany',
				user: 'AdeleV@contoso.com',
				returnAll: true,
			};
			const first = await outlook(params, { credentials: { [APP]: app } });
			expect(first.error).toBeUndefined();
			expect(form(asked)).toMatchObject({
				grant_type: 'client_credentials',
				scope: 'https://graph.microsoft.com/.default',
			});
			const stored = first.credentialUpdates.at(-1)?.data as typeof app;
			expect(stored).toMatchObject({ oauthTokenData: { access_token: 'eyJ0eXAiOiJKV1Qi-app-1' } });
			const second = await outlook(params, { credentials: { [APP]: stored } });
			expect(second.error).toBeUndefined();
			expect(login.isDone()).toBe(true);
			expect(seen.map((s) => `${s.uri} ${String(s.headers.authorization)}`)).toEqual([
				'/v1.0/users/AdeleV%40contoso.com/mailFolders?%24top=100 Bearer eyJ0eXAiOiJKV1Qi-app-1',
				'/v1.0/users/AdeleV%40contoso.com/mailFolders?%24top=100 Bearer eyJ0eXAiOiJKV1Qi-app-1',
			]);
		});

		it('app-only, wrong secret (AADSTS7000215): the cause and the fix, no network error, no secret', async () => {
			nock(LOGIN)
				.post('/contoso.onmicrosoft.com/oauth2/v2.0/token')
				.reply(401, {
					error: 'invalid_client',
					error_description:
						"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '6731de76-14a6-49ae-97bc-6eba6914391e'. Trace ID: 5b2a Correlation ID: 9c1d Timestamp: 2026-03-02 09:12:42Z",
					error_codes: [7000215],
					timestamp: '2026-03-02 09:12:42Z',
					trace_id: '5b2a',
					correlation_id: '9c1d',
				});
			const seen = kit.fake();
			const res = await outlook(
				{
					authentication: APP,
					resource: 'folder',
					operation: 'getMany',
					user: 'AdeleV@contoso.com',
					returnAll: true,
				},
				{ credentials: { [APP]: app } },
			);
			expect(seen).toEqual([]);
			expect(res.error?.message).toContain('AADSTS7000215: Invalid client secret provided.');
			expect(res.error?.description).toContain(
				'the client secret was refused (AADSTS7000215: wrong value, the secret ID pasted instead of its value, or the secret expired)',
			);
			expect(res.error?.description).toContain('Certificates & secrets');
			expect(JSON.stringify(res.error)).not.toContain('Nse8Q~app-secret-value');
		});

		it('a refresh blocked by Conditional Access (AADSTS53003) says so and what to do', async () => {
			nock(GRAPH)
				.get('/v1.0/me/mailFolders/inbox')
				.reply(
					401,
					graphError('InvalidAuthenticationToken', 'Access token has expired or is not yet valid.'),
				);
			nock(LOGIN)
				.post('/organizations/oauth2/v2.0/token')
				.reply(400, {
					error: 'invalid_request',
					error_description:
						'AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
					error_codes: [53003],
					suberror: 'message_only',
				});
			const res = await outlook({ resource: 'folder', operation: 'get', folderId: 'inbox' });
			expect(res.error?.description).toContain(
				'a Conditional Access policy of the tenant blocked the token (AADSTS53003: device, location, MFA or app rules)',
			);
			expect(res.error?.description).toContain('Ask the tenant administrator');
		});

		it.each([
			[65001, 'has not consented'],
			[70008, 'the refresh token expired or was revoked (AADSTS70008'],
			[50173, 'the refresh token expired or was revoked (AADSTS50173'],
			[700016, 'the app or tenant was not found (AADSTS700016)'],
		])('the token endpoint body AADSTS%s reads as a reconnect with its reason', (code, reason) => {
			const matched = matchErrorCode(MICROSOFT_ERROR_CODES, 400, {
				error: 'invalid_grant',
				error_description: `AADSTS${code}: …`,
				error_codes: [code],
			});
			expect(matched?.category).toBe('auth');
			expect(matched?.reason).toContain(reason.replace(/AADSTS\d+/, 'AADSTS{error_codes.0}'));
		});
	});

	describe("errors in Graph's words", () => {
		it('403 ErrorAccessDenied names the permission the operation needs', async () => {
			kit.fake([
				'POST',
				403,
				graphError('ErrorAccessDenied', 'Access is denied. Check credentials and try again.'),
			]);
			const res = await outlook({
				resource: 'message',
				operation: 'reply',
				messageId: 'AAMk1',
				comment: 'ok',
			});
			expect(res.error?.message).toBe(
				'Outlook: 403 Forbidden – Access is denied. Check credentials and try again.',
			);
			expect(res.error?.description).toContain('Mail.Send');
		});

		it('404 itemNotFound names the item ID', async () => {
			kit.fake(['GET', 404, graphError('itemNotFound', 'The resource could not be found.')]);
			const res = await oneDrive({ resource: 'item', operation: 'get', itemId: '01BYE5RZNOPE' });
			expect(res.error?.message).toBe('OneDrive: 404 Not Found – The resource could not be found.');
			expect(res.error?.description).toContain("itemId '01BYE5RZNOPE'");
		});

		it('ErrorQuotaExceeded: the mailbox is full, and how to free it', async () => {
			kit.fake([
				'POST',
				507,
				graphError('ErrorQuotaExceeded', 'The mailbox quota has been exceeded.'),
			]);
			const res = await outlook({ resource: 'folder', operation: 'create', displayName: 'X' });
			expect(res.error?.description).toContain(
				'the mailbox or drive is full (ErrorQuotaExceeded: The mailbox quota has been exceeded.)',
			);
		});

		it("'me' with the app-only connection: Graph's 400 is read as the User field to set", async () => {
			kit.fake([
				'GET',
				400,
				graphError('BadRequest', '/me request is only valid with delegated authentication flow.'),
			]);
			const res = await outlook(
				{ authentication: APP, resource: 'folder', operation: 'getMany', returnAll: true },
				{
					credentials: {
						[APP]: { ...app, oauthTokenData: { access_token: 'app-token', token_type: 'Bearer' } },
					},
				},
			);
			expect(res.error?.description).toContain(
				'an app-only connection has no signed-in user, so /me does not exist',
			);
			expect(res.error?.description).toContain(
				"Set 'User' to the user's ID or user principal name",
			);
		});
	});

	describe('throttling', () => {
		it('429 with Retry-After is waited for and the request sent again', async () => {
			const seen = kit.fake(
				[
					'GET',
					429,
					graphError('ApplicationThrottled', 'Application is over its MailboxConcurrency limit.'),
					{ 'retry-after': '7' },
				],
				['GET', 200, { id: 'AAMkInbox', displayName: 'Inbox' }],
			);
			const t0 = kit.clock.now();
			const res = await outlook({ resource: 'folder', operation: 'get', folderId: 'inbox' });
			expect(res.error).toBeUndefined();
			expect(seen).toHaveLength(2);
			expect(kit.clock.now() - t0).toBeGreaterThanOrEqual(7000);
			expect(json(res)).toEqual([{ id: 'AAMkInbox', displayName: 'Inbox' }]);
		});

		it('503 with Retry-After on sendMail is a throttle: waited, sent again once', async () => {
			const seen = kit.fake(
				[
					'POST',
					503,
					graphError('serviceNotAvailable', 'Service Unavailable'),
					{ 'retry-after': '3' },
				],
				['POST', 202, undefined],
			);
			const res = await outlook({
				resource: 'message',
				operation: 'send',
				toRecipients: 'MeganB@contoso.com',
				subject: 'Hi',
				bodyContent: 'Hello',
				bodyContentType: 'Text',
			});
			expect(res.error).toBeUndefined();
			expect(seen.map((s) => s.uri)).toEqual(['/v1.0/me/sendMail', '/v1.0/me/sendMail']);
			expect(json(res)).toEqual([{ sent: true }]);
		});

		it('sending counts against 30 messages a minute per mailbox: the 31st waits for the window', async () => {
			const at: number[] = [];
			nock(GRAPH)
				.post('/v1.0/me/messages/AAMk1/reply')
				.times(31)
				.reply(() => {
					at.push(kit.clock.now());
					return [202, ''];
				});
			const t0 = kit.clock.now();
			const res = await outlook(
				// One item at a time: the virtual clock then sees every wait (the budget, not the slots, is tested).
				{
					resource: 'message',
					operation: 'reply',
					messageId: 'AAMk1',
					comment: 'ok',
					options: { concurrency: 1 },
				},
				{ input: Array.from({ length: 31 }, (_, i) => ({ json: { i } })) },
			);
			expect(res.error).toBeUndefined();
			expect(at.map((t) => t - t0)).toEqual([...Array(30).fill(0), 60_000]);
			const waited = res.outputs[0].flatMap((item, i) => (item.waits ? [[i, item.waits]] : []));
			expect(waited).toHaveLength(1);
			expect(waited[0][0]).toBe(30);
			expect(waited[0][1]).toMatchObject({
				waitedSeconds: 60,
				events: [
					{
						wait: 'queue',
						seconds: 60,
						reason: 'the Outlook rate limit was used up until its window moved on',
					},
				],
			});
		});

		it('the budgets are data: 10,000 requests per 10 minutes and 4 at once per mailbox, sending 30 a minute', () => {
			expect(outlookDefinition.spec.rateLimit).toMatchObject({
				requests: 10_000,
				windowMs: 600_000,
				maxConcurrency: 4,
				tiers: { send: { requests: 30, windowMs: 60_000, maxConcurrency: 4 } },
				throttled: [{ status: [503] }],
			});
			const ops = outlookDefinition.spec.resources.flatMap((r) => r.operations);
			// Every mailbox operation keys its budget by the mailbox (User); sending ones count in the send tier.
			expect(
				ops
					.filter((o) => o.id !== 'get' || o.path !== '/users/{user}')
					.every((o) => o.rateLimit?.keyParam === 'user'),
			).toBe(true);
			expect(
				ops
					.filter((o) => o.rateLimit?.tier === 'send')
					.map((o) => o.id)
					.sort(),
			).toEqual(['forward', 'reply', 'replyAll', 'send', 'sendDraft']);
		});
	});

	it("Excel's budgets are data: 1,500 per 10 s per connection (app and tenant), 5,000 per 10 s per app across tenants (Client ID)", () => {
		expect(excelDefinition.spec.rateLimit).toMatchObject({
			requests: 1_500,
			windowMs: 10_000,
			shared: [{ name: 'app', credentialField: 'clientId', requests: 5_000, windowMs: 10_000 }],
			throttled: [{ status: [503] }],
		});
	});

	it('paging: Return All follows @odata.nextLink until the last page', async () => {
		const next = (skip: number) =>
			`${GRAPH}/v1.0/me/mailFolders/inbox/messages?%24select=subject&%24top=100&%24skip=${skip}`;
		const seen = kit.fake(
			['GET', 200, { value: [{ id: 'm1' }, { id: 'm2' }], '@odata.nextLink': next(2) }],
			['GET', 200, { value: [{ id: 'm3' }], '@odata.nextLink': next(3) }],
			['GET', 200, { value: [{ id: 'm4' }] }],
		);
		const res = await outlook({
			resource: 'message',
			operation: 'getManyInFolder',
			folderId: 'inbox',
			returnAll: true,
			additionalFields: { select: 'subject' },
		});
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => s.uri)).toEqual([
			'/v1.0/me/mailFolders/inbox/messages?%24select=subject&%24top=100',
			'/v1.0/me/mailFolders/inbox/messages?%24select=subject&%24top=100&%24skip=2',
			'/v1.0/me/mailFolders/inbox/messages?%24select=subject&%24top=100&%24skip=3',
		]);
		expect(json(res).map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4']);
	});

	it('a search not in double quotes is refused before any request', async () => {
		const seen = kit.fake();
		const res = await outlook({
			resource: 'message',
			operation: 'getMany',
			returnAll: true,
			additionalFields: { search: 'budget' },
		});
		expect(seen).toEqual([]);
		expect(res.error?.message).toContain('Search');
		expect(res.error?.description).toContain('Put the search in double quotes');
	});

	describe('Custom Request on the Microsoft connection', () => {
		it('Outlook: any Graph path with the delegated token, the query rows encoded, the answer as it came', async () => {
			const seen = kit.fake(['GET', 200, { timeZone: 'W. Europe Standard Time' }]);
			const res = await outlook({
				resource: 'customRequest',
				operation: 'send',
				requestMethod: 'GET',
				requestPath: '/me/mailboxSettings',
				requestQuery: { parameter: [{ name: '$select', value: 'timeZone' }] },
			});
			expect(res.error).toBeUndefined();
			expect(seen.map((s) => `${s.method} ${s.uri} ${String(s.headers.authorization)}`)).toEqual([
				'GET /v1.0/me/mailboxSettings?%24select=timeZone Bearer EwBwA8l6-access-1',
			]);
			expect(json(res)).toEqual([{ timeZone: 'W. Europe Standard Time' }]);
		});

		it("OneDrive: a POST's JSON body as written; Graph's refusal in Graph's words", async () => {
			const seen = kit.fake([
				'POST',
				403,
				graphError('accessDenied', 'The caller does not have permission to perform the action.'),
			]);
			const res = await oneDrive({
				resource: 'customRequest',
				operation: 'send',
				requestMethod: 'POST',
				requestPath: '/me/drive/items/01BYE5RZ6QN3/invite',
				requestBody: '{"recipients":[{"email":"adele@contoso.com"}],"roles":["read"]}',
			});
			expect(seen.map((s) => [s.method, s.uri, s.body])).toEqual([
				[
					'POST',
					'/v1.0/me/drive/items/01BYE5RZ6QN3/invite',
					{ recipients: [{ email: 'adele@contoso.com' }], roles: ['read'] },
				],
			]);
			expect(res.error?.message).toBe(
				'OneDrive: 403 Forbidden – The caller does not have permission to perform the action.',
			);
		});

		it('a URL on another origin (the token endpoint) is refused and nothing is sent', async () => {
			const login = nock(LOGIN).post(/.*/).reply(200, {});
			const res = await outlook({
				resource: 'customRequest',
				operation: 'send',
				requestMethod: 'POST',
				requestPath: `${LOGIN}/consumers/oauth2/v2.0/token`,
			});
			expect(res.error?.message).toBe(
				"The field 'Path' points to https://login.microsoftonline.com, but this connection only sends requests to https://graph.microsoft.com.",
			);
			expect(login.isDone()).toBe(false);
			nock.cleanAll();
		});
	});

	describe('upload sessions (a second origin, no token)', () => {
		const OUTLOOK_UPLOAD = 'https://outlook.office.com';
		const uploadPath =
			"/api/v2.0/Users('48d31887')/Messages('AAMkDraft')/AttachmentSessions('AAMkSession')";
		const uploadUrl = `${OUTLOOK_UPLOAD}${uploadPath}?authtoken=eyJhbGciOiJSUzI1NiIsImtpZCI6-upload-secret`;

		it('Send with a 5 MB attachment: draft, small one inline, large one in ranges, then send', async () => {
			const big = Buffer.alloc(5 * 1024 * 1024, 7);
			const seen = kit.fake(
				['POST', 201, { id: 'AAMkDraft', isDraft: true }],
				[
					'POST',
					201,
					{ uploadUrl, expirationDateTime: '2026-03-02T10:12:42Z', nextExpectedRanges: ['0-'] },
				],
				['POST', 201, { id: 'AAMkAtt1', name: 'note.txt' }],
				['POST', 202, undefined],
			);
			const ranges: Array<[string, number, string | undefined]> = [];
			nock(OUTLOOK_UPLOAD)
				.put(uploadPath)
				.query({ authtoken: 'eyJhbGciOiJSUzI1NiIsImtpZCI6-upload-secret' })
				.times(2)
				.reply(function () {
					ranges.push([
						String(this.req.headers['content-range']),
						Number(this.req.headers['content-length']),
						this.req.headers.authorization as string | undefined,
					]);
					return ranges.length === 1
						? [
								200,
								{
									expirationDateTime: '2026-03-02T10:12:42Z',
									nextExpectedRanges: [`${UPLOAD_CHUNK_BYTES}`],
								},
							]
						: [201, ''];
				});
			const res = await outlook(
				{
					resource: 'message',
					operation: 'send',
					toRecipients: 'MeganB@contoso.com',
					subject: 'Scans',
					bodyContent: '<p>Attached</p>',
					bodyContentType: 'HTML',
					additionalFields: { attachmentProperties: 'big, note' },
				},
				{
					input: [
						{
							json: {},
							binary: {
								big: {
									data: big.toString('base64'),
									mimeType: 'application/pdf',
									fileName: 'scans.pdf',
								},
								note: {
									data: Buffer.from('hi').toString('base64'),
									mimeType: 'text/plain',
									fileName: 'note.txt',
								},
							},
						},
					],
				},
			);
			expect(res.error).toBeUndefined();
			expect(seen.map((s) => `${s.method} ${s.uri}`)).toEqual([
				'POST /v1.0/me/messages',
				'POST /v1.0/me/messages/AAMkDraft/attachments/createUploadSession',
				'POST /v1.0/me/messages/AAMkDraft/attachments',
				'POST /v1.0/me/messages/AAMkDraft/send',
			]);
			expect(seen[0].body).toEqual({
				toRecipients: [{ emailAddress: { address: 'MeganB@contoso.com' } }],
				subject: 'Scans',
				body: { content: '<p>Attached</p>', contentType: 'HTML' },
			});
			expect(seen[2].body).toEqual({
				'@odata.type': '#microsoft.graph.fileAttachment',
				name: 'note.txt',
				contentType: 'text/plain',
				contentBytes: 'aGk=',
			});
			expect(seen[1].body).toEqual({
				AttachmentItem: {
					attachmentType: 'file',
					name: 'scans.pdf',
					size: big.length,
					contentType: 'application/pdf',
				},
			});
			expect(ranges).toEqual([
				[`bytes 0-${UPLOAD_CHUNK_BYTES - 1}/${big.length}`, UPLOAD_CHUNK_BYTES, undefined],
				[
					`bytes ${UPLOAD_CHUNK_BYTES}-${big.length - 1}/${big.length}`,
					big.length - UPLOAD_CHUNK_BYTES,
					undefined,
				],
			]);
			expect(json(res)).toEqual([
				{ sent: true, messageId: 'AAMkDraft', attachments: ['scans.pdf', 'note.txt'] },
			]);
		});

		it("Attachment → Add of a 5 MB file to another user's draft: an upload session, ranges without the token, the attachment's ID from the Location", async () => {
			const big = Buffer.alloc(5 * 1024 * 1024, 3);
			const seen = kit.fake([
				'POST',
				201,
				{ uploadUrl, expirationDateTime: '2026-03-02T10:12:42Z', nextExpectedRanges: ['0-'] },
			]);
			const ranges: Array<[string, string | undefined]> = [];
			nock(OUTLOOK_UPLOAD)
				.put(uploadPath)
				.query({ authtoken: 'eyJhbGciOiJSUzI1NiIsImtpZCI6-upload-secret' })
				.times(2)
				.reply(function () {
					ranges.push([
						String(this.req.headers['content-range']),
						this.req.headers.authorization as string | undefined,
					]);
					return ranges.length === 1
						? [200, { nextExpectedRanges: [`${UPLOAD_CHUNK_BYTES}`] }]
						: [
								201,
								'',
								{
									Location: `${OUTLOOK_UPLOAD}/api/v2.0/Users('48d31887')/Messages('AAMkDraft')/Attachments('AAMkAtt9')`,
								},
							];
				});
			const res = await outlook(
				{
					resource: 'attachment',
					operation: 'add',
					user: 'adele@contoso.com',
					messageId: 'AAMkDraft',
					binaryPropertyName: 'scan',
				},
				{
					input: [
						{
							json: {},
							binary: {
								scan: {
									data: big.toString('base64'),
									mimeType: 'application/pdf',
									fileName: 'scans.pdf',
								},
							},
						},
					],
				},
			);
			expect(res.error).toBeUndefined();
			expect(seen.map((s) => [s.method, s.uri, s.body])).toEqual([
				[
					'POST',
					'/v1.0/users/adele%40contoso.com/messages/AAMkDraft/attachments/createUploadSession',
					{
						AttachmentItem: {
							attachmentType: 'file',
							name: 'scans.pdf',
							size: big.length,
							contentType: 'application/pdf',
						},
					},
				],
			]);
			expect(ranges).toEqual([
				[`bytes 0-${UPLOAD_CHUNK_BYTES - 1}/${big.length}`, undefined],
				[`bytes ${UPLOAD_CHUNK_BYTES}-${big.length - 1}/${big.length}`, undefined],
			]);
			expect(json(res)).toEqual([
				{
					id: 'AAMkAtt9',
					name: 'scans.pdf',
					contentType: 'application/pdf',
					size: big.length,
					isInline: false,
				},
			]);
		});

		it('a refusal at the upload URL fails the item without the URL or its token in the error', async () => {
			kit.fake(
				['POST', 201, { id: 'AAMkDraft' }],
				['POST', 201, { uploadUrl, nextExpectedRanges: ['0-'] }],
			);
			nock(OUTLOOK_UPLOAD)
				.put(uploadPath)
				.query(true)
				.reply(400, { error: { code: 'InvalidRange', message: 'Bad range' } });
			const res = await outlook(
				{
					resource: 'message',
					operation: 'createDraft',
					additionalFields: { attachmentProperties: 'data' },
				},
				{
					input: binaryItem(
						Buffer.alloc(3 * 1024 * 1024 + 1, 1),
						'big.bin',
						'application/octet-stream',
					),
				},
			);
			expect(res.error?.message).toContain('Bad range');
			// The session's token (its query) is the capability: never shown; the path holds only IDs.
			const text = JSON.stringify(res.error);
			expect(text).not.toContain('upload-secret');
			expect(text).not.toContain('authtoken=');
		});

		it('OneDrive upload above 4 MB: createUploadSession with the conflict behaviour, 320 KiB-multiple ranges, no token', async () => {
			const SP = 'https://contoso-my.sharepoint.com';
			const path = '/personal/meganb_contoso_com/_api/v2.0/drive/items/01BYE5RZ/uploadSession';
			const session = `${SP}${path}?guid='f9d5a5d0'&overwrite=False&rename=True&dc=0&tempauth=eyJ0eXAi-sp-secret`;
			const data = Buffer.alloc(7 * 1024 * 1024, 3);
			const seen = kit.fake([
				'POST',
				200,
				{ uploadUrl: session, expirationDateTime: '2026-03-09T09:12:42Z' },
			]);
			const ranges: Array<[string, string | undefined]> = [];
			nock(SP)
				.put(path)
				.query(true)
				.times(3)
				.reply(function () {
					ranges.push([
						String(this.req.headers['content-range']),
						this.req.headers.authorization as string | undefined,
					]);
					return ranges.length < 3
						? [
								202,
								{
									expirationDateTime: '2026-03-09T09:12:42Z',
									nextExpectedRanges: [`${ranges.length * UPLOAD_CHUNK_BYTES}-`],
								},
							]
						: [201, { id: '01BYE5RZNEW', name: 'video.mp4', size: data.length }];
				});
			const res = await oneDrive(
				{
					resource: 'file',
					operation: 'upload',
					parentId: 'root',
					fileName: 'video.mp4',
					binaryPropertyName: 'data',
					additionalFields: { conflictBehavior: 'replace' },
				},
				{ input: binaryItem(data, 'video.mp4', 'video/mp4') },
			);
			expect(res.error).toBeUndefined();
			expect(UPLOAD_CHUNK_BYTES % (320 * 1024)).toBe(0);
			expect(seen.map((s) => `${s.method} ${s.uri}`)).toEqual([
				'POST /v1.0/me/drive/items/root:/video.mp4:/createUploadSession',
			]);
			expect(seen[0].body).toEqual({
				item: { '@microsoft.graph.conflictBehavior': 'replace', name: 'video.mp4' },
			});
			expect(ranges).toEqual([
				[`bytes 0-${UPLOAD_CHUNK_BYTES - 1}/${data.length}`, undefined],
				[`bytes ${UPLOAD_CHUNK_BYTES}-${2 * UPLOAD_CHUNK_BYTES - 1}/${data.length}`, undefined],
				[`bytes ${2 * UPLOAD_CHUNK_BYTES}-${data.length - 1}/${data.length}`, undefined],
			]);
			expect(json(res)).toEqual([{ id: '01BYE5RZNEW', name: 'video.mp4', size: data.length }]);
		});
	});

	describe('downloads and copies (pre-authenticated URLs on another origin)', () => {
		it("the 302's SharePoint URL is fetched without the Authorization header", async () => {
			const location =
				'https://contoso-my.sharepoint.com/personal/meganb/_layouts/15/download.aspx?UniqueId=6a77&tempauth=eyJ0-sp-download-secret';
			kit.fake(
				['GET', 200, { id: '01BYE5RZ', name: 'notes.txt', file: { mimeType: 'text/plain' } }],
				['GET', 302, undefined, { location }],
			);
			const sp = nock('https://contoso-my.sharepoint.com', { badheaders: ['authorization'] })
				.get('/personal/meganb/_layouts/15/download.aspx')
				.query({ UniqueId: '6a77', tempauth: 'eyJ0-sp-download-secret' })
				.reply(200, 'hello from OneDrive', { 'content-type': 'application/octet-stream' });
			const res = await oneDrive({ resource: 'file', operation: 'download', itemId: '01BYE5RZ' });
			expect(res.error).toBeUndefined();
			expect(sp.isDone()).toBe(true);
			const binary = res.outputs[0][0].binary?.data;
			expect(binary?.fileName).toBe('notes.txt');
			expect(binary?.mimeType).toBe('text/plain');
			expect(Buffer.from(binary!.data, 'base64').toString()).toBe('hello from OneDrive');
			expect(JSON.stringify(json(res))).not.toContain('sp-download-secret');
		});

		it('a failed copy (monitor status failed) fails the item with the cause', async () => {
			const monitor = 'https://contoso-my.sharepoint.com/_api/v2.0/monitor/4A3407B5';
			kit.fake(['POST', 202, undefined, { location: monitor }]);
			nock('https://contoso-my.sharepoint.com', { badheaders: ['authorization'] })
				.get('/_api/v2.0/monitor/4A3407B5')
				.reply(200, {
					operation: 'itemCopy',
					status: 'failed',
					error: { code: 'nameAlreadyExists', message: 'Name already exists' },
				});
			const res = await oneDrive({
				resource: 'item',
				operation: 'copy',
				itemId: '01BYE5RZ',
				destinationId: '01BYE5RZDEST',
			});
			expect(res.error?.message).toBe(
				'OneDrive could not copy the item 01BYE5RZ: {"code":"nameAlreadyExists","message":"Name already exists"}.',
			);
		});

		it('Wait for Completion off: the first monitor status is the answer', async () => {
			const monitor = 'https://contoso-my.sharepoint.com/_api/v2.0/monitor/77';
			kit.fake(['POST', 202, undefined, { location: monitor }]);
			nock('https://contoso-my.sharepoint.com')
				.get('/_api/v2.0/monitor/77')
				.reply(202, { operation: 'itemCopy', status: 'inProgress', percentageComplete: 5 });
			const res = await oneDrive({
				resource: 'item',
				operation: 'copy',
				itemId: '01BYE5RZ',
				destinationId: '01BYE5RZDEST',
				additionalFields: { waitForCompletion: false },
			});
			expect(json(res)).toEqual([
				{ operation: 'itemCopy', status: 'inProgress', percentageComplete: 5, itemId: '01BYE5RZ' },
			]);
		});
	});

	it('Get by Path: an empty path is refused before any request; dot segments too', async () => {
		const seen = kit.fake();
		const empty = await oneDrive({ resource: 'item', operation: 'getByPath', itemPath: '//' });
		expect(empty.error?.message).toBe("The field 'Path' names no file or folder.");
		const dots = await oneDrive({ resource: 'item', operation: 'getByPath', itemPath: 'a/../b' });
		expect(dots.error?.message).toContain('would change the URL path');
		expect(seen).toEqual([]);
	});
});
