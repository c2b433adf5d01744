/**
 * Just enough of ZIP (APPNOTE 6.3.10) and WordprocessingML to fill a .docx template without a dependency:
 * the archive is read through its central directory (stored and deflated entries, data descriptors), the XML
 * parts that hold text (document, headers, footers, footnotes, endnotes) get their `{{placeholders}}` replaced,
 * and the archive is written again — every other entry copied byte for byte, the changed ones deflated with
 * node:zlib. No ZIP64 (a .docx over 4 GB), no encryption: such a file is refused with a clear message.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

export class DocxError extends Error {}

interface Entry {
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
export function readZip(zip: Buffer): Entry[] {
	let eocd = -1;
	for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
		if (zip.readUInt32LE(at) === EOCD) {
			eocd = at;
			break;
		}
	}
	if (eocd < 0) throw new DocxError('The file is not a .docx (no ZIP directory).');
	const count = zip.readUInt16LE(eocd + 10);
	let at = zip.readUInt32LE(eocd + 16);
	if (count === 0xffff || at === 0xffffffff)
		throw new DocxError('The .docx is a ZIP64 archive, which is not supported.');
	const entries: Entry[] = [];
	for (let n = 0; n < count; n++) {
		if (zip.readUInt32LE(at) !== CENTRAL)
			throw new DocxError('The .docx ZIP directory is damaged.');
		const flags = zip.readUInt16LE(at + 8);
		if (flags & 1) throw new DocxError('The .docx is encrypted.');
		const nameLength = zip.readUInt16LE(at + 28);
		const extraLength = zip.readUInt16LE(at + 30);
		const commentLength = zip.readUInt16LE(at + 32);
		const local = zip.readUInt32LE(at + 42);
		const compressedSize = zip.readUInt32LE(at + 20);
		if (zip.readUInt32LE(local) !== LOCAL)
			throw new DocxError('The .docx ZIP entries are damaged.');
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
export function contentOf(entry: Entry): Buffer {
	if (entry.data) return entry.data;
	if (entry.method === 0) return entry.compressed;
	if (entry.method === 8) return inflateRawSync(entry.compressed);
	throw new DocxError(`The .docx entry ${entry.name} uses an unsupported compression.`);
}

/** The archive again: unchanged entries as they were, changed ones deflated. */
export function writeZip(entries: Entry[]): Buffer {
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

const unescapeXml = (s: string) =>
	s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (m, e: string) => {
		const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
		if (named[e.toLowerCase()]) return named[e.toLowerCase()];
		const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
		return Number.isFinite(code) ? String.fromCodePoint(code) : m;
	});
const escapeXml = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const TEXT = /<w:t(\s[^>]*)?>([^<]*)<\/w:t>|<w:t(\s[^>]*)?\/>/g;
const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

/**
 * Replaces `{{name}}` in the paragraphs of a WordprocessingML part. Word splits text into runs wherever
 * formatting, spelling marks or edits change (`{{cust` `omer}}`), so each paragraph's `<w:t>` texts are read as one
 * string; a placeholder's value goes into the run where it starts (keeping that run's formatting), and the
 * rest of the placeholder is removed from the runs it spans. Returns the part and the names replaced / left.
 */
export function fillPart(
	xml: string,
	values: Record<string, string>,
): { xml: string; replaced: string[]; missing: string[] } {
	const replaced: string[] = [];
	const missing: string[] = [];
	const out = xml.replace(/<w:p[ >][\s\S]*?<\/w:p>/g, (paragraph) => {
		const runs = [...paragraph.matchAll(TEXT)].map((m) => ({
			at: m.index,
			length: m[0].length,
			attrs: m[1] ?? m[3] ?? '',
			text: unescapeXml(m[2] ?? ''),
		}));
		const whole = runs.map((r) => r.text).join('');
		if (!whole.includes('{{')) return paragraph;
		const texts = runs.map((r) => r.text);
		// The run and offset of a position in the paragraph's text.
		const locate = (pos: number) => {
			let start = 0;
			for (let i = 0; i < runs.length; i++) {
				if (pos < start + runs[i].text.length || i === runs.length - 1)
					return { i, offset: pos - start };
				start += runs[i].text.length;
			}
			return { i: 0, offset: 0 };
		};
		// From the last to the first, so earlier positions stay where they were.
		const matches = [...whole.matchAll(PLACEHOLDER)].reverse();
		const found: string[] = [];
		const lacking: string[] = [];
		let changed = false;
		for (const m of matches) {
			const name = m[1];
			if (!Object.prototype.hasOwnProperty.call(values, name)) {
				lacking.unshift(name);
				continue;
			}
			found.unshift(name);
			changed = true;
			const from = locate(m.index);
			const to = locate(m.index + m[0].length - 1);
			const value = values[name];
			if (from.i === to.i) {
				const t = texts[from.i];
				texts[from.i] = t.slice(0, from.offset) + value + t.slice(to.offset + 1);
			} else {
				texts[from.i] = texts[from.i].slice(0, from.offset) + value;
				for (let k = from.i + 1; k < to.i; k++) texts[k] = '';
				texts[to.i] = texts[to.i].slice(to.offset + 1);
			}
		}
		replaced.push(...found);
		missing.push(...lacking);
		if (!changed) return paragraph;
		let rebuilt = '';
		let last = 0;
		runs.forEach((r, k) => {
			const attrs = /xml:space=/.test(r.attrs) ? r.attrs : `${r.attrs} xml:space="preserve"`;
			rebuilt += paragraph.slice(last, r.at) + `<w:t${attrs}>${escapeXml(texts[k])}</w:t>`;
			last = r.at + r.length;
		});
		return rebuilt + paragraph.slice(last);
	});
	return { xml: out, replaced, missing };
}

/** The parts of a .docx whose text a template's placeholders may be in. */
const TEXT_PARTS = /^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/;

/** A filled copy of a .docx template, and which placeholders were replaced and which had no value. */
export function fillDocx(
	docx: Buffer,
	values: Record<string, string>,
): { docx: Buffer; replaced: string[]; missing: string[] } {
	const entries = readZip(docx);
	if (!entries.some((e) => e.name === 'word/document.xml'))
		throw new DocxError('The file is not a Word document (no word/document.xml).');
	const replaced = new Set<string>();
	const missing = new Set<string>();
	for (const entry of entries) {
		if (!TEXT_PARTS.test(entry.name)) continue;
		const filled = fillPart(contentOf(entry).toString('utf8'), values);
		filled.replaced.forEach((n) => replaced.add(n));
		filled.missing.forEach((n) => missing.add(n));
		if (filled.replaced.length > 0) entry.data = Buffer.from(filled.xml, 'utf8');
	}
	return { docx: writeZip(entries), replaced: [...replaced], missing: [...missing] };
}
