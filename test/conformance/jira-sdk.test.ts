/**
 * The Jira node against jira.js (npm, 6.2.0), the maintained Jira Cloud client whose route table follows
 * Atlassian's OpenAPI description: every `sendRequest` config in src/cloud/api/*.ts names a method, a URL and
 * its query (`searchParams`). Every operation's method and path is such a route (REST API v3), and every request
 * the recorded fixtures send (hooks included: ADF bodies, attachments, watchers, dynamic webhooks) goes to a
 * route whose query keys it uses, with the headers the route sends (`X-Atlassian-Token: no-check` on uploads).
 * The one route outside the Jira API (Atlassian's accessible-resources, on api.atlassian.com) is listed apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { jiraSpec, JIRA_DC_CREDENTIAL } from '../../nodes/Jira/Jira.service';
import { JIRA_ACCESSIBLE_RESOURCES } from '../../nodes/Jira/Jira.oauth';
import type { OperationFixture } from '../kit/operations';

const apiDir = join(dirname(require.resolve('jira.js/package.json')), 'src', 'cloud', 'api');

interface SdkRoute {
	query: string[];
	headers: string[];
}

/** `METHOD /rest/api/3/issue/{}` → the route's query keys and fixed headers. */
const routes = new Map<string, SdkRoute>();
for (const file of readdirSync(apiDir).filter((f) => f.endsWith('.ts'))) {
	const src = readFileSync(join(apiDir, file), 'utf8');
	for (const block of src.split(/const config(?:: SendRequestOptions<[^=]*>)? = \{/).slice(1)) {
		const config = block.slice(0, block.indexOf('\n  };'));
		const url = /^\s*url: ['`]([^'`]+)['`],\s*\n\s*method: '([A-Z]+)'/.exec(config);
		if (!url) continue;
		const section = (name: string) => new RegExp(`${name}: \\{([^}]*)\\}`).exec(config)?.[1] ?? '';
		const keys = (text: string) =>
			[...text.matchAll(/^\s*'?([A-Za-z0-9_-]+)'?:/gm)].map((m) => m[1]);
		routes.set(`${url[2]} ${shape(url[1])}`, {
			query: keys(section('searchParams')),
			headers: keys(section('headers')).map((h) => h.toLowerCase()),
		});
	}
}

/** `/issue/${parameters.issueIdOrKey}` and `/issue/{issueIdOrKey}` are the same route. */
function shape(path: string): string {
	return path.replace(/\$\{[^}]+\}/g, '{}').replace(/\{[^}]+\}/g, '{}');
}

/** Routes outside the Jira REST API that jira.js does not wrap (absolute URLs of Atlassian's platform). */
const PLATFORM_ROUTES = new Set([
	`GET ${JIRA_ACCESSIBLE_RESOURCES}`,
	`GET ${new URL(JIRA_ACCESSIBLE_RESOURCES).pathname}`,
]);

const operations = jiraSpec.resources.flatMap((r) =>
	r.operations.map((o) => ({ key: `${r.id}.${o.id}`, route: `${o.method} ${shape(o.path)}` })),
);

const fixturesDir = join(__dirname, '..', 'fixtures', 'operations', 'jira');
const fixtures = readdirSync(fixturesDir).map((name) => ({
	name,
	fixture: JSON.parse(readFileSync(join(fixturesDir, name), 'utf8')) as OperationFixture,
}));

describe('Jira: jira.js 6.2.0 route table', () => {
	it('reads the SDK routes', () => {
		expect(routes.size).toBeGreaterThan(400);
		expect(routes.get('POST /rest/api/3/issue')).toEqual({ query: ['updateHistory'], headers: [] });
	});

	it.each(operations)('$key: $route is a jira.js route', ({ route }) => {
		expect(PLATFORM_ROUTES.has(route) || routes.has(route)).toBe(true);
	});

	it('every operation is a REST API v3 route (Atlassian Document Format), never v2', () => {
		const v2 = operations.filter((o) => o.route.includes('/rest/api/2/'));
		expect(v2).toEqual([]);
	});

	it.each(fixtures)(
		'$name: each request goes to a route with its query keys and headers',
		({ fixture }) => {
			for (const { request } of fixture.exchanges) {
				const url = new URL(request.url);
				const path = url.pathname.replace(/^\/ex\/jira\/[^/]+/, '');
				const key = `${request.method} ${url.origin}${url.pathname}`;
				if (PLATFORM_ROUTES.has(key)) continue;
				// The literal route if there is one (`/project/search`), else the shape with one segment per `{}`.
				const exact = routes.get(`${request.method} ${path}`);
				const match = exact
					? [key, exact]
					: [...routes.entries()].find(([route]) => {
							const [method, shaped] = route.split(' ');
							const segments = shaped
								.split('{}')
								.map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
							return (
								method === request.method && new RegExp(`^${segments.join('[^/]+')}$`).test(path)
							);
						});
				expect(match).toBeDefined();
				const sdk = match![1] as SdkRoute;
				for (const q of Object.keys(request.query ?? {})) expect(sdk.query).toContain(q);
				for (const h of sdk.headers) expect(Object.keys(request.headers ?? {})).toContain(h);
			}
		},
	);

	it("Issue → Create's bulk endpoint (Batch Items) is jira.js's createIssues route, with no query", () => {
		const create = jiraSpec.resources
			.find((r) => r.id === 'issue')!
			.operations.find((o) => o.id === 'create')!;
		expect(routes.get(`${create.method} ${create.listBatch!.path}`)).toEqual({
			query: [],
			headers: [],
		});
		expect(create.listBatch).toMatchObject({
			size: 50,
			list: 'issueUpdates',
			answerList: 'issues',
		});
	});

	it("the trigger's dynamic-webhook requests (register, list, refresh, delete) are jira.js routes", () => {
		for (const route of [
			'POST /rest/api/3/webhook',
			'GET /rest/api/3/webhook',
			'PUT /rest/api/3/webhook/refresh',
			'DELETE /rest/api/3/webhook',
		])
			expect(routes.has(route)).toBe(true);
		expect(routes.get('GET /rest/api/3/webhook')?.query).toEqual(['startAt', 'maxResults']);
	});

	it('Data Center: every operation is its v3 route at /rest/api/2/; only Search has a route of its own', () => {
		// jira.js wraps Jira Cloud only: Data Center's REST API v2 serves the same resources under /rest/api/2/
		// (https://docs.atlassian.com/software/jira/docs/api/REST/latest/), except the enhanced search.
		const dc = jiraSpec.auth.find((a) => a.credentialType === JIRA_DC_CREDENTIAL);
		expect(dc?.pathPrefix).toEqual({ from: '/rest/api/3/', to: '/rest/api/2/' });
		const own = jiraSpec.resources.flatMap((r) =>
			r.operations
				.filter((o) => o.byAuth?.[JIRA_DC_CREDENTIAL])
				.map((o) => [`${r.id}.${o.id}`, o.byAuth![JIRA_DC_CREDENTIAL].path]),
		);
		expect(own).toEqual([['issue.search', '/rest/api/2/search']]);
	});
});
