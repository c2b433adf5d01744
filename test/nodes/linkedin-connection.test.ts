/**
 * LinkedIn as a connection: the first use of a LinkedIn credential binds the workspace, labelled with the
 * member's e-mail from OpenID Connect userinfo (GET /v2/userinfo, the spec's "who am I" request, asked once);
 * Disconnect revokes the token at LinkedIn.
 */
import { Container } from '@n8n/di';
import { InstanceSettings } from 'n8n-core';
import nock from 'nock';
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { ApiConnLinkedInOAuth2Api } from '../../credentials/ApiConnLinkedInOAuth2Api.credentials';
import { ServiceCatalog } from '../../lib/connections/catalog';
import { revokeAtProvider } from '../../lib/connections/manage';
import type { ConnectionsObserver } from '../../lib/connections/observer';
import { createRuntime, useRuntime } from '../../lib/runtime';
import { LinkedIn } from '../../nodes/LinkedIn/LinkedIn.node';
import { linkedInSpec } from '../../nodes/LinkedIn/LinkedIn.service';
import { FakeClock } from '../helpers/fake-clock';
import { runNode } from '../harness';
import { drive, freshObserver } from '../unit/connections/fixtures';

const API = 'https://api.linkedin.com';
const TOKEN = 'AQVh7cKZMemberToken0123456789';
const START = Date.parse('2026-12-01T08:00:00Z');
const USERINFO = {
	sub: '782bbtaQ',
	email_verified: true,
	name: 'John Doe',
	given_name: 'John',
	family_name: 'Doe',
	email: 'doe@email.com',
};

let clock: FakeClock;
let observer: ConnectionsObserver;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	clock = new FakeClock(START);
	({ observer } = freshObserver());
	useRuntime({ clock, observers: [observer], services: [linkedInSpec] });
});
afterEach(async () => {
	nock.cleanAll();
	await observer.close();
});
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

it('the first use binds the workspace, labelled with the member’s e-mail from /v2/userinfo', async () => {
	const calls: string[] = [];
	nock(API)
		.get('/v2/userinfo')
		.times(2)
		.reply(function () {
			calls.push(`${this.req.method} ${this.req.path} ${String(this.req.headers.authorization)}`);
			return [200, USERINFO];
		});
	const res = await drive(
		clock,
		runNode({
			nodeTypes: [new LinkedIn()],
			credentialTypes: [new ApiConnLinkedInOAuth2Api()],
			node: {
				type: 'linkedIn',
				parameters: { resource: 'account', operation: 'getMe' },
				credentials: { apiConnLinkedInOAuth2Api: { id: 'cred-li', name: 'LinkedIn John' } },
			},
			credentials: {
				apiConnLinkedInOAuth2Api: {
					clientId: '86yrtgbe0h5tzw',
					clientSecret: 'li_client_secret_Wq8Z',
					oauthTokenData: { access_token: TOKEN, expires_in: 5184000 },
				},
			},
			workflowId: 'wf-li',
		}),
	);
	expect(res.error).toBeUndefined();
	expect(res.outputs[0].map((i) => i.json)).toEqual([USERINFO]);
	// The account request, then the operation itself.
	expect(calls).toEqual([`GET /v2/userinfo Bearer ${TOKEN}`, `GET /v2/userinfo Bearer ${TOKEN}`]);
	const instance = `instance:${Container.get(InstanceSettings).instanceId}`;
	expect(await observer.store().getBinding(instance, 'linkedIn')).toMatchObject({
		family: 'linkedIn',
		credentialId: 'cred-li',
		credentialType: 'apiConnLinkedInOAuth2Api',
		credentialName: 'LinkedIn John',
		serviceName: 'LinkedIn',
		accountLabel: 'doe@email.com',
	});
});

it('Disconnect revokes the access token at www.linkedin.com/oauth/v2/revoke, client ID and secret in the form', async () => {
	const calls: IHttpRequestOptions[] = [];
	const answer = async (...args: unknown[]) => {
		calls.push(args[args.length - 1] as IHttpRequestOptions);
		return { statusCode: 200, headers: {}, body: '' };
	};
	const fn = {
		getNode: () => ({
			id: 'n1',
			name: 'Connections',
			type: 'connections',
			typeVersion: 2,
			position: [0, 0],
			parameters: {},
		}),
		getWorkflow: () => ({ id: 'wf-1', name: 'Admin', active: false }),
		getExecutionId: () => 'exec-1',
		getInstanceId: () => 'a'.repeat(64),
		getInstanceBaseUrl: () => 'http://localhost:5678/',
		getCredentials: async () => ({
			clientId: '86yrtgbe0h5tzw',
			clientSecret: 'li_client_secret_Wq8Z',
			authentication: 'body',
			oauthTokenData: { access_token: TOKEN, expires_in: 5184000 },
		}),
		isToolExecution: () => false,
		helpers: { httpRequest: answer, httpRequestWithAuthentication: answer },
	} as unknown as IExecuteFunctions;
	const rt = createRuntime({ observers: [], clock, random: () => 0.5, services: [linkedInSpec] });
	const info = new ServiceCatalog([linkedInSpec]).get('linkedIn')!;
	const r = await revokeAtProvider(rt, fn, 0, info, 'apiConnLinkedInOAuth2Api');
	expect(r).toEqual({ revoked: true, message: 'Revoked at LinkedIn (200).' });
	expect(calls).toHaveLength(1);
	expect(calls[0]).toMatchObject({
		method: 'POST',
		url: 'https://www.linkedin.com/oauth/v2/revoke',
		body: `token=${TOKEN}&client_id=86yrtgbe0h5tzw&client_secret=li_client_secret_Wq8Z`,
	});
	expect(calls[0].headers?.Authorization).toBeUndefined();
});
