/**
 * What is special about Google Workspace beyond the per-operation fixtures (test/fixtures/operations/google*):
 * the service account's JWT bearer grant (an RS256 assertion signed with the JSON key, exchanged once at
 * oauth2.googleapis.com and kept until five minutes before it expires, exchanged again after a 401, the token
 * endpoint's refusals in Google's words), the scopes asked per product, Google's error body and its throttling
 * answers (403 `userRateLimitExceeded`, 429 `RESOURCE_EXHAUSTED`), rows keyed by the header row, and the
 * resumable upload in 8 MiB chunks.
 */
import { createVerify, generateKeyPairSync } from 'node:crypto';

import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ApiConnGoogleServiceAccountApi } from '../../credentials/ApiConnGoogleServiceAccountApi.credentials';
import { ApiConnGoogleWorkspaceOAuth2Api } from '../../credentials/ApiConnGoogleWorkspaceOAuth2Api.credentials';
import type { ConnectionsObserver } from '../../lib/connections/observer';
import { useRuntime } from '../../lib/runtime';
import { validateService } from '../../lib/spec/schema';
import {
	GOOGLE_SCOPE_EXPRESSION,
	GOOGLE_SCOPES,
	googleScopesFor,
} from '../../nodes/Google/Google.oauth';
import { Connections } from '../../nodes/Connections/Connections.node';
import { GoogleDrive } from '../../nodes/GoogleDrive/GoogleDrive.node';
import { googleDriveDefinition } from '../../nodes/GoogleDrive/GoogleDrive.service';
import { GOOGLE_RECONNECT_REASONS } from '../../nodes/Google/google';
import { GoogleSheets } from '../../nodes/GoogleSheets/GoogleSheets.node';
import { googleSheetsDefinition } from '../../nodes/GoogleSheets/GoogleSheets.service';
import { GOOGLE_SCOPE_INSUFFICIENT } from '../helpers/google-errors';
import { serviceKit } from '../kit';
import { freshObserver } from '../unit/connections/fixtures';

const SHEETS = 'https://sheets.googleapis.com';
const DRIVE = 'https://www.googleapis.com';
const TOKEN = 'https://oauth2.googleapis.com';
const SID = '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms';
const ACCESS = 'ya29.a0AfB_byTestAccessToken0042';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const keyFile = {
	type: 'service_account',
	project_id: 'acme-automation',
	private_key_id: '6f1c2a9d8e7b4c3a2f1e0d9c8b7a6f5e4d3c2b1a',
	private_key: PEM,
	client_email: 'n8n-runner@acme-automation.iam.gserviceaccount.com',
	client_id: '104729384756102938475',
	token_uri: 'https://oauth2.googleapis.com/token',
};
const SCOPE = `${GOOGLE_SCOPES.email} ${GOOGLE_SCOPES.sheets} ${GOOGLE_SCOPES.driveFile}`;
const serviceAccount = {
	privateKeyFile: JSON.stringify(keyFile),
	delegatedUser: 'ops@acme.example',
	products: ['sheets', 'drive'],
	driveAccess: 'file',
	scope: SCOPE,
};
const oauth = {
	clientId: '1234567890-test0client0id.apps.googleusercontent.com',
	clientSecret: 'GOCSPX-testClientSecret0042',
	scope: SCOPE,
	oauthTokenData: {
		access_token: 'ya29.a0AfB_byUserAccessToken0042',
		token_type: 'Bearer',
		expires_in: 3599,
		refresh_token: '1//0gUserRefreshToken0042',
		scope: SCOPE,
	},
};

const sheetsKit = serviceKit({
	origin: SHEETS,
	nodeTypes: [new GoogleSheets(), new GoogleDrive()],
	credentialTypes: [new ApiConnGoogleWorkspaceOAuth2Api(), new ApiConnGoogleServiceAccountApi()],
	credentials: {
		apiConnGoogleWorkspaceOAuth2Api: oauth,
		apiConnGoogleServiceAccountApi: serviceAccount,
	},
});
const sheets = (parameters: Record<string, unknown>) =>
	sheetsKit.run('googleSheets', parameters as never);
const drive = (parameters: Record<string, unknown>) =>
	sheetsKit.run('googleDrive', parameters as never);
const json = (res: { outputs: INodeExecutionData[][] }) => res.outputs[0].map((i) => i.json);
const readRange = {
	resource: 'range',
	operation: 'get',
	spreadsheetId: SID,
	range: 'Sheet1!A1:B2',
};
const valueRange = { range: 'Sheet1!A1:B2', majorDimension: 'ROWS', values: [['Name', 'Email']] };

/** The token endpoint: records each exchange's form and answers in order. */
function tokenEndpoint(...answers: Array<[number, IDataObject]>) {
	const forms: Array<Record<string, string>> = [];
	let scope = nock(TOKEN);
	for (const [status, body] of answers)
		scope = scope.post('/token').reply(function (_uri, requestBody) {
			forms.push(Object.fromEntries(new URLSearchParams(String(requestBody))));
			expect(this.req.headers['content-type']).toBe('application/x-www-form-urlencoded');
			expect(this.req.headers.authorization).toBeUndefined();
			return [status, body];
		});
	return forms;
}

const decode = (part: string) =>
	JSON.parse(Buffer.from(part, 'base64url').toString()) as IDataObject;

/** The connections observer (bindings, refreshes) on the kit's clock, for the tests of the connection itself. */
function useObservedRuntime(): void {
	let observer: ConnectionsObserver;
	beforeEach(() => {
		({ observer } = freshObserver());
		useRuntime({
			clock: sheetsKit.clock,
			random: () => 0.5,
			observers: [observer],
			services: [googleSheetsDefinition.spec, googleDriveDefinition.spec],
		});
	});
	afterEach(async () => await observer.close());
}

describe('Google Workspace', () => {
	it('both specs are valid and share one connection: the family, both credentials, the e-mail label', () => {
		for (const def of [googleSheetsDefinition, googleDriveDefinition]) {
			expect(validateService(def)).toEqual([]);
			expect(def.spec.family).toBe('googleWorkspace');
			expect(def.spec.connection?.familyName).toBe('Google Workspace');
			expect(def.spec.auth.map((a) => [a.kind, a.credentialType])).toEqual([
				['oauth2', 'apiConnGoogleWorkspaceOAuth2Api'],
				['jwtBearer', 'apiConnGoogleServiceAccountApi'],
			]);
			expect(def.spec.account).toEqual({
				baseUrl: DRIVE,
				path: '/oauth2/v3/userinfo',
				labelPath: 'email',
			});
		}
		const props = new ApiConnGoogleWorkspaceOAuth2Api().properties;
		expect(props.find((p) => p.name === 'authUrl')?.default).toBe(
			'https://accounts.google.com/o/oauth2/v2/auth',
		);
		expect(props.find((p) => p.name === 'accessTokenUrl')?.default).toBe(
			'https://oauth2.googleapis.com/token',
		);
		expect(props.find((p) => p.name === 'authQueryParameters')?.default).toBe(
			'access_type=offline&prompt=consent',
		);
		expect(googleSheetsDefinition.spec.connection?.revoke).toMatchObject({
			path: 'https://oauth2.googleapis.com/revoke',
			token: 'refreshElseAccess',
			tokenIn: 'form',
		});
		expect(googleSheetsDefinition.spec.connection?.reconnectReasons).toContain('7 days');
	});

	it('the hidden Scope expression asks exactly the enabled products\' scopes (drive.file unless "All Files")', () => {
		const body = GOOGLE_SCOPE_EXPRESSION.replace(/^=\{\{/, '').replace(/\}\}$/, '');
		const evaluate = new Function('$self', `return ${body}`) as (self: IDataObject) => string;
		const cases: Array<[string[], string, string]> = [
			[['sheets'], 'file', ''],
			[['drive'], 'file', ''],
			[['drive'], 'all', ''],
			[['sheets', 'drive'], 'file', 'https://www.googleapis.com/auth/drive.readonly, https://x/y'],
			[[], 'file', ''],
		];
		for (const [products, driveAccess, extraScopes] of cases)
			expect(evaluate({ products, driveAccess, extraScopes })).toBe(
				googleScopesFor(products, driveAccess, extraScopes).join(' '),
			);
		expect(googleScopesFor(['sheets', 'drive'], 'all')).toEqual([
			'https://www.googleapis.com/auth/userinfo.email',
			'https://www.googleapis.com/auth/spreadsheets',
			'https://www.googleapis.com/auth/drive',
		]);
	});

	describe('service account (JWT bearer grant)', () => {
		it('signs an RS256 assertion with the key file, exchanges it once and signs every request with the token', async () => {
			const forms = tokenEndpoint([
				200,
				{ access_token: ACCESS, expires_in: 3599, token_type: 'Bearer' },
			]);
			const seen = sheetsKit.fake(['GET', 200, valueRange], ['GET', 200, valueRange]);
			const now = Math.floor(sheetsKit.clock.now() / 1000);
			const first = await sheets({
				...readRange,
				authentication: 'apiConnGoogleServiceAccountApi',
			});
			const second = await sheets({
				...readRange,
				authentication: 'apiConnGoogleServiceAccountApi',
			});
			expect(first.error).toBeUndefined();
			expect(json(second)).toEqual([valueRange]);
			expect(forms).toHaveLength(1);
			expect(forms[0].grant_type).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
			const [header, claims, signature] = forms[0].assertion.split('.');
			expect(decode(header)).toEqual({ alg: 'RS256', typ: 'JWT', kid: keyFile.private_key_id });
			expect(decode(claims)).toEqual({
				iss: keyFile.client_email,
				scope: SCOPE,
				aud: 'https://oauth2.googleapis.com/token',
				iat: now,
				exp: now + 3600,
				sub: 'ops@acme.example',
			});
			const verified = createVerify('RSA-SHA256')
				.update(`${header}.${claims}`)
				.verify(publicKey, Buffer.from(signature, 'base64url'));
			expect(verified).toBe(true);
			expect(seen.map((s) => [s.uri, s.headers.authorization])).toEqual([
				[`/v4/spreadsheets/${SID}/values/Sheet1%21A1%3AB2`, `Bearer ${ACCESS}`],
				[`/v4/spreadsheets/${SID}/values/Sheet1%21A1%3AB2`, `Bearer ${ACCESS}`],
			]);
			expect(JSON.stringify(first.run.data)).not.toContain(ACCESS);
		});

		it('a token with less than five minutes left is exchanged again before the request', async () => {
			const forms = tokenEndpoint(
				[200, { access_token: ACCESS, expires_in: 3599 }],
				[200, { access_token: `${ACCESS}-2`, expires_in: 3599 }],
			);
			const seen = sheetsKit.fake(
				['GET', 200, valueRange],
				['GET', 200, valueRange],
				['GET', 200, valueRange],
			);
			const sa = { ...readRange, authentication: 'apiConnGoogleServiceAccountApi' };
			await sheets(sa);
			await sheetsKit.clock.advance(54 * 60_000);
			await sheets(sa);
			await sheetsKit.clock.advance(2 * 60_000);
			await sheets(sa);
			expect(forms).toHaveLength(2);
			expect(seen.map((s) => s.headers.authorization)).toEqual([
				`Bearer ${ACCESS}`,
				`Bearer ${ACCESS}`,
				`Bearer ${ACCESS}-2`,
			]);
		});

		it('Custom Request goes through the same connection: any Sheets path, signed with the exchanged token', async () => {
			tokenEndpoint([200, { access_token: ACCESS, expires_in: 3599 }]);
			const seen = sheetsKit.fake(['GET', 200, { spreadsheetId: SID, developerMetadata: [] }]);
			const res = await sheets({
				authentication: 'apiConnGoogleServiceAccountApi',
				resource: 'customRequest',
				operation: 'send',
				requestMethod: 'GET',
				requestPath: `/v4/spreadsheets/${SID}/developerMetadata/7`,
			});
			expect(res.error).toBeUndefined();
			expect(seen.map((s) => [s.uri, s.headers.authorization])).toEqual([
				[`/v4/spreadsheets/${SID}/developerMetadata/7`, `Bearer ${ACCESS}`],
			]);
		});

		it('a 401 for the held token: one new exchange, and the request is sent once more', async () => {
			const forms = tokenEndpoint(
				[200, { access_token: ACCESS, expires_in: 3599 }],
				[200, { access_token: `${ACCESS}-new`, expires_in: 3599 }],
			);
			const unauthenticated = {
				error: {
					code: 401,
					message: 'Request had invalid authentication credentials.',
					status: 'UNAUTHENTICATED',
				},
			};
			const seen = sheetsKit.fake(['GET', 401, unauthenticated], ['GET', 200, valueRange]);
			const res = await sheets({ ...readRange, authentication: 'apiConnGoogleServiceAccountApi' });
			expect(res.error).toBeUndefined();
			expect(forms).toHaveLength(2);
			expect(seen.map((s) => s.headers.authorization)).toEqual([
				`Bearer ${ACCESS}`,
				`Bearer ${ACCESS}-new`,
			]);
		});

		it("unauthorized_client (no domain-wide delegation): Google's words, the Admin console fix, no API request, no key", async () => {
			tokenEndpoint([
				401,
				{
					error: 'unauthorized_client',
					error_description:
						'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
				},
			]);
			const seen = sheetsKit.fake();
			const { error } = await sheets({
				...readRange,
				authentication: 'apiConnGoogleServiceAccountApi',
			});
			expect(seen).toEqual([]);
			expect(error?.message).toBe(
				'Google Sheets: the token endpoint refused the signed assertion of credential "apiConnGoogleServiceAccountApi account": unauthorized_client (Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.)',
			);
			expect(error?.description).toContain('Domain-wide delegation');
			expect(JSON.stringify(error)).not.toContain('PRIVATE KEY');
			expect(JSON.stringify(error)).not.toContain(PEM.split('\n')[1]);
		});

		it('invalid_grant: the deleted key or the clock, and the fix', async () => {
			tokenEndpoint([400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }]);
			const { error } = await sheets({
				...readRange,
				authentication: 'apiConnGoogleServiceAccountApi',
			});
			expect(error?.message).toContain('invalid_grant (Invalid JWT Signature.)');
			expect(error?.description).toContain('Service Accounts → Keys');
		});

		it('a key file that is not JSON fails before any request, naming the fix', async () => {
			const seen = sheetsKit.fake();
			const { error } = await sheetsKit.run(
				'googleSheets',
				{ ...readRange, authentication: 'apiConnGoogleServiceAccountApi' } as never,
				{
					credentials: {
						apiConnGoogleServiceAccountApi: { ...serviceAccount, privateKeyFile: 'not json' },
					},
				},
			);
			expect(seen).toEqual([]);
			expect(error?.message).toContain(
				'the key file is not JSON'.replace('the', "The credential's"),
			);
		});

		it("the credential's Test posts the signed grant to Google's token endpoint, and only there", async () => {
			const cred = new ApiConnGoogleServiceAccountApi();
			expect(cred.test.request).toEqual({
				method: 'POST',
				url: 'https://oauth2.googleapis.com/token',
			});
			const signed = await cred.authenticate(serviceAccount, {
				url: 'https://oauth2.googleapis.com/token',
				method: 'POST',
			});
			const form = new URLSearchParams(String(signed.body));
			expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
			expect(decode(form.get('assertion')!.split('.')[1]).iss).toBe(keyFile.client_email);
			const other = { url: 'https://sheets.googleapis.com/v4/spreadsheets/x' };
			expect(await cred.authenticate(serviceAccount, { ...other })).toEqual(other);
		});
	});

	describe('one Google connection per workspace (the workspace rule)', () => {
		useObservedRuntime();

		const SA = { id: 'cred-google-sa', name: 'Google robot' };
		const USER = { id: 'cred-google-user', name: 'Google Ada' };
		const runAs = (
			type: 'googleSheets' | 'googleDrive',
			parameters: Record<string, unknown>,
			cred: 'sa' | 'user',
		) =>
			sheetsKit.run(type, parameters as never, {
				node: {
					type,
					parameters: parameters as never,
					credentials:
						cred === 'sa'
							? { apiConnGoogleServiceAccountApi: SA }
							: { apiConnGoogleWorkspaceOAuth2Api: USER },
				},
			});

		it('the service account binds the workspace (labelled by its userinfo e-mail); Drive shares that binding; another Google credential is refused before any request', async () => {
			tokenEndpoint([200, { access_token: ACCESS, expires_in: 3599 }]);
			const who = nock(DRIVE)
				.get('/oauth2/v3/userinfo')
				.matchHeader('authorization', `Bearer ${ACCESS}`)
				.reply(200, { sub: '1047', email: 'robot@acme-automation.iam.gserviceaccount.com' });
			sheetsKit.fake(['GET', 200, valueRange]);
			const first = await runAs(
				'googleSheets',
				{ ...readRange, authentication: 'apiConnGoogleServiceAccountApi' },
				'sa',
			);
			expect(first.error).toBeUndefined();
			expect(who.isDone()).toBe(true);
			const file = nock(DRIVE)
				.get(/\/drive\/v3\/files\/abc/)
				.matchHeader('authorization', `Bearer ${ACCESS}`)
				.reply(200, { id: 'abc', name: 'Plan' });
			const second = await runAs(
				'googleDrive',
				{
					authentication: 'apiConnGoogleServiceAccountApi',
					resource: 'file',
					operation: 'get',
					fileId: 'abc',
				},
				'sa',
			);
			expect(second.error).toBeUndefined();
			expect(file.isDone()).toBe(true);
			const seen = sheetsKit.fake();
			const refused = await runAs(
				'googleDrive',
				{ resource: 'file', operation: 'get', fileId: 'abc' },
				'user',
			);
			expect(refused.error?.message).toBe(
				'Only one Google Workspace connection allowed per workspace (connected: robot@acme-automation.iam.gserviceaccount.com, credential "Google robot"). Disconnect it in the Connections node, or use another workspace.',
			);
			expect(seen).toEqual([]);
		});
	});

	describe('Disconnect through the Connections node', () => {
		useObservedRuntime();

		it("revokes the refresh token at POST oauth2.googleapis.com/revoke (form, no client authentication): the workspace's one Google connection is disconnected", async () => {
			const USER = { id: 'cred-google-user', name: 'Google Ada' };
			nock(DRIVE).get('/oauth2/v3/userinfo').reply(200, { sub: '1047', email: 'ada@acme.example' });
			sheetsKit.fake(['GET', 200, valueRange]);
			const used = await sheetsKit.run('googleSheets', readRange as never, {
				node: {
					type: 'googleSheets',
					parameters: readRange as never,
					credentials: { apiConnGoogleWorkspaceOAuth2Api: USER },
				},
			});
			expect(used.error).toBeUndefined();
			const revokes: Array<{ form: Record<string, string>; auth: unknown; type: unknown }> = [];
			nock(TOKEN)
				.post('/revoke')
				.reply(function (_uri, body) {
					revokes.push({
						form: Object.fromEntries(new URLSearchParams(String(body))),
						auth: this.req.headers.authorization,
						type: this.req.headers['content-type'],
					});
					return [200, {}];
				});
			const disconnect = {
				resource: 'connection',
				operation: 'disconnect',
				service: 'googleSheets',
				googleSheetsAuthentication: 'apiConnGoogleWorkspaceOAuth2Api',
				confirmDisconnect: true,
			};
			const res = await sheetsKit.run('connections', disconnect, {
				nodeTypes: [new Connections()],
				node: {
					type: 'connections',
					parameters: disconnect,
					credentials: { apiConnGoogleWorkspaceOAuth2Api: USER },
				},
			});
			expect(res.error).toBeUndefined();
			expect(revokes).toEqual([
				{
					form: { token: '1//0gUserRefreshToken0042' },
					auth: undefined,
					type: 'application/x-www-form-urlencoded',
				},
			]);
			expect(res.outputs[0][0].json).toMatchObject({
				service: 'Google Workspace',
				disconnected: true,
				account: 'ada@acme.example',
				revoked: true,
			});
		});
	});

	describe("OAuth2 refresh at Google's token endpoint", () => {
		useObservedRuntime();
		// n8n stamps `n8n_expires_at` with Date.now: keep it on the test's clock.
		beforeEach(() => jest.spyOn(Date, 'now').mockImplementation(() => sheetsKit.clock.now()));
		afterEach(() => jest.restoreAllMocks());

		const USER = { id: 'cred-google-user', name: 'Google Ada' };
		/** The user's credential with a 1-hour token that expires `inMs` from now. */
		const expiringIn = (inMs: number) => ({
			...oauth,
			oauthTokenData: {
				...oauth.oauthTokenData,
				n8n_expires_at: String(sheetsKit.clock.now() + inMs),
			},
		});
		const runWith = (credential: Record<string, unknown>) =>
			sheetsKit.run('googleSheets', readRange as never, {
				node: {
					type: 'googleSheets',
					parameters: readRange as never,
					credentials: { apiConnGoogleWorkspaceOAuth2Api: USER },
				},
				credentials: { apiConnGoogleWorkspaceOAuth2Api: credential as never },
			});

		it('a token with 2 minutes left is refreshed first (refresh_token grant, client id and secret in the form), then the request carries the new one', async () => {
			const forms = tokenEndpoint([
				200,
				{ access_token: 'ya29.a0AfB_byRefreshed0043', expires_in: 3599, token_type: 'Bearer' },
			]);
			const who = nock(DRIVE)
				.get('/oauth2/v3/userinfo')
				.matchHeader('authorization', 'Bearer ya29.a0AfB_byRefreshed0043')
				.reply(200, { email: 'ada@acme.example' });
			const seen = sheetsKit.fake(['GET', 200, valueRange]);
			const res = await runWith(expiringIn(2 * 60_000));
			expect(res.error).toBeUndefined();
			expect(who.isDone()).toBe(true);
			expect(forms).toEqual([
				{
					grant_type: 'refresh_token',
					refresh_token: '1//0gUserRefreshToken0042',
					client_id: oauth.clientId,
					client_secret: oauth.clientSecret,
				},
			]);
			expect(seen.map((s) => [s.uri, s.headers.authorization])).toEqual([
				[`/v4/spreadsheets/${SID}/values/Sheet1%21A1%3AB2`, 'Bearer ya29.a0AfB_byRefreshed0043'],
			]);
			expect(json(res)).toEqual([valueRange]);
		});

		it("an expired token whose refresh Google answers invalid_grant: nothing sent, reconnect, and Google's reasons (revoked, password, 7 days in Testing)", async () => {
			const forms = tokenEndpoint([
				400,
				{ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
			]);
			const seen = sheetsKit.fake();
			const { error } = await runWith(expiringIn(-60_000));
			expect(forms).toHaveLength(1);
			expect(seen).toEqual([]);
			expect(error?.message).toMatch(
				/^The Google Sheets access token of credential "Google Ada" expired and could not be refreshed: /,
			);
			expect(error?.description).toBe(
				`Open the credential "Google Ada" in n8n and reconnect it (the provider no longer accepts its refresh token), then run the workflow again. ${GOOGLE_RECONNECT_REASONS}`,
			);
			for (const reason of [
				"removed the app's access",
				'changed the password',
				'after 7 days when the OAuth consent screen is in "Testing"',
			])
				expect(error?.description).toContain(reason);
			expect(JSON.stringify(error)).not.toContain('1//0gUserRefreshToken0042');
		});
	});

	describe("errors in Google's words", () => {
		it('403 ACCESS_TOKEN_SCOPE_INSUFFICIENT: names the scope the operation needs', async () => {
			sheetsKit.fake(['GET', 403, GOOGLE_SCOPE_INSUFFICIENT]);
			const { error } = await sheets(readRange);
			expect(error?.message).toBe(
				'Google Sheets: 403 Forbidden – Request had insufficient authentication scopes.',
			);
			expect(error?.description).toContain('https://www.googleapis.com/auth/spreadsheets');
		});

		it('403 SERVICE_DISABLED: enable the API in the Cloud project', async () => {
			sheetsKit.fake([
				'GET',
				403,
				{
					error: {
						code: 403,
						message:
							'Google Sheets API has not been used in project 1234567890 before or it is disabled.',
						status: 'PERMISSION_DENIED',
						details: [
							{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'SERVICE_DISABLED' },
						],
					},
				},
			]);
			const { error } = await sheets(readRange);
			expect(error?.description).toContain('APIs & Services → Library');
		});

		it('400 INVALID_ARGUMENT: the range Google could not parse, in its words', async () => {
			sheetsKit.fake([
				'GET',
				400,
				{
					error: {
						code: 400,
						message: 'Unable to parse range: Shet1!A1:B2',
						status: 'INVALID_ARGUMENT',
					},
				},
			]);
			const { error } = await sheets({ ...readRange, range: 'Shet1!A1:B2' });
			expect(error?.message).toBe(
				'Google Sheets: 400 Bad Request – Unable to parse range: Shet1!A1:B2',
			);
		});

		it('429 RESOURCE_EXHAUSTED (Sheets per-minute quota): waits and sends again', async () => {
			const start = sheetsKit.clock.now();
			const seen = sheetsKit.fake(
				[
					'GET',
					429,
					{
						error: {
							code: 429,
							message:
								"Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com'.",
							status: 'RESOURCE_EXHAUSTED',
						},
					},
				],
				['GET', 200, valueRange],
			);
			const res = await sheets(readRange);
			expect(res.error).toBeUndefined();
			expect(seen).toHaveLength(2);
			expect(sheetsKit.clock.now()).toBeGreaterThan(start);
		});

		it('403 userRateLimitExceeded (Drive) is throttling, not a refusal: waits and sends again', async () => {
			const drv = nock(DRIVE)
				.get(/\/drive\/v3\/files\/abc/)
				.reply(403, {
					error: {
						code: 403,
						message: 'User Rate Limit Exceeded',
						errors: [
							{
								domain: 'usageLimits',
								reason: 'userRateLimitExceeded',
								message: 'User Rate Limit Exceeded',
							},
						],
					},
				})
				.get(/\/drive\/v3\/files\/abc/)
				.reply(200, { id: 'abc', name: 'Plan', mimeType: 'text/plain' });
			const start = sheetsKit.clock.now();
			const res = await drive({ resource: 'file', operation: 'get', fileId: 'abc' });
			expect(res.error).toBeUndefined();
			expect(drv.isDone()).toBe(true);
			expect(json(res)).toEqual([{ id: 'abc', name: 'Plan', mimeType: 'text/plain' }]);
			expect(sheetsKit.clock.now()).toBeGreaterThan(start);
		});

		it('403 rateLimitExceeded (the project quota, in errors[]) and RATE_LIMIT_EXCEEDED (in details[]) wait and are sent again; 403 dailyLimitExceeded is sent once and fails', async () => {
			const projectQuota = {
				error: {
					code: 403,
					message: 'Rate Limit Exceeded',
					errors: [
						{ domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' },
					],
				},
			};
			const newShape = {
				error: {
					code: 403,
					message:
						"Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service 'sheets.googleapis.com'.",
					status: 'PERMISSION_DENIED',
					details: [
						{
							'@type': 'type.googleapis.com/google.rpc.ErrorInfo',
							reason: 'RATE_LIMIT_EXCEEDED',
							domain: 'googleapis.com',
						},
					],
				},
			};
			const start = sheetsKit.clock.now();
			const seen = sheetsKit.fake(
				['GET', 403, projectQuota],
				['GET', 200, valueRange],
				['GET', 403, newShape],
				['GET', 200, valueRange],
			);
			const first = await sheets(readRange);
			const second = await sheets(readRange);
			expect([first.error, second.error]).toEqual([undefined, undefined]);
			expect(seen.map((s) => s.uri)).toEqual(
				Array(4).fill(`/v4/spreadsheets/${SID}/values/Sheet1%21A1%3AB2`),
			);
			expect([json(first), json(second)]).toEqual([[valueRange], [valueRange]]);
			expect(sheetsKit.clock.now()).toBeGreaterThan(start);

			const daily = sheetsKit.fake([
				'GET',
				403,
				{
					error: {
						code: 403,
						message: 'Daily Limit Exceeded',
						errors: [
							{
								domain: 'usageLimits',
								reason: 'dailyLimitExceeded',
								message: 'Daily Limit Exceeded',
							},
						],
					},
				},
			]);
			const { error } = await sheets(readRange);
			expect(daily).toHaveLength(1);
			expect(error?.message).toBe('Google Sheets: 403 Forbidden – Daily Limit Exceeded');
			expect(error?.description).toContain(
				'Wait for the quota to refill (daily quotas reset at midnight Pacific time)',
			);
		});

		it('403 storageQuotaExceeded and 403 PERMISSION_DENIED on a file: sent once each, the cause and the fix', async () => {
			const storage = nock(DRIVE)
				.post('/drive/v3/files/abc/copy')
				.query(true)
				.reply(403, {
					error: {
						code: 403,
						message: "The user's Drive storage quota has been exceeded.",
						errors: [
							{
								domain: 'usageLimits',
								reason: 'storageQuotaExceeded',
								message: "The user's Drive storage quota has been exceeded.",
							},
						],
					},
				});
			const full = await drive({ resource: 'file', operation: 'copy', fileId: 'abc' });
			expect(storage.isDone()).toBe(true);
			expect(full.error?.message).toBe(
				"Google Drive: 403 Forbidden – The user's Drive storage quota has been exceeded.",
			);
			expect(full.error?.description).toContain(
				'Free space in Google Drive (empty the trash) or buy more storage',
			);
			const denied = sheetsKit.fake([
				'GET',
				403,
				{
					error: {
						code: 403,
						message: 'The caller does not have permission',
						status: 'PERMISSION_DENIED',
					},
				},
			]);
			const { error } = await sheets(readRange);
			expect(denied).toHaveLength(1);
			expect(error?.message).toBe(
				'Google Sheets: 403 Forbidden – The caller does not have permission',
			);
			expect(error?.description).toContain(
				'Share the file or folder with that account (a service account: with its e-mail address)',
			);
		});

		it("404 notFound (Drive): Google's sentence and the file id", async () => {
			nock(DRIVE)
				.get(/\/drive\/v3\/files\/nope/)
				.reply(404, {
					error: {
						code: 404,
						message: 'File not found: nope.',
						errors: [
							{
								domain: 'global',
								reason: 'notFound',
								message: 'File not found: nope.',
								locationType: 'parameter',
								location: 'fileId',
							},
						],
					},
				});
			const { error } = await drive({ resource: 'file', operation: 'get', fileId: 'nope' });
			expect(error?.message).toBe('Google Drive: 404 Not Found – File not found: nope.');
			expect(error?.description).toContain('nope');
		});
	});

	describe('rows as items', () => {
		const table = {
			range: 'Inventory!A1:Z1000',
			majorDimension: 'ROWS',
			values: [['Title'], ['Item', 'Cost'], ['Wheel', '$20.50']],
		};

		it('Header Row 2: the keys come from row 2, row numbers count from there', async () => {
			sheetsKit.fake(['GET', 200, table]);
			const res = await sheets({
				resource: 'row',
				operation: 'getMany',
				spreadsheetId: SID,
				sheetName: 'Inventory',
				additionalFields: { headerRow: 2 },
			});
			expect(json(res)).toEqual([{ row_number: 3, Item: 'Wheel', Cost: '$20.50' }]);
		});

		it('Return All / Limit: one read of the whole sheet (values.get has no paging), the first Limit data rows kept', async () => {
			const long = {
				range: 'Inventory!A1:Z1000',
				majorDimension: 'ROWS',
				values: [['Item', 'Cost'], ['Wheel', '$20.50'], [], ['Door', '$15'], ['Seat', '$35']],
			};
			const seen = sheetsKit.fake(['GET', 200, long], ['GET', 200, long], ['GET', 200, long]);
			const rows = { resource: 'row', spreadsheetId: SID, sheetName: 'Inventory' };
			const limited = await sheets({ ...rows, operation: 'getMany', returnAll: false, limit: 2 });
			const all = await sheets({ ...rows, operation: 'getMany', returnAll: true, limit: 1 });
			const lookup = await sheets({
				...rows,
				operation: 'lookup',
				lookupColumn: 'Cost',
				lookupValue: '$15',
				limit: 1,
			});
			expect(seen.map((s) => s.uri)).toEqual(
				Array(3).fill(`/v4/spreadsheets/${SID}/values/%27Inventory%27?majorDimension=ROWS`),
			);
			expect(json(limited)).toEqual([
				{ row_number: 2, Item: 'Wheel', Cost: '$20.50' },
				{ row_number: 4, Item: 'Door', Cost: '$15' },
			]);
			expect(json(all).map((r) => r.row_number)).toEqual([2, 4, 5]);
			expect(json(lookup)).toEqual([{ row_number: 4, Item: 'Door', Cost: '$15' }]);
		});

		it('Look Up on a column the header does not have: names the columns it has, sends nothing more', async () => {
			const seen = sheetsKit.fake(['GET', 200, table]);
			const { error } = await sheets({
				resource: 'row',
				operation: 'lookup',
				spreadsheetId: SID,
				sheetName: 'Inventory',
				lookupColumn: 'Price',
				lookupValue: '1',
			});
			expect(seen).toHaveLength(1);
			expect(error?.message).toBe('The sheet has no column "Price" in its header row.');
			expect(error?.description).toContain('Title');
		});

		it('Append with a key that is no header: refused before the append', async () => {
			const seen = sheetsKit.fake(['GET', 200, table]);
			const { error } = await sheets({
				resource: 'row',
				operation: 'append',
				spreadsheetId: SID,
				sheetName: "Q1 'Stock'",
				row: '{"Item": "Seat", "Colour": "red"}',
				additionalFields: { headerRow: 2 },
			});
			expect(seen.map((s) => s.uri)).toEqual([
				`/v4/spreadsheets/${SID}/values/%27Q1%20%27%27Stock%27%27%27?majorDimension=ROWS`,
			]);
			expect(error?.message).toBe('The sheet has no column "Colour" in its header row.');
		});
	});

	describe('Drive uploads and downloads', () => {
		it('beyond 5 MB: a resumable session, then 8 MiB chunks with Content-Range, 308 until the last', async () => {
			const size = 9 * 1024 * 1024;
			const bytes = Buffer.alloc(size, 7);
			const session = `${DRIVE}/upload/drive/v3/files?uploadType=resumable&upload_id=ADPycdsession42`;
			const created = {
				id: '1Big',
				name: 'backup.tar',
				mimeType: 'application/x-tar',
				size: String(size),
			};
			const seen: Array<{ method: string; uri: string; headers: IDataObject; length: number }> = [];
			const record = function (this: nock.ReplyFnContext, uri: string, body: nock.Body) {
				seen.push({
					method: this.req.method,
					uri,
					headers: this.req.headers as IDataObject,
					length: Buffer.byteLength(body as string, 'hex'),
				});
			};
			nock(DRIVE)
				.post('/upload/drive/v3/files')
				.query(true)
				.reply(function (uri, body) {
					record.call(this, uri, '');
					expect(body).toEqual({ name: 'backup.tar', parents: ['0Bfolder'] });
					return [200, '', { location: session }];
				})
				.put('/upload/drive/v3/files')
				.query(true)
				.reply(function (uri, body) {
					record.call(this, uri, body);
					return [308, '', { range: 'bytes=0-8388607' }];
				})
				.put('/upload/drive/v3/files')
				.query(true)
				.reply(function (uri, body) {
					record.call(this, uri, body);
					return [200, created];
				});
			const res = await sheetsKit.run(
				'googleDrive',
				{
					resource: 'file',
					operation: 'upload',
					binaryPropertyName: 'data',
					additionalFields: { parents: '0Bfolder' },
				} as never,
				{
					input: [
						{
							json: {},
							binary: {
								data: {
									data: bytes.toString('base64'),
									mimeType: 'application/x-tar',
									fileName: 'backup.tar',
								},
							},
						},
					],
				},
			);
			expect(res.error).toBeUndefined();
			expect(json(res)).toEqual([created]);
			expect(seen.map((s) => [s.method, s.uri])).toEqual([
				[
					'POST',
					'/upload/drive/v3/files?uploadType=resumable&supportsAllDrives=true&fields=id%2Cname%2CmimeType%2Cparents%2Csize%2CcreatedTime%2CmodifiedTime%2CwebViewLink%2Ctrashed%2CdriveId',
				],
				['PUT', '/upload/drive/v3/files?uploadType=resumable&upload_id=ADPycdsession42'],
				['PUT', '/upload/drive/v3/files?uploadType=resumable&upload_id=ADPycdsession42'],
			]);
			expect(seen[0].headers['x-upload-content-type']).toBe('application/x-tar');
			expect(seen[0].headers['x-upload-content-length']).toBe(String(size));
			expect(seen.slice(1).map((s) => s.headers['content-range'])).toEqual([
				`bytes 0-8388607/${size}`,
				`bytes 8388608-${size - 1}/${size}`,
			]);
			expect(
				seen.every(
					(s) => s.headers.authorization === `Bearer ${oauth.oauthTokenData.access_token}`,
				),
			).toBe(true);
		});

		it('a session URL on another origin is refused: the bytes and the token never go there', async () => {
			nock(DRIVE)
				.post('/upload/drive/v3/files')
				.query(true)
				.reply(200, '', { location: 'https://upload.evil.example/session' });
			const bytes = Buffer.alloc(6 * 1024 * 1024, 1);
			const { error } = await sheetsKit.run(
				'googleDrive',
				{ resource: 'file', operation: 'upload', binaryPropertyName: 'data' } as never,
				{
					input: [
						{
							json: {},
							binary: {
								data: {
									data: bytes.toString('base64'),
									mimeType: 'application/zip',
									fileName: 'a.zip',
								},
							},
						},
					],
				},
			);
			expect(error?.message).toContain('started no resumable upload session');
		});

		it('Export of a file that is not a Google Docs type: refused after reading its type, nothing downloaded', async () => {
			const scope = nock(DRIVE)
				.get(/\/drive\/v3\/files\/pdf1/)
				.reply(200, { id: 'pdf1', name: 'a.pdf', mimeType: 'application/pdf' });
			const { error } = await drive({
				resource: 'file',
				operation: 'export',
				fileId: 'pdf1',
				exportMimeType: 'application/pdf',
				binaryPropertyName: 'data',
			});
			expect(scope.isDone()).toBe(true);
			expect(error?.message).toBe(
				'"a.pdf" is not a Google Docs, Sheets, Slides or Drawings file (application/pdf): only those are exported.',
			);
		});

		it('Download of a Google Sheet exports it (XLSX chosen), with the extension in the file name', async () => {
			nock(DRIVE)
				.get(/\/drive\/v3\/files\/sheet1\?/)
				.reply(200, {
					id: 'sheet1',
					name: 'Budget',
					mimeType: 'application/vnd.google-apps.spreadsheet',
				})
				.get('/drive/v3/files/sheet1/export')
				.query({ mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
				.reply(200, Buffer.from('PK xlsx'));
			const res = await drive({
				resource: 'file',
				operation: 'download',
				fileId: 'sheet1',
				binaryPropertyName: 'data',
				additionalFields: {
					exportMimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				},
			});
			expect(res.error).toBeUndefined();
			expect(res.outputs[0][0].binary?.data).toMatchObject({
				fileName: 'Budget.xlsx',
				fileExtension: 'xlsx',
			});
			expect(res.outputs[0][0].json.exportedAs).toBe('Excel (XLSX)');
		});
	});
});
