/**
 * Parameter helpers for service data files: one wire-name rule and one way to say a body or query field,
 * so every service names its n8n fields the same way (n8n field names are camelCase and cannot hold brackets)
 * while the request keeps the vendor's own key.
 */
import type { ParamOption, ParamSpec, ParamType } from './types';

/** The n8n field name of a wire key: `tag_name` → `tagName`, `automatic_payment_methods[enabled]` → `automaticPaymentMethodsEnabled`. */
export function fieldName(wire: string): string {
	const words = wire.split(/[^A-Za-z0-9]+/).filter(Boolean);
	return words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('');
}

/** A body field named after its wire key; `bodyPath` (the path dialect) carries the key when the names differ. */
export function bodyParam(
	wire: string,
	displayName: string,
	type: ParamType,
	extra: Partial<ParamSpec> = {},
): ParamSpec {
	const name = fieldName(wire);
	return {
		name,
		displayName,
		in: 'body',
		type,
		...(name !== wire ? { bodyPath: wire } : {}),
		...extra,
	};
}

/**
 * A vendor's enum value as n8n shows an option's name, in title case: `waiting_for_resource` → `Waiting For
 * Resource`, `PUBLIC_AND_SECRET` → `Public And Secret`, `customer.tax_id.created` → `Customer Tax ID Created`.
 * `words` spells some words otherwise (acronyms: `{ id: 'ID', url: 'URL' }`), keyed by the lower-cased word.
 */
export function optionName(value: string, words: Readonly<Record<string, string>> = {}): string {
	return value
		.toLowerCase()
		.split(/[._-]/)
		.filter(Boolean)
		.map((w) => words[w] ?? w[0].toUpperCase() + w.slice(1))
		.join(' ');
}

/** Options of a list of enum values, each named by `optionName`, in the given order. */
export function enumOptions(
	values: readonly string[],
	words?: Readonly<Record<string, string>>,
): ParamOption[] {
	return values.map((value) => ({ name: optionName(value, words), value }));
}

/** A required path field holding a positive integer the vendor numbers things by (an issue number, a run id). */
export function pathNumber(name: string, displayName: string, description: string): ParamSpec {
	return {
		displayName,
		name,
		in: 'path',
		type: 'number',
		required: true,
		default: 1,
		description,
		validate: { min: 1 },
	};
}

/** A query field named after its wire key; `wireName` carries the key when the names differ. */
export function queryParam(
	wire: string,
	displayName: string,
	type: ParamType,
	extra: Partial<ParamSpec> = {},
): ParamSpec {
	const name = fieldName(wire);
	return {
		name,
		displayName,
		in: 'query',
		type,
		...(name !== wire ? { wireName: wire } : {}),
		...extra,
	};
}

/**
 * An upload's "Input Binary Field": which binary property of the item holds the file. The operation's hook reads
 * it; `in: 'query'` keeps it out of a body the hook builds from the other fields (its hook strips it from the query).
 */
export function binaryFieldParam(description: string, at: 'body' | 'query' = 'body'): ParamSpec {
	return {
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		in: at,
		type: 'string',
		default: 'data',
		required: true,
		description,
	};
}
