/**
 * Issue 10 item 4, end to end: a server that echoes the Basic header (and the password URL-encoded in
 * lower case, form-encoded, JSON-escaped) shows none of it in the node's error, its output, n8n's log or
 * the connections store's error log.
 */
import { Container } from '@n8n/di';
import { InstanceSettings } from 'n8n-core';
import nock from 'nock';

import { CustomApiBasicAuthApi } from '../../credentials/CustomApiBasicAuthApi.credentials';
import { CustomApiKeyApi } from '../../credentials/CustomApiKeyApi.credentials';
import type { ConnectionsObserver } from '../../lib/connections/observer';
import { useRuntime } from '../../lib/runtime';
import { CustomApi } from '../../nodes/CustomApi/CustomApi.node';
import { runNode, type RunNodeOptions } from '../harness';
import { expectNoSecrets, leakedSecrets } from '../helpers/secrets';
import { freshObserver } from '../unit/connections/fixtures';

const API = 'https://api.example.test';
const USER = 'ops_user';
const PASSWORD = 'hunter 2/+s3cret';
const PAIR = `${USER}:${PASSWORD}`;
const lowerHex = (s: string) =>
	encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());

let observer: ConnectionsObserver;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	({ observer } = freshObserver());
	useRuntime({ observers: [observer] });
});
afterEach(async () => {
	nock.cleanAll();
	await observer.close();
});
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

const basicCreds = {
	customApiBasicAuthApi: { baseUrl: API, username: USER, password: PASSWORD, testPath: '/' },
};

function run(extra: Partial<RunNodeOptions> = {}) {
	return runNode({
		nodeTypes: [new CustomApi()],
		credentialTypes: [new CustomApiBasicAuthApi(), new CustomApiKeyApi()],
		credentials: basicCreds,
		...extra,
		node: {
			...extra.node,
			type: 'customApi',
			parameters: { authentication: 'basicAuth', method: 'GET', endpoint: '/me' },
		},
	});
}

/** A 400 whose body repeats what it received: the Basic header, and the password in three encodings. */
function echoingServer() {
	return nock(API)
		.get('/me')
		.reply(function () {
			const auth = String(this.req.headers.authorization);
			return [
				400,
				{
					message: `Bad request from ${auth} (password ${lowerHex(PASSWORD)})`,
					echo: {
						authorization: auth,
						form: new URLSearchParams({ p: PASSWORD }).toString(),
						raw: JSON.stringify({ password: PASSWORD }),
					},
				},
			];
		});
}

it('the node error names the failure without the Basic pair or the password in any encoding', async () => {
	const scope = echoingServer();
	const res = await run();
	expect(scope.isDone()).toBe(true);
	expect(res.error?.message).toBe(
		'Custom API: 400 Bad Request – Bad request from Basic [redacted] (password [redacted])',
	);
	expectNoSecrets(res, [PAIR, USER, PASSWORD]);
});

it('Continue On Fail: the error item carries no secret either', async () => {
	echoingServer();
	const res = await run({ node: { continueOnFail: true } as RunNodeOptions['node'] });
	expect(res.error).toBeUndefined();
	expect(res.outputs[0][0].json.error).toBe(
		'Custom API: 400 Bad Request – Bad request from Basic [redacted] (password [redacted])',
	);
	expectNoSecrets(res.outputs, [PAIR, USER, PASSWORD]);
});

it("the connections store's error log keeps the entry, redacted", async () => {
	echoingServer();
	await run();
	await observer.usage.flush();
	const errors = await observer
		.store()
		.queryErrors({ workspace: `instance:${Container.get(InstanceSettings).instanceId}` });
	expect(errors.map((e) => ({ kind: e.kind, status: e.status, message: e.message }))).toEqual([
		{
			kind: 'final',
			status: 400,
			message: expect.stringContaining('Basic [redacted] (password [redacted])') as string,
		},
	]);
	expect(leakedSecrets(JSON.stringify(errors), [PAIR, USER, PASSWORD])).toEqual([]);
});

it('a short API key is redacted where it stands alone, in the query it was sent in', async () => {
	const scope = nock(API)
		.get('/items')
		.query({ key: 'k9z' })
		.reply(400, { message: 'invalid key k9z for /items?key=k9z; see k9zebra docs' });
	const res = await runNode({
		nodeTypes: [new CustomApi()],
		credentialTypes: [new CustomApiKeyApi()],
		node: {
			type: 'customApi',
			parameters: { authentication: 'apiKey', method: 'GET', endpoint: '/items' },
		},
		credentials: {
			customApiKeyApi: {
				baseUrl: API,
				apiKey: 'k9z',
				keyLocation: 'query',
				keyName: 'key',
				keyPrefix: '',
				testPath: '/',
			},
		},
	});
	expect(scope.isDone()).toBe(true);
	expect(res.error?.message).toBe(
		'Custom API: 400 Bad Request – invalid key [redacted] for /items?key=[redacted]; see k9zebra docs',
	);
	expectNoSecrets(res, ['k9z']);
});
