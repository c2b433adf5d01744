/**
 * The per-operation fixture check itself (test/kit/operations.ts): it fails on an operation without a fixture,
 * on a stub whose answer is still TODO, and on a request or output that differs from the recording; recording
 * writes a stub from the spec.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import nock from 'nock';

import { ApiConnGithubApi } from '../../credentials/ApiConnGithubApi.credentials';
import { Github } from '../../nodes/Github/Github.node';
import { githubDefinition } from '../../nodes/Github/Github.service';
import { checkOperationFixture, operationFixtures, type OperationFixture } from '../kit';

const fixtures = join(__dirname, '..', 'fixtures', 'operations');
const options = (fixturesDir: string) => ({
	services: [githubDefinition],
	fixturesDir,
	nodeTypes: [new Github()],
	credentialTypes: [new ApiConnGithubApi()],
});
const entry = (fixturesDir: string, key: string) =>
	operationFixtures([githubDefinition], fixturesDir).find((e) => e.key === key)!;

let dir: string;
beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'fixtures-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
afterAll(() => nock.enableNetConnect());

it('lists one fixture file per spec operation', () => {
	const all = operationFixtures([githubDefinition], fixtures);
	expect(all).toHaveLength(githubDefinition.spec.resources.flatMap((r) => r.operations).length);
	expect(all.length).toBeGreaterThan(80);
	expect(all[0]).toMatchObject({
		key: 'github repository.get',
		file: join(fixtures, 'github', 'repository.get.json'),
	});
});

it('passes on the recorded fixture', async () => {
	await checkOperationFixture(entry(fixtures, 'github repository.get'), options(fixtures), false);
});

it('fails on an operation without a fixture, naming the file and how to make one', async () => {
	await expect(
		checkOperationFixture(entry(dir, 'github repository.get'), options(dir), false),
	).rejects.toThrow(
		`github repository.get has no fixture: create ${join(dir, 'github', 'repository.get.json')} (RECORD_FIXTURES=1 npm run -s test:jest -- test/conformance/operations.test.ts writes a stub from the spec), then put the vendor's documented example answer in its response`,
	);
});

it('fails when the node sends another request than the recorded one', async () => {
	cpSync(join(fixtures, 'github'), join(dir, 'github'), { recursive: true });
	const file = join(dir, 'github', 'repository.get.json');
	const fixture = JSON.parse(readFileSync(file, 'utf8')) as OperationFixture;
	fixture.exchanges[0].request.headers.authorization = 'token ghp_other';
	writeFileSync(file, JSON.stringify(fixture));
	await expect(
		checkOperationFixture(entry(dir, 'github repository.get'), options(dir), false),
	).rejects.toThrow(/toEqual/);
});

it('fails when the output differs from the recorded one', async () => {
	cpSync(join(fixtures, 'github'), join(dir, 'github'), { recursive: true });
	const file = join(dir, 'github', 'repository.get.json');
	const fixture = JSON.parse(readFileSync(file, 'utf8')) as OperationFixture;
	fixture.output = [{ ...fixture.output[0], name: 'renamed' }];
	writeFileSync(file, JSON.stringify(fixture));
	await expect(
		checkOperationFixture(entry(dir, 'github repository.get'), options(dir), false),
	).rejects.toThrow(/toEqual/);
});

it('recording writes a stub from the spec, which fails until the vendor answer replaces its TODO', async () => {
	const file = join(dir, 'github', 'issue.get.json');
	await expect(
		checkOperationFixture(entry(dir, 'github issue.get'), options(dir), true),
	).rejects.toThrow(
		`${file} still has the stub's TODO: put the vendor's documented example answer in its response, then record again`,
	);
	const stub = JSON.parse(readFileSync(file, 'utf8')) as OperationFixture;
	expect(stub.parameters).toEqual({
		resource: 'issue',
		operation: 'get',
		owner: 'n8n-io',
		repo: 'n8n',
		issueNumber: 1,
	});
	expect(stub.exchanges[0].request).toEqual({
		method: 'GET',
		// The spec's base URL, whose {server} the recording replaces with the host the node called.
		url: '{server}/repos/{owner}/{repo}/issues/{issueNumber}',
	});
	expect(stub.credentials).toEqual({ apiConnGithubApi: {} });

	// The author puts in the vendor's answer and the credential; recording then fills in the request and output.
	stub.description = "GitHub's example issue (docs.github.com/en/rest/issues/issues#get-an-issue)";
	stub.credentials = {
		apiConnGithubApi: { server: 'https://api.github.com', accessToken: 'ghp_x1' },
	};
	stub.exchanges[0].response = { status: 200, body: { id: 1, number: 1, title: 'Found a bug' } };
	writeFileSync(file, JSON.stringify(stub));
	await checkOperationFixture(entry(dir, 'github issue.get'), options(dir), true);
	const recorded = JSON.parse(readFileSync(file, 'utf8')) as OperationFixture;
	expect(recorded.exchanges[0].request).toEqual({
		method: 'GET',
		url: 'https://api.github.com/repos/n8n-io/n8n/issues/1',
		headers: {
			accept: 'application/vnd.github+json',
			authorization: 'Bearer ghp_x1',
			'x-github-api-version': '2022-11-28',
		},
	});
	expect(recorded.output).toEqual([{ id: 1, number: 1, title: 'Found a bug' }]);
	await checkOperationFixture(entry(dir, 'github issue.get'), options(dir), false);
});
