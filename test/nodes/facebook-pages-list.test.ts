/** The "Page" dropdown lists the user's Pages through the engine (user token, Graph paging, sorted by name). */
import type { IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { useRuntime } from '../../lib/runtime';
import { FacebookPages } from '../../nodes/FacebookPages/FacebookPages.node';

const GRAPH = 'https://graph.facebook.com/v21.0';

afterAll(() => useRuntime());

it('pages through /me/accounts with the credential and returns the Pages by name', async () => {
	useRuntime({ observers: [] });
	const calls: Array<{ type: string; url: string }> = [];
	const pages: Record<string, unknown> = {
		[`${GRAPH}/me/accounts?fields=id%2Cname&limit=100`]: {
			data: [{ id: '2', name: 'Zeta Shop' }],
			paging: { next: `${GRAPH}/me/accounts?after=QVFI` },
		},
		[`${GRAPH}/me/accounts?after=QVFI`]: { data: [{ id: '1', name: 'Alpha Cafe' }], paging: {} },
	};
	const fn = {
		getNode: () => ({
			id: 'n',
			name: 'Facebook Pages',
			type: 'x',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			credentials: { apiConnFacebookPagesOAuth2Api: { id: 'c1', name: 'FB account' } },
		}),
		getCredentials: async () => ({
			clientId: '123',
			clientSecret: 'app-secret-123456',
			oauthTokenData: { access_token: 'EAAuser123456' },
		}),
		getWorkflow: () => ({ id: 'w', active: false }),
		getExecutionId: () => 'e',
		logger: { warn: () => undefined },
		helpers: {
			httpRequestWithAuthentication: async (type: string, opts: IHttpRequestOptions) => {
				calls.push({ type, url: opts.url });
				return {
					statusCode: 200,
					headers: { 'content-type': 'application/json' },
					body: pages[opts.url],
				};
			},
		},
	} as unknown as ILoadOptionsFunctions;
	const list = await new FacebookPages().methods!.loadOptions!.getPages.call(fn);
	expect(list).toEqual([
		{ name: 'Alpha Cafe', value: '1' },
		{ name: 'Zeta Shop', value: '2' },
	]);
	expect(calls).toEqual([
		{
			type: 'apiConnFacebookPagesOAuth2Api',
			url: `${GRAPH}/me/accounts?fields=id%2Cname&limit=100`,
		},
		{ type: 'apiConnFacebookPagesOAuth2Api', url: `${GRAPH}/me/accounts?after=QVFI` },
	]);
});
