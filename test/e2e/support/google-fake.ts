/**
 * Loopback fakes of Google Workspace for the end-to-end suite, reached through the origin map, answering as
 * Google's API references document: the token endpoint `oauth2.googleapis.com/token` (the service account's
 * JWT bearer grant: the RS256 assertion is verified with the key pair's public half, its claims checked), the
 * Sheets API v4 on `sheets.googleapis.com` (values.get of a whole sheet, values.append) and `www.googleapis.com`
 * (OpenID userinfo for the connection's label; Drive v3 files.list with `nextPageToken` paging and files.create
 * of a folder; Calendar v3 events.insert with a Meet conference; Drive push: changes.getStartPageToken,
 * changes.watch keeping the channel, changes.list from the page token, channels.stop). Errors are Google's `{error: {code, message, status}}`. One Google connection per workspace:
 * the OAuth2 credential and the service account are two workspaces' connections here.
 */
import { createVerify, generateKeyPairSync } from 'node:crypto';

import type { RecordedRequest } from './fake-api';
import { ServiceFake, type Answer } from './service-fakes';

export const GOOGLE_OAUTH_TOKEN = 'ya29.a0e2eFakeGoogleUserAccessToken7f3c';
export const GOOGLE_CLIENT_SECRET = 'GOCSPX-e2eFakeGoogleClientSecret91';
export const GOOGLE_SA_TOKEN = 'ya29.c.e2eFakeGoogleServiceAccountToken42b';
export const GOOGLE_SHEET_ID = '1e2eFakeSheet0BxiMVs0XRA5nFMdKvBdBZjgmUUq';
export const GOOGLE_USER = {
	sub: '110248495921238986420',
	email: 'e2e.ops@acme.example',
	email_verified: true,
};

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
/** The service account's JSON key file, as Google Cloud's console downloads it. */
export const GOOGLE_SA_KEY_FILE = {
	type: 'service_account',
	project_id: 'e2e-acme-automation',
	private_key_id: 'e2e0fake0key0id0a1b2c3d4e5f60718293a4b5c',
	private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
	client_email: 'n8n-e2e@e2e-acme-automation.iam.gserviceaccount.com',
	client_id: '104729384756102938400',
	token_uri: 'https://oauth2.googleapis.com/token',
};

const error = (code: number, status: string, message: string): Answer => [
	code,
	{ error: { code, message, status } },
];
const unauthenticated = () =>
	error(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
const tokens = new Set([`Bearer ${GOOGLE_OAUTH_TOKEN}`, `Bearer ${GOOGLE_SA_TOKEN}`]);

/** The claims of each assertion the token endpoint accepted. */
export const acceptedAssertions: Array<Record<string, unknown>> = [];

export class GoogleTokenFake extends ServiceFake {
	readonly origin = 'https://oauth2.googleapis.com';

	protected route(r: RecordedRequest): Answer {
		if (r.method !== 'POST' || r.path !== '/token') return error(404, 'NOT_FOUND', 'Not Found');
		const form = new URLSearchParams(r.body);
		if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
			return [400, { error: 'unsupported_grant_type', error_description: 'Invalid grant_type.' }];
		const [header, claims, signature] = (form.get('assertion') ?? '').split('.');
		const signed = createVerify('RSA-SHA256')
			.update(`${header}.${claims}`)
			.verify(publicKey, Buffer.from(signature ?? '', 'base64url'));
		if (!signed)
			return [400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }];
		const body = JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, unknown>;
		if (
			body.iss !== GOOGLE_SA_KEY_FILE.client_email ||
			body.aud !== 'https://oauth2.googleapis.com/token'
		)
			return [
				400,
				{ error: 'invalid_grant', error_description: 'Invalid JWT: audience or issuer.' },
			];
		acceptedAssertions.push(body);
		return [200, { access_token: GOOGLE_SA_TOKEN, expires_in: 3599, token_type: 'Bearer' }];
	}
}

const inventory = [
	['Item', 'Cost', 'Stocked'],
	['Wheel', '$20.50', '4'],
	['Door', '$15', '2'],
];

export class GoogleSheetsFake extends ServiceFake {
	readonly origin = 'https://sheets.googleapis.com';
	readonly appended: unknown[][] = [];

	protected route(r: RecordedRequest): Answer {
		if (!tokens.has(String(r.headers.authorization))) return unauthenticated();
		const prefix = `/v4/spreadsheets/${GOOGLE_SHEET_ID}/values/`;
		if (!r.path.startsWith(prefix))
			return error(404, 'NOT_FOUND', 'Requested entity was not found.');
		const range = decodeURIComponent(r.path.slice(prefix.length));
		if (r.method === 'GET' && (range === "'Inventory'" || range === 'Inventory!A1:C3'))
			return [
				200,
				{
					range: 'Inventory!A1:Z1000',
					majorDimension: 'ROWS',
					values: [...inventory, ...this.appended],
				},
			];
		if (r.method === 'POST' && range === "'Inventory'!A1:append") {
			if (!r.query.valueInputOption)
				return error(400, 'INVALID_ARGUMENT', "'valueInputOption' is required but not specified");
			const body = JSON.parse(r.body || '{}') as { values?: unknown[][] };
			this.appended.push(...(body.values ?? []));
			const row = inventory.length + this.appended.length;
			return [
				200,
				{
					spreadsheetId: GOOGLE_SHEET_ID,
					tableRange: `Inventory!A1:C${row - 1}`,
					updates: {
						spreadsheetId: GOOGLE_SHEET_ID,
						updatedRange: `Inventory!A${row}:C${row}`,
						updatedRows: 1,
						updatedColumns: 3,
						updatedCells: 3,
					},
				},
			];
		}
		return error(400, 'INVALID_ARGUMENT', `Unable to parse range: ${range}`);
	}
}

const file = (id: string, name: string) => ({
	id,
	name,
	mimeType: 'application/pdf',
	parents: ['0Be2eFolder'],
	webViewLink: `https://drive.google.com/file/d/${id}/view`,
});

/** A Drive watch channel as `changes.watch` received it, and what Google answered. */
export interface GoogleChannel {
	id: string;
	token: string;
	address: string;
	expiration: number;
	pageToken: string;
	resourceId: string;
}

export const GOOGLE_START_PAGE_TOKEN = '4711';
export const GOOGLE_CHANGED_FILE = file('1e2eChanged', 'Invoice 4.pdf');

export class GoogleApisFake extends ServiceFake {
	readonly origin = 'https://www.googleapis.com';
	/** The live Drive changes channel (undefined once stopped). */
	channel: GoogleChannel | undefined;
	/** Channels stopped, as `channels.stop` received them. */
	readonly stopped: Array<{ id: string; resourceId: string }> = [];

	/** The headers Google sends on a notification of the live channel. */
	notification(state: string, messageNumber: number): Record<string, string> {
		const c = this.channel!;
		return {
			'x-goog-channel-id': c.id,
			'x-goog-channel-token': c.token,
			'x-goog-channel-expiration': new Date(c.expiration).toUTCString(),
			'x-goog-resource-id': c.resourceId,
			'x-goog-resource-state': state,
			'x-goog-resource-uri': `https://www.googleapis.com/drive/v3/changes?alt=json&pageToken=${c.pageToken}`,
			'x-goog-message-number': String(messageNumber),
		};
	}

	protected route(r: RecordedRequest): Answer {
		if (!tokens.has(String(r.headers.authorization))) return unauthenticated();
		const key = `${r.method} ${r.path}`;
		if (key === 'GET /oauth2/v3/userinfo') return [200, GOOGLE_USER];
		const push = this.push(key, r);
		if (push) return push;
		if (key === 'POST /calendar/v3/calendars/primary/events') {
			if (r.query.conferenceDataVersion !== '1')
				return [200, { ...JSON.parse(r.body || '{}'), id: 'e2eEventNoMeet', status: 'confirmed' }];
			const body = JSON.parse(r.body || '{}') as Record<string, unknown>;
			const create = (body.conferenceData as { createRequest: Record<string, unknown> })
				.createRequest;
			return [
				200,
				{
					kind: 'calendar#event',
					...body,
					id: 'e2eEvent0001',
					status: 'confirmed',
					htmlLink: 'https://www.google.com/calendar/event?eid=ZTJlRXZlbnQwMDAx',
					hangoutLink: 'https://meet.google.com/e2e-fake-meet',
					conferenceData: {
						createRequest: { ...create, status: { statusCode: 'success' } },
						entryPoints: [
							{ entryPointType: 'video', uri: 'https://meet.google.com/e2e-fake-meet' },
						],
						conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet' },
						conferenceId: 'e2e-fake-meet',
					},
				},
			];
		}
		if (key === 'GET /drive/v3/files') {
			if (r.query.supportsAllDrives !== 'true')
				return error(400, 'INVALID_ARGUMENT', 'supportsAllDrives expected');
			if (r.query.pageToken === undefined)
				return [
					200,
					{
						nextPageToken: '~!!~e2ePage2',
						incompleteSearch: false,
						files: [file('1e2eA', 'Invoice 1.pdf'), file('1e2eB', 'Invoice 2.pdf')],
					},
				];
			if (r.query.pageToken === '~!!~e2ePage2')
				return [200, { incompleteSearch: false, files: [file('1e2eC', 'Invoice 3.pdf')] }];
			return error(400, 'INVALID_ARGUMENT', 'Invalid page token.');
		}
		if (key === 'POST /drive/v3/files') {
			const body = JSON.parse(r.body || '{}') as Record<string, unknown>;
			return [
				200,
				{
					id: '1e2eNewFolder',
					name: body.name,
					mimeType: body.mimeType,
					parents: body.parents ?? ['root'],
				},
			];
		}
		return error(404, 'NOT_FOUND', 'Not Found');
	}

	/** Drive's push routes: the start page token, the watch, the changes since a page token, the stop. */
	private push(key: string, r: RecordedRequest): Answer | undefined {
		if (key === 'GET /drive/v3/changes/startPageToken')
			return [200, { kind: 'drive#startPageToken', startPageToken: GOOGLE_START_PAGE_TOKEN }];
		if (key === 'POST /drive/v3/changes/watch') {
			const body = JSON.parse(r.body || '{}') as Record<string, unknown>;
			if (body.type !== 'web_hook' || typeof body.id !== 'string' || typeof body.token !== 'string')
				return error(400, 'INVALID_ARGUMENT', 'Invalid channel.');
			this.channel = {
				id: body.id,
				token: body.token,
				address: String(body.address),
				expiration: Number(body.expiration),
				pageToken: String(r.query.pageToken),
				resourceId: 'e2eResource0001',
			};
			return [
				200,
				{
					kind: 'api#channel',
					id: body.id,
					resourceId: this.channel.resourceId,
					resourceUri: `https://www.googleapis.com/drive/v3/changes?alt=json&pageToken=${this.channel.pageToken}`,
					expiration: String(this.channel.expiration),
				},
			];
		}
		if (key === 'GET /drive/v3/changes') {
			if (r.query.pageToken === GOOGLE_START_PAGE_TOKEN)
				return [
					200,
					{
						kind: 'drive#changeList',
						newStartPageToken: '4712',
						changes: [
							{
								kind: 'drive#change',
								changeType: 'file',
								removed: false,
								fileId: GOOGLE_CHANGED_FILE.id,
								time: '2026-12-03T12:00:00.000Z',
								file: GOOGLE_CHANGED_FILE,
							},
						],
					},
				];
			return [
				200,
				{ kind: 'drive#changeList', newStartPageToken: String(r.query.pageToken), changes: [] },
			];
		}
		if (key === 'POST /drive/v3/channels/stop') {
			const body = JSON.parse(r.body || '{}') as { id: string; resourceId: string };
			if (
				!this.channel ||
				this.channel.id !== body.id ||
				this.channel.resourceId !== body.resourceId
			)
				return error(404, 'NOT_FOUND', `Channel '${body.id}' not found for project`);
			this.stopped.push(body);
			this.channel = undefined;
			return [204];
		}
		return undefined;
	}
}
