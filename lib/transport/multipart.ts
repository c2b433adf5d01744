/**
 * multipart/form-data (RFC 7578) built as one Buffer: n8n's HTTP helper only recognises the
 * `form-data` package's streams, which a community node cannot depend on, and a Buffer can be re-sent
 * on retry where a stream cannot.
 */
import { randomBytes } from 'node:crypto';

export interface MultipartFile {
	data: Buffer;
	fileName: string;
	mimeType?: string;
}

export type MultipartValue = string | number | boolean | MultipartFile;

function quote(value: string): string {
	return value.replace(/"/g, '%22').replace(/\r|\n/g, ' ');
}

export function isMultipartFile(value: unknown): value is MultipartFile {
	return (
		typeof value === 'object' && value !== null && Buffer.isBuffer((value as MultipartFile).data)
	);
}

export function buildMultipart(fields: Record<string, MultipartValue | MultipartValue[]>): {
	body: Buffer;
	contentType: string;
} {
	const boundary = `----n8nApiConnections${randomBytes(12).toString('hex')}`;
	const chunks: Buffer[] = [];
	for (const [name, raw] of Object.entries(fields)) {
		for (const value of Array.isArray(raw) ? raw : [raw]) {
			if (isMultipartFile(value)) {
				chunks.push(
					Buffer.from(
						`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"; filename="${quote(value.fileName)}"\r\n` +
							`Content-Type: ${value.mimeType ?? 'application/octet-stream'}\r\n\r\n`,
					),
					value.data,
					Buffer.from('\r\n'),
				);
			} else {
				chunks.push(
					Buffer.from(
						`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${String(value)}\r\n`,
					),
				);
			}
		}
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
