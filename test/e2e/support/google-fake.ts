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
	/** Each moved file's folder (a file not listed is in My Drive's root). */
	readonly parents = new Map<string, string>();
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
		const moved = /^(GET|PATCH) \/drive\/v3\/files\/([^/]+)$/.exec(key);
		if (moved) {
			const id = decodeURIComponent(moved[2]);
			if (moved[1] === 'GET')
				return [200, { parents: [this.parents.get(id) ?? '0Ae2eMyDriveRoot'] }];
			// Drive allows one parent: adding one without removing the current one is refused.
			if (r.query.removeParents !== (this.parents.get(id) ?? '0Ae2eMyDriveRoot'))
				return error(403, 'PERMISSION_DENIED', 'Increasing the number of parents is not allowed.');
			this.parents.set(id, String(r.query.addParents));
			return [200, { id, parents: [this.parents.get(id)] }];
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

export const GOOGLE_DOC_ID = '1e2eFakeDoc0mB0cG7wCvN0-2XkGtqaL3nVxJ7yOa';

/**
 * The Docs API v1: documents kept as their text (Google's model: every paragraph ends with "\n", the body's
 * first index is 1 after a section break), each change a new revision, `{error}` bodies for what it refuses.
 */
export class GoogleDocsFake extends ServiceFake {
	readonly origin = 'https://docs.googleapis.com';
	private readonly docs = new Map<string, { title: string; text: string; revision: number }>();

	private document(id: string) {
		const doc = this.docs.get(id)!;
		let at = 1;
		const content: unknown[] = [
			{ endIndex: 1, sectionBreak: { sectionStyle: { sectionType: 'CONTINUOUS' } } },
		];
		for (const line of doc.text.split(/(?<=\n)/)) {
			const end = at + line.length;
			content.push({
				startIndex: at,
				endIndex: end,
				paragraph: {
					elements: [{ startIndex: at, endIndex: end, textRun: { content: line, textStyle: {} } }],
					paragraphStyle: { namedStyleType: 'NORMAL_TEXT' },
				},
			});
			at = end;
		}
		return {
			documentId: id,
			title: doc.title,
			body: { content },
			revisionId: `e2eRev${doc.revision}`,
			suggestionsViewMode: 'SUGGESTIONS_INLINE',
		};
	}

	protected route(r: RecordedRequest): Answer {
		if (!tokens.has(String(r.headers.authorization))) return unauthenticated();
		if (r.method === 'POST' && r.path === '/v1/documents') {
			const { title } = JSON.parse(r.body || '{}') as { title?: string };
			this.docs.set(GOOGLE_DOC_ID, {
				title: title ?? 'Untitled document',
				text: '\n',
				revision: 1,
			});
			return [200, this.document(GOOGLE_DOC_ID)];
		}
		const m = /^\/v1\/documents\/([^/:]+)(:batchUpdate)?$/.exec(r.path);
		const doc = m && this.docs.get(decodeURIComponent(m[1]));
		if (!m || !doc) return error(404, 'NOT_FOUND', 'Requested entity was not found.');
		const id = decodeURIComponent(m[1]);
		if (r.method === 'GET' && !m[2]) return [200, this.document(id)];
		if (r.method !== 'POST' || !m[2]) return error(404, 'NOT_FOUND', 'Not Found');
		const body = JSON.parse(r.body || '{}') as {
			requests?: Array<{ insertText?: { text?: string; endOfSegmentLocation?: object } }>;
			writeControl?: { requiredRevisionId?: string };
		};
		const required = body.writeControl?.requiredRevisionId;
		if (required && required !== `e2eRev${doc.revision}`)
			return error(
				400,
				'INVALID_ARGUMENT',
				'The document was changed since the required revision.',
			);
		const replies: object[] = [];
		for (const request of body.requests ?? []) {
			const insert = request.insertText;
			if (!insert?.endOfSegmentLocation || typeof insert.text !== 'string')
				return error(
					400,
					'INVALID_ARGUMENT',
					'This fake takes insertText at endOfSegmentLocation only.',
				);
			// The end of the body is before its last newline.
			doc.text = `${doc.text.slice(0, -1)}${insert.text}\n`;
			replies.push({});
		}
		doc.revision += 1;
		return [
			200,
			{ replies, writeControl: { requiredRevisionId: `e2eRev${doc.revision}` }, documentId: id },
		];
	}
}

/** A message of the Gmail fake's mailbox, as messages.get (format=full) answers it. */
export interface GmailFakeMessage {
	id: string;
	threadId: string;
	labelIds: string[];
	snippet: string;
	historyId: string;
	internalDate: string;
	payload: Record<string, unknown>;
}

/** A plain-text inbox message, as Gmail's format=full shows it. */
export function gmailInboxMessage(
	id: string,
	historyId: string,
	subject: string,
): GmailFakeMessage {
	const text = `Hello from ${subject}`;
	return {
		id,
		threadId: id,
		labelIds: ['INBOX', 'UNREAD'],
		snippet: text,
		historyId,
		internalDate: '1796299200000',
		payload: {
			partId: '',
			mimeType: 'text/plain',
			filename: '',
			headers: [
				{ name: 'From', value: 'Billing <billing@example.com>' },
				{ name: 'To', value: GOOGLE_USER.email },
				{ name: 'Subject', value: subject },
				{ name: 'Message-ID', value: `<${id}@mail.example.com>` },
				{ name: 'Content-Type', value: 'text/plain; charset="UTF-8"' },
			],
			body: { size: text.length, data: Buffer.from(text).toString('base64url') },
		},
	};
}

/**
 * Gmail API v1 on `gmail.googleapis.com` for the user the service account acts for (`/gmail/v1/users/me`):
 * `messages/send` (the `raw` RFC 2822 message decoded and kept), `messages/{id}` (format=full), `messages` (list),
 * `profile` (the mailbox's historyId) and `history` (the `messageAdded` records after `startHistoryId`; an id
 * older than the kept history answers 404, as Gmail does). `deliver()` puts a new message into the inbox.
 */
export class GmailFake extends ServiceFake {
	readonly origin = 'https://gmail.googleapis.com';
	/** The decoded RFC 2822 messages sent. */
	readonly sent: string[] = [];
	readonly messages = new Map<string, GmailFakeMessage>();
	/** `messageAdded` history records, oldest first. */
	readonly history: Array<{ id: string; message: GmailFakeMessage }> = [];
	historyId = 5000;
	/** The oldest startHistoryId still answered. */
	oldestHistoryId = 4000;

	constructor() {
		super();
		// A message already in the inbox before the suite starts (not in the history the trigger reads).
		this.messages.set('e2eInbox0', gmailInboxMessage('e2eInbox0', '5000', 'Welcome'));
	}

	deliver(message: GmailFakeMessage): void {
		this.historyId += 1;
		message.historyId = String(this.historyId);
		this.messages.set(message.id, message);
		this.history.push({ id: String(this.historyId), message });
	}

	protected route(r: RecordedRequest): Answer {
		if (r.headers.authorization !== `Bearer ${GOOGLE_SA_TOKEN}`) return unauthenticated();
		const prefix = '/gmail/v1/users/me/';
		if (!r.path.startsWith(prefix)) return error(404, 'NOT_FOUND', 'Not Found');
		const rest = r.path.slice(prefix.length);
		const key = `${r.method} ${rest}`;
		if (key === 'GET profile')
			return [
				200,
				{
					emailAddress: GOOGLE_USER.email,
					messagesTotal: this.messages.size,
					threadsTotal: this.messages.size,
					historyId: String(this.historyId),
				},
			];
		if (key === 'POST messages/send') {
			const body = JSON.parse(r.body || '{}') as { raw?: string; threadId?: string };
			if (!body.raw || !/^[A-Za-z0-9_-]+$/.test(body.raw))
				return error(400, 'INVALID_ARGUMENT', "Invalid value for ByteString: 'raw'");
			this.sent.push(Buffer.from(body.raw, 'base64url').toString('utf8'));
			const id = `e2eSent${this.sent.length}`;
			return [200, { id, threadId: body.threadId ?? id, labelIds: ['SENT'] }];
		}
		if (key === 'GET history') {
			const start = Number(r.query.startHistoryId);
			if (!Number.isFinite(start) || start < this.oldestHistoryId)
				return error(404, 'NOT_FOUND', 'Requested entity was not found.');
			const label = r.query.labelId;
			const records = this.history
				.filter((h) => Number(h.id) > start)
				.filter((h) => !label || h.message.labelIds.includes(String(label)))
				.map((h) => ({
					id: h.id,
					messages: [{ id: h.message.id, threadId: h.message.threadId }],
					messagesAdded: [
						{
							message: {
								id: h.message.id,
								threadId: h.message.threadId,
								labelIds: h.message.labelIds,
							},
						},
					],
				}));
			return [
				200,
				{ ...(records.length ? { history: records } : {}), historyId: String(this.historyId) },
			];
		}
		if (key === 'GET messages') {
			const list = [...this.messages.values()].reverse();
			return [
				200,
				{
					...(list.length
						? { messages: list.map((m) => ({ id: m.id, threadId: m.threadId })) }
						: {}),
					resultSizeEstimate: list.length,
				},
			];
		}
		const one = /^messages\/([^/]+)$/.exec(rest);
		if (r.method === 'GET' && one) {
			const message = this.messages.get(decodeURIComponent(one[1]));
			if (!message) return error(404, 'NOT_FOUND', 'Requested entity was not found.');
			return [200, message];
		}
		return error(404, 'NOT_FOUND', 'Not Found');
	}
}
