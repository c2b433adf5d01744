/**
 * What n8n 2.41's editor shows in a node's parameter panel for given parameter values, by the editor's own
 * rules (n8n-editor-ui `nodeTypesUtils`: `getNodeAuthFields`, `isAuthRelatedParameter`; read from the
 * shipped bundle): a field is shown when its displayOptions allow it (n8n-workflow's `displayParameter`)
 * and it is not "authentication related". The fields that credentials' `show` names are authentication
 * fields, and every field that an authentication field's `show` names is hidden from the panel.
 */
import { NodeHelpers, type INodeParameters, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';

export interface EditorView {
	/** Display names of the top-level fields shown, in order. */
	fields: string[];
	/** Names of the credential types whose slot is shown. */
	credentials: string[];
	/** The parameter values the editor keeps (defaults filled in, hidden fields dropped). */
	values: INodeParameters;
}

/** Fields the editor treats as authentication fields (named in a credential's `show`). */
export function authFields(d: INodeTypeDescription): INodeProperties[] {
	const names = new Set((d.credentials ?? []).flatMap((c) => Object.keys(c.displayOptions?.show ?? {})));
	return d.properties.filter((p) => names.has(p.name));
}

/** Field names the editor hides because an authentication field's `show` depends on them. */
export function hiddenAsAuthRelated(d: INodeTypeDescription): string[] {
	const auth = authFields(d);
	return [...new Set(d.properties.filter((p) => auth.some((a) => a.displayOptions?.show && p.name in a.displayOptions.show)).map((p) => p.name))];
}

export function editorView(d: INodeTypeDescription, set: INodeParameters = {}): EditorView {
	const node = { typeVersion: Array.isArray(d.version) ? Math.max(...d.version) : d.version };
	const values = NodeHelpers.getNodeParameters(d.properties, set, true, false, node, d) ?? {};
	const hidden = new Set(hiddenAsAuthRelated(d));
	const fields = d.properties
		.filter((p) => p.type !== 'hidden' && !hidden.has(p.name) && NodeHelpers.displayParameter(values, p, node, d))
		.map((p) => p.displayName);
	const credentials = (d.credentials ?? []).filter((c) => NodeHelpers.displayParameter(values, c, node, d)).map((c) => c.name);
	return { fields, credentials, values };
}
