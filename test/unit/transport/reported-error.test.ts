/** Recognising an error inside a success answer, per the spec's `errorsInBody` (pure: no request). */
import {
	errorsInBodyProblems,
	fillTemplate,
	reportedError,
	type ErrorsInBodySpec,
} from '../../../lib/transport/reported-error';
import { validateService } from '../../../lib/spec/schema';
import { chatdesk } from '../../fixtures/chatdesk';

const flag: ErrorsInBodySpec = {
	okPath: 'ok',
	codePath: 'error',
	codes: { ratelimited: { kind: 'rateLimit' }, ['constructor']: { kind: 'transient' as const } },
};
const graphql: ErrorsInBodySpec = {
	errorPath: 'errors',
	codePath: 'errors[*].extensions.code',
	messagePath: 'errors[0].message',
	defaultKind: 'transient',
};

describe('reportedError', () => {
	it('a false success flag is an error, with its code and the code’s kind', () => {
		expect(reportedError(flag, { ok: false, error: 'ratelimited' })).toEqual({
			code: 'ratelimited',
			kind: 'rateLimit',
		});
		expect(reportedError(flag, { ok: false, error: 'channel_not_found' })).toEqual({
			code: 'channel_not_found',
			kind: 'permanent',
		});
		expect(reportedError(flag, { ok: false })).toEqual({ code: null, kind: 'permanent' });
	});

	it('a true or missing flag is no error, whatever else the body holds', () => {
		expect(reportedError(flag, { ok: true, error: 'ratelimited' })).toBeNull();
		expect(reportedError(flag, { error: 'x' })).toBeNull();
		expect(reportedError(flag, 'ok: false')).toBeNull();
		expect(reportedError(flag, null)).toBeNull();
	});

	it('a non-empty error list is an error; the first code found is its code', () => {
		expect(
			reportedError(graphql, {
				errors: [
					{ message: 'Field is invalid' },
					{ message: 'Throttled', extensions: { code: 'THROTTLED' } },
				],
			}),
		).toEqual({ code: 'THROTTLED', message: 'Field is invalid', kind: 'transient' });
		expect(reportedError(graphql, { errors: [], data: { id: 1 } })).toBeNull();
		expect(reportedError(graphql, { data: { id: 1 } })).toBeNull();
	});

	it('with okCodes, an envelope that always carries an error object is an error only for another code', () => {
		const envelope: ErrorsInBodySpec = {
			codePath: 'error.code',
			okCodes: ['ok'],
			messagePath: 'error.message',
			codes: { spam_risk_too_many_posts: { kind: 'permanent', fix: 'Post tomorrow.' } },
		};
		expect(
			reportedError(envelope, { data: { publish_id: 'p1' }, error: { code: 'ok', message: '' } }),
		).toBeNull();
		expect(reportedError(envelope, { data: {} })).toBeNull();
		expect(
			reportedError(envelope, {
				data: {},
				error: { code: 'spam_risk_too_many_posts', message: 'Too many posts', log_id: 'L1' },
			}),
		).toEqual({
			code: 'spam_risk_too_many_posts',
			message: 'Too many posts',
			kind: 'permanent',
			fix: 'Post tomorrow.',
		});
		expect(errorsInBodyProblems({ okCodes: ['ok'] })).toEqual([
			'okCodes need a codePath (where the code is)',
		]);
	});

	it('a code named like an object property finds only the spec’s own entry', () => {
		expect(reportedError(flag, { ok: false, error: 'toString' })).toEqual({
			code: 'toString',
			kind: 'permanent',
		});
		expect(reportedError(flag, { ok: false, error: 'constructor' })).toEqual({
			code: 'constructor',
			kind: 'transient',
		});
	});
});

describe('fillTemplate', () => {
	it('fills paths of the answer, the service and the credential; a missing value says so', () => {
		expect(
			fillTemplate(
				"Add '{needed}' ({scopes}) to {$service}'s app and reconnect {$credential}; {missing}.",
				{ needed: 'chat:write', scopes: ['a', 'b'] },
				{ service: 'Chatdesk', credential: 'Bot' },
			),
		).toBe(
			"Add 'chat:write' (a, b) to Chatdesk's app and reconnect the credential 'Bot'; (not given).",
		);
	});
});

describe('the schema', () => {
	it('accepts the fixture and rejects a section that recognises nothing, codes without a code path and bad placeholders', () => {
		expect(validateService(chatdesk)).toEqual([]);
		expect(errorsInBodyProblems({ codePath: 'error' })).toEqual([
			'needs okPath, errorPath or okCodes (how an error answer is recognised)',
		]);
		const spec = structuredClone(chatdesk.spec);
		spec.errorsInBody = {
			okPath: 'ok',
			codes: { x: { kind: 'auth', fix: 'Reconnect {a..b}.' } },
		};
		expect(validateService({ spec })).toEqual([
			"chatdesk: errorsInBody.codes.x.fix: placeholder {a..b}: 'a..b' is not a path: unexpected '.' at 2 (use dots and [index] or [key] steps)",
			'chatdesk: errorsInBody: codes need a codePath (where the code is)',
		]);
	});

	it('rejects an unknown tier, a key field the operation does not have, and a budget without a rate limit', () => {
		const spec = structuredClone(chatdesk.spec);
		spec.resources[0].operations[0].rateLimit = { tier: 'tier9', keyParam: 'chanel' };
		expect(validateService({ spec })).toEqual([
			"chatdesk: resources.0.operations.0: rateLimit.keyParam 'chanel' is not a param of the operation",
			"chatdesk: (spec): message.post: rateLimit.tier 'tier9' is not a tier of the service's rateLimit",
		]);
		delete spec.rateLimit;
		spec.resources[0].operations[0].rateLimit = { keyParam: 'channel' };
		expect(validateService({ spec })).toContain(
			'chatdesk: (spec): message.post names a rate-limit budget, but the service declares no rateLimit',
		);
	});
});

describe('successPath: errors beside data are partial results', () => {
	const partial: ErrorsInBodySpec = {
		errorPath: 'errors',
		successPath: 'data',
		codePath: 'errors[0].type',
		messagePath: 'errors[0].detail',
	};
	const errors = [{ type: 'resource-not-found', detail: 'Could not find tweet with id: [1].' }];

	it('errors without data are an error; errors with data are not', () => {
		expect(reportedError(partial, { errors })).toEqual({
			code: 'resource-not-found',
			message: 'Could not find tweet with id: [1].',
			kind: 'permanent',
		});
		expect(reportedError(partial, { data: { id: '2' }, errors })).toBeNull();
		// An empty list or object at the path is no data.
		expect(reportedError(partial, { data: [], errors })?.code).toBe('resource-not-found');
	});
});
