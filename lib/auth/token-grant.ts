/**
 * Access tokens the engine obtains itself, for credentials n8n cannot sign with (a service account's JWT
 * bearer grant): the exchange is sent through the engine (`send`: proxies, origin map, timeouts, retries of
 * the idempotent grant, redaction), and the token is kept per engine until `refreshMarginSeconds` before it
 * expires, one exchange at a time per credential. Nothing here names a service: the facts are the spec's.
 */
import type { IDataObject } from 'n8n-workflow';

import type { JwtBearerFacts } from '../spec/types';
import { callContext } from '../transport/context';
import { EngineError } from '../transport/engine-error';
import { nodeOf } from '../transport/node';
import { send, type CallContext, type TokenSource } from '../transport/pipeline';
import { JWT_BEARER_GRANT, keyFingerprint, signAssertion, signingKeyOf } from './jwt-bearer';

interface HeldToken {
	token: string;
	expiresAt: number;
}

/** Tokens per engine (each runtime keeps its own; a test's fresh engine starts empty), by credential and key. */
const held = new WeakMap<object, Map<string, Promise<HeldToken>>>();

function tokensOf(engine: object): Map<string, Promise<HeldToken>> {
	let map = held.get(engine);
	if (!map) {
		map = new Map();
		held.set(engine, map);
	}
	return map;
}

function operationError(ctx: CallContext, message: string, description: string, status?: number) {
	return new EngineError(
		status === undefined ? 'fatal' : 'http',
		{
			type: 'operation',
			message: ctx.redact(message),
			description: ctx.redact(description),
			itemIndex: ctx.itemIndex,
		},
		status === undefined ? undefined : { status, headers: {} },
	);
}

function keyError(ctx: CallContext, credentialName: string, problem: string) {
	return operationError(
		ctx,
		`${ctx.service.displayName}: credential "${credentialName}" cannot sign in: ${problem}`,
		`Open the credential "${credentialName}" and paste the service account's JSON key file again.`,
	);
}

/** The exchange: the signed assertion for `{access_token, expires_in}`, or an error in the provider's words. */
async function exchange(
	ctx: CallContext,
	facts: JwtBearerFacts,
	data: IDataObject,
	credentialName: string,
): Promise<HeldToken> {
	const assertion = signAssertion(
		facts,
		signingKeyOf(facts, data),
		Math.floor(ctx.engine.clock.now() / 1000),
	);
	if (typeof assertion !== 'string') throw keyError(ctx, credentialName, assertion.problem);
	ctx.redact.add?.([assertion]);
	const url = new URL(facts.tokenUrl);
	const res = await send(
		callContext({
			engine: ctx.engine,
			fn: ctx.fn,
			itemIndex: ctx.itemIndex,
			service: {
				id: ctx.service.id,
				displayName: ctx.service.displayName,
				family: ctx.service.family,
			},
			redact: ctx.redact,
			settings: ctx.settings,
		}),
		{
			method: 'POST',
			baseUrl: url.origin,
			path: url.pathname,
			body: { grant_type: JWT_BEARER_GRANT, assertion },
			bodyEncoding: 'form',
			// A grant has no effect but the token it returns: safe to send again.
			idempotent: true,
			cacheable: false,
			accept: [400, 401, 403],
		},
	);
	const body = (res.body ?? {}) as IDataObject;
	const token = typeof body.access_token === 'string' ? body.access_token : '';
	if (res.status >= 400 || !token) {
		const code = typeof body.error === 'string' ? body.error : `HTTP ${res.status}`;
		const said = typeof body.error_description === 'string' ? body.error_description : '';
		const known = facts.errorFixes?.[code];
		const fill = (s: string) => s.replace('{description}', said);
		throw operationError(
			ctx,
			`${ctx.service.displayName}: the token endpoint refused the signed assertion of credential "${credentialName}": ${code}${said ? ` (${said})` : ''}`,
			known
				? `${fill(known.cause)} ${fill(known.fix)}`
				: `Check the credential "${credentialName}": its key file, the user it acts for and its scopes.`,
			res.status,
		);
	}
	ctx.redact.add?.([token]);
	const lifetime = Number(body.expires_in);
	const seconds = Number.isFinite(lifetime) && lifetime > 0 ? lifetime : facts.lifetimeSeconds;
	return { token, expiresAt: ctx.engine.clock.now() + seconds * 1000 };
}

/**
 * The token source of a JWT bearer credential: the held token while it has more than the margin left, else
 * a new exchange (concurrent requests of one credential share it). `invalidate` drops a token the API refused.
 */
export function jwtBearerSource(facts: JwtBearerFacts): TokenSource {
	const marginMs = (facts.refreshMarginSeconds ?? 300) * 1000;
	return async (ctx) => {
		const type = ctx.credentialType!;
		const data = (await ctx.fn.getCredentials(type, ctx.itemIndex)) as IDataObject;
		const ref = nodeOf(ctx.fn).credentials?.[type];
		const credentialName = ref?.name ?? type;
		const key = signingKeyOf(facts, data);
		if ('problem' in key) throw keyError(ctx, credentialName, key.problem);
		const fingerprint = keyFingerprint(key);
		const id = `${ref?.id ?? `name:${credentialName}`}:${fingerprint}`;
		const tokens = tokensOf(ctx.engine);
		const current = tokens.get(id);
		if (current) {
			const got = await current.catch(() => undefined);
			if (got && got.expiresAt - ctx.engine.clock.now() > marginMs) {
				ctx.redact.add?.([got.token]);
				return { token: got.token, invalidate: () => drop(tokens, id, current) };
			}
		}
		// Another request may have started the next exchange meanwhile: share it.
		let next = tokens.get(id);
		if (!next || next === current) {
			next = exchange(ctx, facts, data, credentialName);
			tokens.set(id, next);
			const started = next;
			started.catch(() => drop(tokens, id, started));
		}
		const entry = next;
		const got = await entry;
		ctx.redact.add?.([got.token]);
		return { token: got.token, invalidate: () => drop(tokens, id, entry) };
	};
}

function drop(
	tokens: Map<string, Promise<HeldToken>>,
	id: string,
	entry: Promise<HeldToken>,
): void {
	if (tokens.get(id) === entry) tokens.delete(id);
}
