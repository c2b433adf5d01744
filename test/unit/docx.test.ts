/**
 * The .docx template filler (nodes/Word/docx.ts) against a template written by another ZIP implementation
 * (Python's zipfile, deflated entries: test/fixtures/word/template.docx): placeholders in one run, split across
 * runs with other formatting and a proofing mark between them, with spaces inside the braces, in a header; XML
 * escaping both ways; unknown placeholders left and reported; untouched entries copied byte for byte.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { contentOf, DocxError, fillDocx, fillPart, readZip } from '../../nodes/Word/docx';

const template = readFileSync(join(__dirname, '..', 'fixtures', 'word', 'template.docx'));
const part = (zip: Buffer, name: string) =>
	contentOf(readZip(zip).find((e) => e.name === name)!).toString('utf8');
/** A part's visible text, paragraph by paragraph. */
const text = (xml: string) =>
	[...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
		[...p[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
	);

describe('docx templates', () => {
	it('reads the template written by another ZIP implementation', () => {
		expect(readZip(template).map((e) => e.name)).toEqual([
			'[Content_Types].xml',
			'_rels/.rels',
			'word/_rels/document.xml.rels',
			'word/document.xml',
			'word/header1.xml',
		]);
		expect(text(part(template, 'word/document.xml'))).toEqual([
			'Dear {{customer}},',
			'Your order {{order_id}} ships on {{ date }}.',
			'Total: {{total}} &amp; {{unknown}}',
		]);
	});

	it('fills placeholders in a run, across runs and in the header; reports the ones without a value', () => {
		const filled = fillDocx(template, {
			customer: 'Fabrikam <Ltd> & Co',
			order_id: 'SO-1042',
			date: '2026-03-09',
			total: '1,200.00 €',
		});
		expect(text(part(filled.docx, 'word/document.xml'))).toEqual([
			'Dear Fabrikam &lt;Ltd&gt; &amp; Co,',
			'Your order SO-1042 ships on 2026-03-09.',
			'Total: 1,200.00 € &amp; {{unknown}}',
		]);
		expect(text(part(filled.docx, 'word/header1.xml'))).toEqual([
			'Contoso — Fabrikam &lt;Ltd&gt; &amp; Co',
		]);
		expect(filled.replaced).toEqual(['customer', 'order_id', 'date', 'total']);
		expect(filled.missing).toEqual(['unknown']);
		// The value goes where the placeholder starts (its run's formatting); the bold run and the
		// proofing mark stay, emptied.
		expect(part(filled.docx, 'word/document.xml')).toContain(
			'<w:t xml:space="preserve">Your order SO-1042</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"></w:t></w:r><w:proofErr w:type="spellStart"/>',
		);
		// Untouched entries are copied as they were.
		const before = readZip(template);
		const after = readZip(filled.docx);
		for (const name of ['[Content_Types].xml', '_rels/.rels', 'word/_rels/document.xml.rels'])
			expect(after.find((e) => e.name === name)!.compressed).toEqual(
				before.find((e) => e.name === name)!.compressed,
			);
	});

	it('a paragraph without placeholders is left byte for byte', () => {
		const xml = '<w:p><w:r><w:t>Plain &amp; simple {not one}</w:t></w:r></w:p>';
		expect(fillPart(xml, { x: 'y' })).toEqual({ xml, replaced: [], missing: [] });
	});

	it('refuses what is not a .docx', () => {
		expect(() => fillDocx(Buffer.from('%PDF-1.7 not a zip'), {})).toThrow(DocxError);
	});
});
