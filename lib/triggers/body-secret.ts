/**
 * A secret carried in the body (`WebhookSpec.bodySecret`): vendors that do not sign their deliveries send back,
 * in every notification of a batch, the secret the trigger gave them at registration (e.g. a `clientState`).
 * Each notification is checked on its own in constant time; the ones that fail are dropped, and a delivery with
 * none left is refused. The secret never travels further than this check. Nothing here names a service.
 */
import type { IDataObject } from 'n8n-workflow';

import type { WebhookSpec } from '../spec/types';
import { constantTimeEqual } from './common';

export type BodySecretResult =
	| { ok: true; body: IDataObject; dropped: number }
	| { ok: false; reason: string; message: string; status: number };

/**
 * Checks every notification in `body[items]` against `secret`. Passing notifications are kept in their order,
 * without the secret field; `dropped` counts the others.
 */
export function checkBodySecret(
	body: unknown,
	spec: NonNullable<WebhookSpec['bodySecret']>,
	secret: string | undefined,
): BodySecretResult {
	if (!secret)
		return {
			ok: false,
			reason: 'missing-secret',
			message:
				'This trigger has no stored signing secret (the registered one), so its notifications cannot be verified: deactivate and activate the workflow again.',
			status: 401,
		};
	const list =
		body !== null && typeof body === 'object' && !Array.isArray(body)
			? (body as IDataObject)[spec.items]
			: undefined;
	if (!Array.isArray(list) || list.length === 0)
		return {
			ok: false,
			reason: 'no-notifications',
			message: `The delivery holds no notifications (${spec.items}): it was rejected and started nothing.`,
			status: 400,
		};
	const kept: IDataObject[] = [];
	for (const entry of list) {
		if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) continue;
		const { [spec.field]: given, ...rest } = entry as IDataObject;
		if (typeof given === 'string' && constantTimeEqual(given, secret)) kept.push(rest);
	}
	if (kept.length === 0)
		return {
			ok: false,
			reason: 'bad-body-secret',
			message: `No notification of the delivery carries this trigger's ${spec.field}: it was rejected and started nothing.`,
			status: 401,
		};
	return {
		ok: true,
		body: { ...(body as IDataObject), [spec.items]: kept },
		dropped: list.length - kept.length,
	};
}
