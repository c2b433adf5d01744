/**
 * Writes a gzipped ustar archive of the files given, as `tar czf` does (what a vendor's results archive is), for
 * fakes of APIs that hand back results as a `.tar.gz`.
 */
import { gzipSync } from 'node:zlib';

const BLOCK = 512;

function header(name: string, size: number): Buffer {
	const h = Buffer.alloc(BLOCK, 0);
	h.write(name, 0, 100, 'utf8');
	h.write('0000644\0', 100, 'ascii');
	h.write('0000000\0', 108, 'ascii');
	h.write('0000000\0', 116, 'ascii');
	h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
	h.write(`${'14000000000'}\0`, 136, 'ascii');
	h.write('        ', 148, 'ascii');
	h.write('0', 156, 'ascii');
	h.write('ustar\x0000', 257, 'ascii');
	const sum = h.reduce((a, b) => a + b, 0);
	h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
	return h;
}

export function tarGz(files: Array<{ name: string; text: string }>): Buffer {
	const parts: Buffer[] = [];
	for (const { name, text } of files) {
		const data = Buffer.from(text, 'utf8');
		parts.push(
			header(name, data.length),
			data,
			Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK, 0),
		);
	}
	parts.push(Buffer.alloc(2 * BLOCK, 0));
	return gzipSync(Buffer.concat(parts));
}
