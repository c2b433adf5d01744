/**
 * Airtable's account label: `GET /v0/meta/whoami` answers the e-mail only when the token has the
 * `user.email:read` scope (no operation needs it), so the label falls back to the user's id (`usr…`), never
 * to nothing.
 */
import { Container } from '@n8n/di';
import { InstanceSettings } from 'n8n-core';
import nock from 'nock';

import { ApiConnAirtableApi } from '../../credentials/ApiConnAirtableApi.credentials';
import { accountLabel } from '../../lib/connections/catalog';
import type { ConnectionsObserver } from '../../lib/connections/observer';
import { useRuntime } from '../../lib/runtime';
import { validateService } from '../../lib/spec/schema';
import { Airtable } from '../../nodes/Airtable/Airtable.node';
import { airtableDefinition } from '../../nodes/Airtable/Airtable.service';
import { FakeClock } from '../helpers/fake-clock';
import { serviceKit } from '../kit';
import { freshObserver } from '../unit/connections/fixtures';

const API = 'https://api.airtable.com';
const kit = serviceKit({
	origin: API,
	nodeTypes: [new Airtable()],
	credentialTypes: [new ApiConnAirtableApi()],
	credentials: { apiConnAirtableApi: { accessToken: 'patAcct1.0123456789abcdef' } },
});
let observer: ConnectionsObserver;

beforeEach(() => {
	({ observer } = freshObserver());
	useRuntime({ clock: new FakeClock(Date.UTC(2026, 11, 3)), observers: [observer] });
});
afterEach(async () => {
	nock.cleanAll();
	await observer.close();
	useRuntime();
});

const listBases = () => kit.run('airtable', { resource: 'base', operation: 'getMany' } as never);
const label = async () =>
	(
		await observer
			.store()
			.getBinding(`instance:${Container.get(InstanceSettings).instanceId}`, 'airtable')
	)?.accountLabel;

describe('Airtable account label', () => {
	it('the spec reads the e-mail, else the id', () => {
		expect(validateService(airtableDefinition)).toEqual([]);
		expect(airtableDefinition.spec.account).toEqual({
			path: '/v0/meta/whoami',
			labelPath: ['email', 'id'],
		});
		const account = airtableDefinition.spec.account!;
		expect(accountLabel({ id: 'usrL2PNC5o3H4lBEi', email: 'ops@acme.example' }, account)).toBe(
			'ops@acme.example',
		);
		expect(accountLabel({ id: 'usrL2PNC5o3H4lBEi', scopes: [] }, account)).toBe(
			'usrL2PNC5o3H4lBEi',
		);
		expect(accountLabel({ scopes: [] }, account)).toBeUndefined();
	});

	it('a token without user.email:read binds the workspace labelled by its user id', async () => {
		const who = nock(API)
			.get('/v0/meta/whoami')
			.reply(200, { id: 'usrL2PNC5o3H4lBEi', scopes: ['data.records:read', 'schema.bases:read'] });
		nock(API).get('/v0/meta/bases').reply(200, { bases: [] });
		const res = await listBases();
		expect(res.error).toBeUndefined();
		expect(who.isDone()).toBe(true);
		expect(await label()).toBe('usrL2PNC5o3H4lBEi');
	});

	it('a token with user.email:read is labelled by the e-mail', async () => {
		nock(API)
			.get('/v0/meta/whoami')
			.reply(200, {
				id: 'usrL2PNC5o3H4lBEi',
				email: 'ops@acme.example',
				scopes: ['user.email:read'],
			});
		nock(API).get('/v0/meta/bases').reply(200, { bases: [] });
		expect((await listBases()).error).toBeUndefined();
		expect(await label()).toBe('ops@acme.example');
	});
});
