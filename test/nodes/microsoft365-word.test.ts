/**
 * Word on the Microsoft 365 connection beyond its fixtures (test/fixtures/operations/word): the PDF conversion's
 * binary (named .pdf, typed application/pdf) fetched from the pre-authenticated URL without the Microsoft token,
 * and Create From Template's upload: a .docx whose text has every placeholder filled, one split across runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import nock from 'nock';

import { contentOf, readZip } from '../../nodes/Word/docx';
import { Word } from '../../nodes/Word/Word.node';
import { GRAPH, MICROSOFT_TEST_TOKEN as TOKEN, microsoftKit } from '../helpers/microsoft-kit';

const SHAREPOINT = 'https://contoso-my.sharepoint.com';
const kit = microsoftKit([new Word()]);

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const template = readFileSync(join(__dirname, '..', 'fixtures', 'word', 'template.docx'));
const download = `${SHAREPOINT}/personal/meganb/_layouts/15/download.aspx?UniqueId=9c2f&tempauth=eyJ0.secret`;

describe('Word', () => {
	it('Convert to PDF: format=pdf, the 302 followed without the token, the binary named .pdf', async () => {
		let sharepointAuth: string | undefined = 'unset';
		nock(GRAPH, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
			.get('/v1.0/me/drive/items/DOC1')
			.query({ $select: 'id,name,size,file,parentReference' })
			.reply(200, { id: 'DOC1', name: 'Contract.v2.docx', file: { mimeType: DOCX } })
			.get('/v1.0/me/drive/items/DOC1/content')
			.query({ format: 'pdf' })
			.reply(302, '', { location: `${download}&format=pdf` });
		nock(SHAREPOINT)
			.get('/personal/meganb/_layouts/15/download.aspx')
			.query({ UniqueId: '9c2f', tempauth: 'eyJ0.secret', format: 'pdf' })
			.reply(function () {
				sharepointAuth = this.req.headers.authorization as string | undefined;
				return [200, Buffer.from('%PDF-1.7\n'), { 'content-type': 'application/pdf' }];
			});
		const res = await kit.run('word', {
			resource: 'document',
			operation: 'convertToPdf',
			user: 'me',
			itemId: 'DOC1',
		});
		expect(res.error).toBeUndefined();
		expect(sharepointAuth).toBeUndefined();
		const binary = res.outputs[0][0].binary!.data;
		expect([binary.fileName, binary.mimeType]).toEqual(['Contract.v2.pdf', 'application/pdf']);
		expect(Buffer.from(binary.data, 'base64').toString()).toBe('%PDF-1.7\n');
	});

	it('Create From Template: the uploaded .docx has every placeholder filled', async () => {
		let uploaded: Buffer | undefined;
		let contentType: unknown;
		nock(GRAPH, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
			.get('/v1.0/me/drive/items/TPL1')
			.query(true)
			.reply(200, { id: 'TPL1', name: 'Order template.docx', file: { mimeType: DOCX } })
			.get('/v1.0/me/drive/items/TPL1/content')
			.reply(302, '', { location: download })
			.put('/v1.0/me/drive/items/FOLDER1:/Order%20SO-1042.docx:/content')
			.query({ '@microsoft.graph.conflictBehavior': 'fail' })
			.reply(function (_uri, body) {
				uploaded = Buffer.from(body as string, 'hex');
				contentType = this.req.headers['content-type'];
				return [201, { id: 'NEW1', name: 'Order SO-1042.docx' }];
			});
		nock(SHAREPOINT)
			.get(/download\.aspx/)
			.reply(200, template);
		const res = await kit.run('word', {
			resource: 'document',
			operation: 'createFromTemplate',
			user: 'me',
			templateId: 'TPL1',
			parentId: 'FOLDER1',
			fileName: 'Order SO-1042.docx',
			placeholders: {
				pairs: [
					{ key: 'customer', value: 'Fabrikam' },
					{ key: 'order_id', value: 'SO-1042' },
					{ key: 'date', value: '2026-03-09' },
					{ key: 'total', value: '1,200.00' },
				],
			},
			additionalFields: { conflictBehavior: 'fail' },
		});
		expect(res.error).toBeUndefined();
		expect(contentType).toBe(DOCX);
		const xml = contentOf(
			readZip(uploaded!).find((e) => e.name === 'word/document.xml')!,
		).toString();
		const text = xml.replace(/<[^>]+>/g, '');
		expect(text).toContain('Dear Fabrikam,');
		expect(text).toContain('Your order SO-1042 ships on 2026-03-09.');
		expect(text).toContain('Total: 1,200.00 &amp; {{unknown}}');
		expect(res.outputs[0][0].json).toEqual({
			id: 'NEW1',
			name: 'Order SO-1042.docx',
			replaced: ['customer', 'order_id', 'date', 'total'],
			missing: ['unknown'],
		});
	});
});
