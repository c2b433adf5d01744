/** Which values of an OAuth2 token answer are secrets: tokens are, the ids and names of who they are for are not. */
import { makeRedactor, secretsOf } from '../../../lib/transport/redact';

describe('secrets of an OAuth2 token answer (oauthTokenData)', () => {
	const credential = {
		clientId: '3336676.569200954261',
		clientSecret: '2141029472.691fe2a4f7e3c0b7d1a5',
		apiKeyName: 'id-looking-secret',
		oauthTokenData: {
			ok: true,
			access_token: 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
			refresh_token: 'xoxe-1-refresh',
			token_type: 'bot',
			bot_user_id: 'U0KRQLJ9H',
			app_id: 'A0KRD7HC3',
			team: { name: 'Slack Softball Team', id: 'T9TK3CUKW' },
			authed_user: { id: 'U1234', access_token: 'xoxp-user-token-1234' },
			id_token: 'eyJhbGciOi.payload.sig',
		},
	};

	it('keeps every token and the client secret, not the ids and names of the user, bot, app and team', () => {
		const secrets = secretsOf(credential);
		expect(secrets).toEqual(
			expect.arrayContaining([
				'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
				'xoxe-1-refresh',
				'xoxp-user-token-1234',
				'eyJhbGciOi.payload.sig',
				'2141029472.691fe2a4f7e3c0b7d1a5',
				// Outside the token answer a field is a secret unless it is known configuration.
				'id-looking-secret',
			]),
		);
		for (const notSecret of ['U0KRQLJ9H', 'A0KRD7HC3', 'T9TK3CUKW', 'Slack Softball Team', 'U1234'])
			expect(secrets).not.toContain(notSecret);
	});

	it('an answer that names the bot keeps its id; the token is still redacted wherever it appears', () => {
		const redact = makeRedactor(secretsOf(credential));
		expect(
			redact({
				user: 'U0KRQLJ9H',
				team: 'T9TK3CUKW',
				echoed: 'Bearer xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
			}),
		).toEqual({ user: 'U0KRQLJ9H', team: 'T9TK3CUKW', echoed: 'Bearer [redacted]' });
	});
});
