/**
 * Form fields with bracketed keys as nested objects, the way PHP and Rails read them: `data[merges][FNAME]=Ann`
 * becomes `{ data: { merges: { FNAME: 'Ann' } } }` and `tags[]=a&tags[]=b` becomes `{ tags: ['a', 'b'] }`.
 * Every object is made without a prototype, so a key such as `__proto__`, `constructor` or `prototype` is a plain
 * field and can never reach `Object.prototype`. A key that does not parse (an unclosed bracket), that goes deeper
 * than `MAX_DEPTH`, or that clashes with a value already there (`a=1` then `a[b]=2`) is kept flat, as it was sent.
 */
type FormValue = string | string[];
type Nested = { [key: string]: Nested | Nested[] | string | string[] };

const MAX_DEPTH = 10;

function blank(): Nested {
	return Object.create(null) as Nested;
}

/** `a[b][c]` → `['a', 'b', 'c']`, `a[]` → `['a', '']`; undefined when the key is not of that form. */
function stepsOf(key: string): string[] | undefined {
	const open = key.indexOf('[');
	if (open <= 0) return undefined;
	const rest = key.slice(open);
	if (!/^(\[[^[\]]*\])+$/.test(rest)) return undefined;
	const steps = [key.slice(0, open), ...Array.from(rest.matchAll(/\[([^[\]]*)\]/g), (m) => m[1])];
	// `[]` only as the last step: a list of plain values.
	if (steps.length > MAX_DEPTH || steps.slice(0, -1).includes('')) return undefined;
	return steps;
}

function isObject(v: unknown): v is Nested {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Sets one field's value at its steps; false when a value already there is in the way. */
function place(target: Nested, steps: string[], value: FormValue): boolean {
	let node = target;
	for (let i = 0; i < steps.length - 1; i++) {
		const step = steps[i];
		const last = i === steps.length - 2;
		if (last && steps[i + 1] === '') {
			const existing = Object.hasOwn(node, step) ? node[step] : undefined;
			if (existing !== undefined && !Array.isArray(existing)) return false;
			node[step] = [...((existing as string[] | undefined) ?? []), ...[value].flat()];
			return true;
		}
		if (!Object.hasOwn(node, step)) node[step] = blank();
		const next = node[step];
		if (!isObject(next)) return false;
		node = next;
	}
	const leaf = steps[steps.length - 1];
	if (Object.hasOwn(node, leaf)) return false;
	node[leaf] = value;
	return true;
}

/** The form's fields, bracketed keys nested (see the file's comment). */
export function nestFormFields(fields: Record<string, FormValue>): Nested {
	const out = blank();
	for (const key of Object.keys(fields)) {
		const value = fields[key];
		const steps = stepsOf(key);
		if (steps && place(out, steps, value)) continue;
		if (!Object.hasOwn(out, key)) out[key] = value;
	}
	return out;
}
