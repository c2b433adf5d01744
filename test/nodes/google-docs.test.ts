/**
 * What is special about Google Docs beyond its recorded fixtures (test/fixtures/operations/googleDocs/): one
 * documents.batchUpdate per item carrying that item's requests, insertions at the end of the body unless an
 * index is given, Replace Text's count when Google leaves out a zero, the plain text of a document read with
 * its tabs, a new document moved into a Drive folder (parents read, then replaced, with the Drive scope named
 * when it is missing), and the Docs scope asked when the Docs product is ticked.
 */
import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ApiConnGoogleServiceAccountApi } from '../../credentials/ApiConnGoogleServiceAccountApi.credentials';
import { ApiConnGoogleWorkspaceOAuth2Api } from '../../credentials/ApiConnGoogleWorkspaceOAuth2Api.credentials';
import { validateService } from '../../lib/spec/schema';
import { GOOGLE_SCOPE_EXPRESSION, googleScopesFor } from '../../nodes/Google/Google.oauth';
import { GoogleDocs } from '../../nodes/GoogleDocs/GoogleDocs.node';
import { googleDocsDefinition } from '../../nodes/GoogleDocs/GoogleDocs.service';
import { textOf } from '../../nodes/GoogleDocs/GoogleDocs.hooks';
import { GOOGLE_SCOPE_INSUFFICIENT } from '../helpers/google-errors';
import { serviceKit } from '../kit';

const DOCS = 'https://docs.googleapis.com';
const DRIVE = 'https://www.googleapis.com';
const DOC = '195j9eDD3ccgjQRttHhJPymLJUCOUjs-jmwTrekvdjFE';
const ACCESS = 'ya29.a0AfB_byDocsAccessToken0042';
const SCOPE =
	'https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/drive.file https://www.googleapis.com/auth/documents';
const REV =
	'ALm37BVTnOtv1pbnSDYaxHy5C3Z1Q0kAbpqAuQXNvYzLCkdQdbrsISyQ57htcBE_x6FNxtqvrTLAKmHkB1I8ng';

const kit = serviceKit({
	origin: DOCS,
	nodeTypes: [new GoogleDocs()],
	credentialTypes: [new ApiConnGoogleWorkspaceOAuth2Api(), new ApiConnGoogleServiceAccountApi()],
	credentials: {
		apiConnGoogleWorkspaceOAuth2Api: {
			clientId: '1234567890-test0client0id.apps.googleusercontent.com',
			clientSecret: 'GOCSPX-testClientSecret0042',
			products: ['drive', 'docs'],
			scope: SCOPE,
			oauthTokenData: {
				access_token: ACCESS,
				token_type: 'Bearer',
				expires_in: 3599,
				scope: SCOPE,
			},
		},
	},
});
const docs = (parameters: Record<string, unknown>, input?: INodeExecutionData[]) =>
	kit.run('googleDocs', parameters as never, input ? { input } : {});
const json = (res: { outputs: INodeExecutionData[][] }) => res.outputs[0].map((i) => i.json);
const updated = (replies: IDataObject[]) => ({
	replies,
	writeControl: { requiredRevisionId: REV },
	documentId: DOC,
});
const para = (content: string) => ({ paragraph: { elements: [{ textRun: { content } }] } });

describe('Google Docs', () => {
	it('the spec is valid and on the one Google connection; the Docs product asks only documents', () => {
		expect(validateService(googleDocsDefinition)).toEqual([]);
		expect(googleDocsDefinition.spec.family).toBe('googleWorkspace');
		expect(googleDocsDefinition.spec.auth[0].oauth2?.scopes).toEqual([
			'https://www.googleapis.com/auth/userinfo.email',
			'https://www.googleapis.com/auth/documents',
		]);
		const body = GOOGLE_SCOPE_EXPRESSION.replace(/^=\{\{/, '').replace(/\}\}$/, '');
		const evaluate = new Function('$self', `return ${body}`) as (self: IDataObject) => string;
		for (const [products, access] of [
			[['docs'], 'file'],
			[['sheets', 'docs'], 'file'],
			[['drive', 'docs'], 'all'],
		] as const)
			expect(evaluate({ products, driveAccess: access, extraScopes: '' })).toBe(
				googleScopesFor([...products], access).join(' '),
			);
		expect(googleScopesFor(['docs'], 'file')).toEqual([
			'https://www.googleapis.com/auth/userinfo.email',
			'https://www.googleapis.com/auth/documents',
		]);
		// Budgets from developers.google.com/workspace/docs/api/limits, per user per project.
		expect(googleDocsDefinition.spec.rateLimit?.tiers).toEqual({
			read: { requests: 300, windowMs: 60_000 },
			write: { requests: 60, windowMs: 60_000 },
		});
	});

	it('one batchUpdate per item, each carrying its own requests and revision guard', async () => {
		const seen = kit.fake(['POST', 200, updated([{}])], ['POST', 200, updated([{}])]);
		const res = await docs(
			{
				resource: 'document',
				operation: 'appendText',
				documentId: '={{ $json.doc }}',
				text: '={{ $json.line }}',
				additionalFields: { requiredRevisionId: '={{ $json.rev }}' },
			},
			[
				{ json: { doc: DOC, line: 'First line\n', rev: REV } },
				{ json: { doc: 'other doc/id', line: 'Second line\n', rev: 'rev-2' } },
			],
		);
		expect(res.error).toBeUndefined();
		expect(seen.map((s) => [s.method, s.uri, s.body, s.headers.authorization])).toEqual([
			[
				'POST',
				`/v1/documents/${DOC}:batchUpdate`,
				{
					requests: [{ insertText: { endOfSegmentLocation: {}, text: 'First line\n' } }],
					writeControl: { requiredRevisionId: REV },
				},
				`Bearer ${ACCESS}`,
			],
			[
				'POST',
				// A document ID is one percent-encoded path segment.
				'/v1/documents/other%20doc%2Fid:batchUpdate',
				{
					requests: [{ insertText: { endOfSegmentLocation: {}, text: 'Second line\n' } }],
					writeControl: { requiredRevisionId: 'rev-2' },
				},
				`Bearer ${ACCESS}`,
			],
		]);
		expect(json(res)).toEqual([updated([{}]), updated([{}])]);
	});

	it('Insert Table at an index sends location.index and no endOfSegmentLocation; Insert Image without one goes to the end', async () => {
		const seen = kit.fake(
			['POST', 200, updated([{}])],
			['POST', 200, updated([{ insertInlineImage: { objectId: 'kix.img1' } }])],
		);
		await docs({
			resource: 'document',
			operation: 'insertTable',
			documentId: DOC,
			rows: 4,
			columns: 3,
			additionalFields: { index: 25 },
		});
		const image = await docs({
			resource: 'document',
			operation: 'insertImage',
			documentId: DOC,
			uri: 'https://www.example.com/logo.png',
			additionalFields: { width: 144, height: 72 },
		});
		expect(seen.map((s) => s.body)).toEqual([
			{ requests: [{ insertTable: { rows: 4, columns: 3, location: { index: 25 } } }] },
			{
				requests: [
					{
						insertInlineImage: {
							uri: 'https://www.example.com/logo.png',
							endOfSegmentLocation: {},
							objectSize: {
								width: { magnitude: 144, unit: 'PT' },
								height: { magnitude: 72, unit: 'PT' },
							},
						},
					},
				],
			},
		]);
		expect(json(image)).toEqual([updated([{ insertInlineImage: { objectId: 'kix.img1' } }])]);
	});

	it('Replace Text: case-insensitive by default, and 0 occurrences when Google leaves the count out', async () => {
		const seen = kit.fake(['POST', 200, updated([{ replaceAllText: {} }])]);
		const res = await docs({
			resource: 'document',
			operation: 'replaceText',
			documentId: DOC,
			findText: '{{date}}',
			replaceText: '3 December 2026',
		});
		expect(seen[0].body).toEqual({
			requests: [
				{ replaceAllText: { containsText: { text: '{{date}}' }, replaceText: '3 December 2026' } },
			],
		});
		expect(json(res)).toEqual([{ ...updated([{ replaceAllText: {} }]), occurrencesChanged: 0 }]);
	});

	it("a change guarded by a revision the document has left: 400 in Google's words, sent once, nothing retried", async () => {
		// Google documents the 400 for a requiredRevisionId mismatch, not its wording: this one is illustrative.
		const message =
			'Invalid requests[0].insertText: The document has changed since the required revision.';
		const seen = kit.fake([
			'POST',
			400,
			{ error: { code: 400, message, status: 'INVALID_ARGUMENT' } },
		]);
		const { error } = await docs({
			resource: 'document',
			operation: 'appendText',
			documentId: DOC,
			text: 'Late line\n',
			additionalFields: { requiredRevisionId: 'ALm37BWoldRevision' },
		});
		expect(seen).toHaveLength(1);
		expect(error?.message).toBe(`Google Docs: 400 Bad Request – ${message}`);
	});

	it('Batch Update refuses requests that are not JSON before sending anything', async () => {
		const seen = kit.fake(['POST', 200, updated([])]);
		const res = await docs({
			resource: 'document',
			operation: 'batchUpdate',
			documentId: DOC,
			requests: '[{"insertText": ',
		});
		expect(res.error?.message).toContain('Requests (JSON)');
		expect(seen).toEqual([]);
	});

	it('Get with Include Tabs Content: the text of every tab and child tab, in order', async () => {
		const tab = (id: string, text: string, childTabs: IDataObject[] = []) => ({
			tabProperties: { tabId: id, title: id, index: 0 },
			documentTab: { body: { content: [{ sectionBreak: {} }, para(text)] } },
			childTabs,
		});
		const doc = {
			documentId: DOC,
			title: 'Handbook',
			revisionId: REV,
			tabs: [tab('t.0', 'Welcome\n', [tab('t.1', 'Holidays\n')]), tab('t.2', 'Expenses\n')],
		};
		const seen = kit.fake(['GET', 200, doc]);
		const res = await docs({
			resource: 'document',
			operation: 'get',
			documentId: DOC,
			additionalFields: { includeTabsContent: true },
		});
		expect(seen[0].uri).toBe(`/v1/documents/${DOC}?includeTabsContent=true`);
		expect(json(res)).toEqual([{ ...doc, text: 'Welcome\nHolidays\nExpenses\n' }]);
	});

	it('the text of nested tables, a table of contents and rich links; section breaks and images add nothing', () => {
		const cell = (content: IDataObject[]) => ({ content });
		expect(
			textOf([
				{ sectionBreak: {} },
				{ tableOfContents: { content: [para('Intro\n')] } },
				{
					paragraph: {
						elements: [
							{ textRun: { content: 'See ' } },
							{ richLink: { richLinkProperties: { title: 'Budget 2027', uri: 'https://x' } } },
							{ inlineObjectElement: { inlineObjectId: 'kix.img' } },
							{ textRun: { content: '\n' } },
						],
					},
				},
				{
					table: {
						tableRows: [
							{
								tableCells: [
									cell([para('A\n')]),
									cell([
										{ table: { tableRows: [{ tableCells: [cell([para('x\n')])] }] } },
										para('\n'),
									]),
								],
							},
						],
					},
				},
			]),
		).toBe('Intro\nSee Budget 2027\nA\tx\n\n');
	});

	describe('Create in a Drive folder', () => {
		const created = { documentId: DOC, title: 'Minutes', revisionId: REV };

		it('creates the document, reads its parents on Drive and replaces them with the folder', async () => {
			const seen = kit.fake(['POST', 200, created]);
			const drive: Array<[string, string, unknown, unknown]> = [];
			nock(DRIVE)
				.get(`/drive/v3/files/${DOC}`)
				.query(true)
				.reply(function (uri) {
					drive.push(['GET', uri, undefined, this.req.headers.authorization]);
					return [200, { parents: ['0AFkBlCfXWc2dUk9PVA'] }];
				})
				.patch(`/drive/v3/files/${DOC}`)
				.query(true)
				.reply(function (uri, body) {
					drive.push(['PATCH', uri, body, this.req.headers.authorization]);
					return [200, { id: DOC, parents: ['1Rk2vXbN7aD4qW'] }];
				});
			const res = await docs({
				resource: 'document',
				operation: 'create',
				title: 'Minutes',
				additionalFields: { folderId: '1Rk2vXbN7aD4qW' },
			});
			expect(res.error).toBeUndefined();
			expect(seen.map((s) => [s.uri, s.body])).toEqual([['/v1/documents', { title: 'Minutes' }]]);
			expect(drive).toEqual([
				[
					'GET',
					`/drive/v3/files/${DOC}?fields=parents&supportsAllDrives=true`,
					undefined,
					`Bearer ${ACCESS}`,
				],
				[
					'PATCH',
					`/drive/v3/files/${DOC}?addParents=1Rk2vXbN7aD4qW&removeParents=0AFkBlCfXWc2dUk9PVA&supportsAllDrives=true&fields=id%2Cparents`,
					// The move is all in the query, as Drive's File → Move sends it.
					'',
					`Bearer ${ACCESS}`,
				],
			]);
			expect(json(res)).toEqual([{ ...created, parents: ['1Rk2vXbN7aD4qW'] }]);
		});

		it('without a Drive scope the move fails naming drive.file (the document is made)', async () => {
			kit.fake(['POST', 200, created]);
			nock(DRIVE).get(`/drive/v3/files/${DOC}`).query(true).reply(403, GOOGLE_SCOPE_INSUFFICIENT);
			const { error } = await docs({
				resource: 'document',
				operation: 'create',
				title: 'Minutes',
				additionalFields: { folderId: '1Rk2vXbN7aD4qW' },
			});
			expect(error?.message).toBe(
				'Google Docs: 403 Forbidden – Request had insufficient authentication scopes.',
			);
			expect(error?.description).toContain('https://www.googleapis.com/auth/drive.file');
		});
	});
});
