/**
 * Handshakes: answered from the spec's data (`answerDataHandshake`), or by a ready-made hook for the query form
 * (configured by data, no service names).
 */
import { createHmac } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import type {
	HandshakeAnswer,
	HandshakeContext,
	HandshakeLocation,
	HandshakeSpec,
	HandshakeValue,
	HandshakeVerifyToken,
	TriggerHandshakeHook,
} from '../spec/types';
import { readPath } from '../transport/path';
import { redactHeaders } from '../webhooks/request';
import { rejectionStatus } from '../webhooks/respond';
import { headerValues } from '../webhooks/signature';
import { constantTimeEqual } from './common';

export interface QueryChallengeOptions {
	/** Query parameter carrying the challenge to echo, e.g. `hub.challenge`. */
	challengeParam: string;
	/** Query parameter carrying the verify token, e.g. `hub.verify_token`. */
	tokenParam?: string;
	/** Query parameter naming the mode, e.g. `hub.mode`, and the value it must have, e.g. `subscribe`. */
	modeParam?: string;
	modeValue?: string;
	/** The token the service must send (e.g. from `ctx.state.data` or a credential field); required with `tokenParam`. */
	expectedToken?: (ctx: HandshakeContext) => string | undefined | Promise<string | undefined>;
	/** Methods the challenge arrives with (default GET). */
	methods?: string[];
}

/**
 * Answers `?<challengeParam>=…` (with the verify token and mode checked when configured) by echoing the
 * challenge as text/plain; a wrong token gets 403. Requests without the challenge are not handshakes.
 */
export function queryChallengeHandshake(options: QueryChallengeOptions): TriggerHandshakeHook {
	const methods = (options.methods ?? ['GET']).map((m) => m.toUpperCase());
	return async (ctx) => {
		if (!methods.includes(ctx.method.toUpperCase())) return undefined;
		const challenge = ctx.query[options.challengeParam];
		if (typeof challenge !== 'string' || challenge === '') return undefined;
		if (options.modeParam && ctx.query[options.modeParam] !== options.modeValue) {
			return { status: 403, body: { message: `Unexpected ${options.modeParam}.` } };
		}
		if (options.tokenParam) {
			const expected = await options.expectedToken?.(ctx);
			const given = ctx.query[options.tokenParam];
			if (!expected || typeof given !== 'string' || !constantTimeEqual(given, expected)) {
				return { status: 403, body: { message: 'The verify token does not match.' } };
			}
		}
		return { status: 200, body: challenge, contentType: 'text/plain; charset=utf-8' };
	};
}

/** What a data handshake needs beyond the handshake context: the credential, for a verify token kept there. */
export interface DataHandshakeOptions {
	credential: () => Promise<IDataObject | undefined>;
}

/** Longest challenge echoed back: vendors send ids and tokens of a few hundred characters at most. */
const MAX_CHALLENGE = 4096;
/** Visible ASCII and spaces: all a response header may carry (anything else would be header injection). */
const HEADER_SAFE = /^[\x20-\x7e]+$/;

type Found = { value: string } | { problem: string } | undefined;

function bodyObject(ctx: HandshakeContext): unknown {
	if (ctx.body !== null && typeof ctx.body === 'object') return ctx.body;
	try {
		return JSON.parse(ctx.rawBody.toString('utf8')) as unknown;
	} catch {
		return undefined;
	}
}

/** The value at a location as text: one value only (a repeated query key or header is ambiguous, so refused). */
function read(ctx: HandshakeContext, loc: HandshakeLocation): Found {
	let values: unknown[];
	if (loc.in === 'query') {
		const raw = ctx.query[loc.name];
		values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
	} else if (loc.in === 'header') {
		values = [...new Set(headerValues(ctx.headers, loc.name))];
	} else {
		const raw = readPath(bodyObject(ctx), loc.name);
		values = raw === undefined || raw === null ? [] : [raw];
	}
	if (values.length === 0) return undefined;
	if (values.length > 1) return { problem: `The request has more than one ${loc.name}.` };
	const [value] = values;
	if (typeof value === 'number' && Number.isFinite(value)) return { value: String(value) };
	if (typeof value !== 'string') return { problem: `The ${loc.name} of the request is not text.` };
	return value === '' ? undefined : { value };
}

async function expectedToken(
	ctx: HandshakeContext,
	from: HandshakeVerifyToken['from'],
	options: DataHandshakeOptions,
): Promise<string | undefined> {
	let value: unknown;
	if ('param' in from) value = ctx.params[from.param];
	else if ('state' in from) value = ctx.state.data?.[from.state];
	else value = (await options.credential())?.[from.credentialField];
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function refuse(status: number, message: string): HandshakeAnswer {
	return { status, body: { message } };
}

function hmacOf(value: Exclude<HandshakeValue, 'challenge'>, secret: string, challenge: string) {
	const digest = createHmac(value.hmac, Buffer.from(secret, 'utf8'))
		.update(challenge, 'utf8')
		.digest(value.encoding);
	return `${value.prefix ?? ''}${digest}`;
}

/**
 * Answers a request that is one of the spec's handshakes (see `HandshakeSpec`), or returns undefined. Order: the
 * request must match (method, `match` values, and the challenge unless `match` already identified it); a signed
 * handshake is verified (401); the verify token is compared in constant time (403); then the challenge is answered
 * in the vendor's format. Every refusal fails closed and echoes nothing.
 */
export async function answerDataHandshake(
	handshakes: HandshakeSpec[],
	ctx: HandshakeContext,
	options: DataHandshakeOptions,
): Promise<HandshakeAnswer | undefined> {
	for (const h of handshakes) {
		if (!h.methods.some((m) => m === ctx.method.toUpperCase())) continue;
		let matched = true;
		for (const m of h.match ?? []) {
			const found = read(ctx, m);
			if (!found || !('value' in found) || found.value !== m.value) matched = false;
		}
		if (!matched) continue;
		const challenge = h.challenge ? read(ctx, h.challenge) : undefined;
		// Without a `match`, the challenge is what makes the request a handshake.
		if (h.challenge && !challenge && !h.match?.length) continue;
		if (h.signed) {
			const verdict = await ctx.verify();
			if (!verdict.ok) return refuse(rejectionStatus(verdict), verdict.message);
		}
		if (h.verifyToken) {
			const expected = await expectedToken(ctx, h.verifyToken.from, options);
			const given = read(ctx, h.verifyToken);
			if (!expected) return refuse(403, 'No verify token is configured for this trigger.');
			if (!given || !('value' in given) || !constantTimeEqual(given.value, expected))
				return refuse(403, 'The verify token does not match.');
		}
		if (h.answer.type === 'empty') return { status: 200 };
		if (!challenge) return refuse(400, `The handshake has no ${h.challenge!.name}.`);
		if ('problem' in challenge) return refuse(400, challenge.problem);
		const text = challenge.value;
		if (text.length > MAX_CHALLENGE)
			return refuse(400, `The ${h.challenge!.name} is longer than ${MAX_CHALLENGE} characters.`);
		switch (h.answer.type) {
			case 'show':
				// The token becomes the signing secret: once one is set, a new one is not shown (clear the field first).
				if (ctx.secret) return { status: 200 };
				return {
					status: 200,
					emit: {
						event: h.answer.event,
						deliveryId: null,
						body: bodyObject(ctx) as IDataObject,
						headers: redactHeaders(ctx.headers),
						query: ctx.query,
					},
				};
			case 'text':
				return {
					status: 200,
					body: text,
					contentType: 'text/plain; charset=utf-8',
					// An echoed value must never be rendered as HTML by whoever opens the URL.
					headers: { 'x-content-type-options': 'nosniff' },
				};
			case 'header':
				if (!HEADER_SAFE.test(text))
					return refuse(400, `The ${h.challenge!.name} has characters a header cannot carry.`);
				return { status: 200, headers: { [h.answer.header.toLowerCase()]: text } };
			case 'json': {
				const body: IDataObject = {};
				for (const [field, value] of Object.entries(h.answer.fields)) {
					if (value === 'challenge') {
						body[field] = text;
						continue;
					}
					// Keyed with the signing secret: without one there is nothing to prove, so nothing is answered.
					if (!ctx.secret)
						return refuse(
							500,
							'No signing secret is set for this trigger, so the challenge cannot be answered.',
						);
					body[field] = hmacOf(value, ctx.secret, text);
				}
				return { status: 200, body };
			}
		}
	}
	return undefined;
}
