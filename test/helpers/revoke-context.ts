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

/** One scripted answer of `scriptedRevokeContext` (default 200, JSON). */
export interface RevokeAnswer {
	statusCode?: number;
	contentType?: string;
	body?: unknown;
}

/**
 * Like `revokeContext`, but each request gets the next of `answers`, and requests signed by n8n
 * (`httpRequestWithAuthentication`) are recorded with the credential type they were signed with.
 */
export function scriptedRevokeContext(
	credentials: IDataObject,
	answers: RevokeAnswer[],
): { fn: IExecuteFunctions; calls: Array<{ type: unknown; options: IHttpRequestOptions }> } {
	const calls: Array<{ type: unknown; options: IHttpRequestOptions }> = [];
	const answer = async (...args: unknown[]) => {
		const signed = args.length > 1;
		calls.push({
			type: signed ? args[0] : undefined,
			options: args[signed ? 1 : 0] as IHttpRequestOptions,
		});
		const next = answers.shift() ?? {};
		return {
			statusCode: next.statusCode ?? 200,
			headers: { 'content-type': next.contentType ?? 'application/json' },
			body: next.body,
		};
	};
	const { fn } = revokeContext(credentials);
	return {
		fn: {
			...fn,
			getInstanceId: () => 'a'.repeat(64),
			getInstanceBaseUrl: () => 'http://localhost:5678/',
			helpers: { httpRequest: answer, httpRequestWithAuthentication: answer },
		} as unknown as IExecuteFunctions,
		calls,
	};
}
