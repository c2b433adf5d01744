/** Issue 10 item 4: a secret is redacted in every form it takes on the wire, and a short one as a whole token. */
import { makeRedactor, redactError, secretsOf } from '../../lib/transport/redact';
import { leakedSecrets, wireForms } from '../helpers/secrets';

const basic = (user: string, password: string) =>
	Buffer.from(`${user}:${password}`).toString('base64');

describe('the Basic pair', () => {
	const creds = {
		baseUrl: 'https://api.example.test',
		username: 'ada_lovelace',
		password: 'Pa55/w+rd?~x',
	};
	const redact = makeRedactor(secretsOf(creds));

	it('secretsOf names the user:password pair and each part, not the configuration', () => {
		expect(secretsOf(creds)).toEqual(['ada_lovelace:Pa55/w+rd?~x', 'ada_lovelace', 'Pa55/w+rd?~x']);
		expect(
			secretsOf({ apiKey: 'k_123456', keyPrefix: 'Token ', keyLocation: 'query', keyName: 'key' }),
		).toEqual(['k_123456']);
		// n8n adds these to every credential; as short "secrets" they would wipe every "all" from outputs.
		const withN8nFields = { apiKey: 'k9z', allowedHttpRequestDomains: 'all', allowedDomains: '' };
		expect(secretsOf(withN8nFields)).toEqual(['k9z']);
		expect(makeRedactor(secretsOf(withN8nFields))('all items, key k9z')).toBe(
			'all items, key [redacted]',
		);
	});

	it('an echoed `Basic base64(user:password)` is redacted whole, in base64 and base64url', () => {
		const b64 = basic(creds.username, creds.password);
		const b64url = Buffer.from(`${creds.username}:${creds.password}`).toString('base64url');
		expect(b64).not.toBe(b64url); // the pair really has + or / in its base64
		expect(redact(`you sent "Authorization: Basic ${b64}"`)).toBe(
			'you sent "Authorization: Basic [redacted]"',
		);
		expect(redact({ header: `Basic ${b64url}`, unpadded: b64.replace(/=+$/, '') })).toEqual({
			header: 'Basic [redacted]',
			unpadded: '[redacted]',
		});
	});

	it('a short user and password still hide their pair, and each alone as a whole token', () => {
		const short = makeRedactor(secretsOf({ username: 'bob', password: 'pw1' }));
		expect(short(`Basic ${basic('bob', 'pw1')} from bob with pw1`)).toBe(
			'Basic [redacted] from [redacted] with [redacted]',
		);
	});

	it('redactError scrubs the pair from message, description and context', () => {
		const error = Object.assign(
			new Error(`401: bad credentials Basic ${basic(creds.username, creds.password)}`),
			{
				description: `server said: user=${encodeURIComponent(creds.username)}&pass=${encodeURIComponent(creds.password).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())}`,
				context: { echo: JSON.stringify({ password: creds.password }) },
			},
		);
		redactError(error, redact);
		expect(error.message).toBe('401: bad credentials Basic [redacted]');
		expect((error as unknown as { description: string }).description).toBe(
			'server said: user=[redacted]&pass=[redacted]',
		);
		expect((error as unknown as { context: unknown }).context).toEqual({
			echo: '{"password":"[redacted]"}',
		});
	});
});

describe('URL encodings', () => {
	const secret = 'sk live/+key=é 9';
	const redact = makeRedactor([secret]);

	it('upper-case percent-encoding', () => {
		expect(redact(`?key=${encodeURIComponent(secret)}&n=1`)).toBe('?key=[redacted]&n=1');
	});

	it('lower-case percent-encoding (%2b, %c3%a9)', () => {
		const lower = encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
		expect(lower).toContain('%2b');
		expect(redact(`?key=${lower}&n=1`)).toBe('?key=[redacted]&n=1');
	});

	it('form encoding (+ for spaces), as URLSearchParams writes it', () => {
		const form = new URLSearchParams({ key: secret, n: '1' }).toString();
		expect(form).toContain('sk+live');
		expect(redact(form)).toBe('key=[redacted]&n=1');
	});

	it('a mix of encoded and literal characters (encodeURI leaves / + = alone)', () => {
		expect(redact(`https://x.test/?k=${encodeURI(secret)}`)).toBe('https://x.test/?k=[redacted]');
	});
});

describe('base64 and JSON', () => {
	it('base64 and base64url of the secret, with and without padding', () => {
		const secret = 'tok>>>???~~~_1';
		const redact = makeRedactor([secret]);
		const b64 = Buffer.from(secret).toString('base64');
		const b64url = Buffer.from(secret).toString('base64url');
		expect(b64).toMatch(/[+/]/);
		expect(redact([b64, b64url, `x ${b64.replace(/=+$/, '')} y`])).toEqual([
			'[redacted]',
			'[redacted]',
			'x [redacted] y',
		]);
	});

	it('JSON-escaped: quotes, backslashes, an escaped slash and \\u escapes', () => {
		const secret = 'pa"ss\\wo/rd-é';
		const redact = makeRedactor([secret]);
		const json = JSON.stringify({ echo: secret });
		expect(redact(json)).toBe('{"echo":"[redacted]"}');
		expect(redact('{"echo":"pa\\"ss\\\\wo\\/rd-\\u00e9"}')).toBe('{"echo":"[redacted]"}');
		expect(redact('{"echo":"pa\\"ss\\\\wo/rd-\\u00E9"}')).toBe('{"echo":"[redacted]"}');
	});
});

describe('short secrets', () => {
	const redact = makeRedactor(secretsOf({ apiKey: 'k9z' }));

	it('are redacted where they stand as a whole token', () => {
		expect(redact('key k9z rejected')).toBe('key [redacted] rejected');
		expect(redact('/items?api_key=k9z&page=2')).toBe('/items?api_key=[redacted]&page=2');
		expect(redact('{"key":"k9z"}')).toBe('{"key":"[redacted]"}');
		expect(redact({ key: 'k9z' })).toEqual({ key: '[redacted]' });
	});

	it('but not inside ordinary words', () => {
		expect(redact('k9zebra and ak9z and k9z9')).toBe('k9zebra and ak9z and k9z9');
	});

	it('their encodings count as whole tokens too', () => {
		const r = makeRedactor(['a b']);
		expect(r('q=a+b&x=a%20b&y=YSBi')).toBe('q=[redacted]&x=[redacted]&y=[redacted]');
	});
});

it('learns a refreshed token with all its forms', () => {
	const redact = makeRedactor(['first-secret-1']);
	redact.add!(['new token/2']);
	expect(redact('t=new%20token%2f2')).toBe('t=[redacted]');
});

describe('the test helper finds every form (so a clean scan means something)', () => {
	it('flags each wire form and a short secret only as a whole token', () => {
		for (const form of wireForms('se cret/+é'))
			expect(leakedSecrets(`x ${form} y`, ['se cret/+é'])).toEqual(['se cret/+é']);
		expect(leakedSecrets('k9zebra', ['k9z'])).toEqual([]);
		expect(leakedSecrets('key=k9z', ['k9z'])).toEqual(['k9z']);
	});
});
