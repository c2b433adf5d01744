/**
 * What is special about Gmail beyond the per-operation fixtures (test/fixtures/operations/gmail): the RFC 2822
 * message a send builds (decoded here byte for byte: text and HTML alternatives, an attachment from binary data,
 * RFC 2047 headers), the refusal of a header-injection attempt naming the field, a reply's thread headers,
 * attachments downloaded to binary data, the scopes per Gmail access, the quota-unit budget, Google's
 * throttling answers, and the Gmail Trigger over the mailbox history (baseline from getProfile, each new
 * message once, label and search filters, an expired history id, the manual test run).
 */
import nock from 'nock';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { ApiConnGoogleServiceAccountApi } from '../../credentials/ApiConnGoogleServiceAccountApi.credentials';
import { ApiConnGoogleWorkspaceOAuth2Api } from '../../credentials/ApiConnGoogleWorkspaceOAuth2Api.credentials';
import { validateService } from '../../lib/spec/schema';
import { Gmail } from '../../nodes/Gmail/Gmail.node';
import { GmailTrigger } from '../../nodes/Gmail/GmailTrigger.node';
import { gmailDefinition } from '../../nodes/Gmail/Gmail.service';
import { buildMime, encodeWords, readPayload } from '../../nodes/Gmail/Gmail.mime';
import {
	GOOGLE_SCOPE_EXPRESSION,
	GOOGLE_SCOPES,
	googleScopesFor,
} from '../../nodes/Google/Google.oauth';
import { driveClock } from '../helpers/fake-clock';
import { createPollHarness } from '../helpers/poll-harness';
import { serviceKit } from '../kit';

const GMAIL = 'https://gmail.googleapis.com';
const USER = '/gmail/v1/users/me';
const ACCESS = 'ya29.a0AfB_byGmailAccessToken0042';
const SCOPE = googleScopesFor(['gmail'], 'file').join(' ');
const oauth = {
	clientId: '1234567890-test0client0id.apps.googleusercontent.com',
	clientSecret: 'GOCSPX-testClientSecret0042',
	products: ['gmail'],
	mailAccess: ['send', 'read', 'modify', 'compose'],
	scope: SCOPE,
	oauthTokenData: {
		access_token: ACCESS,
		token_type: 'Bearer',
		expires_in: 3599,
		refresh_token: '1//0gGmailRefreshToken0042',
		scope: SCOPE,
	},
};

const kit = serviceKit({
	origin: GMAIL,
	nodeTypes: [new Gmail()],
	credentialTypes: [new ApiConnGoogleWorkspaceOAuth2Api(), new ApiConnGoogleServiceAccountApi()],
	credentials: { apiConnGoogleWorkspaceOAuth2Api: oauth },
});
const gmail = (parameters: Record<string, unknown>, input?: INodeExecutionData[]) =>
	kit.run('gmail', parameters as INodeParameters, input ? { input } : {});
const raw = (body: unknown) =>
	Buffer.from(String((body as { raw: string }).raw), 'base64url').toString('latin1');
const fromB64 = (lines: string) =>
	Buffer.from(lines.replace(/\r\n/g, ''), 'base64').toString('utf8');

const PDF = Buffer.from('%PDF-1.4\n%fixture invoice\n');
const withPdf: INodeExecutionData[] = [
	{
		json: {},
		binary: {
			invoice: {
				data: PDF.toString('base64'),
				mimeType: 'application/pdf',
				fileName: 'Rechnung Nº 7.pdf',
			},
		},
	},
];

describe('Gmail', () => {
	it('the spec is valid, on the Google Workspace connection, with a cost-based budget of quota units', () => {
		expect(validateService(gmailDefinition)).toEqual([]);
		const { spec } = gmailDefinition;
		expect(spec.family).toBe('googleWorkspace');
		expect(spec.auth.map((a) => a.credentialType)).toEqual([
			'apiConnGoogleWorkspaceOAuth2Api',
			'apiConnGoogleServiceAccountApi',
		]);
		expect(spec.rateLimit?.cost).toEqual({ maximum: 250, restorePerSecond: 250, defaultCost: 5 });
		const costs = Object.fromEntries(
			spec.resources.flatMap((r) =>
				r.operations.map((o) => [`${r.id}.${o.id}`, o.rateLimit?.cost]),
			),
		);
		// https://developers.google.com/gmail/api/reference/quota
		expect(costs).toEqual({
			'message.send': 100,
			'message.reply': 100,
			'message.get': 5,
			'message.getMany': 5,
			'message.modify': 5,
			'message.markRead': 5,
			'message.markUnread': 5,
			'message.trash': 5,
			'message.untrash': 5,
			'message.delete': 10,
			'draft.create': 10,
			'draft.get': 5,
			'draft.getMany': 5,
			'draft.send': 100,
			'draft.delete': 10,
			'label.getMany': 1,
			'label.get': 1,
			'label.create': 5,
			'label.delete': 5,
			'thread.reply': 100,
			'thread.get': 10,
			'thread.getMany': 10,
			'thread.modify': 10,
			'thread.trash': 10,
			'thread.untrash': 10,
			'thread.delete': 20,
			'attachment.get': 5,
		});
	});

	it('least privilege: each operation asks one Gmail scope, full access only for a permanent delete', () => {
		const scopes = Object.fromEntries(
			gmailDefinition.spec.resources.flatMap((r) =>
				r.operations.map((o) => [
					`${r.id}.${o.id}`,
					(o.scopes ?? []).map((s) => s.replace('https://www.googleapis.com/auth/', '')),
				]),
			),
		);
		expect(scopes).toMatchObject({
			'message.send': ['gmail.send'],
			'message.reply': ['gmail.send', 'gmail.readonly'],
			'message.get': ['gmail.readonly'],
			'message.getMany': ['gmail.readonly'],
			'message.modify': ['gmail.modify'],
			'message.markRead': ['gmail.modify'],
			'message.trash': ['gmail.modify'],
			'message.delete': ['https://mail.google.com/'],
			'draft.create': ['gmail.compose'],
			'draft.send': ['gmail.compose'],
			'label.getMany': ['gmail.readonly'],
			'label.create': ['gmail.modify'],
			'thread.modify': ['gmail.modify'],
			'thread.reply': ['gmail.send', 'gmail.readonly'],
			'thread.delete': ['https://mail.google.com/'],
			'attachment.get': ['gmail.readonly'],
		});
	});

	it('the credential asks the Gmail scopes of the accesses chosen (the hidden Scope expression agrees)', () => {
		const body = GOOGLE_SCOPE_EXPRESSION.replace(/^=\{\{/, '').replace(/\}\}$/, '');
		const evaluate = new Function('$self', `return ${body}`) as (self: IDataObject) => string;
		const cases: Array<[string[], string[] | undefined]> = [
			[['gmail'], undefined],
			[['gmail'], ['send']],
			[
				['gmail', 'sheets'],
				['read', 'full'],
			],
			[['sheets'], ['send']],
		];
		for (const [products, mailAccess] of cases)
			expect(evaluate({ products, driveAccess: 'file', extraScopes: '', mailAccess })).toBe(
				googleScopesFor(products, 'file', '', mailAccess).join(' '),
			);
		expect(googleScopesFor(['gmail'], 'file')).toEqual([
			GOOGLE_SCOPES.email,
			'https://www.googleapis.com/auth/gmail.send',
			'https://www.googleapis.com/auth/gmail.readonly',
			'https://www.googleapis.com/auth/gmail.modify',
			'https://www.googleapis.com/auth/gmail.compose',
		]);
		expect(googleScopesFor(['gmail'], 'file', '', ['send'])).toEqual([
			GOOGLE_SCOPES.email,
			'https://www.googleapis.com/auth/gmail.send',
		]);
		expect(googleScopesFor(['gmail'], 'file', '', ['full'])).toEqual([
			GOOGLE_SCOPES.email,
			'https://mail.google.com/',
		]);
	});

	describe('Message → Send: the RFC 2822 message', () => {
		it('text and HTML as alternatives, a binary attachment, CC/BCC, RFC 2047 and RFC 2231 names: decoded exactly', async () => {
			const seen = kit.fake([
				'POST',
				200,
				{ id: '18c2f7e0c1a2b3c4', threadId: '18c2f7e0c1a2b3c4', labelIds: ['SENT'] },
			]);
			const { outputs, error } = await gmail(
				{
					resource: 'message',
					operation: 'send',
					to: 'Zoë Müller <zoe@example.com>, bob@example.com',
					subject: 'Rechnung für November ✓',
					additionalFields: {
						cc: '"Lovelace, Ada" <ada@example.com>',
						bcc: 'audit@example.com',
						text: 'Hallo Zoë,\nanbei die Rechnung.',
						html: '<p>Hallo <b>Zoë</b>,<br>anbei die Rechnung.</p>',
						attachments: 'invoice',
					},
				},
				withPdf,
			);
			expect(error).toBeUndefined();
			expect(outputs[0].map((i) => i.json)).toEqual([
				{ id: '18c2f7e0c1a2b3c4', threadId: '18c2f7e0c1a2b3c4', labelIds: ['SENT'] },
			]);
			expect(seen).toHaveLength(1);
			expect(seen[0].method).toBe('POST');
			expect(seen[0].uri).toBe(`${USER}/messages/send`);
			expect(seen[0].headers.authorization).toBe(`Bearer ${ACCESS}`);
			expect(Object.keys(seen[0].body as object)).toEqual(['raw']);
			expect(String((seen[0].body as { raw: string }).raw)).toMatch(/^[A-Za-z0-9_-]+$/);

			const mime = raw(seen[0].body);
			const mixed = /boundary="([^"]+)"/.exec(mime)![1];
			const alt = /multipart\/alternative; boundary="([^"]+)"/.exec(mime)![1];
			const parts = mime.split(`--${mixed}`);
			const text = /text\/plain[^]*?\r\n\r\n([^]*?)\r\n--/.exec(mime)![1];
			const html = /text\/html[^]*?\r\n\r\n([^]*?)\r\n--/.exec(mime)![1];
			const pdf = /application\/pdf[^]*?\r\n\r\n([^]*?)\r\n--/.exec(mime)![1];
			expect(mime).toBe(
				[
					'To: =?UTF-8?B?Wm/DqyBNw7xsbGVy?= <zoe@example.com>, bob@example.com',
					'Cc: "Lovelace, Ada" <ada@example.com>',
					'Bcc: audit@example.com',
					'Subject: =?UTF-8?B?UmVjaG51bmcgZsO8ciBOb3ZlbWJlciDinJM=?=',
					'MIME-Version: 1.0',
					`Content-Type: multipart/mixed; boundary="${mixed}"`,
					'',
					`--${mixed}`,
					`Content-Type: multipart/alternative; boundary="${alt}"`,
					'',
					`--${alt}`,
					'Content-Type: text/plain; charset=UTF-8',
					'Content-Transfer-Encoding: base64',
					'',
					text,
					`--${alt}`,
					'Content-Type: text/html; charset=UTF-8',
					'Content-Transfer-Encoding: base64',
					'',
					html,
					`--${alt}--`,
					`--${mixed}`,
					"Content-Type: application/pdf; name*=UTF-8''Rechnung%20N%C2%BA%207.pdf",
					"Content-Disposition: attachment; filename*=UTF-8''Rechnung%20N%C2%BA%207.pdf",
					'Content-Transfer-Encoding: base64',
					'',
					pdf,
					`--${mixed}--`,
				].join('\r\n'),
			);
			expect(parts).toHaveLength(4);
			expect(fromB64(text)).toBe('Hallo Zoë,\nanbei die Rechnung.');
			expect(fromB64(html)).toBe('<p>Hallo <b>Zoë</b>,<br>anbei die Rechnung.</p>');
			expect(Buffer.from(pdf, 'base64').equals(PDF)).toBe(true);
			// Decoding the encoded words gives the text back.
			expect(Buffer.from('UmVjaG51bmcgZsO8ciBOb3ZlbWJlciDinJM=', 'base64').toString()).toBe(
				'Rechnung für November ✓',
			);
		});

		it('a header-injection attempt (CR/LF in a header field) is refused, naming the field; nothing is sent', async () => {
			for (const [fields, field] of [
				[{ subject: 'Hello\r\nBcc: victim@example.com' }, 'Subject field'],
				[
					{ subject: 'Hi', additionalFields: { cc: 'a@example.com\nBcc: victim@example.com' } },
					'CC field',
				],
				[{ subject: 'Hi', to: 'a@example.com\r\nX-Evil: 1' }, 'To field'],
				[
					{ subject: 'Hi', additionalFields: { references: '<a@b>\r\nBcc: v@example.com' } },
					'References field',
				],
			] as const) {
				const seen = kit.fake();
				const { error } = await gmail({
					resource: 'message',
					operation: 'send',
					to: 'ada@example.com',
					...fields,
				});
				expect(error?.message).toBe(
					`The ${field} holds a line break (CR or LF), which would start a new mail header: the message is not sent.`,
				);
				expect(error?.description).toContain(`Remove the line break from the ${field}`);
				expect(seen).toEqual([]);
				nock.cleanAll();
			}
		});

		it('an address that is not one is refused before sending', async () => {
			const { error } = await gmail({
				resource: 'message',
				operation: 'send',
				to: 'not an address',
				subject: 'Hi',
			});
			expect(error?.message).toBe(
				'The To field holds "not an address", which is not an e-mail address (name@example.com or Name <name@example.com>).',
			);
		});

		it('into a thread: threadId in the body, In-Reply-To and References headers', async () => {
			const seen = kit.fake(['POST', 200, { id: 'm2', threadId: 't1', labelIds: ['SENT'] }]);
			await gmail({
				resource: 'message',
				operation: 'send',
				to: 'ada@example.com',
				subject: 'Re: Plan',
				additionalFields: {
					text: 'ok',
					threadId: 't1',
					inReplyTo: '<CAF=plan1@mail.example.com>',
					references: '<CAF=plan0@mail.example.com> <CAF=plan1@mail.example.com>',
				},
			});
			expect((seen[0].body as IDataObject).threadId).toBe('t1');
			expect(raw(seen[0].body).split('\r\n\r\n')[0].split('\r\n')).toEqual([
				'To: ada@example.com',
				'Subject: Re: Plan',
				'In-Reply-To: <CAF=plan1@mail.example.com>',
				'References: <CAF=plan0@mail.example.com> <CAF=plan1@mail.example.com>',
				'MIME-Version: 1.0',
				'Content-Type: text/plain; charset=UTF-8',
				'Content-Transfer-Encoding: base64',
			]);
		});

		it('Reply: to the Reply-To of the original, "Re: " once, References grown, reply-all copies To and CC', async () => {
			const seen = kit.fake(
				[
					'GET',
					200,
					{
						id: 'm1',
						threadId: 't9',
						payload: {
							headers: [
								{ name: 'From', value: 'Billing <billing@example.com>' },
								{ name: 'Reply-To', value: 'support@example.com' },
								{ name: 'To', value: 'ada@example.com' },
								{ name: 'Cc', value: 'team@example.com' },
								{ name: 'Subject', value: 'RE: Invoice' },
								{ name: 'Message-ID', value: '<m1@mail.example.com>' },
							],
						},
					},
				],
				['POST', 200, { id: 'm2', threadId: 't9', labelIds: ['SENT'] }],
			);
			await gmail({
				resource: 'message',
				operation: 'reply',
				messageId: 'm1',
				additionalFields: { replyToAll: true, text: 'Done.' },
			});
			expect(seen[0].uri).toBe(
				`${USER}/messages/m1?format=metadata&metadataHeaders=Message-ID&metadataHeaders=References&metadataHeaders=Subject&metadataHeaders=From&metadataHeaders=Reply-To&metadataHeaders=To&metadataHeaders=Cc`,
			);
			expect((seen[1].body as IDataObject).threadId).toBe('t9');
			expect(raw(seen[1].body).split('\r\n\r\n')[0].split('\r\n').slice(0, 5)).toEqual([
				'To: support@example.com',
				'Cc: ada@example.com, team@example.com',
				'Subject: RE: Invoice',
				'In-Reply-To: <m1@mail.example.com>',
				'References: <m1@mail.example.com>',
			]);
		});

		it('beyond 5 MB the message goes as a multipart/related upload to /upload/…/messages/send', async () => {
			const big = Buffer.alloc(4 * 1024 * 1024, 7);
			const seen = kit.fake(['POST', 200, { id: 'mBig', threadId: 'mBig', labelIds: ['SENT'] }]);
			const { error } = await gmail(
				{
					resource: 'message',
					operation: 'send',
					to: 'ada@example.com',
					subject: 'Big',
					additionalFields: { attachments: 'big', threadId: 't1' },
				},
				[
					{
						json: {},
						binary: {
							big: { data: big.toString('base64'), mimeType: 'application/zip', fileName: 'b.zip' },
						},
					},
				],
			);
			expect(error).toBeUndefined();
			expect(seen[0].uri).toBe('/upload/gmail/v1/users/me/messages/send?uploadType=multipart');
			const type = String(seen[0].headers['content-type']);
			const boundary = /^multipart\/related; boundary=(.+)$/.exec(type)![1];
			const body = String(seen[0].body);
			expect(
				body.startsWith(
					`--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{"threadId":"t1"}\r\n--${boundary}\r\nContent-Type: message/rfc822\r\n\r\nTo: ada@example.com\r\nSubject: Big\r\n`,
				),
			).toBe(true);
			expect(body.endsWith(`\r\n--${boundary}--`)).toBe(true);
		});
	});

	describe('reading messages', () => {
		const message = {
			id: 'm1',
			threadId: 't1',
			labelIds: ['INBOX'],
			payload: {
				mimeType: 'multipart/mixed',
				headers: [
					{ name: 'From', value: 'a@example.com' },
					{ name: 'Subject', value: 'Files' },
				],
				parts: [
					{
						partId: '0',
						mimeType: 'text/plain',
						filename: '',
						headers: [{ name: 'Content-Type', value: 'text/plain; charset="ISO-8859-1"' }],
						body: { size: 4, data: Buffer.from([0x47, 0x72, 0xfc, 0xdf]).toString('base64url') },
					},
					{
						partId: '1',
						mimeType: 'application/pdf',
						filename: 'a.pdf',
						body: { attachmentId: 'ATT-1', size: PDF.length },
					},
					{
						partId: '2',
						mimeType: 'text/csv',
						filename: 'b.csv',
						body: { size: 4, data: Buffer.from('x,y\n').toString('base64url') },
					},
				],
			},
		};

		it('Get: text decoded by its charset, headers as fields, attachments to binary data on request', async () => {
			const seen = kit.fake(
				['GET', 200, message],
				['GET', 200, { size: PDF.length, data: PDF.toString('base64url') }],
			);
			const { outputs, error } = await gmail({
				resource: 'message',
				operation: 'get',
				messageId: 'm1',
				additionalFields: { downloadAttachments: true },
			});
			expect(error).toBeUndefined();
			expect(seen.map((s) => `${s.method} ${s.uri}`)).toEqual([
				`GET ${USER}/messages/m1?format=full`,
				`GET ${USER}/messages/m1/attachments/ATT-1`,
			]);
			const item = outputs[0][0];
			expect(item.json).toEqual({
				id: 'm1',
				threadId: 't1',
				labelIds: ['INBOX'],
				from: 'a@example.com',
				subject: 'Files',
				text: 'Grüß',
				headers: { from: 'a@example.com', subject: 'Files' },
				attachments: [
					{
						partId: '1',
						filename: 'a.pdf',
						mimeType: 'application/pdf',
						size: PDF.length,
						attachmentId: 'ATT-1',
					},
					{ partId: '2', filename: 'b.csv', mimeType: 'text/csv', size: 4 },
				],
			});
			expect(Object.keys(item.binary ?? {})).toEqual(['attachment_0', 'attachment_1']);
			expect(item.binary!.attachment_0).toMatchObject({
				fileName: 'a.pdf',
				mimeType: 'application/pdf',
			});
			expect(Buffer.from(item.binary!.attachment_0.data, 'base64').equals(PDF)).toBe(true);
			expect(item.binary!.attachment_1).toMatchObject({ fileName: 'b.csv', mimeType: 'text/csv' });
			expect(Buffer.from(item.binary!.attachment_1.data, 'base64').toString()).toBe('x,y\n');
		});

		it("Get with Format Raw returns Gmail's answer as it is; Metadata sends the headers asked", async () => {
			const seen = kit.fake(
				['GET', 200, { id: 'm1', threadId: 't1', raw: 'VG86IGFAYg' }],
				['GET', 200, { id: 'm1', threadId: 't1', payload: { headers: [] } }],
			);
			const first = await gmail({
				resource: 'message',
				operation: 'get',
				messageId: 'm1',
				additionalFields: { format: 'raw' },
			});
			expect(first.outputs[0][0].json).toEqual({ id: 'm1', threadId: 't1', raw: 'VG86IGFAYg' });
			await gmail({
				resource: 'message',
				operation: 'get',
				messageId: 'm1',
				additionalFields: { format: 'metadata', metadataHeaders: 'From,Subject' },
			});
			expect(seen[1].uri).toBe(
				`${USER}/messages/m1?format=metadata&metadataHeaders=From&metadataHeaders=Subject`,
			);
		});

		it('Attachment → Get: the bytes as binary data with the name and type given', async () => {
			kit.fake(['GET', 200, { size: PDF.length, data: PDF.toString('base64url') }]);
			const { outputs } = await gmail({
				resource: 'attachment',
				operation: 'get',
				messageId: 'm1',
				attachmentId: 'ATT-1',
				binaryPropertyName: 'file',
				additionalFields: { fileName: 'a.pdf', mimeType: 'application/pdf' },
			});
			expect(outputs[0][0].binary!.file).toMatchObject({
				fileName: 'a.pdf',
				mimeType: 'application/pdf',
			});
			expect(Buffer.from(outputs[0][0].binary!.file.data, 'base64').equals(PDF)).toBe(true);
		});

		it('Label → Get Many: one labels.list (Gmail answers every label at once); version 2 keeps the first Limit, Return All every one; version 1 workflows keep getting every label', async () => {
			const labels = [
				{ id: 'INBOX', name: 'INBOX', type: 'system' },
				{ id: 'SENT', name: 'SENT', type: 'system' },
				{ id: 'Label_12', name: 'Invoices', type: 'user' },
			];
			const seen = kit.fake(...Array(3).fill(['GET', 200, { labels }]));
			const list = { resource: 'label', operation: 'getMany' };
			const limited = await gmail({ ...list, returnAll: false, limit: 2 });
			const all = await gmail({ ...list, returnAll: true, limit: 1 });
			const v1 = await kit.run('gmail', { ...list, returnAll: false, limit: 1 } as never, {
				node: {
					type: 'gmail',
					typeVersion: 1,
					parameters: { ...list, returnAll: false, limit: 1 } as never,
				},
			});
			expect(seen.map((s) => [s.method, s.uri])).toEqual(Array(3).fill(['GET', `${USER}/labels`]));
			const ids = (r: { outputs: INodeExecutionData[][] }) => r.outputs[0].map((i) => i.json.id);
			expect([ids(limited), ids(all), ids(v1)]).toEqual([
				['INBOX', 'SENT'],
				['INBOX', 'SENT', 'Label_12'],
				['INBOX', 'SENT', 'Label_12'],
			]);
			expect(all.outputs[0].map((i) => i.json)).toEqual(labels);
		});

		it('Search: Return All follows nextPageToken with the labels repeated and includeSpamTrash', async () => {
			const seen = kit.fake(
				['GET', 200, { messages: [{ id: 'a', threadId: 'a' }], nextPageToken: 'p2' }],
				['GET', 200, { messages: [{ id: 'b', threadId: 'b' }], resultSizeEstimate: 1 }],
			);
			const { outputs } = await gmail({
				resource: 'message',
				operation: 'getMany',
				returnAll: true,
				additionalFields: { q: 'is:unread', labelIds: 'INBOX,Label_12', includeSpamTrash: true },
			});
			expect(seen.map((s) => s.uri)).toEqual([
				`${USER}/messages?q=is%3Aunread&labelIds=INBOX&labelIds=Label_12&includeSpamTrash=true&maxResults=100`,
				`${USER}/messages?q=is%3Aunread&labelIds=INBOX&labelIds=Label_12&includeSpamTrash=true&maxResults=100&pageToken=p2`,
			]);
			expect(outputs[0].map((i) => i.json.id)).toEqual(['a', 'b']);
		});
	});

	describe('limits', () => {
		it('quota units: three sends (100 units each) from a 250-unit bucket, the third waits for the refill', async () => {
			const sentAt: number[] = [];
			nock(GMAIL)
				.post(`${USER}/messages/send`)
				.times(3)
				.reply(() => {
					sentAt.push(kit.clock.now());
					return [200, { id: 'x', threadId: 'x', labelIds: ['SENT'] }];
				});
			const { outputs, error } = await kit.run(
				'gmail',
				{ resource: 'message', operation: 'send', to: 'a@example.com', subject: 'Hi' },
				{ input: [{ json: {} }, { json: {} }, { json: {} }] },
			);
			expect(error).toBeUndefined();
			expect(outputs[0]).toHaveLength(3);
			expect(sentAt).toHaveLength(3);
			// 250 − 200 = 50 units left: the third waits for 50 more, 200 ms at 250 units per second.
			expect(sentAt[1] - sentAt[0]).toBeLessThan(100);
			expect(sentAt[2] - sentAt[0]).toBeGreaterThanOrEqual(200);
		});

		it("403 userRateLimitExceeded is Google's throttling answer: waited out and sent again", async () => {
			const seen = kit.fake(
				[
					'POST',
					403,
					{
						error: {
							code: 403,
							message: 'User-rate limit exceeded',
							errors: [
								{
									domain: 'usageLimits',
									reason: 'userRateLimitExceeded',
									message: 'User-rate limit exceeded',
								},
							],
						},
					},
				],
				['POST', 200, { id: 'm1', threadId: 't1', labelIds: ['INBOX'] }],
			);
			const { outputs, error } = await gmail({
				resource: 'message',
				operation: 'markRead',
				messageId: 'm1',
			});
			expect(error).toBeUndefined();
			expect(seen).toHaveLength(2);
			expect(outputs[0][0].json).toEqual({ id: 'm1', threadId: 't1', labelIds: ['INBOX'] });
		});

		it('403 insufficient scope names the scope the operation needs (full access for a permanent delete)', async () => {
			kit.fake([
				'DELETE',
				403,
				{
					error: {
						code: 403,
						message: 'Request had insufficient authentication scopes.',
						status: 'PERMISSION_DENIED',
						details: [
							{
								'@type': 'type.googleapis.com/google.rpc.ErrorInfo',
								reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
							},
						],
					},
				},
			]);
			const { error } = await gmail({ resource: 'message', operation: 'delete', messageId: 'm1' });
			expect(error?.message).toBe(
				'Gmail: 403 Forbidden – Request had insufficient authentication scopes.',
			);
			expect(error?.description).toContain('https://mail.google.com/');
		});
	});

	describe('MIME helpers', () => {
		it('encoded words stay under 76 characters and never split a character', () => {
			const long = 'Привет, это очень длинная тема письма с кириллицей и эмодзи 🎉🎉🎉';
			const encoded = encodeWords(long);
			const words = encoded.split('\r\n ');
			expect(words.length).toBeGreaterThan(1);
			for (const w of words) expect(w.length).toBeLessThanOrEqual(75);
			expect(
				words
					.map((w) => Buffer.from(/^=\?UTF-8\?B\?(.*)\?=$/.exec(w)![1], 'base64').toString())
					.join(''),
			).toBe(long);
			expect(encodeWords('Plain subject')).toBe('Plain subject');
		});

		it('the same message gives the same bytes, and reading it back gives its parts', () => {
			const m = { to: 'a@example.com', subject: 'S', text: 't', html: '<b>h</b>' };
			expect(buildMime(m).equals(buildMime(m))).toBe(true);
			expect(readPayload(undefined)).toEqual({ headers: {}, attachments: [] });
		});
	});
});

// ---- The trigger ---------------------------------------------------------------------------------------

const trigger = new GmailTrigger();
function harness(parameters: INodeParameters = {}) {
	const h = createPollHarness({
		nodeType: trigger,
		parameters,
		credentialTypes: [new ApiConnGoogleWorkspaceOAuth2Api()],
		credentials: { apiConnGoogleWorkspaceOAuth2Api: oauth },
		nodeCredentials: { apiConnGoogleWorkspaceOAuth2Api: { id: 'cred-gmail', name: 'Gmail' } },
	});
	return {
		...h,
		poll: async (mode?: 'manual' | 'trigger') => await driveClock(kit.clock, h.poll(mode)),
	};
}
const msg = (id: string, labels: string[], subject = `Subject ${id}`) => ({
	id,
	threadId: `t-${id}`,
	labelIds: labels,
	snippet: subject,
	historyId: '1000',
	payload: {
		mimeType: 'text/plain',
		headers: [
			{ name: 'From', value: 'billing@example.com' },
			{ name: 'Subject', value: subject },
		],
		body: { size: 5, data: Buffer.from('Hello').toString('base64url') },
	},
});
const added = (id: string, historyId: string) => ({
	id: historyId,
	messages: [{ id, threadId: `t-${id}` }],
	messagesAdded: [{ message: { id, threadId: `t-${id}`, labelIds: ['INBOX'] } }],
});
const out = (o: INodeExecutionData[][] | null) => o?.[0].map((i) => i.json) ?? null;

describe('Gmail Trigger (users.history.list)', () => {
	it('is a polling trigger with the label, search and spam/trash fields of Search', () => {
		const d = trigger.description;
		expect(d).toMatchObject({ name: 'gmailTrigger', polling: true, group: ['trigger'] });
		expect(d.properties.map((p) => p.name)).toEqual([
			'authentication',
			'labelIds',
			'q',
			'includeSpamTrash',
		]);
	});

	it("first activation: the baseline is getProfile's historyId, nothing emitted; then each new message once", async () => {
		const h = harness({ labelIds: 'INBOX' });
		const s1 = kit.fake([
			'GET',
			200,
			{ emailAddress: 'ada@example.com', messagesTotal: 10, threadsTotal: 8, historyId: '1000' },
		]);
		expect(await h.poll()).toBeNull();
		expect(s1.map((s) => s.uri)).toEqual([`${USER}/profile`]);
		expect(s1[0].headers.authorization).toBe(`Bearer ${ACCESS}`);
		expect(h.staticData().poll).toMatchObject({ seen: [], cursor: { historyId: '1000' } });

		const s2 = kit.fake(
			[
				'GET',
				200,
				{
					history: [added('m1', '1001'), added('m2', '1002'), added('m3', '1003')],
					historyId: '1005',
				},
			],
			['GET', 200, msg('m1', ['INBOX', 'UNREAD'])],
			['GET', 200, msg('m2', ['DRAFT'])],
			[
				'GET',
				404,
				{ error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } },
			],
		);
		const first = await h.poll();
		expect(s2.map((s) => s.uri)).toEqual([
			`${USER}/history?startHistoryId=1000&historyTypes=messageAdded&maxResults=500&labelId=INBOX`,
			`${USER}/messages/m1?format=full`,
			`${USER}/messages/m2?format=full`,
			`${USER}/messages/m3?format=full`,
		]);
		// m2 is a draft (not asked for), m3 was deleted since: only m1, read like Message → Get.
		expect(out(first)).toEqual([
			{
				id: 'm1',
				threadId: 't-m1',
				labelIds: ['INBOX', 'UNREAD'],
				snippet: 'Subject m1',
				historyId: '1000',
				from: 'billing@example.com',
				subject: 'Subject m1',
				text: 'Hello',
				headers: { from: 'billing@example.com', subject: 'Subject m1' },
				attachments: [],
			},
		]);
		expect(h.staticData().poll).toMatchObject({ seen: ['m1'], cursor: { historyId: '1005' } });

		// The same record again (history overlapping): not emitted twice.
		const s3 = kit.fake(
			['GET', 200, { history: [added('m1', '1001')], historyId: '1006' }],
			['GET', 200, msg('m1', ['INBOX'])],
		);
		expect(await h.poll()).toBeNull();
		expect(s3[0].uri).toContain('startHistoryId=1005');
		const s4 = kit.fake(['GET', 200, { historyId: '1006' }]);
		expect(await h.poll()).toBeNull();
		expect(s4).toHaveLength(1);
	});

	it('history pages are all read; a search filters through one messages.list with q', async () => {
		const h = harness({ q: 'from:billing@example.com', labelIds: 'INBOX,Label_7' });
		kit.fake(['GET', 200, { historyId: '2000' }]);
		await h.poll();
		const seen = kit.fake(
			['GET', 200, { history: [added('a', '2001')], nextPageToken: 'hp2', historyId: '2003' }],
			['GET', 200, { history: [added('b', '2002'), added('c', '2003')], historyId: '2003' }],
			[
				'GET',
				200,
				{
					messages: [
						{ id: 'c', threadId: 't-c' },
						{ id: 'a', threadId: 't-a' },
					],
				},
			],
			['GET', 200, msg('a', ['INBOX', 'Label_7'])],
			['GET', 200, msg('c', ['INBOX'])],
		);
		const result = await h.poll();
		expect(seen.map((s) => s.uri)).toEqual([
			`${USER}/history?startHistoryId=2000&historyTypes=messageAdded&maxResults=500`,
			`${USER}/history?startHistoryId=2000&historyTypes=messageAdded&maxResults=500&pageToken=hp2`,
			`${USER}/messages?maxResults=500&q=from%3Abilling%40example.com&labelIds=INBOX&labelIds=Label_7`,
			`${USER}/messages/a?format=full`,
			`${USER}/messages/c?format=full`,
		]);
		// b does not match the search; c lacks Label_7.
		expect(out(result)?.map((m) => m.id)).toEqual(['a']);
		expect(h.staticData().poll).toMatchObject({ cursor: { historyId: '2003' } });
	});

	it('404 on an expired historyId: a new baseline from getProfile, nothing emitted, the restart kept in the state', async () => {
		const h = harness();
		kit.fake(['GET', 200, { historyId: '10' }]);
		await h.poll();
		const seen = kit.fake(
			[
				'GET',
				404,
				{ error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } },
			],
			['GET', 200, { historyId: '99000' }],
		);
		expect(await h.poll()).toBeNull();
		expect(seen.map((s) => s.uri)).toEqual([
			`${USER}/history?startHistoryId=10&historyTypes=messageAdded&maxResults=500`,
			`${USER}/profile`,
		]);
		expect(h.staticData().poll).toMatchObject({
			cursor: { historyId: '99000', restartedFrom: '10' },
		});
	});

	it('spam and trash only with Include Spam and Trash', async () => {
		const h = harness({ includeSpamTrash: true });
		kit.fake(['GET', 200, { historyId: '5' }]);
		await h.poll();
		kit.fake(
			['GET', 200, { history: [added('s', '6')], historyId: '6' }],
			['GET', 200, msg('s', ['SPAM'])],
		);
		expect(out(await h.poll())?.map((m) => m.id)).toEqual(['s']);
		const h2 = harness({});
		kit.fake(['GET', 200, { historyId: '5' }]);
		await h2.poll();
		kit.fake(
			['GET', 200, { history: [added('s', '6')], historyId: '6' }],
			['GET', 200, msg('s', ['SPAM'])],
		);
		expect(await h2.poll()).toBeNull();
	});

	it('manual run: the newest matching message, nothing kept', async () => {
		const h = harness({ labelIds: 'INBOX' });
		const seen = kit.fake(
			[
				'GET',
				200,
				{
					messages: [
						{ id: 'n1', threadId: 't-n1' },
						{ id: 'n0', threadId: 't-n0' },
					],
				},
			],
			['GET', 200, msg('n1', ['INBOX'])],
		);
		expect(out(await h.poll('manual'))?.map((m) => m.id)).toEqual(['n1']);
		expect(seen.map((s) => s.uri)).toEqual([
			`${USER}/messages?maxResults=10&labelIds=INBOX`,
			`${USER}/messages/n1?format=full`,
		]);
		expect(h.staticData().poll).toBeUndefined();
	});

	it('a failing poll keeps the historyId, so the next poll reads the same history again', async () => {
		const h = harness();
		kit.fake(['GET', 200, { historyId: '70' }]);
		await h.poll();
		kit.fake([
			'GET',
			400,
			{ error: { code: 400, message: 'Invalid startHistoryId', status: 'INVALID_ARGUMENT' } },
		]);
		await expect(h.poll()).rejects.toThrow('Gmail: 400 Bad Request – Invalid startHistoryId');
		expect(h.staticData().poll).toMatchObject({ cursor: { historyId: '70' } });
	});
});
