/** Turn an engine response into n8n items: JSON split into items, text, or a binary property. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { takeLostWrites } from '../connections/usage';
import { readPath } from '../transport/path';
import type { EngineResponse, ResponseFormat } from '../transport/types';

export interface ResponseShape {
	format: ResponseFormat;
	/** Dotted path into the JSON body. */
	path?: string;
	/** Split a JSON array into one item per element (default true). */
	split?: boolean;
	/** Binary property name for `binary` responses. */
	binaryProperty?: string;
	/** Output `{ statusCode, headers, body }` instead of the body. */
	fullResponse?: boolean;
	/** Item for an empty body (204). */
	onEmpty?: IDataObject;
}

/**
 * The file name a download gets. RFC 6266: `filename*=UTF-8''…` is percent-encoded (and wins); a plain
 * `filename` is literal text (`report 100%.pdf` must not be URI-decoded). Else the URL's last segment.
 */
function fileNameFrom(res: EngineResponse): string {
	const disposition = res.headers['content-disposition'] ?? '';
	const extended = /filename\*\s*=\s*[\w!#$%&+^`{}~-]*'[^']*'("?)([^";]+)\1/i.exec(disposition);
	if (extended) return decodeOr(extended[2].trim());
	const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(disposition);
	if (plain) return plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2].trim();
	const last = new URL(res.meta.url).pathname.split('/').filter(Boolean).pop();
	return last ? decodeOr(last) : 'file';
}

/** Percent-decoding that keeps the text as it is when it is not valid percent-encoding. */
function decodeOr(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

export async function responseToItems(
	fn: IExecuteFunctions,
	res: EngineResponse,
	shape: ResponseShape,
): Promise<INodeExecutionData[]> {
	const items = await shapeItems(fn, res, shape);
	// With caching on, every item says whether it came from the cache (item metadata, not its JSON).
	if (res.meta.cache) for (const item of items) item.cache = { ...res.meta.cache };
	// Usage or error-log entries the connections store failed to save are reported, not dropped silently.
	const lost = takeLostWrites(fn);
	if (lost) for (const item of items) item.connectionsStore = { lostWrites: { ...lost } };
	return items;
}

async function shapeItems(
	fn: IExecuteFunctions,
	res: EngineResponse,
	shape: ResponseShape,
): Promise<INodeExecutionData[]> {
	if (shape.format === 'binary') {
		const mimeType = (res.headers['content-type'] ?? 'application/octet-stream')
			.split(';')[0]
			.trim();
		const binary = await fn.helpers.prepareBinaryData(
			res.body as Buffer,
			fileNameFrom(res),
			mimeType,
		);
		const json: IDataObject = shape.fullResponse
			? { statusCode: res.status, headers: res.headers }
			: {};
		return [{ json, binary: { [shape.binaryProperty ?? 'data']: binary } }];
	}
	if (shape.fullResponse) {
		return [
			{ json: { statusCode: res.status, headers: res.headers, body: res.body as IDataObject } },
		];
	}
	if (shape.format === 'text') {
		return [{ json: { data: res.body === undefined ? '' : String(res.body) } }];
	}
	const value = readPath(res.body, shape.path);
	if (value === undefined || value === null || value === '') {
		return [{ json: shape.onEmpty ?? { success: true, statusCode: res.status } }];
	}
	if (Array.isArray(value) && shape.split !== false) {
		return value.map((v) => ({ json: wrap(v) }));
	}
	return [{ json: wrap(value) }];
}

/** n8n items must be objects: wrap scalars and arrays. */
export function wrap(value: unknown): IDataObject {
	if (value !== null && typeof value === 'object' && !Array.isArray(value))
		return value as IDataObject;
	return { data: value as IDataObject };
}
