/** Asserts that no secret appears anywhere in what a run produced: outputs, errors, run data. */
export function expectNoSecrets(value: unknown, secrets: string[]): void {
	const seen = new WeakSet<object>();
	const text = JSON.stringify(value, (_key, v: unknown) => {
		if (v instanceof Error) return { ...v, message: v.message, description: (v as { description?: string }).description, stack: v.stack };
		if (v && typeof v === 'object') {
			if (seen.has(v)) return undefined;
			seen.add(v);
		}
		return v;
	});
	for (const secret of secrets) {
		expect(text.includes(secret)).toBe(false);
		expect(text.includes(Buffer.from(secret).toString('base64'))).toBe(false);
	}
}
