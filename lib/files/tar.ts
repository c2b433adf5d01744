/**
 * Reads the regular files of a tar archive (POSIX ustar / GNU, as `tar czf` writes them), optionally gzipped: for
 * an API that hands back its results as a `.tar.gz` (a batch's response bodies). Directories, links and extended
 * headers are skipped; a truncated or malformed archive is refused.
 */
import { gunzipSync } from 'node:zlib';

export interface TarFile {
	name: string;
	data: Buffer;
}

const BLOCK = 512;

function text(block: Buffer, from: number, length: number): string {
	const raw = block.subarray(from, from + length);
	const end = raw.indexOf(0);
	return raw.subarray(0, end === -1 ? raw.length : end).toString('utf8');
}

/** The archive's regular files in order. `bytes` may be gzipped (detected by its magic number). */
export function readTar(bytes: Buffer, maxBytes = 256 * 1024 * 1024): TarFile[] {
	const tar =
		bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b
			? gunzipSync(bytes, { maxOutputLength: maxBytes })
			: bytes;
	const files: TarFile[] = [];
	let at = 0;
	while (at + BLOCK <= tar.length) {
		const header = tar.subarray(at, at + BLOCK);
		if (header.every((b) => b === 0)) break;
		const sizeText = text(header, 124, 12).trim();
		if (!/^[0-7]*$/.test(sizeText))
			throw new Error('The archive is not a tar file (bad size field).');
		const size = parseInt(sizeText || '0', 8);
		const type = String.fromCharCode(header[156] || 0x30);
		const prefix = text(header, 345, 155);
		const name = prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100);
		const start = at + BLOCK;
		if (start + size > tar.length) throw new Error('The tar archive is truncated.');
		if (type === '0') files.push({ name, data: Buffer.from(tar.subarray(start, start + size)) });
		at = start + Math.ceil(size / BLOCK) * BLOCK;
	}
	return files;
}
