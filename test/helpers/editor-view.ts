/**
 * What n8n 2.41's editor shows in a node's parameter panel for given parameter values, by the editor's own
 * rules (n8n-editor-ui `nodeTypesUtils`: `getNodeAuthFields`, `isAuthRelatedParameter`; read from the
 * shipped bundle): a field is shown when its displayOptions allow it (n8n-workflow's `displayParameter`)
 * and it is not "authentication related". The fields that credentials' `show` names are authentication
 * fields, and every field that an authentication field's `show` names is hidden from the panel.
 * The credential slots follow `useNodeCredentialOptions` / `getMainAuthField` / `isRequiredCredential`: when
 * a "main" authentication field exists, the editor hides it and each slot whose credential `show`s on it
 * offers the credentials of every type that `show`s on it (one mixed list).
 */
import {
	NodeHelpers,
	type INodeParameters,
	type INodeProperties,
	type INodeTypeDescription,
} from 'n8n-workflow';

export interface EditorView {
	/** Display names of the top-level fields shown, in order. */
	fields: string[];
	/** Names of the credential types whose slot is shown. */
	credentials: string[];
	/** Per shown slot: the credential types whose credentials its list offers. */
	offered: Record<string, string[]>;
	/** The parameter values the editor keeps (defaults filled in, hidden fields dropped). */
	values: INodeParameters;
}

/** Fields the editor treats as authentication fields (named in a credential's `show`). */
export function authFields(d: INodeTypeDescription): INodeProperties[] {
	const names = new Set(
		(d.credentials ?? []).flatMap((c) => Object.keys(c.displayOptions?.show ?? {})),
	);
	return d.properties.filter((p) => names.has(p.name));
}

/** Field names the editor hides because an authentication field's `show` depends on them. */
export function hiddenAsAuthRelated(d: INodeTypeDescription): string[] {
	const auth = authFields(d);
	return [
		...new Set(
			d.properties
				.filter((p) => auth.some((a) => a.displayOptions?.show && p.name in a.displayOptions.show))
				.map((p) => p.name),
		),
	];
}

/**
 * The field n8n treats as the node's main authentication choice (`getMainAuthField`): the authentication field
 * named `authentication` (without a 'none' option), else the first authentication field whose every option
 * value some credential's `show` names; none when no credential uses `show`.
 */
export function mainAuthField(d: INodeTypeDescription): INodeProperties | null {
	const fields = authFields(d);
	const named = fields.find(
		(p) =>
			p.name === 'authentication' &&
			!(p.options ?? []).some((o) => 'value' in o && o.value === 'none'),
	);
	if (named) return named;
	const used: Record<string, string[]> = {};
	for (const c of d.credentials ?? []) {
		for (const [key, values] of Object.entries(c.displayOptions?.show ?? {}))
			used[key] = [...(used[key] ?? []), ...(values ?? []).map((v) => (v ? String(v) : ''))];
	}
	const everyValueUsed = (p: INodeProperties) =>
		(p.options ?? []).every(
			(o) => !('value' in o) || typeof o.value !== 'string' || used[p.name].includes(o.value),
		);
	return fields.find((p) => (p.options?.length ?? 0) > 0 && everyValueUsed(p)) ?? null;
}

/** The credential types a shown slot offers (`getAllRelatedCredentialTypes` for a community node). */
export function offeredTypes(d: INodeTypeDescription, slot: string): string[] {
	const main = mainAuthField(d);
	const show = (d.credentials ?? []).find((c) => c.name === slot)?.displayOptions?.show;
	// `isRequiredCredential`: no `show`, or a `show` on the main field, makes the slot a mixed list.
	const mixed = !show || (main !== null && main.name in show);
	if (!main || !mixed) return [slot];
	return (d.credentials ?? [])
		.filter((c) => c.displayOptions?.show && main.name in c.displayOptions.show)
		.map((c) => c.name);
}

export function editorView(
	d: INodeTypeDescription,
	set: INodeParameters = {},
	version?: number,
): EditorView {
	const node = {
		typeVersion: version ?? (Array.isArray(d.version) ? Math.max(...d.version) : d.version),
	};
	const values = NodeHelpers.getNodeParameters(d.properties, set, true, false, node, d) ?? {};
	const main = mainAuthField(d);
	const hidden = new Set([...hiddenAsAuthRelated(d), ...(main ? [main.name] : [])]);
	const fields = d.properties
		.filter(
			(p) =>
				p.type !== 'hidden' &&
				!hidden.has(p.name) &&
				NodeHelpers.displayParameter(values, p, node, d),
		)
		.map((p) => p.displayName);
	const credentials = (d.credentials ?? [])
		.filter((c) => NodeHelpers.displayParameter(values, c, node, d))
		.map((c) => c.name);
	return {
		fields,
		credentials,
		offered: Object.fromEntries(credentials.map((c) => [c, offeredTypes(d, c)])),
		values,
	};
}
