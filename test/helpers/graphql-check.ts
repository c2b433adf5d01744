/**
 * A small checker of GraphQL documents against an introspected schema, for the conformance tests of services whose
 * operations are GraphQL documents (no `graphql` package is installed). It reads the subset our documents use —
 * one named query or mutation, variable definitions, fields with arguments (variables and literals), nested
 * selection sets and inline fragments (`... on HasMetafields { … }`, checked against the type they name); no named
 * fragments, aliases or directives (refused, so a document cannot escape the check) — and
 * reports every field, argument, variable and selection that the schema does not allow, plus the deprecated
 * fields used. `checkVariables` checks a request's variables against the input types the document declares.
 */

/** A type reference as introspection gives it. */
export interface TypeRef {
	kind: string;
	name?: string | null;
	ofType?: TypeRef | null;
}

interface SchemaField {
	name: string;
	type: TypeRef;
	args?: Array<{ name: string; type: TypeRef; defaultValue?: string | null }>;
	isDeprecated?: boolean;
}

export interface SchemaType {
	kind: string;
	name: string;
	fields?: SchemaField[] | null;
	inputFields?: Array<{ name: string; type: TypeRef; defaultValue?: string | null }> | null;
	enumValues?: Array<{ name: string; isDeprecated?: boolean }> | null;
	interfaces?: TypeRef[] | null;
	possibleTypes?: TypeRef[] | null;
}

/** An introspection answer's `__schema` (types only are read). */
export interface Schema {
	queryType: { name: string };
	mutationType: { name: string };
	types: SchemaType[];
}

type Value =
	| { kind: 'var'; name: string }
	| { kind: 'literal'; value: unknown; enum?: string }
	| { kind: 'list'; values: Value[] };

interface Field {
	/** The field's name; `...` for an inline fragment. */
	name: string;
	/** An inline fragment's type condition (`... on HasMetafields`). */
	on?: string;
	args: Array<{ name: string; value: Value }>;
	selections?: Field[];
}

export interface Operation {
	type: 'query' | 'mutation';
	name: string;
	variables: Array<{ name: string; type: string }>;
	selections: Field[];
}

/** `[ProductVariantsBulkInput!]!` of a type reference. */
export function typeString(t: TypeRef): string {
	if (t.kind === 'NON_NULL') return `${typeString(t.ofType!)}!`;
	if (t.kind === 'LIST') return `[${typeString(t.ofType!)}]`;
	return t.name!;
}

function namedType(t: TypeRef): string {
	return t.ofType ? namedType(t.ofType) : t.name!;
}

function tokenize(source: string): string[] {
	const tokens: string[] = [];
	const re =
		/\s+|,|(\.\.\.|[{}()[\]:!$=@])|("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?)|([_A-Za-z][_0-9A-Za-z]*)|(.)/gy;
	let m: RegExpExecArray | null;
	while ((m = re.exec(source)) !== null) {
		if (m[5] !== undefined) throw new Error(`unexpected character '${m[5]}' in the document`);
		const token = m[1] ?? m[2] ?? m[3] ?? m[4];
		if (token !== undefined) tokens.push(token);
	}
	return tokens;
}

/** Parses one named query or mutation of the supported subset; throws on anything else. */
export function parseOperation(source: string): Operation {
	const t = tokenize(source);
	let i = 0;
	const peek = () => t[i];
	const next = () => {
		if (i >= t.length) throw new Error('the document ends too early');
		return t[i++];
	};
	const expect = (token: string) => {
		const got = next();
		if (got !== token) throw new Error(`expected '${token}' but found '${got}'`);
	};
	const name = () => {
		const got = next();
		if (!/^[_A-Za-z]/.test(got)) throw new Error(`expected a name but found '${got}'`);
		return got;
	};
	const typeRef = (): string => {
		let out: string;
		if (peek() === '[') {
			next();
			out = `[${typeRef()}]`;
			expect(']');
		} else out = name();
		if (peek() === '!') {
			next();
			out += '!';
		}
		return out;
	};
	const value = (): Value => {
		const tok = next();
		if (tok === '$') return { kind: 'var', name: name() };
		if (tok === '[') {
			const values: Value[] = [];
			while (peek() !== ']') values.push(value());
			next();
			return { kind: 'list', values };
		}
		if (tok === '{') throw new Error('object literals are not supported: use a variable');
		if (tok.startsWith('"')) return { kind: 'literal', value: JSON.parse(tok) as string };
		if (/^-?\d/.test(tok)) return { kind: 'literal', value: Number(tok) };
		if (tok === 'true' || tok === 'false') return { kind: 'literal', value: tok === 'true' };
		if (tok === 'null') return { kind: 'literal', value: null };
		if (/^[_A-Za-z]/.test(tok)) return { kind: 'literal', value: tok, enum: tok };
		throw new Error(`unexpected '${tok}' as a value`);
	};
	const selectionSet = (): Field[] => {
		expect('{');
		const fields: Field[] = [];
		while (peek() !== '}') {
			if (peek() === '...') {
				next();
				if (peek() !== 'on') throw new Error('named fragments are not supported');
				next();
				fields.push({ name: '...', on: name(), args: [], selections: selectionSet() });
				continue;
			}
			if (peek() === '@') throw new Error('directives are not supported');
			const field: Field = { name: name(), args: [] };
			if (peek() === ':') throw new Error(`aliases are not supported ('${field.name}:')`);
			if (peek() === '(') {
				next();
				while (peek() !== ')') {
					const arg = name();
					expect(':');
					field.args.push({ name: arg, value: value() });
				}
				next();
			}
			if (peek() === '{') field.selections = selectionSet();
			fields.push(field);
		}
		next();
		return fields;
	};
	const type = next();
	if (type !== 'query' && type !== 'mutation')
		throw new Error(`expected query or mutation, found '${type}'`);
	const op: Operation = { type, name: name(), variables: [], selections: [] };
	if (peek() === '(') {
		next();
		while (peek() !== ')') {
			expect('$');
			const variable = name();
			expect(':');
			op.variables.push({ name: variable, type: typeRef() });
			if (peek() === '=') throw new Error('variable defaults are not supported');
		}
		next();
	}
	op.selections = selectionSet();
	if (i !== t.length) throw new Error(`unexpected '${t[i]}' after the operation`);
	return op;
}

/** What a check found: problems (must be none) and the deprecated fields the document reads. */
export interface DocumentReport {
	problems: string[];
	deprecated: string[];
	/** `Type.field` of every field the document reads, for trimming a schema to what is used. */
	used: string[];
}

export class SchemaIndex {
	readonly types = new Map<string, SchemaType>();

	constructor(readonly schema: Schema) {
		for (const type of schema.types) this.types.set(type.name, type);
	}

	field(typeName: string, fieldName: string): SchemaField | undefined {
		return this.types.get(typeName)?.fields?.find((f) => f.name === fieldName);
	}

	/** Checks a document: fields, arguments, variables and selection sets. */
	check(source: string): DocumentReport {
		const report: DocumentReport = { problems: [], deprecated: [], used: [] };
		let op: Operation;
		try {
			op = parseOperation(source);
		} catch (error) {
			report.problems.push(`does not parse: ${(error as Error).message}`);
			return report;
		}
		const declared = new Map(op.variables.map((v) => [v.name, v.type]));
		const usedVariables = new Set<string>();
		const root = op.type === 'query' ? this.schema.queryType.name : this.schema.mutationType.name;
		const walk = (parent: string, fields: Field[], at: string) => {
			for (const f of fields) {
				if (f.on !== undefined) {
					const problem = this.fragmentProblem(parent, f.on);
					if (problem) report.problems.push(`${at}(... on ${f.on}): ${problem}`);
					else walk(f.on, f.selections ?? [], `${at}(... on ${f.on})`);
					continue;
				}
				const where = `${at}.${f.name}`;
				const def = this.field(parent, f.name);
				if (!def) {
					report.problems.push(`${where}: ${parent} has no field '${f.name}'`);
					continue;
				}
				report.used.push(`${parent}.${f.name}`);
				if (def.isDeprecated) report.deprecated.push(`${parent}.${f.name}`);
				for (const a of f.args) {
					const argDef = def.args?.find((x) => x.name === a.name);
					if (!argDef) {
						report.problems.push(`${where}: no argument '${a.name}'`);
						continue;
					}
					this.checkValue(
						a.value,
						argDef.type,
						`${where}(${a.name})`,
						declared,
						usedVariables,
						report,
					);
				}
				for (const argDef of def.args ?? [])
					if (
						argDef.type.kind === 'NON_NULL' &&
						argDef.defaultValue == null &&
						!f.args.some((a) => a.name === argDef.name)
					)
						report.problems.push(`${where}: the required argument '${argDef.name}' is missing`);
				const target = this.types.get(namedType(def.type));
				const composite = target && ['OBJECT', 'INTERFACE', 'UNION'].includes(target.kind);
				if (composite && !f.selections)
					report.problems.push(`${where}: ${target.name} needs a selection set`);
				if (!composite && f.selections)
					report.problems.push(`${where}: ${namedType(def.type)} has no fields to select`);
				if (composite && f.selections) walk(target.name, f.selections, where);
			}
		};
		walk(root, op.selections, op.name);
		for (const name of declared.keys())
			if (!usedVariables.has(name))
				report.problems.push(`${op.name}: $${name} is declared but not used`);
		for (const v of op.variables)
			if (!this.types.has(namedType(parseTypeString(v.type))))
				report.problems.push(`${op.name}: $${v.name} has an unknown type '${v.type}'`);
		return report;
	}

	/** Whether an inline fragment on `on` may stand in a selection of `parent` (their possible types meet). */
	private fragmentProblem(parent: string, on: string): string | undefined {
		const type = this.types.get(on);
		if (!type || !['OBJECT', 'INTERFACE', 'UNION'].includes(type.kind))
			return `${on} is not an object, interface or union type`;
		const possible = (t: SchemaType): string[] | undefined =>
			t.kind === 'OBJECT' ? [t.name] : t.possibleTypes?.map((p) => p.name!);
		const mine = possible(type);
		const theirs = possible(this.types.get(parent)!);
		if (mine && theirs && !mine.some((n) => theirs.includes(n)))
			return `no ${parent} is ever a ${on}`;
		return undefined;
	}

	private checkValue(
		value: Value,
		type: TypeRef,
		where: string,
		declared: Map<string, string>,
		usedVariables: Set<string>,
		report: DocumentReport,
	): void {
		if (value.kind === 'var') {
			usedVariables.add(value.name);
			const varType = declared.get(value.name);
			if (varType === undefined) report.problems.push(`${where}: $${value.name} is not declared`);
			else if (!assignable(varType, typeString(type)))
				report.problems.push(
					`${where}: $${value.name} is ${varType}, the argument takes ${typeString(type)}`,
				);
			return;
		}
		const inner = type.kind === 'NON_NULL' ? type.ofType! : type;
		if (value.kind === 'list') {
			if (inner.kind !== 'LIST')
				report.problems.push(`${where}: a list where ${typeString(type)} goes`);
			else
				for (const v of value.values)
					this.checkValue(v, inner.ofType!, where, declared, usedVariables, report);
			return;
		}
		const problem = this.valueProblem(value.enum ?? value.value, type, where, Boolean(value.enum));
		if (problem) report.problems.push(problem);
	}

	/** A variable's (or literal's) value against a type: the first problem found, or undefined. */
	valueProblem(
		value: unknown,
		type: TypeRef,
		where: string,
		isEnumLiteral = false,
	): string | undefined {
		if (type.kind === 'NON_NULL') {
			if (value === null || value === undefined) return `${where}: required (${typeString(type)})`;
			return this.valueProblem(value, type.ofType!, where, isEnumLiteral);
		}
		if (value === null || value === undefined) return undefined;
		if (type.kind === 'LIST') {
			// GraphQL coerces one value to a list of one.
			const values = Array.isArray(value) ? value : [value];
			for (const [i, v] of values.entries()) {
				const p = this.valueProblem(v, type.ofType!, `${where}[${i}]`, isEnumLiteral);
				if (p) return p;
			}
			return undefined;
		}
		const t = this.types.get(type.name!);
		if (!t) return `${where}: unknown type ${type.name}`;
		if (t.kind === 'ENUM')
			return t.enumValues?.some((e) => e.name === value)
				? undefined
				: `${where}: '${String(value)}' is not a value of ${t.name}`;
		if (t.kind === 'INPUT_OBJECT') {
			if (typeof value !== 'object' || Array.isArray(value))
				return `${where}: ${t.name} must be an object`;
			const fields = t.inputFields ?? [];
			for (const key of Object.keys(value as object))
				if (!fields.some((f) => f.name === key)) return `${where}: ${t.name} has no field '${key}'`;
			for (const f of fields) {
				const p = this.valueProblem(
					(value as Record<string, unknown>)[f.name],
					f.type,
					`${where}.${f.name}`,
				);
				if (p) return p;
			}
			return undefined;
		}
		if (isEnumLiteral) return `${where}: ${t.name} takes no enum value (${String(value)})`;
		if (t.name === 'Int') return Number.isInteger(value) ? undefined : `${where}: Int expected`;
		if (t.name === 'Float')
			return typeof value === 'number' ? undefined : `${where}: Float expected`;
		if (t.name === 'Boolean')
			return typeof value === 'boolean' ? undefined : `${where}: Boolean expected`;
		// String, ID and Shopify's text scalars (URL, Money, Decimal, DateTime, HTML, …).
		return typeof value === 'string' || (t.name === 'ID' && typeof value === 'number')
			? undefined
			: `${where}: ${t.name} expected as text`;
	}

	/**
	 * A query's requested cost as Shopify-style APIs calculate it before running it: scalars and enums 0, an object 1
	 * plus what is selected in it, a connection (`…Connection`) 2 plus `first` (or `last`, a literal or the
	 * variable's value) times one node, a mutation field 10.
	 */
	requestedCost(source: string, variables: Record<string, unknown>): number {
		const op = parseOperation(source);
		const root = op.type === 'query' ? this.schema.queryType.name : this.schema.mutationType.name;
		const size = (f: Field): number => {
			const arg = f.args.find((a) => a.name === 'first' || a.name === 'last')?.value;
			const v = arg?.kind === 'var' ? variables[arg.name] : arg?.kind === 'literal' ? arg.value : 0;
			return typeof v === 'number' ? v : 0;
		};
		const cost = (parent: string, fields: Field[]): number =>
			fields.reduce((sum, f) => {
				if (f.on !== undefined) return sum + cost(f.on, f.selections ?? []);
				const def = this.field(parent, f.name);
				if (!def || !f.selections) return sum;
				const type = namedType(def.type);
				if (parent === this.schema.mutationType.name) return sum + 10;
				if (type.endsWith('Connection')) {
					const nodes = f.selections.find((x) => x.name === 'nodes' || x.name === 'edges');
					const nodeType = nodes ? namedType(this.field(type, nodes.name)!.type) : type;
					const inner =
						nodes?.name === 'edges'
							? (nodes.selections ?? []).find((x) => x.name === 'node')?.selections
							: nodes?.selections;
					const nodeName =
						nodes?.name === 'edges' ? namedType(this.field(nodeType, 'node')!.type) : nodeType;
					return sum + 2 + size(f) * (1 + cost(nodeName, inner ?? []));
				}
				return sum + 1 + cost(type, f.selections);
			}, 0);
		return cost(root, op.selections);
	}

	/** A request's variables against the document's variable definitions. */
	checkVariables(source: string, variables: Record<string, unknown>): string[] {
		const op = parseOperation(source);
		const problems: string[] = [];
		for (const key of Object.keys(variables))
			if (!op.variables.some((v) => v.name === key))
				problems.push(`$${key} is not a variable of ${op.name}`);
		for (const v of op.variables) {
			const p = this.valueProblem(variables[v.name], parseTypeString(v.type), `$${v.name}`);
			if (p) problems.push(p);
		}
		return problems;
	}
}

/** `[A!]!` → a type reference. */
export function parseTypeString(type: string): TypeRef {
	if (type.endsWith('!')) return { kind: 'NON_NULL', ofType: parseTypeString(type.slice(0, -1)) };
	if (type.startsWith('[')) return { kind: 'LIST', ofType: parseTypeString(type.slice(1, -1)) };
	return { kind: 'NAMED', name: type };
}

/** A variable of type `from` may be passed where `to` is expected (equal, or non-null into nullable). */
function assignable(from: string, to: string): boolean {
	if (from === to) return true;
	if (from.endsWith('!') && !to.endsWith('!')) return assignable(from.slice(0, -1), to);
	if (from.startsWith('[') && to.startsWith('[')) {
		const inner = (s: string) => s.slice(1, s.lastIndexOf(']'));
		return assignable(inner(from), inner(to)) && from.endsWith('!') === to.endsWith('!');
	}
	return false;
}
