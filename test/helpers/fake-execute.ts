/** An n8n execute context for engine tests that call `send` directly: its HTTP helpers answer from a list. */
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

export type Answer = { statusCode: number; headers: Record<string, string>; body: unknown } | Error;

/** Each request is recorded in `calls` and answered with the next of `answers` (an Error is thrown); `extra` adds members. */
export function fakeFn(
	answers: Answer[] | ((options: IHttpRequestOptions) => Answer),
	calls: IHttpRequestOptions[],
	extra: Partial<IExecuteFunctions> = {},
): IExecuteFunctions {
	const answer = async (options: IHttpRequestOptions) => {
		calls.push(options);
		const next = typeof answers === 'function' ? answers(options) : answers.shift();
		if (!next) throw new Error('no more answers');
		if (next instanceof Error) throw next;
		return next;
	};
	return {
		getNode: () => ({
			id: 'n1',
			name: 'Shop',
			type: 'shop',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		}),
		getWorkflow: () => ({ id: 'wf-1', name: 'wf', active: false }),
		getExecutionId: () => 'exec-1',
		getCredentials: async () => ({}),
		helpers: { httpRequest: answer, httpRequestWithAuthentication: answer },
		...extra,
	} as unknown as IExecuteFunctions;
}
