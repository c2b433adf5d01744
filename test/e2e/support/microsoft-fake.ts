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

	protected route(r: RecordedRequest): Answer {
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
