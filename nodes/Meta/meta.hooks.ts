/** The Meta subscription handshake, answered with lib's challenge helper configured by Meta's data. */
import { queryChallengeHandshake } from '../../lib/triggers/handshake';
import { META_HANDSHAKE } from './meta';

/** `GET ?hub.mode=subscribe&hub.verify_token=<the trigger's Verify Token>&hub.challenge=…` → the challenge, as text. */
export const verifySubscription = queryChallengeHandshake({
	...META_HANDSHAKE,
	expectedToken: (ctx) =>
		typeof ctx.params.verifyToken === 'string' ? ctx.params.verifyToken : undefined,
});
