/**
 * The one path dialect of the spec language, used by every field that points into a body: `itemsPath`,
 * `labelPath`, `eventPath`, `deliveryIdPath`, `bodyPath`, pagination and batch paths, token paths and the
 * body conditions of rate-limit rules.
 *
 * Syntax: steps joined by dots, or written in brackets.
 * - `data.items`, `settings.title`: object keys;
 * - `errors.0.code` and `errors[0].code` are the same path: a number is an array index (or a key `"0"`);
 * - `items[0][price]`: a bracketed name is a key (the bracket style of form-encoded APIs);
 * - `['@odata.nextLink']`: a quoted bracketed name is a key as written, dots included (OData's annotations);
 * - `errors[*].code`: every element; only where a path may find several values (rate-limit body conditions).
 * The empty path is the value itself. Steps are never empty (`a..b`, `a[]`) and brackets always close.
 *
 * A leaf module kept in lib/transport/ (the lowest layer, which reads bodies itself): the limiter, the builder,
 * triggers, connections and the schema all import it.
 */

/** One step of a path: a key (numbers included) or `*` for every element. */
export type PathStep = string;

const STEP = /\[\*\]|\['([^']+)'\]|\[([^.[\]']+)\]|([^.[\]]+)/y;

/** Steps of a path, or the reason it is not one. */
export function parsePath(path: string): { steps: PathStep[] } | { problem: string } {
	const steps: PathStep[] = [];
	let at = 0;
	while (at < path.length) {
		if (steps.length > 0 && path[at] === '.') {
			at++;
			if (path[at] === '[' || at === path.length)
				return { problem: `'${path}' has an empty step after the dot at ${at}` };
		}
		STEP.lastIndex = at;
		const m = STEP.exec(path);
		if (!m)
			return {
				problem: `'${path}' is not a path: unexpected '${path[at]}' at ${at} (use dots and [index] or [key] steps)`,
			};
		steps.push(m[0] === '[*]' ? '*' : (m[1] ?? m[2] ?? m[3]));
		at = STEP.lastIndex;
	}
	return { steps };
}

const cache = new Map<string, PathStep[]>();

function stepsOf(path: string): PathStep[] {
	let steps = cache.get(path);
	if (!steps) {
		const parsed = parsePath(path);
		// A spec path is checked by the schema at test time; a hand-written bad path must still fail loudly.
		if ('problem' in parsed) throw new Error(`Bad path: ${parsed.problem}`);
		steps = parsed.steps;
		cache.set(path, steps);
	}
	return steps;
}

function child(value: unknown, step: PathStep): unknown {
	if (value === null || typeof value !== 'object') return undefined;
	// Own properties only: a path never reaches `constructor` or `__proto__`.
	return Object.prototype.hasOwnProperty.call(value, step)
		? (value as Record<string, unknown>)[step]
		: undefined;
}

/** The value at a path (undefined when a step is missing); the empty path is the value itself. */
export function readPath(value: unknown, path: string | undefined): unknown {
	if (!path) return value;
	let cur = value;
	for (const step of stepsOf(path)) {
		if (step === '*')
			throw new Error(
				`Bad path: '${path}' has [*], which finds several values; only body conditions accept it`,
			);
		cur = child(cur, step);
	}
	return cur;
}

/** Every value at a path, `[*]` meaning every element of an array; missing values are left out. */
export function readPathAll(value: unknown, path: string): unknown[] {
	let current: unknown[] = [value];
	for (const step of stepsOf(path)) {
		const next: unknown[] = [];
		for (const v of current) {
			if (step === '*') {
				if (Array.isArray(v)) next.push(...(v as unknown[]));
			} else next.push(child(v, step));
		}
		current = next;
	}
	return current.filter((v) => v !== undefined);
}

/** Set `value` at a path, creating objects on the way (arrays where the next step is a number). */
export function writePath(target: Record<string, unknown>, path: string, value: unknown): void {
	const steps = stepsOf(path);
	if (steps.length === 0 || steps.includes('*'))
		throw new Error(`Bad path: '${path}' cannot be written to`);
	let cur: Record<string, unknown> = target;
	steps.forEach((key, index) => {
		if (index === steps.length - 1) {
			cur[key] = value;
			return;
		}
		if (cur[key] === undefined || typeof cur[key] !== 'object')
			cur[key] = /^\d+$/.test(steps[index + 1]) ? [] : {};
		cur = cur[key] as Record<string, unknown>;
	});
}

/** Why `path` is not a valid spec path (undefined when it is); `many` allows `[*]`. */
export function pathProblem(path: string, opts: { many?: boolean } = {}): string | undefined {
	const parsed = parsePath(path);
	if ('problem' in parsed) return parsed.problem;
	if (!opts.many && parsed.steps.includes('*'))
		return `'${path}' has [*], which finds several values; a single value is expected here`;
	return undefined;
}
