/**
 * Loopback fakes of Microsoft Graph v1.0 and of SharePoint's pre-authenticated download host for the
 * end-to-end suite, reached through the origin map, answering as Graph's reference documents: `sendMail` → 202
 * with no body; a folder's messages in pages joined by `@odata.nextLink` (a full URL on graph.microsoft.com,
 * `$skip` in it); a drive item by path (`/me/drive/root:/{path}:`, each segment percent-encoded); a file's
 * `/content` → 302 to a `download.aspx?…&tempauth=…` URL on contoso-my.sharepoint.com, which must be fetched
 * without the Microsoft token (the SharePoint fake answers 401 to any request that carries one). Errors are
 * Graph's `{"error": {"code", "message", "innerError"}}`. Kept apart from service-fakes.ts.
 *
 * Excel and `$batch`: a folder's children; `POST /v1.0/$batch` answering each `GET /me/drive/items/{id}`
 * sub-request in reverse order (Graph's answers come in any order); a workbook by path whose
 * `createSession`/`closeSession` and table rows refuse a call without the session's `workbook-session-id`.
 */
import { randomUUID } from 'node:crypto';

import type { RecordedRequest } from './fake-api';
import { ServiceFake, type Answer } from './service-fakes';

export const GRAPH_ORIGIN = 'https://graph.microsoft.com';
export const SHAREPOINT_ORIGIN = 'https://e2e-contoso-my.sharepoint.com';
export const MICROSOFT_TOKEN = 'EwBwA8l6BAAUe2eFakeMicrosoftGraphAccessToken';
export const MICROSOFT_REFRESH_TOKEN = 'M.C507_BAY.e2eFakeMicrosoftRefreshToken';
export const MICROSOFT_CLIENT_SECRET = 'Nse8Q~e2eFakeMicrosoftClientSecretValue';
export const SHAREPOINT_TEMPAUTH = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.e2eFakeTempauth';
export const MICROSOFT_USER = {
	id: '48d31887-5fad-4d73-a9f5-3c356e68a038',
	displayName: 'E2E Megan Bowen',
	mail: 'e2e.megan@contoso.example',
	userPrincipalName: 'e2e.megan@contoso.example',
};
export const DRIVE_FILE = {
	id: '01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K',
	name: 'Q1 budget.csv',
	size: 27,
	file: { mimeType: 'text/csv' },
	parentReference: {
		driveId: 'b!e2eDrive',
		id: '01BYE5RZ56Y2GOVW7725BZO354PWSELRRZ',
		path: '/drive/root:/Reports',
	},
};
export const DRIVE_FILE_BYTES = 'month,amount\nJan,1200\nFeb,9';

const graphError = (status: number, code: string, message: string): Answer => [
	status,
	{
		error: {
			code,
			message,
			innerError: { date: '2026-03-02T09:12:42', 'request-id': 'e2e-request-id' },
		},
	},
	{ 'request-id': 'e2e-request-id' },
];

const message = (n: number, subject: string) => ({
	id: `AAMkE2E${n}`,
	subject,
	isRead: false,
	from: { emailAddress: { name: 'Adele Vance', address: 'adele@contoso.example' } },
});

/** The message a change notification announces (fetched by the trigger with `GET /{resource}`). */
export const NOTIFIED_MESSAGE = {
	id: 'AAMkE2ENotified1',
	subject: 'Invoice 2026-03',
	isRead: false,
	from: { emailAddress: { name: 'Adele Vance', address: 'adele@contoso.example' } },
};
const NOTIFIED_RESOURCE = `Users/${MICROSOFT_USER.id}/Messages/${NOTIFIED_MESSAGE.id}`;

interface Subscription {
	id: string;
	resource: string;
	changeType: string;
	notificationUrl: string;
	lifecycleNotificationUrl: string;
	clientState: string;
	expirationDateTime: string;
}
export const REPORTS_FOLDER = '01BYE5RZ56Y2GOVW7725BZO354PWSELRRZ';
export const REPORT_FILES = [
	{ id: '01BYE5RZE2EFILE0000000000001', name: 'North.csv', size: 120 },
	{ id: '01BYE5RZE2EFILE0000000000002', name: 'South.csv', size: 95 },
	{ id: '01BYE5RZE2EFILE0000000000003', name: 'East.csv', size: 131 },
];
export const WORKBOOK = '/v1.0/me/drive/root:/Reports/Q1%20budget.xlsx:/workbook';
export const WORKBOOK_SESSION = 'cluster=PS5&session=15.E2E.A82.1&usid=e2e-session';

export class GraphFake extends ServiceFake {
	readonly origin = GRAPH_ORIGIN;
	readonly sent: unknown[] = [];
	/** The live subscription (one at a time in this suite). */
	subscription: Subscription | undefined;
	/** What the trigger answered to each validation POST (status, content type, body). */
	readonly validations: Array<{ status: number; type: string; text: string }> = [];
	/** The sub-requests of each `$batch`, as sent. */
	readonly batches: unknown[][] = [];
	/** Rows added to the workbook's table, in order; sessions opened and closed. */
	readonly rows: unknown[][] = [];
	readonly sessions = { opened: 0, closed: 0 };

	private workbook(r: RecordedRequest, raw: string): Answer | undefined {
		if (!raw.startsWith(WORKBOOK + '/')) return undefined;
		const action = `${r.method} ${raw.slice(WORKBOOK.length)}`;
		if (action === 'POST /createSession') {
			this.sessions.opened++;
			return [201, { id: WORKBOOK_SESSION, persistChanges: true }];
		}
		if (r.headers['workbook-session-id'] !== WORKBOOK_SESSION)
			return graphError(400, 'InvalidSessionReCreatable', 'The session is not valid.');
		if (action === 'POST /closeSession') {
			this.sessions.closed++;
			return [204];
		}
		if (action === 'POST /tables/Sales/rows') {
			const { values } = JSON.parse(r.body || '{}') as { values: unknown[][] };
			const index = this.rows.length;
			this.rows.push(...values);
			return [201, { index, values }];
		}
		return undefined;
	}

	/** A change notification for the subscription, as Graph posts it (its clientState, or another one). */
	notification(clientState = this.subscription?.clientState ?? ''): string {
		return JSON.stringify({
			value: [
				{
					subscriptionId: this.subscription?.id,
					subscriptionExpirationDateTime: this.subscription?.expirationDateTime,
					changeType: 'created',
					resource: NOTIFIED_RESOURCE,
					resourceData: {
						'@odata.type': '#Microsoft.Graph.Message',
						'@odata.id': NOTIFIED_RESOURCE,
						'@odata.etag': 'W/"CQAAABYAAADkrWGo7bouTKlsgTZMr9KwAAAUWRHf"',
						id: NOTIFIED_MESSAGE.id,
					},
					clientState,
					tenantId: '84bd8158-6d4d-4958-8b9f-9d6445542f95',
				},
			],
		});
	}

	/**
	 * `POST /subscriptions` as Graph does it: both URLs validated first (`POST ?validationToken=…`, which must come
	 * back within 10 s as text/plain, decoded), else 400 `ValidationError`; then 201 with the subscription.
	 */
	private async subscribe(r: RecordedRequest): Promise<Answer> {
		const body = JSON.parse(r.body || '{}') as Partial<Subscription>;
		if (!body.notificationUrl || !body.resource || !body.changeType || !body.expirationDateTime)
			return graphError(400, 'InvalidRequest', 'Missing subscription properties.');
		if (!body.clientState || body.clientState.length > 128)
			return graphError(400, 'InvalidRequest', 'clientState is required (at most 128 characters).');
		for (const target of new Set([body.notificationUrl, body.lifecycleNotificationUrl ?? ''])) {
			if (!target) continue;
			const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
			const url = new URL(target);
			url.searchParams.set('validationToken', token);
			const answer = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'text/plain; charset=utf-8' },
				signal: AbortSignal.timeout(10_000),
			}).then(
				async (res) => ({
					status: res.status,
					type: res.headers.get('content-type') ?? '',
					text: await res.text(),
				}),
				(error: Error) => ({ status: 0, type: '', text: error.message }),
			);
			this.validations.push(answer);
			if (answer.status !== 200 || answer.text !== token || !answer.type.startsWith('text/plain'))
				return graphError(
					400,
					'ValidationError',
					`Subscription validation request failed. Response must exactly match validationToken query parameter.`,
				);
		}
		this.subscription = {
			id: randomUUID(),
			resource: body.resource,
			changeType: body.changeType,
			notificationUrl: body.notificationUrl,
			lifecycleNotificationUrl: body.lifecycleNotificationUrl ?? '',
			clientState: body.clientState,
			expirationDateTime: body.expirationDateTime,
		};
		return [201, { ...this.subscription }];
	}

	protected route(r: RecordedRequest): Answer | Promise<Answer> {
		if (r.headers.authorization !== `Bearer ${MICROSOFT_TOKEN}`)
			return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
		// The raw target: Graph routes on the encoded path (`root:/Reports/Q1%20budget.csv:`).
		const raw = (r.rawUrl ?? r.path).split('?')[0];
		const key = `${r.method} ${raw}`;
		const workbook = this.workbook(r, raw);
		if (workbook) return workbook;
		if (key === `GET /v1.0/me/drive/items/${REPORTS_FOLDER}/children`)
			return [200, { value: REPORT_FILES }];
		if (key === 'POST /v1.0/$batch') {
			const { requests } = JSON.parse(r.body || '{}') as {
				requests: Array<{ id: string; method: string; url: string }>;
			};
			this.batches.push(requests);
			const answers = requests.map((q) => {
				const file = REPORT_FILES.find(
					(f) => q.method === 'GET' && q.url === `/me/drive/items/${f.id}`,
				);
				return file
					? { id: q.id, status: 200, headers: { 'Content-Type': 'application/json' }, body: file }
					: { id: q.id, status: 404, body: graphError(404, 'itemNotFound', 'Not found.')[1] };
			});
			return [200, { responses: answers.reverse() }];
		}
		if (key === 'GET /v1.0/me') return [200, MICROSOFT_USER];
		if (key === 'POST /v1.0/subscriptions') return this.subscribe(r);
		const sub = this.subscription;
		if (sub && key === `GET /v1.0/subscriptions/${sub.id}`) return [200, sub];
		if (sub && key === `DELETE /v1.0/subscriptions/${sub.id}`) {
			this.subscription = undefined;
			return [204];
		}
		if (key.startsWith('GET /v1.0/subscriptions/') || key.startsWith('DELETE /v1.0/subscriptions/'))
			return graphError(404, 'ResourceNotFound', 'Object was not found.');
		if (key === `GET /v1.0/${NOTIFIED_RESOURCE}`) return [200, NOTIFIED_MESSAGE];
		if (key === 'POST /v1.0/me/sendMail') {
			const body = JSON.parse(r.body || '{}') as {
				message?: { toRecipients?: unknown[]; subject?: string };
			};
			if (!body.message?.toRecipients?.length)
				return graphError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
			this.sent.push(body);
			return [202];
		}
		if (key === 'GET /v1.0/me/mailFolders/inbox/messages') {
			if (r.query.$skip === undefined)
				return [
					200,
					{
						value: [message(1, 'Q1 budget'), message(2, 'Offsite')],
						'@odata.nextLink': `${GRAPH_ORIGIN}/v1.0/me/mailFolders/inbox/messages?%24filter=isRead+eq+false&%24top=${r.query.$top}&%24skip=2`,
					},
				];
			if (r.query.$skip === '2') return [200, { value: [message(3, 'Invoice')] }];
			return graphError(400, 'BadRequest', 'Invalid $skip.');
		}
		if (key === 'GET /v1.0/me/drive/root:/Reports/Q1%20budget.csv:') return [200, DRIVE_FILE];
		if (key === `GET /v1.0/me/drive/items/${DRIVE_FILE.id}`) return [200, DRIVE_FILE];
		if (key === `GET /v1.0/me/drive/items/${DRIVE_FILE.id}/content`)
			return [
				302,
				undefined,
				{
					location: `${SHAREPOINT_ORIGIN}/personal/e2e/_layouts/15/download.aspx?UniqueId=6a77fdd0&tempauth=${SHAREPOINT_TEMPAUTH}&ApiVersion=2.0`,
				},
			];
		return graphError(404, 'itemNotFound', 'The resource could not be found.');
	}
}

/** The pre-authenticated download host: the URL's `tempauth` is the only credential it takes. */
export class SharePointFake extends ServiceFake {
	readonly origin = SHAREPOINT_ORIGIN;

	protected route(r: RecordedRequest): Answer {
		if (r.headers.authorization !== undefined)
			return [
				401,
				{ error: { code: 'unauthenticated', message: 'Unexpected Authorization header.' } },
			];
		if (
			r.method === 'GET' &&
			r.path === '/personal/e2e/_layouts/15/download.aspx' &&
			r.query.tempauth === SHAREPOINT_TEMPAUTH
		)
			return [200, Buffer.from(DRIVE_FILE_BYTES), { 'content-type': 'application/octet-stream' }];
		return [404, { error: { code: 'itemNotFound', message: 'Not found.' } }];
	}
}
