/**
 * The parameters of a released node version, as recorded in test/conformance/released/<node>.json: per
 * resource/operation, each parameter path (`additionalFields.email`) with its type and option values. A saved
 * workflow stores exactly these, so a recorded one that disappears, changes type or loses a value breaks it.
 */
import type {
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';

/** `string`, or the type with its option values for options fields. */
export type RecordedField = string | { type: string; options: Array<string | number | boolean> };

/** Context (`customer.create`, `*.getStatus`, `*` for every context) → parameter path → field. */
export type VersionRecord = Record<string, Record<string, RecordedField>>;

export interface ReleasedRecord {
	node: string;
	/** Version (as a string key) → its parameters. */
	versions: Record<string, VersionRecord>;
}

export function versionsOfNode(d: INodeTypeDescription): number[] {
	return Array.isArray(d.version) ? d.version : [d.version];
}

/** Whether one `@version` condition value matches (a number, or n8n's `_cnd` comparisons). */
function matches(condition: unknown, version: number): boolean {
	if (typeof condition === 'number') return condition === version;
	const cnd = (condition as { _cnd?: Record<string, number> } | null)?._cnd;
	if (!cnd) return false;
	if (cnd.eq !== undefined) return version === cnd.eq;
	if (cnd.not !== undefined) return version !== cnd.not;
	if (cnd.gte !== undefined) return version >= cnd.gte;
	if (cnd.lte !== undefined) return version <= cnd.lte;
	if (cnd.gt !== undefined) return version > cnd.gt;
	if (cnd.lt !== undefined) return version < cnd.lt;
	return false;
}

function shownAt(
	p: { displayOptions?: INodeProperties['displayOptions'] },
	version: number,
): boolean {
	const show = p.displayOptions?.show?.['@version'];
	const hide = p.displayOptions?.hide?.['@version'];
	if (show && !show.some((c) => matches(c, version))) return false;
	if (hide && hide.some((c) => matches(c, version))) return false;
	return true;
}

function contexts(p: INodeProperties): string[] {
	const resources = (p.displayOptions?.show?.resource as string[] | undefined) ?? ['*'];
	const operations = (p.displayOptions?.show?.operation as string[] | undefined) ?? ['*'];
	if (resources[0] === '*' && operations[0] === '*') return ['*'];
	return resources.flatMap((r) => operations.map((o) => `${r}.${o}`));
}

function merge(a: RecordedField | undefined, b: RecordedField): RecordedField {
	if (a === undefined) return b;
	const typeA = typeof a === 'string' ? a : a.type;
	const typeB = typeof b === 'string' ? b : b.type;
	const type = [...new Set([...typeA.split('|'), ...typeB.split('|')])].sort().join('|');
	const options = [
		...new Set([
			...(typeof a === 'string' ? [] : a.options),
			...(typeof b === 'string' ? [] : b.options),
		]),
	];
	return typeof a === 'string' && typeof b === 'string' ? type : { type, options };
}

function fieldsOf(
	p: INodeProperties,
	version: number,
	prefix: string,
	out: Record<string, RecordedField>,
): void {
	if (!shownAt(p, version) || p.type === 'notice') return;
	const path = `${prefix}${p.name}`;
	const values =
		p.type === 'options' || p.type === 'multiOptions'
			? (p.options ?? []).map((o) => (o as INodePropertyOptions).value)
			: undefined;
	out[path] = merge(out[path], values ? { type: p.type, options: values } : p.type);
	if (p.type === 'collection')
		for (const child of (p.options ?? []) as INodeProperties[])
			fieldsOf(child, version, `${path}.`, out);
	if (p.type === 'fixedCollection') {
		for (const group of (p.options ?? []) as INodePropertyCollection[])
			for (const child of group.values) fieldsOf(child, version, `${path}.${group.name}.`, out);
	}
}

/** What a workflow saved with `version` of this node may hold. */
export function recordVersion(d: INodeTypeDescription, version: number): VersionRecord {
	const record: VersionRecord = {};
	for (const p of d.properties) {
		for (const context of contexts(p)) fieldsOf(p, version, '', (record[context] ??= {}));
	}
	return record;
}

const described = (f: RecordedField): string =>
	typeof f === 'string' ? f : `${f.type} [${f.options.join(', ')}]`;

/**
 * Every way this description breaks a released version: a recorded field gone, of another type, or without a
 * recorded option value; a released version the node no longer has. Empty when saved workflows still load.
 */
export function breakingChanges(d: INodeTypeDescription, released: ReleasedRecord): string[] {
	const declared = versionsOfNode(d);
	const problems: string[] = [];
	for (const [key, recorded] of Object.entries(released.versions)) {
		const version = Number(key);
		if (!declared.includes(version)) {
			problems.push(`version ${version} was released but the node no longer declares it`);
			continue;
		}
		const now = recordVersion(d, version);
		for (const [context, fields] of Object.entries(recorded)) {
			for (const [path, field] of Object.entries(fields)) {
				const where = `v${version} ${context} ${path}`;
				const current = now[context]?.[path];
				if (current === undefined) {
					problems.push(`${where}: the field is gone (was ${described(field)})`);
					continue;
				}
				const type = typeof field === 'string' ? field : field.type;
				const currentType = typeof current === 'string' ? current : current.type;
				if (type !== currentType) problems.push(`${where}: type ${type} became ${currentType}`);
				const lost =
					typeof field === 'string'
						? []
						: field.options.filter(
								(v) => typeof current === 'string' || !current.options.includes(v),
							);
				if (lost.length)
					problems.push(
						`${where}: option value(s) ${lost.map((v) => JSON.stringify(v)).join(', ')} are gone`,
					);
			}
		}
	}
	return problems;
}

/** The failure message: what broke and the fix. */
export function bumpAdvice(d: INodeTypeDescription, problems: string[]): string {
	const n = Math.max(...versionsOfNode(d));
	return [
		`${d.name}: a change breaks workflows saved with a released version:`,
		...problems.map((p) => `  - ${p}`),
		`Bump the version: add version ${n + 1} and keep the old field under version ≤ ${n}`,
		`(spec: versions: [..., ${n + 1}]; the old field gets until: ${n}, its replacement since: ${n + 1}; see docs/adding-a-service.md § Versions).`,
	].join('\n');
}
