/**
 * A delivery to a spec-built trigger: handshakes first (they arrive before, or without, a
 * signature), then verification that fails closed (401, no execution), then the event filter, then
 * one item for the workflow.
 */
import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import type {
	HandshakeAnswer,
	HandshakeContext,
	ServiceDefinition,
	TriggerDeliverHook,
	TriggerHandshakeHook,
	WebhookSpec,
} from '../spec/types';
import {
	decodeBody,
	getRawBody,
	mediaType,
	nestFormFields,
	redactHeaders,
} from '../webhooks/request';
import { isJwtScheme, isPublicKeyScheme, isSharedTokenScheme } from '../webhooks/scheme';
import {
	checkWebhookRequest,
	claimDelivery,
	defaultReplayScope,
	rejectionStatus,
	rejectWebhook,
} from '../webhooks/respond';
import { sharedReplayStore } from '../webhooks/replay-store';
import { readTriggerCredential, SECRET_DEPENDENT } from '../webhooks/credential-cache';
import {
	headerValues,
	UNTIMED_MEMORY_SECONDS,
	type DeliveryFingerprint,
	type VerifyResult,
	type WebhookHeaders,
} from '../webhooks/signature';
import {
	constantTimeEqual,
	credentialTypeOf,
	DEFAULT_URL_SECRET_PARAM,
	eventSelected,
	notificationUrl,
	readTriggerParams,
	registrationUrl,
	deliverySecret,
	selectedEvents,
	webhookFor,
} from './common';
import { readPath } from '../transport/path';
import { answerDataHandshake } from './handshake';
import { checkBodySecret } from './body-secret';
import { openState } from './secrets';
import { deliverThroughHook } from './deliver';
import { registrationIds } from './renewal';
import type { Engine } from '../transport/engine';

export interface TriggerWebhookOptions {
	/** Current time in ms (inject a clock in tests); defaults to the system clock. */
	now?: number;
	/** The runtime a `deliver` hook sends through (the n8n entry layer passes the package's). */
	engine?: Engine;
}

/** How often an unsigned handshake may start an execution that shows the token it brought (a `show` answer). */
export const SHOW_INTERVAL_MS = 10 * 60_000;

/** Writes a handshake answer ourselves and tells n8n not to answer or run anything. */
export function answerHandshake(
	fn: IWebhookFunctions,
	answer: HandshakeAnswer,
): IWebhookResponseData {
	const res = fn.getResponseObject();
	for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
	res.status(answer.status ?? 200);
	if (typeof answer.body === 'string') {
		res.setHeader('content-type', answer.contentType ?? 'text/plain; charset=utf-8');
		res.send(answer.body);
	} else if (answer.body !== undefined) {
		if (answer.contentType) res.setHeader('content-type', answer.contentType);
		res.json(answer.body);
	} else {
		res.end();
	}
	// A handshake that shows the user a token it brought (a `show` answer) starts one execution with it. It is
	// unsigned by nature (it brings the secret), so at most one per SHOW_INTERVAL_MS: whoever learns the URL cannot
	// start more than that before the token is pasted (after which none starts at all).
	if (answer.emit) {
		const state = fn.getWorkflowStaticData('node');
		const now = Date.now();
		const last = typeof state.tokenShownAt === 'number' ? state.tokenShownAt : undefined;
		if (last === undefined || now - last >= SHOW_INTERVAL_MS || now < last) {
			state.tokenShownAt = now;
			return { noWebhookResponse: true, workflowData: [[{ json: answer.emit }]] };
		}
	}
	return { noWebhookResponse: true };
}

/** The first top-level key of the body that names one of the spec's events (`eventKeys`). */
function eventKeyOf(json: unknown, webhook: WebhookSpec): string | undefined {
	if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined;
	const known = new Set(webhook.events.map((e) => e.value));
	return Object.keys(json).find((key) => known.has(key));
}

/** The body as a JSON object or array, or undefined when it is anything else (text, form, empty, binary). */
function jsonOf(rawBody: Buffer): object | undefined {
	try {
		const value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(rawBody)) as unknown;
		return value !== null && typeof value === 'object' ? value : undefined;
	} catch {
		return undefined;
	}
}

function textOf(value: unknown): string | undefined {
	if (typeof value === 'string' && value !== '') return value;
	if (typeof value === 'number') return String(value);
	return undefined;
}

/** The text at the first of the paths that holds one (a spec may list several). */
function firstText(body: unknown, paths: string | string[] | undefined): string | undefined {
	for (const path of typeof paths === 'string' ? [paths] : (paths ?? [])) {
		const text = textOf(readPath(body, path));
		if (text !== undefined) return text;
	}
	return undefined;
}

/**
 * The delivery as an object: JSON parsed from the raw bytes, or, for a spec that accepts form deliveries, the
 * form's fields (or the JSON object in its `jsonField`). Undefined for anything else.
 */
function deliveryBodyOf(
	rawBody: Buffer,
	decoded: ReturnType<typeof decodeBody>,
	form: { jsonField?: string; nested?: boolean } | undefined,
): object | undefined {
	if (form && decoded.kind === 'form') {
		const field = form.jsonField ? decoded.value[form.jsonField] : undefined;
		if (field === undefined)
			return form.nested ? nestFormFields(decoded.value) : { ...decoded.value };
		const inner = typeof field === 'string' ? jsonOf(Buffer.from(field, 'utf8')) : undefined;
		return inner !== undefined && !Array.isArray(inner) ? inner : undefined;
	}
	return jsonOf(rawBody);
}

/**
 * Why the body's event time (`bodyTimestamp`) refuses the delivery: missing, not a number, or older than the window.
 * Undefined when it passes (or the spec declares none).
 */
export function bodyTimestampProblem(
	json: unknown,
	webhook: WebhookSpec,
	now: number,
): string | undefined {
	const spec = webhook.bodyTimestamp;
	if (!spec) return undefined;
	const value = readPath(json, spec.path);
	const time = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
	if (!Number.isFinite(time) || time <= 0)
		return `The delivery has no event time (${spec.path}), so its age cannot be checked: it was rejected and started nothing.`;
	const ageMs = now - (spec.unit === 's' ? time * 1000 : time);
	if (ageMs > spec.maxAgeSeconds * 1000)
		return `The delivery's event time (${spec.path}) is ${Math.floor(ageMs / 1000)} s old; deliveries older than ${spec.maxAgeSeconds} s are rejected.`;
	return undefined;
}

/** The delivery headers an item shows (the others are redacted). */
function keptHeaders(webhook: WebhookSpec): string[] {
	return [
		// A shared token is the secret itself: never kept (an HMAC signature proves nothing to a reader).
		webhook.signature && !isSharedTokenScheme(webhook.signature) && !isJwtScheme(webhook.signature)
			? webhook.signature.header
			: undefined,
		webhook.signature?.timestampHeader,
		webhook.eventHeader,
		webhook.deliveryIdHeader,
	].filter((h): h is string => Boolean(h));
}

/**
 * The items of a verified delivery that is a list of events (`webhook.eventList`): the selected events, each
 * delivery id claimed once in the replay store (across processes), after the delivery itself was claimed.
 */
async function eventsOfList(
	fn: IWebhookFunctions,
	webhook: WebhookSpec,
	json: unknown,
	input: {
		headers: IDataObject;
		query: IDataObject;
		verified: VerifyResult | undefined;
		fingerprint: DeliveryFingerprint | undefined;
		now?: number;
	},
): Promise<{ items: INodeExecutionData[] } | { reject: string; message: string; status: number }> {
	const list = readPath(json, webhook.eventList!.path);
	if (!Array.isArray(list))
		return {
			reject: 'not-a-list',
			message: 'The delivery is not a list of events: it was rejected and started nothing.',
			status: 400,
		};
	const now = input.now ?? Date.now();
	if (input.verified?.ok && input.fingerprint) {
		const claimed = await claimDelivery(fn, input.verified, input.fingerprint, { now });
		// A batch re-sent under a new signature is fine: its events are claimed one by one below.
		if (!claimed.ok && claimed.reason !== 'duplicate')
			return { reject: claimed.reason, message: claimed.message, status: rejectionStatus(claimed) };
		if (!claimed.ok) return { items: [] };
	}
	const selected = selectedEvents(fn);
	const store = sharedReplayStore();
	const scope = defaultReplayScope(fn);
	const items: INodeExecutionData[] = [];
	for (const element of list) {
		const event = firstText(element, webhook.eventPath);
		if (webhook.eventPath !== undefined && !eventSelected(event, selected, webhook.allEvents))
			continue;
		const deliveryId = firstText(element, webhook.deliveryIdPath);
		if (deliveryId !== undefined && store) {
			const fresh = await store.claim(
				[`${scope}\u0000event\u0000${deliveryId}`],
				now + UNTIMED_MEMORY_SECONDS * 1000,
				now,
			);
			if (!fresh) continue;
		}
		items.push({
			json: {
				event: event ?? null,
				deliveryId: deliveryId ?? null,
				body: element as IDataObject,
				headers: input.headers,
				query: input.query,
			},
		});
	}
	return { items };
}

/** The `webhook()` of a spec-built trigger. */
export async function triggerWebhook(
	fn: IWebhookFunctions,
	def: ServiceDefinition,
	options: TriggerWebhookOptions = {},
): Promise<IWebhookResponseData> {
	const { spec } = def;
	const webhook = webhookFor(fn, def);
	const webhookName = fn.getWebhookName();
	const req = fn.getRequestObject();
	const headers = fn.getHeaderData() as WebhookHeaders;
	const query = { ...(fn.getQueryData() as IDataObject) };
	// The stored secret is sealed; an old plain-text one is sealed now (n8n saves static data after the delivery).
	const state = openState(fn);
	const read = await deliverySecret(fn, def, state);
	let secret = read.secret;
	const rawBody = await getRawBody(fn);
	const decoded = decodeBody(rawBody, headers['content-type']);
	const body =
		decoded.kind === 'json' || decoded.kind === 'form' || decoded.kind === 'text'
			? decoded.value
			: undefined;
	// Services send JSON; like their SDKs, the raw bytes are parsed whatever the Content-Type says (a form only
	// when the spec accepts forms and the Content-Type says form).
	// A headers-only notification is an empty object (what it says is in its headers).
	let json = webhook.headersOnly
		? rawBody.length === 0
			? {}
			: undefined
		: deliveryBodyOf(rawBody, decoded, webhook.formBodies);
	// Read before verification, used only once it passes: the replay store remembers it with the signature.
	const deliveryId = webhook.deliveryIdHeader
		? headerValues(headers, webhook.deliveryIdHeader)[0]
		: firstText(json, webhook.deliveryIdPath);
	const registeredUrl =
		notificationUrl(fn, webhook) ??
		registrationUrl(
			state.webhookUrl ?? fn.getNodeWebhookUrl('default') ?? '',
			webhook,
			webhook.urlSecret ? state.secret : undefined,
		);
	// The signature check; the replay check comes after the event filter, so only deliveries that start an execution are remembered.
	let fingerprint: DeliveryFingerprint | undefined;
	const check = async () =>
		await checkWebhookRequest(fn, webhook.signature!, {
			secret,
			url: registeredUrl,
			...(options.now !== undefined ? { now: options.now } : {}),
		});
	const verify = async () => {
		let checked = await check();
		// A secret from the credential cache that fails: it may have just changed, so read it again.
		if (!checked.result.ok && read.cached && SECRET_DEPENDENT.has(checked.result.reason)) {
			secret = (await deliverySecret(fn, def, state, { fresh: true })).secret;
			checked = await check();
		}
		fingerprint = checked.fingerprint;
		return checked.result;
	};

	const dataHandshakes = webhook.handshakes ?? [];
	const handshake = webhook.hooks?.handshake
		? (def.hooks?.[webhook.hooks.handshake] as unknown as TriggerHandshakeHook | undefined)
		: undefined;
	if (handshake || dataHandshakes.length > 0) {
		const ctx: HandshakeContext = {
			fn,
			spec,
			webhookName,
			method: req.method,
			headers,
			query,
			rawBody,
			body,
			state,
			secret,
			params: readTriggerParams(fn, webhook),
			verify: async () =>
				webhook.signature
					? await verify()
					: {
							ok: false,
							reason: 'invalid-scheme',
							message: `${spec.displayName} deliveries carry no signature.`,
						},
		};
		const answer =
			(await answerDataHandshake(dataHandshakes, ctx, {
				credential: async () => {
					const type = credentialTypeOf(fn, def);
					return type ? (await readTriggerCredential(fn, type)).data : undefined;
				},
			})) ?? (handshake ? await handshake(ctx) : undefined);
		if (answer) return answerHandshake(fn, answer);
	}
	if (webhookName !== 'default') {
		return rejectWebhook(
			fn,
			`This URL only answers ${spec.displayName} verification requests.`,
			400,
		);
	}

	const reject = (reason: string, message: string, status = 401) => {
		fn.logger.warn(`${spec.displayName} Trigger rejected a delivery (${reason})`, {
			node: fn.getNode().name,
			reason,
		});
		return rejectWebhook(fn, message, status);
	};
	const urlSecretParam = webhook.urlSecretParam ?? DEFAULT_URL_SECRET_PARAM;
	if (webhook.urlSecret) {
		const given = query[urlSecretParam];
		if (!state.secret) {
			return reject(
				'missing-secret',
				'This trigger has no registered secret yet: deactivate and activate the workflow again.',
			);
		}
		if (typeof given !== 'string' || !constantTimeEqual(given, state.secret)) {
			return reject('bad-url-secret', "The request does not carry this webhook's secret.");
		}
		delete query[urlSecretParam];
	}
	let verified: VerifyResult | undefined;
	if (webhook.signature) {
		const result = (verified = await verify());
		if (!result.ok) {
			const message =
				result.reason === 'missing-secret' && isPublicKeyScheme(webhook.signature)
					? secret
						? result.message // a key is set but unusable: the message says why (private key, other curve…)
						: `No ${spec.displayName} verification key is set, so deliveries cannot be verified. Paste the public key into the ${webhook.secretCredentialField ? 'credential' : "trigger's Verification Key field"}.`
					: result.reason === 'missing-secret'
						? webhook.secretCredentialField || webhook.register === 'manual'
							? `No ${spec.displayName} ${(webhook.secretLabel ?? 'Signing Secret').toLowerCase()} is set, so deliveries cannot be verified. Paste it into the ${webhook.secretCredentialField ? 'credential' : `trigger's ${webhook.secretLabel ?? 'Signing Secret'} field`}.`
							: `This trigger has no stored signing secret, so deliveries cannot be verified. Deactivate and activate the workflow again to re-register the ${spec.displayName} webhook.`
						: result.message;
			return reject(result.reason, message, rejectionStatus(result));
		}
	}
	if (webhook.registrationIdHeader) {
		// Which registration the delivery belongs to: this trigger's (or one being replaced), else 403.
		const named = headerValues(headers, webhook.registrationIdHeader)[0] ?? '';
		const known = await registrationIds(fn, def, state);
		if (!named || !known.map((id) => constantTimeEqual(named, id)).includes(true))
			return reject(
				'unknown-registration',
				`The ${webhook.registrationIdHeader} header does not name this trigger's ${spec.displayName} registration: it was rejected and started nothing.`,
				403,
			);
	}
	if (webhook.headersOnly && rawBody.length > 0)
		return reject(
			'unexpected-body',
			`${spec.displayName} notifications carry no body, but this one does: it was rejected and started nothing.`,
			400,
		);
	if (json === undefined) {
		const type = mediaType(headers['content-type']) || 'none';
		return reject(
			'not-json',
			`${spec.displayName} deliveries are JSON${webhook.formBodies ? ' or form fields' : ''}, but this body is not (Content-Type: ${type}): it was rejected and started nothing.`,
			400,
		);
	}

	// A secret carried in each notification (`bodySecret`): the notifications that fail it are dropped.
	if (webhook.bodySecret) {
		const checked = checkBodySecret(json, webhook.bodySecret, state.secret);
		if (!checked.ok) return reject(checked.reason, checked.message, checked.status);
		if (checked.dropped > 0)
			fn.logger.warn(
				`${spec.displayName} Trigger dropped ${checked.dropped} notification(s) without this trigger's ${webhook.bodySecret.field}`,
				{ node: fn.getNode().name },
			);
		json = checked.body;
	}

	const staleness = bodyTimestampProblem(json, webhook, options.now ?? Date.now());
	if (staleness) return reject('stale-timestamp', staleness);

	if (webhook.eventList) {
		// A list of events: one item per selected event, each delivery id once.
		const listed = await eventsOfList(fn, webhook, json, {
			headers: redactHeaders(headers, { keep: keptHeaders(webhook), secret }),
			query,
			verified,
			fingerprint,
			...(options.now !== undefined ? { now: options.now } : {}),
		});
		if ('reject' in listed) return reject(listed.reject, listed.message, listed.status);
		if (listed.items.length === 0) return { webhookResponse: { message: 'No new events' } };
		return { workflowData: [listed.items] };
	}
	const event = webhook.eventHeader
		? headerValues(headers, webhook.eventHeader)[0]
		: webhook.eventPath !== undefined
			? firstText(json, webhook.eventPath)
			: webhook.eventKeys
				? eventKeyOf(json, webhook)
				: undefined;
	if (event !== undefined && webhook.pingEvents?.includes(event)) {
		return { webhookResponse: { message: 'pong' } };
	}
	// Without an event name on the delivery (e.g. batched deliveries), the selection only scopes the registration.
	const filtered = Boolean(webhook.eventHeader || webhook.eventPath || webhook.eventKeys);
	if (filtered && !eventSelected(event, selectedEvents(fn), webhook.allEvents)) {
		return { webhookResponse: { message: 'Event not selected' } };
	}
	// A headers-only notification only says "look again": the deliver hook claims each change it emits instead.
	if (verified?.ok && fingerprint && !webhook.headersOnly && !webhook.eventList) {
		const claimed = await claimDelivery(fn, verified, fingerprint, {
			...(deliveryId !== undefined ? { deliveryId } : {}),
			...(options.now !== undefined ? { now: options.now } : {}),
		});
		if (!claimed.ok) return reject(claimed.reason, claimed.message, rejectionStatus(claimed));
	}
	const keep = keptHeaders(webhook);
	const deliver = webhook.hooks?.deliver
		? (def.hooks?.[webhook.hooks.deliver] as unknown as TriggerDeliverHook | undefined)
		: undefined;
	if (webhook.hooks?.deliver) {
		if (!deliver || !options.engine)
			return reject(
				'missing-hook',
				deliver
					? `The ${spec.displayName} trigger was given no runtime to fetch the changes with.`
					: `The ${spec.displayName} trigger needs the hook '${webhook.hooks.deliver}', which is missing.`,
				500,
			);
		return await deliverThroughHook(fn, def, deliver, {
			json: json as IDataObject,
			event,
			state,
			engine: options.engine,
			now: options.now,
			reject,
		});
	}
	const item: INodeExecutionData = {
		json: {
			event: event ?? null,
			deliveryId: deliveryId ?? null,
			body: json as IDataObject,
			headers: redactHeaders(headers, { keep, secret }),
			query,
		},
	};
	if (webhook.acknowledgeEmpty) {
		// Answered here (200, no body); n8n still runs the workflow with the item.
		fn.getResponseObject().status(200).end();
		return { noWebhookResponse: true, workflowData: [[item]] };
	}
	return { workflowData: [[item]] };
}
