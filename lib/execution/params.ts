/**
 * The one typed reader for node parameters. Expressions can put any type in any field; reading through
 * these functions turns a wrong type into an error that names the field (as the user sees it) and the
 * value it got, instead of a crash deeper down or a silently wrong request.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
} from 'n8n-workflow';

import { parseJsonLossless } from '../transport/json';
import { nodeOf } from '../transport/node';

/** The field being read: its display name and the item it is read for. */
export interface Field {
	node: INode;
	itemIndex: number;
	label: string;
}

export function fieldOf(fn: IExecuteFunctions, itemIndex: number, label: string): Field {
	return { node: nodeOf(fn), itemIndex, label };
}

const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text);

function jsonText(value: unknown): string {
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

/** What a value is, for messages: `a number (42)`, `an object ({"a":1})`, `text ('ten')`. */
export function describeValue(value: unknown): string {
	if (value === undefined || value === null) return 'nothing';
	if (typeof value === 'string')
		return value.trim() === '' ? 'empty text' : `text ('${clip(value)}')`;
	if (typeof value === 'number') return `a number (${value})`;
	if (typeof value === 'boolean') return `true/false (${value})`;
	if (Array.isArray(value)) return `a list (${clip(jsonText(value))})`;
	if (typeof value === 'object') return `an object (${clip(jsonText(value))})`;
	return typeof value;
}

/** `The field '<label>' <problem>`, with the fix as the description. */
export function fieldError(f: Field, problem: string, fix: string): NodeOperationError {
	return new NodeOperationError(f.node, `The field '${f.label}' ${problem}`, {
		itemIndex: f.itemIndex,
		description: fix,
	});
}

function wrongType(
	f: Field,
	expected: string,
	value: unknown,
	example: string,
): NodeOperationError {
	return fieldError(
		f,
		`must be ${expected}, got ${describeValue(value)}.`,
		`Set '${f.label}' to ${expected}. If an expression fills it, make the expression return ${expected}, e.g. ${example}.`,
	);
}

export function asString(f: Field, value: unknown, fallback = ''): string {
	if (value === undefined || value === null) return fallback;
	if (typeof value === 'string') return value;
	throw wrongType(f, 'text', value, '{{ String($json.value) }}');
}

export interface NumberRule {
	/** Used when the field is empty; without it an empty field is an error. */
	fallback?: number;
	min?: number;
	max?: number;
	integer?: boolean;
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A number, or text that is one. Values beyond ±2^53 are refused: JavaScript would round them, so the
 * service would receive another number than the one the user gave.
 */
export function asNumber(f: Field, value: unknown, rule: NumberRule = {}): number {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		if (rule.fallback !== undefined) return rule.fallback;
		throw fieldError(f, 'is required.', `Enter a number for '${f.label}'.`);
	}
	const text = typeof value === 'string' ? value.trim() : undefined;
	const n =
		typeof value === 'number'
			? value
			: text !== undefined && NUMERIC.test(text)
				? Number(text)
				: NaN;
	if (!Number.isFinite(n)) throw wrongType(f, 'a number', value, '{{ Number($json.value) }}');
	const shown = text ?? String(n);
	if (Math.abs(n) > Number.MAX_SAFE_INTEGER) {
		throw fieldError(
			f,
			`is too large to be sent exactly (got ${shown}; the largest is ${Number.MAX_SAFE_INTEGER}).`,
			`Enter a smaller number in '${f.label}'. Numbers beyond 2^53 lose digits in n8n; an id this long must be sent as text.`,
		);
	}
	if (rule.integer && !Number.isInteger(n))
		throw fieldError(
			f,
			`must be a whole number (got ${shown}).`,
			`Enter a whole number in '${f.label}'.`,
		);
	if (rule.min !== undefined && n < rule.min)
		throw fieldError(
			f,
			`must be at least ${rule.min} (got ${shown}).`,
			`Raise '${f.label}' to ${rule.min} or more.`,
		);
	if (rule.max !== undefined && n > rule.max)
		throw fieldError(
			f,
			`must be at most ${rule.max} (got ${shown}).`,
			`Lower '${f.label}' to ${rule.max} or less.`,
		);
	return n;
}

export function asBoolean(f: Field, value: unknown, fallback = false): boolean {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw wrongType(f, 'true or false', value, '{{ $json.value === "yes" }}');
}

/** One of the field's options (an expression may return anything). */
export function asOption<T extends string>(
	f: Field,
	value: unknown,
	allowed: readonly T[],
	fallback?: T,
): T {
	if ((value === undefined || value === null || value === '') && fallback !== undefined)
		return fallback;
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
		return value as T;
	throw fieldError(
		f,
		`must be one of ${allowed.join(', ')}, got ${describeValue(value)}.`,
		`Pick one of the options of '${f.label}'.`,
	);
}

/**
 * JSON given as text (parsed without rounding big integers) or as a value an expression built.
 * Empty text gives `fallback`.
 */
export function asJson(f: Field, value: unknown, fallback?: unknown): unknown {
	if (value === undefined || value === null) return fallback;
	// An expression that built the value (object, list, number) needs no parsing.
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return fallback;
	try {
		return parseJsonLossless(value);
	} catch (error) {
		throw fieldError(
			f,
			`is not valid JSON (${(error as Error).message}).`,
			'Fix the JSON: quotes around keys and strings, no trailing commas.',
		);
	}
}

/** A collection (the node's "Options", "Filters"): an object, never a list or a scalar. */
export function asObject(f: Field, value: unknown): IDataObject {
	if (value === undefined || value === null || value === '') return {};
	if (typeof value === 'object' && !Array.isArray(value)) return value as IDataObject;
	throw wrongType(f, 'an object', value, '{{ { "key": "value" } }}');
}

/**
 * Rows of a name/value list (Path Variables, Query Parameters, Headers, Form Fields) as one object. Values
 * may be text, numbers or true/false and are sent as text; an object or list would be sent as
 * `[object Object]`, so it is refused. Rows without a name are skipped (a later duplicate name wins).
 */
export function asPairs(f: Field, value: unknown): Record<string, string> {
	if (value === undefined || value === null) return {};
	if (!Array.isArray(value))
		throw wrongType(f, 'a list of name/value rows', value, 'one row per name');
	const out: Record<string, string> = {};
	for (const row of value as unknown[]) {
		const { name, value: v } = (row ?? {}) as { name?: unknown; value?: unknown };
		if (name === undefined || name === null || name === '') continue;
		if (typeof name !== 'string')
			throw wrongType(
				{ ...f, label: `${f.label} › Name` },
				'text',
				name,
				'{{ String($json.key) }}',
			);
		if (v !== null && typeof v === 'object') {
			throw fieldError(
				f,
				`has ${describeValue(v)} for '${name}'.`,
				`Each value of '${f.label}' must be text, a number or true/false. Pick one property of the object, e.g. {{ $json.user.id }}.`,
			);
		}
		out[name] = v === undefined || v === null ? '' : String(v);
	}
	return out;
}

/* Readers: `getNodeParameter` plus the conversion above. */

export function readString(
	fn: IExecuteFunctions,
	i: number,
	name: string,
	label: string,
	fallback = '',
): string {
	return asString(fieldOf(fn, i, label), fn.getNodeParameter(name, i, fallback), fallback);
}

export function readNumber(
	fn: IExecuteFunctions,
	i: number,
	name: string,
	label: string,
	rule: NumberRule = {},
): number {
	return asNumber(fieldOf(fn, i, label), fn.getNodeParameter(name, i, rule.fallback), rule);
}

export function readBoolean(
	fn: IExecuteFunctions,
	i: number,
	name: string,
	label: string,
	fallback = false,
): boolean {
	return asBoolean(fieldOf(fn, i, label), fn.getNodeParameter(name, i, fallback), fallback);
}

export function readOption<T extends string>(
	fn: IExecuteFunctions,
	i: number,
	name: string,
	label: string,
	allowed: readonly T[],
	fallback?: T,
): T {
	return asOption(fieldOf(fn, i, label), fn.getNodeParameter(name, i, fallback), allowed, fallback);
}

export function readJson(
	fn: IExecuteFunctions,
	i: number,
	name: string,
	label: string,
	fallback?: unknown,
): unknown {
	return asJson(fieldOf(fn, i, label), fn.getNodeParameter(name, i, fallback), fallback);
}

export function readObject(
	fn: IExecuteFunctions,
	i: number,
	name: string,
	label: string,
): IDataObject {
	return asObject(fieldOf(fn, i, label), fn.getNodeParameter(name, i, {}));
}

export function readPairs(
	fn: IExecuteFunctions,
	i: number,
	name: string,
	label: string,
): Record<string, string> {
	return asPairs(fieldOf(fn, i, label), fn.getNodeParameter(name, i, []));
}
