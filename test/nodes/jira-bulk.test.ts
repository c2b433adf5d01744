/**
 * Jira's bulk create (`POST /rest/api/3/issue/bulk`, at most 50 issues) through the engine's list batching:
 * with Batch Items on, Issue → Create items go 50 per request, each shaped like a single create (plain text as
 * Atlassian Document Format, Other Fields merged); Jira's partial success (`issues` for the created ones,
 * `errors[].failedElementNumber` for the refused ones) gives each item its own issue or its own error.
 */
import nock from 'nock';
import type { INodeExecutionData } from 'n8n-workflow';

import { ApiConnJiraApi } from '../../credentials/ApiConnJiraApi.credentials';
import { ApiConnJiraDataCenterApi } from '../../credentials/ApiConnJiraDataCenterApi.credentials';
import { toAdf } from '../../nodes/Jira/Jira.hooks';
import { Jira } from '../../nodes/Jira/Jira.node';
import { serviceKit } from '../kit';

const SITE = 'https://acme-dev.atlassian.net';
const token = { apiUrl: SITE, email: 'ops@acme.example', apiToken: 'ATATT3xFfGF0T4JdemoToken7c2e' };
const BASIC = `Basic ${Buffer.from('ops@acme.example:ATATT3xFfGF0T4JdemoToken7c2e').toString('base64')}`;
const DC = 'https://jira.example.com';
const kit = serviceKit({
	origin: SITE,
	nodeTypes: [new Jira()],
	credentialTypes: [new ApiConnJiraApi(), new ApiConnJiraDataCenterApi()],
	credentials: {
		apiConnJiraApi: token,
		apiConnJiraDataCenterApi: {
			apiUrl: `${DC}/jira`,
			accessToken: 'NjU0OTk3ODk5MTQ2OpatDemoToken',
		},
	},
});
const json = (res: { outputs: INodeExecutionData[][] }) => res.outputs[0].map((i) => i.json);

/** Issue → Create of each item's `title`, with Batch Items on. */
const create = (extra: Record<string, unknown> = {}) => ({
	resource: 'issue',
	operation: 'create',
	projectKey: 'ED',
	issueType: 'Task',
	summary: '={{ $json.title }}',
	additionalFields: { description: '={{ "Raised by " + $json.title }}' },
	options: { batchItems: true },
	...extra,
});
const items = (n: number) =>
	Array.from({ length: n }, (_, i) => ({ json: { title: `Task ${i}` } }));
const element = (i: number) => ({
	fields: {
		project: { key: 'ED' },
		issuetype: { name: 'Task' },
		summary: `Task ${i}`,
		description: toAdf(`Raised by Task ${i}`),
	},
});
const created = (n: number) => ({
	id: String(10000 + n),
	key: `ED-${n + 1}`,
	self: `${SITE}/rest/api/3/issue/${10000 + n}`,
});
/** Jira's refusal of one element of a bulk create, as its reference documents it. */
const refusal = (failedElementNumber: number, field: string, message: string) => ({
	status: 400,
	elementErrors: { errorMessages: [], errors: { [field]: message } },
	failedElementNumber,
});

afterEach(() => nock.cleanAll());

describe('Jira bulk create (Batch Items)', () => {
	it('53 items: two bulk requests of 50 and 3 shaped issues, each created issue on its own item', async () => {
		const seen = kit.fake(
			['POST', 201, { issues: Array.from({ length: 50 }, (_, i) => created(i)), errors: [] }],
			['POST', 201, { issues: [50, 51, 52].map(created), errors: [] }],
		);
		const res = await kit.run('jira', create() as never, { input: items(53) });
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => [s.method, s.uri])).toEqual([
			['POST', '/rest/api/3/issue/bulk'],
			['POST', '/rest/api/3/issue/bulk'],
		]);
		expect(seen[0].headers.authorization).toBe(BASIC);
		expect(seen[0].body).toEqual({
			issueUpdates: Array.from({ length: 50 }, (_, i) => element(i)),
		});
		expect(seen[1].body).toEqual({ issueUpdates: [50, 51, 52].map(element) });
		expect(json(res)).toEqual(Array.from({ length: 53 }, (_, i) => created(i)));
		expect(res.outputs[0].map((i) => i.pairedItem)).toEqual(
			Array.from({ length: 53 }, (_, i) => ({ item: i })),
		);
	});

	it('a partial success: the refused issue is its own item’s error naming the field, the others are created', async () => {
		kit.fake([
			'POST',
			201,
			{
				issues: [created(0), created(2)],
				errors: [refusal(1, 'summary', 'You must specify a summary of the issue.')],
			},
		]);
		const res = await kit.run('jira', create() as never, {
			input: items(3),
			node: { continueOnFail: true } as never,
		});
		const out = json(res);
		expect(out[0]).toEqual(created(0));
		expect(out[2]).toEqual(created(2));
		expect(String(out[1].error)).toContain('You must specify a summary of the issue.');
		expect(String(out[1].error)).toContain('summary');
		expect(res.outputs[0].map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
	});

	it('without Continue On Fail the refused issue fails the node with Jira’s words', async () => {
		kit.fake([
			'POST',
			201,
			{
				issues: [created(0)],
				errors: [refusal(1, 'issuetype', 'The issue type selected is invalid.')],
			},
		]);
		const res = await kit.run('jira', create() as never, { input: items(2) });
		expect(res.error?.message).toContain('The issue type selected is invalid.');
	});

	it('every issue refused (400): each item carries its own element’s error', async () => {
		const seen = kit.fake([
			'POST',
			400,
			{
				issues: [],
				errors: [
					refusal(0, 'project', 'Specify a valid project ID or key'),
					refusal(1, 'issuetype', 'The issue type selected is invalid.'),
				],
			},
		]);
		const res = await kit.run('jira', create() as never, {
			input: items(2),
			node: { continueOnFail: true } as never,
		});
		expect(seen).toHaveLength(1);
		const out = json(res);
		expect(String(out[0].error)).toContain('Specify a valid project ID or key');
		expect(String(out[0].error)).not.toContain('issue type');
		expect(String(out[1].error)).toContain('The issue type selected is invalid.');
	});

	it('a refusal of the whole request (no element named) is the error of every item in it', async () => {
		kit.fake([
			'POST',
			403,
			{ errorMessages: ['You do not have permission to create issues.'], errors: {} },
		]);
		const res = await kit.run('jira', create() as never, {
			input: items(2),
			node: { continueOnFail: true } as never,
		});
		for (const item of json(res))
			expect(String(item.error)).toContain('You do not have permission to create issues.');
	});

	it('Data Center: the bulk request goes to /rest/api/2/issue/bulk with the description as plain text', async () => {
		const api = nock(DC, { reqheaders: { authorization: 'Bearer NjU0OTk3ODk5MTQ2OpatDemoToken' } })
			.post('/jira/rest/api/2/issue/bulk', {
				issueUpdates: [0, 1].map((i) => ({
					fields: {
						project: { key: 'ED' },
						issuetype: { name: 'Task' },
						summary: `Task ${i}`,
						description: `Raised by Task ${i}`,
					},
				})),
			})
			.reply(201, { issues: [created(0), created(1)], errors: [] });
		const res = await kit.run(
			'jira',
			create({ authentication: 'apiConnJiraDataCenterApi' }) as never,
			{ input: items(2) },
		);
		expect(res.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(json(res)).toEqual([created(0), created(1)]);
	});

	it('without Batch Items each item is its own POST /rest/api/3/issue', async () => {
		const seen = kit.fake(['POST', 201, created(0)], ['POST', 201, created(1)]);
		const res = await kit.run('jira', create({ options: {} }) as never, { input: items(2) });
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => [s.uri, s.body])).toEqual([
			['/rest/api/3/issue', element(0)],
			['/rest/api/3/issue', element(1)],
		]);
		expect(json(res)).toEqual([created(0), created(1)]);
	});
});
