import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { sharedReplayStore, type ReplayStore } from './replay-store';
import { getRawBody } from './request';
import type { SignatureScheme } from './scheme';
import { checkDelivery, type DeliveryFingerprint, type VerifyResult } from './signature';

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
	/** Where accepted deliveries are remembered (default: the process's shared store); `false` turns replay protection off. */
	replayStore?: ReplayStore | false;
	/** Replay scope; defaults to this workflow and node, so triggers never share entries. */
	replayScope?: string;
	/** The sender's delivery id when it is not in a header of the scheme (e.g. an event id in the body). */
	deliveryId?: string;
}

/**
 * Verifies the current delivery of a trigger against `scheme`, reading the raw body, headers and
 * method from the n8n context, then rejects a copy of a delivery this trigger already accepted
 * (`claimDelivery`). Returns the verdict and the verified body bytes.
 */
export async function verifyWebhookRequest(
	ctx: IWebhookFunctions,
	scheme: SignatureScheme,
	options: VerifyRequestOptions,
): Promise<{ result: VerifyResult; rawBody: Buffer }> {
	const { result, rawBody, fingerprint } = await checkWebhookRequest(ctx, scheme, options);
	if (!result.ok || !fingerprint) return { result, rawBody };
	return { result: await claimDelivery(ctx, result, fingerprint, options), rawBody };
}

/** The signature check alone (no replay check): the verdict, the verified bytes and, when verified, the fingerprint to claim. */
export async function checkWebhookRequest(
	ctx: IWebhookFunctions,
	scheme: SignatureScheme,
	options: VerifyRequestOptions,
): Promise<{ result: VerifyResult; rawBody: Buffer; fingerprint?: DeliveryFingerprint }> {
	const rawBody = await getRawBody(ctx);
	const checked = checkDelivery(scheme, {
		rawBody,
		headers: ctx.getHeaderData() as Record<string, string | string[] | undefined>,
		url: options.url,
		method: ctx.getRequestObject().method,
		secret: options.secret,
		now: options.now ?? Date.now(),
	});
	if (!checked.ok) return { result: checked, rawBody };
	const { fingerprint, ...verdict } = checked;
	return { result: verdict, rawBody, fingerprint };
}

/**
 * Records a verified delivery for this trigger, or rejects it: a copy with the same signature is a replay
 * (401); a new signature with a delivery id already seen is the sender re-sending what it thinks was lost
 * (`duplicate`: 200 so it stops retrying, nothing starts). Only the secret's holder can sign anew, so a
 * duplicate is never an attacker's copy; a sender that re-sends the same bytes (`resendsSameBytes`) gets 200 for a
 * copy too (nothing starts either way). A store that cannot be used rejects the delivery
 * (`replay-check-failed`).
 */
export async function claimDelivery(
	ctx: IWebhookFunctions,
	verdict: Extract<VerifyResult, { ok: true }>,
	fingerprint: DeliveryFingerprint,
	options: Pick<VerifyRequestOptions, 'now' | 'replayStore' | 'replayScope' | 'deliveryId'> = {},
): Promise<VerifyResult> {
	const store = options.replayStore === undefined ? sharedReplayStore() : options.replayStore;
	if (!store) return verdict;
	const scope = options.replayScope ?? defaultReplayScope(ctx);
	const keys = [`${scope}\u0000sig\u0000${fingerprint.signature}`];
	for (const id of new Set([verdict.deliveryId, options.deliveryId])) {
		if (id !== undefined && id !== '') keys.push(`${scope}\u0000id\u0000${id}`);
	}
	let fresh: boolean;
	let resent = false;
	try {
		const now = options.now ?? Date.now();
		fresh = await store.claim(keys, fingerprint.expiresAt, now);
		// Not fresh: a new signature (claimed now) means only the delivery id repeated.
		if (!fresh && keys.length > 1)
			resent = await store.claim(keys.slice(0, 1), fingerprint.expiresAt, now);
	} catch (error) {
		ctx.logger.error('A webhook delivery could not be checked for replays', {
			node: ctx.getNode().name,
			error: (error as Error).message,
		});
		return {
			ok: false,
			reason: 'replay-check-failed',
			message:
				'This delivery could not be checked against earlier ones, so it was not accepted; send it again later. The n8n log names the cause.',
		};
	}
	if (fresh) return verdict;
	return resent || fingerprint.resendsSameBytes
		? {
				ok: false,
				reason: 'duplicate',
				message: 'This delivery was already received and accepted: nothing new was started.',
			}
		: {
				ok: false,
				reason: 'replayed',
				message: `This delivery was already received within the last ${spanOf(fingerprint.toleranceSeconds)} and is rejected as a replay.`,
			};
}

/** `300 s`, or `7 days` for spans of whole days. */
function spanOf(seconds: number): string {
	return seconds >= 86_400 && seconds % 86_400 === 0 ? `${seconds / 86_400} days` : `${seconds} s`;
}

/**
 * The status a rejected delivery gets: 401, 503 when it could not be checked (the sender retries later), 200 for
 * a duplicate (the sender stops re-sending).
 */
export function rejectionStatus(result: Extract<VerifyResult, { ok: false }>): number {
	if (result.reason === 'duplicate') return 200;
	return result.reason === 'replay-check-failed' ? 503 : 401;
}

/** `<workflow id>:<node id>`: one replay scope per trigger node. */
export function defaultReplayScope(ctx: IWebhookFunctions): string {
	const node = ctx.getNode();
	return `${ctx.getWorkflow().id ?? ''}:${node.id ?? node.name}`;
}
