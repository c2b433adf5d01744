/** Ready-made handshake hooks for common challenge schemes (configured by data, no service names). */
import type { HandshakeContext, TriggerHandshakeHook } from '../spec/types';
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
