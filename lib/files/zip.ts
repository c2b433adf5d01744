/**
 * Just enough of ZIP (APPNOTE 6.3.10) to change a few entries of an Office file (.docx, .xlsx) without a
 * dependency: the archive is read through its central directory (stored and deflated entries, data descriptors)
 * and written again — every entry that did not change copied byte for byte, the changed ones deflated with
 * node:zlib. No ZIP64 (archives over 4 GB or 65,535 entries) and no encryption: such a file is refused with a
 * clear message (`ZipError`).
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

export class ZipError extends Error {}

export interface ZipEntry {
	name: string;
	method: number;
	flags: number;
	time: number;
	date: number;
	crc: number;
	compressed: Buffer;
	size: number;
	/** Set when the entry's content changed: written deflated from this. */
	data?: Buffer;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of a ZIP archive, in the central directory's order. */
export function readZip(zip: Buffer): ZipEntry[] {
	let eocd = -1;
	for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
		if (zip.readUInt32LE(at) === EOCD) {
			eocd = at;
			break;
		}
	}
	if (eocd < 0) throw new ZipError('The file is not a ZIP archive (no central directory).');
	const count = zip.readUInt16LE(eocd + 10);
	let at = zip.readUInt32LE(eocd + 16);
	if (count === 0xffff || at === 0xffffffff)
		throw new ZipError('The file is a ZIP64 archive, which is not supported.');
	const entries: ZipEntry[] = [];
	for (let n = 0; n < count; n++) {
		if (zip.readUInt32LE(at) !== CENTRAL) throw new ZipError('The ZIP directory is damaged.');
		const flags = zip.readUInt16LE(at + 8);
		if (flags & 1) throw new ZipError('The file is encrypted.');
		const nameLength = zip.readUInt16LE(at + 28);
		const extraLength = zip.readUInt16LE(at + 30);
		const commentLength = zip.readUInt16LE(at + 32);
		const local = zip.readUInt32LE(at + 42);
		const compressedSize = zip.readUInt32LE(at + 20);
		if (zip.readUInt32LE(local) !== LOCAL) throw new ZipError('The ZIP entries are damaged.');
		const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
		entries.push({
			name: zip.toString('utf8', at + 46, at + 46 + nameLength),
			method: zip.readUInt16LE(at + 10),
			flags,
			time: zip.readUInt16LE(at + 12),
			date: zip.readUInt16LE(at + 14),
			crc: zip.readUInt32LE(at + 16),
			compressed: zip.subarray(start, start + compressedSize),
			size: zip.readUInt32LE(at + 24),
		});
		at += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}

/** An entry's bytes. */
export function contentOf(entry: ZipEntry): Buffer {
	if (entry.data) return entry.data;
	if (entry.method === 0) return entry.compressed;
	if (entry.method === 8) return inflateRawSync(entry.compressed);
	throw new ZipError(`The entry ${entry.name} uses an unsupported compression.`);
}

/** The archive again: unchanged entries as they were, changed ones deflated. */
export function writeZip(entries: ZipEntry[]): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const e of entries) {
		const name = Buffer.from(e.name, 'utf8');
		const changed = e.data !== undefined;
		const body = changed ? deflateRawSync(e.data!) : e.compressed;
		const method = changed ? 8 : e.method;
		const crc = changed ? crc32(e.data!) : e.crc;
		const size = changed ? e.data!.length : e.size;
		// Sizes are in the headers: no data descriptor (bit 3), UTF-8 names (bit 11).
		const flags = (e.flags & ~0x0008) | 0x0800;
		const local = Buffer.alloc(30);
		local.writeUInt32LE(LOCAL, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(flags, 6);
		local.writeUInt16LE(method, 8);
		local.writeUInt16LE(e.time, 10);
		local.writeUInt16LE(e.date, 12);
		local.writeUInt32LE(crc >>> 0, 14);
		local.writeUInt32LE(body.length, 18);
		local.writeUInt32LE(size, 22);
		local.writeUInt16LE(name.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(CENTRAL, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(flags, 8);
		central.writeUInt16LE(method, 10);
		central.writeUInt16LE(e.time, 12);
		central.writeUInt16LE(e.date, 14);
		central.writeUInt32LE(crc >>> 0, 16);
		central.writeUInt32LE(body.length, 20);
		central.writeUInt32LE(size, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, body);
		centrals.push(central, name);
		offset += local.length + name.length + body.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(EOCD, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}
