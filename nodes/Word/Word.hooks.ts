/**
 * What Word's data cannot say: a document created from a template — the template's bytes fetched like a
 * OneDrive download (Graph's 302 to a pre-authenticated URL, followed without the token), its `{{placeholders}}`
 * replaced in the document's XML parts (nodes/Word/docx.ts, placeholders split across runs included), and the
 * result uploaded like a OneDrive upload (one PUT up to 4 MB, else an upload session). Upload, download and
 * the PDF conversion are OneDrive's hooks as they are.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { toRequest } from '../../lib/builder/execute';
import type { HookContext, OperationSpec } from '../../lib/spec/types';
import { DRIVE_BASE } from '../Microsoft/microsoft';
import { fetchItem, oneDriveHooks, uploadBytes } from '../OneDrive/OneDrive.hooks';
import { DocxError, fillDocx } from './docx';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** The upload's own path fields (where the new document goes), not the template's. */
const UPLOAD_FIELDS = new Set(['parentId', 'fileName']);

/** Create from Template: download the template, fill its placeholders, upload the result into the folder. */
async function fromTemplate(ctx: HookContext): Promise<IDataObject> {
	const template: OperationSpec = {
		id: 'template',
		name: 'Template',
		action: 'Download the template',
		method: 'GET',
		// On the drive the node picked (its drive fields), like the folder the document goes to.
		path: `${DRIVE_BASE}/items/{templateId}/content`,
		params: (ctx.operation.params ?? [])
			.filter((p) => (p.in === 'path' && !UPLOAD_FIELDS.has(p.name)) || p.name === 'templateId')
			.map((p) => ({ ...p, in: 'path' as const })),
	};
	const { meta, bytes } = await fetchItem(ctx, toRequest(template, ctx.params, ctx.baseUrl));
	const values = Object.fromEntries(
		Object.entries((ctx.params.placeholders ?? {}) as IDataObject).map(([k, v]) => [k, String(v)]),
	);
	let filled: ReturnType<typeof fillDocx>;
	try {
		filled = fillDocx(bytes, values);
	} catch (error) {
		const reason = error instanceof DocxError ? error.message : String(error);
		throw new NodeOperationError(
			ctx.fn.getNode(),
			`The template ${String(meta.name ?? ctx.params.templateId)} could not be read: ${reason}`,
			{
				itemIndex: ctx.itemIndex,
				description: 'Pick a .docx file saved by Word (not .doc, not password-protected).',
			},
		);
	}
	const item = await uploadBytes(ctx, filled.docx, DOCX);
	return { ...item, replaced: filled.replaced, missing: filled.missing };
}

export const wordHooks = {
	upload: oneDriveHooks.upload,
	download: oneDriveHooks.download,
	fromTemplate,
};
