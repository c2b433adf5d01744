/**
 * Loopback fake of Jira Cloud's OAuth 2.0 (3LO) gateway for the end-to-end suite, reached through the origin map,
 * answering as Atlassian's REST API v3 reference documents: `https://api.atlassian.com` with
 * `/oauth/token/accessible-resources` and the site's API under `/ex/jira/{cloudId}`, Bearer token only (one Jira
 * connection per workspace: the API-token credential's requests are proven in test/nodes/jira.test.ts). Issues are created with an ADF description, searched through the
 * enhanced `/rest/api/3/search/jql` (two pages joined by `nextPageToken`); errors are `{errorMessages, errors}`.
 * The app's dynamic webhooks (`POST`/`GET`/`DELETE /rest/api/3/webhook`, `PUT /rest/api/3/webhook/refresh`) are
 * kept by id, with a 30-day expiry as Jira gives them.
 * Kept apart from service-fakes.ts so each service's fake is its own file.
 */
import type { RecordedRequest } from './fake-api';
import { ServiceFake, type Answer } from './service-fakes';

export const JIRA_SITE = 'https://e2e-acme.atlassian.net';
export const JIRA_CLOUD_ID = '0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b';
export const JIRA_OAUTH_TOKEN = 'eyJraWQiOiJlMmUtZmFrZS1qaXJhIn0.e2eFakeJiraAccessToken';
export const JIRA_CLIENT_SECRET = 'ATOAe2eFakeJiraClientSecret77';
export const JIRA_WEBHOOK_SECRET = 'e2e-jira-admin-webhook-secret-3b8e';
/** The API token of the admin-webhook trigger's credential (that trigger never calls Jira). */
export const JIRA_API_TOKEN = 'ATATT3xFfGF0e2eFakeJiraApiToken5d1';
export const JIRA_USER = {
	accountId: '5b10a2844c20165700ede21g',
	accountType: 'atlassian',
	active: true,
	displayName: 'E2E Ops',
	emailAddress: 'e2e.ops@acme.example',
	timeZone: 'Europe/Berlin',
};

const issue = (n: number, summary: string) => ({
	id: String(10000 + n),
	key: `E2E-${n}`,
	self: `${JIRA_SITE}/rest/api/3/issue/${10000 + n}`,
	fields: { summary, status: { name: 'To Do' } },
});

const notFound: Answer = [
	404,
	{ errorMessages: ['The requested resource could not be found.'], errors: {} },
];

export interface DynamicWebhook {
	id: number;
	url: string;
	events: string[];
	jqlFilter: string;
	expirationDate: string;
}

const in30Days = () =>
	new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().replace('Z', '+0000');

/** The app's dynamic webhooks, as Jira's webhook API answers for them. */
function webhookApi(r: RecordedRequest, key: string, hooks: Map<number, DynamicWebhook>): Answer {
	const body = JSON.parse(r.body || '{}') as {
		url?: string;
		webhooks?: Array<{ events?: string[]; jqlFilter?: string }>;
		webhookIds?: number[];
	};
	if (key === 'POST /rest/api/3/webhook') {
		const results = (body.webhooks ?? []).map((w) => {
			if (!w.jqlFilter) return { errors: ['The JQL filter is required.'] };
			const id = 10000 + hooks.size + 1;
			hooks.set(id, {
				id,
				url: String(body.url),
				events: w.events ?? [],
				jqlFilter: w.jqlFilter,
				expirationDate: in30Days(),
			});
			return { createdWebhookId: id };
		});
		return [200, { webhookRegistrationResult: results }];
	}
	if (key === 'GET /rest/api/3/webhook') {
		const values = [...hooks.values()].map(({ url: _url, ...w }) => w);
		return [200, { startAt: 0, maxResults: 100, total: values.length, isLast: true, values }];
	}
	if (key === 'PUT /rest/api/3/webhook/refresh') {
		const expirationDate = in30Days();
		for (const id of body.webhookIds ?? []) {
			const hook = hooks.get(id);
			if (hook) hook.expirationDate = expirationDate;
		}
		return [200, { expirationDate }];
	}
	// DELETE: ids of other apps or already gone are ignored.
	for (const id of body.webhookIds ?? []) hooks.delete(id);
	return [202];
}

/** The Jira REST API of the site, by its path after `/ex/jira/{cloudId}`. */
function jiraApi(
	r: RecordedRequest,
	path: string,
	created: unknown[],
	hooks: Map<number, DynamicWebhook>,
): Answer {
	const key = `${r.method} ${path}`;
	if (key === 'GET /rest/api/3/myself') return [200, JIRA_USER];
	if (path === '/rest/api/3/webhook' || path === '/rest/api/3/webhook/refresh')
		return webhookApi(r, key, hooks);
	if (key === 'POST /rest/api/3/issue') {
		const body = JSON.parse(r.body || '{}') as { fields?: Record<string, unknown> };
		const fields = body.fields ?? {};
		const errors: Record<string, string> = {};
		if (!fields.summary) errors.summary = 'You must specify a summary of the issue.';
		const description = fields.description as { type?: string } | undefined;
		if (description !== undefined && description.type !== 'doc')
			errors.description = 'Operation value must be an Atlassian Document.';
		if (Object.keys(errors).length) return [400, { errorMessages: [], errors }];
		created.push(body);
		const n = created.length;
		return [
			201,
			{
				id: String(10000 + n),
				key: `E2E-${n}`,
				self: `${JIRA_SITE}/rest/api/3/issue/${10000 + n}`,
			},
		];
	}
	if (key === 'GET /rest/api/3/search/jql') {
		if (!r.query.jql) return [400, { errorMessages: ['The JQL query is required.'], errors: {} }];
		if (r.query.nextPageToken === undefined)
			return [
				200,
				{
					issues: [issue(1, 'Espresso machine leaks'), issue(2, 'Grinder jams')],
					nextPageToken: 'CAEaAggC',
					isLast: false,
				},
			];
		if (r.query.nextPageToken === 'CAEaAggC')
			return [200, { issues: [issue(3, 'Milk frother noisy')], isLast: true }];
		return [400, { errorMessages: ['The nextPageToken is invalid.'], errors: {} }];
	}
	const get = /^GET \/rest\/api\/3\/issue\/([^/]+)$/.exec(key);
	if (get)
		return decodeURIComponent(get[1]) === 'E2E-1'
			? [200, issue(1, 'Espresso machine leaks')]
			: notFound;
	return notFound;
}

export class JiraGatewayFake extends ServiceFake {
	readonly origin = 'https://api.atlassian.com';
	readonly created: unknown[] = [];
	readonly hooks = new Map<number, DynamicWebhook>();

	protected route(r: RecordedRequest): Answer {
		if (r.headers.authorization !== `Bearer ${JIRA_OAUTH_TOKEN}`)
			return [401, { code: 401, message: 'Unauthorized' }];
		if (r.method === 'GET' && r.path === '/oauth/token/accessible-resources')
			return [
				200,
				[
					{
						id: JIRA_CLOUD_ID,
						name: 'e2e-acme',
						url: JIRA_SITE,
						scopes: ['read:jira-work', 'write:jira-work', 'read:jira-user', 'manage:jira-webhook'],
						avatarUrl:
							'https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/rocket.png',
					},
				],
			];
		const prefix = `/ex/jira/${JIRA_CLOUD_ID}`;
		if (!r.path.startsWith(`${prefix}/`)) return notFound;
		return jiraApi(r, r.path.slice(prefix.length), this.created, this.hooks);
	}
}
