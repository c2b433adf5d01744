/**
 * Just enough WordprocessingML to fill a .docx template: the XML parts that hold text (document, headers,
 * footers, footnotes, endnotes) get their `{{placeholders}}` replaced, through the ZIP reader/writer of
 * lib/files/zip.ts (every other entry copied byte for byte). Not handled: placeholders inside text boxes nested in
 * a paragraph, fields and content controls (their text is kept as it is).
 */
import { ZipError, contentOf, readZip, writeZip, type ZipEntry } from '../../lib/files/zip';

export { contentOf, readZip };
export class DocxError extends Error {}

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

/** The archive's entries, its text parts readable; or what is wrong with it. */
function entriesOf(docx: Buffer): ZipEntry[] | { problem: string } {
	try {
		const entries = readZip(docx);
		for (const entry of entries) if (TEXT_PARTS.test(entry.name)) contentOf(entry);
		return entries;
	} catch (error) {
		// A damaged entry (zlib's error) reads the same to the user as a damaged directory.
		return { problem: error instanceof ZipError ? error.message : 'The file is damaged.' };
	}
}

/** A filled copy of a .docx template, and which placeholders were replaced and which had no value. */
export function fillDocx(
	docx: Buffer,
	values: Record<string, string>,
): { docx: Buffer; replaced: string[]; missing: string[] } {
	const entries = entriesOf(docx);
	if ('problem' in entries) throw new DocxError(entries.problem);
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
