/** The error-code table's matching rules (lib/transport/error-codes.ts), apart from any service. */
import {
	classifyErrorAnswer,
	errorBodyOf,
	matchErrorCode,
	type ErrorCodesSpec,
} from '../../../lib/transport/error-codes';

const table: ErrorCodesSpec = {
	codePath: 'error.code',
	subcodePath: 'error.error_subcode',
	rules: [
		{ codes: [190], subcodes: [463], category: 'auth', reason: 'expired' },
		{ codes: [190], category: 'auth' },
		{ codes: [10, [200, 299]], category: 'permission' },
		{ status: [404], category: 'notFound' },
		{ body: { path: 'error.kind', in: ['lock'] }, category: 'transient' },
	],
};
const body = (code: unknown, extra: Record<string, unknown> = {}) => ({
	error: { code, ...extra },
});

describe('matchErrorCode', () => {
	it('the first rule that matches wins; a subcode rule needs its subcode', () => {
		expect(matchErrorCode(table, 400, body(190, { error_subcode: 463 }))).toEqual({
			code: '190',
			subcode: '463',
			byCode: true,
			category: 'auth',
			reason: 'expired',
		});
		expect(matchErrorCode(table, 400, body(190, { error_subcode: 460 }))).toEqual({
			code: '190',
			subcode: '460',
			byCode: true,
			category: 'auth',
		});
	});

	it('ranges hold their ends and numeric strings; other codes and missing codes do not match', () => {
		for (const code of [200, 299, '250', 10])
			expect(matchErrorCode(table, 403, body(code))?.category).toBe('permission');
		for (const code of [199, 300, 'abc', null])
			expect(matchErrorCode(table, 400, body(code))).toBeNull();
	});

	it('status and body conditions; a rule without codes is not "by code"', () => {
		expect(matchErrorCode(table, 404, { message: 'Not Found' })).toEqual({
			code: null,
			subcode: null,
			byCode: false,
			category: 'notFound',
		});
		expect(matchErrorCode(table, 409, { error: { kind: 'lock' } })?.category).toBe('transient');
		expect(matchErrorCode(table, 400, 'plain text')).toBeNull();
	});
});

describe('classifyErrorAnswer', () => {
	it('the service table first, then the OAuth2 standard errors; never a success', () => {
		expect(classifyErrorAnswer(table, 400, { error: 'invalid_grant' })).toMatchObject({
			category: 'auth',
			code: 'invalid_grant',
		});
		expect(classifyErrorAnswer(undefined, 403, { error: 'insufficient_scope' })?.category).toBe(
			'permission',
		);
		expect(classifyErrorAnswer(table, 200, body(190))).toBeNull();
		expect(classifyErrorAnswer(undefined, 400, { error: 'something_else' })).toBeNull();
	});
});

describe('errorBodyOf: plain-text error answers (`textAs`)', () => {
	const text: ErrorCodesSpec = {
		textAs: 'message',
		rules: [
			{ status: [400], body: { path: 'message', matches: '^invalid id$' }, category: 'notFound' },
		],
	};

	it('JSON is decoded; plain text is read as { [textAs]: text } only where the table says so', () => {
		expect(errorBodyOf(text, '{"message":"x"}')).toEqual({ message: 'x' });
		expect(errorBodyOf(text, 'invalid id\n')).toEqual({ message: 'invalid id' });
		expect(errorBodyOf(text, '   ')).toBeUndefined();
		expect(errorBodyOf({ rules: [] }, 'invalid id')).toBeUndefined();
		expect(errorBodyOf(undefined, 'invalid id')).toBeUndefined();
		expect(errorBodyOf(text, { error: 'E' })).toEqual({ error: 'E' });
	});

	it('a rule on the text matches; without textAs no rule sees it', () => {
		expect(classifyErrorAnswer(text, 400, errorBodyOf(text, 'invalid id'))?.category).toBe(
			'notFound',
		);
		const { textAs: _textAs, ...without } = text;
		void _textAs;
		expect(classifyErrorAnswer(without, 400, errorBodyOf(without, 'invalid id'))).toBeNull();
	});
});
