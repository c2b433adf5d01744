/**
 * What `revokeAtProvider` (Connections → Disconnect) needs of n8n in a unit test: a Connections node's execute
 * context whose credential is `credentials` and whose HTTP helper records each request and answers 200 `{}`.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

export function revokeContext(credentials: IDataObject): {
	fn: IExecuteFunctions;
	calls: IHttpRequestOptions[];
} {
	const calls: IHttpRequestOptions[] = [];
	const fn = {
		getNode: () => ({
			id: 'n1',
			name: 'Connections',
			type: 'c',
			typeVersion: 2,
			position: [0, 0],
			parameters: {},
		}),
		getWorkflow: () => ({ id: 'wf-1', name: 'Admin', active: false }),
		getExecutionId: () => 'exec-1',
		getCredentials: async () => credentials,
		isToolExecution: () => false,
		helpers: {
			httpRequest: async (o: IHttpRequestOptions) => {
				calls.push(o);
				return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: {} };
			},
		},
	} as unknown as IExecuteFunctions;
	return { fn, calls };
}
