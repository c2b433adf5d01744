/**
 * Finding a secret in what a run produced, in every form it takes on the wire. Written independently of
 * lib/transport/redact.ts on purpose: the redactor is what these checks test.
 */

/** A secret shorter than this is looked for only as a whole token (the redactor's promise for short ones). */
const SHORT = 6;

/** The forms a secret takes on the wire: raw, URL-encoded (both hex cases, `+` for spaces), base64(url), JSON-escaped. */
export function wireForms(secret: string): string[] {
	const url = encodeURIComponent(secret);
	const b64 = Buffer.from(secret).toString('base64');
	const b64url = Buffer.from(secret).toString('base64url');
	const json = JSON.stringify(secret).slice(1, -1);
	return [
		...new Set([
			secret,
			url,
			url.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
			new URLSearchParams({ s: secret }).toString().slice(2),
			b64,
			b64.replace(/=+$/, ''),
			b64url,
			json,
			// a JSON string inside a JSON string (an echoed body stringified again)
			JSON.stringify(json).slice(1, -1),
		]),
	].filter((f) => f.length > 0);
}

/** Every secret (with its forms) found in `text`; a short secret counts only where it stands as a whole token. */
export function leakedSecrets(text: string, secrets: string[]): string[] {
	return secrets.filter((secret) =>
		wireForms(secret).some((form) =>
			secret.length >= SHORT
				? text.includes(form)
				: new RegExp(
						`(?<![\\p{L}\\p{N}])${form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`,
						'u',
					).test(text),
		),
	);
}

/** Asserts that no secret appears anywhere in what a run produced: outputs, errors, run data. */
export function expectNoSecrets(value: unknown, secrets: string[]): void {
	const seen = new WeakSet<object>();
	const text = JSON.stringify(value, (_key, v: unknown) => {
		if (v instanceof Error)
			return {
				...v,
				message: v.message,
				description: (v as { description?: string }).description,
				stack: v.stack,
			};
		if (v && typeof v === 'object') {
			if (seen.has(v)) return undefined;
			seen.add(v);
		}
		return v;
	});
	expect(leakedSecrets(text, secrets)).toEqual([]);
}
