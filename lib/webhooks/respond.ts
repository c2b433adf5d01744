import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { sharedReplayGuard, type ReplayGuard } from './replay-guard';
import { getRawBody } from './request';
import type { SignatureScheme } from './scheme';
import { verifySignature, type VerifyResult } from './signature';

/**
 * Answers the delivery ourselves (401 by default, JSON `{ message }`) and tells n8n not to answer
 * and not to start an execution. `message` must already be safe to show the sender.
 */
export function rejectWebhook(
	ctx: IWebhookFunctions,
	message: string,
	status = 401,
): IWebhookResponseData {
	const res = ctx.getResponseObject();
	// json() writes the body and ends the response.
	res.status(status).json({ message });
	return { noWebhookResponse: true };
}

export interface VerifyRequestOptions {
	secret: string | undefined;
	/** Public URL the sender signed (for `{url}` templates). */
	url?: string;
	/** Current time in ms; defaults to the system clock. */
	now?: number;
	/** Guard for replay protection (default: the process-wide one); `false` turns it off. */
	replayGuard?: ReplayGuard | false;
	/** Replay scope; defaults to this workflow and node, so triggers never share entries. */
	replayScope?: string;
}

/**
 * Verifies the current delivery of a trigger against `scheme`, reading the raw body, headers and
 * method from the n8n context. Returns the verdict and the verified body bytes.
 */
export async function verifyWebhookRequest(
	ctx: IWebhookFunctions,
	scheme: SignatureScheme,
	options: VerifyRequestOptions,
): Promise<{ result: VerifyResult; rawBody: Buffer }> {
	const rawBody = await getRawBody(ctx);
	const req = ctx.getRequestObject();
	const guard = options.replayGuard === undefined ? sharedReplayGuard : options.replayGuard;
	const result = verifySignature(scheme, {
		rawBody,
		headers: ctx.getHeaderData() as Record<string, string | string[] | undefined>,
		url: options.url,
		method: req.method,
		secret: options.secret,
		now: options.now ?? Date.now(),
		replay: guard ? { guard, scope: options.replayScope ?? defaultReplayScope(ctx) } : undefined,
	});
	return { result, rawBody };
}

/** `<workflow id>:<node id>`: one replay scope per trigger node. */
export function defaultReplayScope(ctx: IWebhookFunctions): string {
	const node = ctx.getNode();
	return `${ctx.getWorkflow().id ?? ''}:${node.id ?? node.name}`;
}
