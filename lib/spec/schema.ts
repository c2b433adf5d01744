/**
 * The spec schema (zod). It runs at test time over every spec in the package (zod is a dev
 * dependency: nothing n8n loads imports this file). A bad spec, or a hook a spec names that its
 * service does not ship, fails CI.
 */
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { CUSTOM_REQUEST_RESOURCE } from '../builder/custom-request';
import { pathProblem } from '../transport/path';
import { errorsInBodyProblems, type ErrorsInBodySpec } from '../transport/reported-error';
import { errorCodesProblems, type ErrorCodesSpec } from '../transport/error-codes';
import { placeholders } from '../transport/url';
import { schemeProblems } from '../webhooks/scheme';
import { UNTIMED_MEMORY_SECONDS } from '../webhooks/signature';
import type {
	EcdsaSignatureFormat,
	SecretKeyHandling,
	SignatureAlgorithm,
	SignatureEncoding,
	TimestampUnit,
	TimestampWindow,
} from '../webhooks/scheme';
import type { ServiceDefinition, ServiceSpec } from './types';

const id = z
	.string()
	.regex(/^[a-z][a-zA-Z0-9]*$/, 'must be camelCase, starting with a lower-case letter');
const method = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']);
const url = z.string().url();
/**
 * An OAuth2 endpoint: a URL, or an n8n expression that is one once its `{{ … }}` parts are filled from the
 * credential's own fields (`=https://login.example.com/{{$self["tenantId"]}}/oauth2/token`: a tenant in the path).
 */
const oauthUrl = z
	.string()
	.refine(
		(v) =>
			!v.startsWith('=')
				? URL.canParse(v)
				: /^=https:\/\/[^/{}]+\//.test(v) &&
					URL.canParse(v.slice(1).replace(/\{\{[^{}]*\}\}/g, 'x')),
		'Invalid url (or an expression whose host is not fixed)',
	);
const httpsUrl = z.string().regex(/^https:\/\/[^/?#{}]+$/, 'an https origin without a path');
/** A plain object of fixed values (n8n's `IDataObject`): fixed query values, the item of an empty answer. */
const dataObject = z.custom<IDataObject>(
	(v) => typeof v === 'object' && v !== null && !Array.isArray(v),
	'must be an object',
);
/** A path into a body, in the one dialect of lib/transport/path.ts (`data.items`, `items[0][price]`). */
const bodyPathOf = (opts: { many?: boolean; empty?: boolean } = {}) =>
	z.string().superRefine((p, ctx) => {
		const problem = p === '' && !opts.empty ? 'a path cannot be empty' : pathProblem(p, opts);
		if (problem) ctx.addIssue({ code: 'custom', message: problem });
	});
const bodyPath = bodyPathOf();
/** Where the empty path means the whole body (items and answer lists, response data). */
const bodyPathOrWhole = bodyPathOf({ empty: true });
/** Where a path may find several values (`errors[*].code`): rate-limit body conditions, error codes. */
const bodyPathMany = bodyPathOf({ many: true });

const positive = z.number().positive();
const headerRule = z.discriminatedUnion('format', [
	z
		.object({
			format: z.literal('fields'),
			limit: z.string().optional(),
			remaining: z.string().optional(),
			reset: z.string().optional(),
			resetUnit: z.enum(['epoch-seconds', 'epoch-ms', 'delta-seconds', 'date', 'auto']).optional(),
			spentPauseMs: positive.optional(),
		})
		.strict(),
	z
		.object({
			format: z.literal('ietf'),
			header: z.string().optional(),
			policyHeader: z.string().optional(),
		})
		.strict(),
	z.object({ format: z.literal('used-of-limit'), header: z.string() }).strict(),
	z
		.object({
			format: z.literal('usage-percent'),
			header: z.string(),
			fields: z.array(z.string()).optional(),
			regainMinutesField: z.string().optional(),
		})
		.strict(),
]);
/** A condition on the answer's body (lib/limits/policy.ts `BodyCondition`); its path is checked by the caller. */
const bodyCondition = z
	.object({
		path: z.string(),
		in: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
		matches: z.string().optional(),
	})
	.strict();
const throttleRule = z
	.object({
		status: z.array(z.number().int()).optional(),
		header: z
			.object({ name: z.string().min(1), in: z.array(z.string()) })
			.strict()
			.optional(),
		// Its path is checked in the spec's own refinement below, so its problem is reported after the fields' own.
		body: bodyCondition.optional(),
		pauseMs: positive.optional(),
		resetsAtUtcHour: z.number().int().min(0).max(23).optional(),
	})
	.strict();
const tierPolicy = z
	.object({
		requests: positive,
		windowMs: positive,
		maxConcurrency: z.number().int().positive().optional(),
		burst: positive.optional(),
	})
	.strict();
const costPolicy = z
	.object({
		maximum: positive,
		restorePerSecond: positive,
		defaultCost: z.number().min(0).optional(),
		requestedPath: bodyPath.optional(),
		actualPath: bodyPath.optional(),
		maximumPath: bodyPath.optional(),
		availablePath: bodyPath.optional(),
		restoreRatePath: bodyPath.optional(),
	})
	.strict();
/** `lib/limits/policy.ts` as a schema: a service's rate limit, its tiers and its cost-based budget. */
const rateLimit = z
	.object({
		requests: positive,
		windowMs: positive,
		maxConcurrency: z.number().int().positive().optional(),
		burst: positive.optional(),
		headers: z.array(headerRule).optional(),
		throttled: z.array(throttleRule).optional(),
		maxPauseMs: positive.optional(),
		shared: z
			.array(
				z
					.object({
						name: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/),
						credentialField: z.string().min(1),
						requests: positive,
						windowMs: positive,
					})
					.strict(),
			)
			.optional(),
		tiers: z.record(tierPolicy).optional(),
		cost: costPolicy.optional(),
		learn: z.boolean().optional(),
	})
	.strict();

const reportedKind = z.enum(['auth', 'rateLimit', 'transient', 'permanent']);
/** `{path}` placeholders of a code's sentences are paths into the answer (or `$service`, `$credential`). */
const template = z.string().superRefine((text, ctx) => {
	for (const [, path] of text.matchAll(/\{([^{}]+)\}/g)) {
		if (path === '$service' || path === '$credential') continue;
		const problem = pathProblem(path);
		if (problem) ctx.addIssue({ code: 'custom', message: `placeholder {${path}}: ${problem}` });
	}
});
const errorsInBody = z
	.object({
		okPath: bodyPath.optional(),
		errorPath: bodyPath.optional(),
		successPath: bodyPath.optional(),
		codePath: bodyPathMany.optional(),
		okCodes: z.array(z.string().min(1)).min(1).optional(),
		messagePath: bodyPath.optional(),
		fieldPath: bodyPath.optional(),
		codes: z
			.record(
				z
					.object({ kind: reportedKind, cause: template.optional(), fix: template.optional() })
					.strict(),
			)
			.optional(),
		defaultKind: reportedKind.optional(),
	})
	.strict()
	.superRefine((spec, ctx) => {
		for (const problem of errorsInBodyProblems(spec as ErrorsInBodySpec))
			ctx.addIssue({ code: 'custom', message: problem });
	});

/** OAuth2 scopes as the vendor names them, none twice. */
const scopes = z
	.array(z.string().regex(/^\S+$/, 'a scope has no spaces'))
	.min(1)
	.refine((list) => new Set(list).size === list.length, 'a scope is listed twice');
const codeMatch = z.union([z.string(), z.number(), z.tuple([z.number(), z.number()])]);
/** `lib/transport/error-codes.ts` as a schema: the vendor's error codes by family. */
const errorCodes = z
	.object({
		codePath: bodyPath.optional(),
		subcodePath: bodyPath.optional(),
		userMessagePath: bodyPath.optional(),
		fieldPath: bodyPath.optional(),
		fieldPattern: z.string().optional(),
		grantedScopesHeader: z.string().optional(),
		acceptedScopesHeader: z.string().optional(),
		notFoundMayBeHidden: z.boolean().optional(),
		textAs: z
			.string()
			.regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
			.optional(),
		rules: z
			.array(
				z
					.object({
						status: z.array(z.number().int().min(400).max(599)).optional(),
						codes: z.array(codeMatch).optional(),
						subcodes: z.array(codeMatch).optional(),
						body: bodyCondition.optional(),
						category: z.enum([
							'auth',
							'permission',
							'invalid',
							'notFound',
							'rateLimit',
							'transient',
							'permanent',
						]),
						reason: template.optional(),
						fix: template.optional(),
					})
					.strict(),
			)
			.min(1),
	})
	.strict()
	.superRefine((spec, ctx) => {
		for (const problem of errorCodesProblems(spec as ErrorCodesSpec))
			ctx.addIssue({ code: 'custom', message: problem });
	});

/** A node's versions: 1, 2, … with none left out (a released version keeps running saved workflows). */
const versions = z
	.array(z.number().int())
	.min(1)
	.refine(
		(v) => v.every((n, i) => n === i + 1),
		'must be 1, 2, … in order (a version is never removed)',
	);

const param = z
	.object({
		name: z.string().min(1),
		displayName: z.string().min(1),
		in: z.enum(['path', 'query', 'header', 'body']),
		type: z.enum([
			'string',
			'number',
			'boolean',
			'json',
			'options',
			'multiOptions',
			'dateTime',
			'stringList',
			'keyValue',
		]),
		required: z.boolean().optional(),
		default: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).optional(),
		description: z.string().optional(),
		placeholder: z.string().optional(),
		typeOptions: z.object({ password: z.boolean().optional() }).strict().optional(),
		options: z
			.array(
				z.object({
					name: z.string(),
					value: z.union([z.string(), z.number(), z.boolean()]),
					description: z.string().optional(),
				}),
			)
			.optional(),
		bodyPath: bodyPath.optional(),
		wireName: z.string().min(1).optional(),
		queryFormat: z.enum(['repeat', 'comma', 'json', 'restli']).optional(),
		validate: z
			.object({
				pattern: z.string().optional(),
				patternHint: z.string().optional(),
				min: z.number().optional(),
				max: z.number().optional(),
			})
			.strict()
			.optional(),
		since: z.number().int().min(1).optional(),
		until: z.number().int().min(1).optional(),
		pathAlias: z
			.object({ value: z.string().min(1), path: z.string().regex(/^\/[^{}?#]*$/) })
			.strict()
			.optional(),
		pathChoice: z
			.object({
				replace: z.string().startsWith('/'),
				choices: z.record(z.string().regex(/^\/[^?#]*$/)),
			})
			.strict()
			.optional(),
		segments: z.boolean().optional(),
		showWhen: z.record(z.array(z.union([z.string(), z.number(), z.boolean()]))).optional(),
	})
	.strict()
	.refine((p) => p.pathAlias === undefined || p.in === 'path', {
		message: 'pathAlias is for path params',
	})
	.refine((p) => !['options', 'multiOptions'].includes(p.type) || (p.options?.length ?? 0) > 0, {
		message: 'options fields need a non-empty `options` list',
	})
	.refine((p) => p.since === undefined || p.until === undefined || p.since <= p.until, {
		message: 'since must not be after until',
	})
	.refine((p) => p.in !== 'path' || p.required === true, {
		message: 'path parameters must be required',
	})
	.refine((p) => p.wireName === undefined || p.in === 'query' || p.in === 'header', {
		message: 'wireName is for query and header params (body params use bodyPath)',
	})
	.refine((p) => p.queryFormat === undefined || p.in === 'query', {
		message: 'queryFormat is for query params',
	})
	.refine((p) => p.type !== 'keyValue' || p.in === 'body' || p.in === 'query', {
		message: 'keyValue params go in the body or the query',
	});

const pagination = z.union([
	z
		.object({
			type: z.literal('cursor'),
			cursorParam: z.string(),
			nextCursorPath: bodyPath.optional(),
			cursorFromLastItem: bodyPath.optional(),
			hasMorePath: bodyPath.optional(),
			itemsPath: bodyPathOrWhole,
			limitParam: z.string().optional(),
			pageSize: z.number().int().positive().optional(),
			minPageSize: z.number().int().positive().optional(),
			paramsIn: z.enum(['query', 'body']).optional(),
		})
		.strict()
		.refine((p) => p.nextCursorPath || p.cursorFromLastItem, {
			message: 'cursor paging needs nextCursorPath or cursorFromLastItem',
		}),
	z
		.object({
			type: z.literal('offset'),
			offsetParam: z.string(),
			limitParam: z.string(),
			pageSize: z.number().int().positive(),
			itemsPath: bodyPathOrWhole,
			totalPath: bodyPath.optional(),
		})
		.strict(),
	z
		.object({
			type: z.literal('page'),
			pageParam: z.string(),
			limitParam: z.string().optional(),
			pageSize: z.number().int().positive(),
			firstPage: z.number().int().optional(),
			itemsPath: bodyPathOrWhole,
		})
		.strict(),
	z
		.object({
			type: z.literal('nextUrl'),
			nextUrlPath: bodyPath,
			itemsPath: bodyPathOrWhole,
			limitParam: z.string().optional(),
			pageSize: z.number().int().positive().optional(),
		})
		.strict(),
	z
		.object({
			type: z.literal('linkHeader'),
			itemsPath: bodyPathOrWhole.optional(),
			limitParam: z.string().optional(),
			pageSize: z.number().int().positive().optional(),
		})
		.strict(),
]);

/** An asynchronous job a request answers with (`JobSpec`). */
const job = z
	.object({
		id: bodyPath,
		poll: z.object({ path: z.string().startsWith('/') }).strict(),
		status: bodyPath,
		done: z.array(z.string()).min(1),
		failed: z.array(z.string()).optional(),
		intervalMs: z.number().int().positive(),
		maxWaitMs: z.number().int().positive(),
		maxWaitParam: z.string().optional(),
		waitParam: z.string().optional(),
		noun: z.string().min(1),
		timeoutHint: z.string().min(1),
		results: bodyPath.optional(),
	})
	.strict();

const operation = z
	.object({
		id,
		name: z.string().min(1),
		action: z.string().min(3),
		description: z.string().optional(),
		method,
		path: z
			.string()
			.refine(
				(p) => p === '' || p.startsWith('/') || p.startsWith('{'),
				'must start with / (relative to the base URL)',
			),
		params: z.array(param).optional(),
		body: z.enum(['json', 'form', 'multipart', 'raw', 'none']).optional(),
		query: dataObject.optional(),
		headers: z.record(z.string(), z.string()).optional(),
		fixedBody: dataObject.optional(),
		graphql: z
			.object({
				document: z.string().regex(/^\s*(query|mutation)\b/, 'must start with query or mutation'),
				userErrorsPath: bodyPath.optional(),
			})
			.strict()
			.optional(),
		response: z
			.object({
				path: bodyPathOrWhole.optional(),
				split: z.boolean().optional(),
				onEmpty: dataObject.optional(),
				exactIntegers: z.boolean().optional(),
			})
			.strict()
			.optional(),
		paginate: z.union([pagination, z.literal(true)]).optional(),
		wholeList: z.boolean().optional(),
		listSince: z.number().int().min(1).optional(),
		hook: z.string().optional(),
		shape: z.string().optional(),
		idempotent: z.boolean().optional(),
		idempotencyKeyPath: bodyPath.optional(),
		cacheable: z.boolean().optional(),
		batchable: z.union([z.boolean(), z.literal('inOrder')]).optional(),
		session: z.boolean().optional(),
		listBatch: z
			.object({
				size: z.number().int().min(2),
				in: z.enum(['body', 'query']),
				list: z.string().min(1),
				answerList: bodyPathOrWhole,
				path: z.string().startsWith('/').optional(),
				method: method.optional(),
				failures: z
					.object({
						list: z.string().min(1),
						index: z.string().min(1),
						status: z.string().min(1).optional(),
						body: z.string().min(1).optional(),
					})
					.strict()
					.optional(),
				elementError: z
					.object({ path: bodyPathOrWhole, statusPath: bodyPathOrWhole.optional() })
					.strict()
					.optional(),
				fromPath: z.record(z.string().min(1), z.string().min(1)).optional(),
				job: job
					.extend({ elementAs: z.string().min(1) })
					.strict()
					.optional(),
				matchBy: z
					.object({
						element: z.string().min(1),
						answer: z.string().min(1),
						generate: z.boolean().optional(),
						errors: z
							.object({
								list: z.string().min(1),
								keys: z.string().min(1),
								status: z.string().min(1).optional(),
							})
							.strict()
							.optional(),
					})
					.strict()
					.optional(),
			})
			.strict()
			.optional(),
		rateLimit: z
			.object({
				tier: z.string().min(1).optional(),
				keyParam: z.string().min(1).optional(),
				cost: z.number().min(0).optional(),
			})
			.strict()
			.optional(),
		scopes: scopes.optional(),
		docsUrl: url.optional(),
		byAuth: z
			.record(
				z.string().min(1),
				z
					.object({
						path: z.string().startsWith('/').optional(),
						paginate: z.union([pagination, z.literal(true)]).optional(),
						docsUrl: url.optional(),
					})
					.strict(),
			)
			.optional(),
	})
	.strict()
	.superRefine((op, ctx) => {
		// A GraphQL operation is a JSON POST whose variables are its body params.
		if (op.graphql && (op.method !== 'POST' || (op.body ?? 'json') !== 'json'))
			ctx.addIssue({ code: 'custom', message: 'a graphql operation is a POST with a json body' });
		if (op.graphql && (op.params ?? []).some((p) => p.in === 'path' || p.in === 'query'))
			ctx.addIssue({
				code: 'custom',
				message:
					'a graphql operation takes its values as variables (body params), not path or query params',
			});
		// A variant's path has the same path params as the operation's (the fields are shared).
		for (const [type, variant] of Object.entries(op.byAuth ?? {}))
			if (
				variant.path !== undefined &&
				placeholders(variant.path).sort().join() !== placeholders(op.path).sort().join()
			)
				ctx.addIssue({
					code: 'custom',
					message: `byAuth.${type}.path must have the same {placeholders} as the operation's path`,
				});
		const keyParam = op.rateLimit?.keyParam;
		if (keyParam !== undefined) {
			const param = (op.params ?? []).find((p) => p.name === keyParam);
			if (!param)
				ctx.addIssue({
					code: 'custom',
					message: `rateLimit.keyParam '${keyParam}' is not a param of the operation`,
				});
			else if (param.typeOptions?.password)
				ctx.addIssue({
					code: 'custom',
					message: `rateLimit.keyParam '${keyParam}' is a secret field: a budget key is stored and logged`,
				});
		}
		// Every {placeholder} has a path param, and every path param has a placeholder (in the path, or in one of
		// the addresses a `pathChoice` field picks; the choosing field itself has none).
		const choosers = (op.params ?? []).filter((p) => p.pathChoice);
		for (const c of choosers)
			if (!op.path.includes(c.pathChoice!.replace))
				ctx.addIssue({
					code: 'custom',
					message: `pathChoice of '${c.name}': '${c.pathChoice!.replace}' is not in the path`,
				});
		const names = [
			...placeholders(op.path),
			...choosers.flatMap((c) => Object.values(c.pathChoice!.choices).flatMap(placeholders)),
		];
		const pathParams = (op.params ?? [])
			.filter((p) => p.in === 'path' && !p.pathChoice)
			.map((p) => p.name);
		for (const n of names)
			if (!pathParams.includes(n))
				ctx.addIssue({ code: 'custom', message: `path placeholder {${n}} has no path param` });
		for (const n of pathParams)
			if (!names.includes(n))
				ctx.addIssue({ code: 'custom', message: `path param '${n}' is not in the path` });
		const seen = new Set<string>();
		for (const p of op.params ?? []) {
			if (seen.has(p.name))
				ctx.addIssue({ code: 'custom', message: `param '${p.name}' is declared twice` });
			seen.add(p.name);
		}
		if (op.method === 'GET' && (op.params ?? []).some((p) => p.in === 'body')) {
			ctx.addIssue({ code: 'custom', message: 'GET operations cannot have body params' });
		}
	});

const resource = z
	.object({
		id,
		name: z.string().min(1),
		description: z.string().optional(),
		operations: z.array(operation).min(1),
	})
	.strict()
	.superRefine((r, ctx) => {
		const ids = r.operations.map((o) => o.id);
		if (new Set(ids).size !== ids.length)
			ctx.addIssue({ code: 'custom', message: `duplicate operation ids in '${r.id}'` });
	});

const auth = z
	.object({
		kind: z.enum(['oauth2', 'apiKey', 'basic', 'bearer', 'jwtBearer']),
		credentialType: z.string().min(1),
		displayName: z.string().min(1),
		family: z
			.string()
			.regex(/^[A-Za-z][A-Za-z0-9]*$/)
			.optional(),
		credentialTest: z.object({ method: method.optional(), path: z.string() }).strict().optional(),
		pathPrefix: z
			.object({ from: z.string().startsWith('/'), to: z.string().startsWith('/') })
			.strict()
			.optional(),
		tokenHeader: z
			.string()
			.regex(/^[A-Za-z0-9-]+$/)
			.optional(),
		baseUrlDiscovery: z
			.object({
				url: url.optional(),
				listPath: bodyPathOrWhole.optional(),
				valuePath: bodyPath.optional(),
				matchPath: bodyPath.optional(),
				matchField: z.string().min(1).optional(),
				matchFieldName: z.string().min(1).optional(),
				valueField: z.string().min(1).optional(),
				tokenScheme: z
					.string()
					.regex(/^[A-Za-z][A-Za-z0-9-]*$/)
					.optional(),
				valueFrom: z
					.object({
						field: z.string().min(1),
						fieldName: z.string().min(1),
						pattern: z.string().refine(
							(p) => {
								try {
									return new RegExp(`${p}|`).exec('')!.length > 1;
								} catch {
									return false;
								}
							},
							{ message: 'must be a regular expression with a capturing group' },
						),
						example: z.string().min(1),
					})
					.strict()
					.optional(),
				noun: z.string().min(1),
				baseUrl: z
					.string()
					.refine((u) => u.includes('{value}') && URL.canParse(u.replace('{value}', 'x')), {
						message: 'must be a URL with {value}',
					}),
			})
			.strict()
			// A listing (its URL and where each entry's value is), or a value read from a credential field.
			.refine((d) => (d.valueFrom ? !d.url : Boolean(d.url && d.valuePath)), {
				message: 'needs either url and valuePath (a listing) or valueFrom (no request), not both',
			})
			.refine((d) => !d.matchField === !(d.matchPath && d.matchFieldName), {
				message: 'matchField, matchPath and matchFieldName go together',
			})
			.optional(),
		oauth2: z
			.object({
				grantType: z.enum(['authorizationCode', 'clientCredentials', 'pkce']),
				authUrl: oauthUrl.optional(),
				tokenUrl: oauthUrl,
				scopes: z.array(z.string()),
				authQueryParameters: z.string().optional(),
				clientAuthentication: z.enum(['header', 'body']).optional(),
				scopeSeparator: z.string().optional(),
				clientIdParam: z
					.string()
					.regex(/^[a-z][a-z0-9_]*$/, 'a form/query parameter name such as client_key')
					.optional(),
				pkceOption: z.boolean().optional(),
			})
			.strict()
			.optional(),
		jwtBearer: z
			.object({
				tokenUrl: url,
				algorithm: z.literal('RS256'),
				keyFileField: z.string().min(1),
				issuerPath: z.string().min(1),
				privateKeyPath: z.string().min(1),
				keyIdPath: z.string().min(1).optional(),
				subjectField: z.string().min(1).optional(),
				scopeField: z.string().min(1).optional(),
				lifetimeSeconds: z.number().int().min(60).max(86_400),
				refreshMarginSeconds: z.number().int().min(0).optional(),
				errorFixes: z
					.record(
						z.string(),
						z.object({ cause: z.string().min(1), fix: z.string().min(1) }).strict(),
					)
					.optional(),
			})
			.strict()
			.optional(),
	})
	.strict()
	.refine((a) => a.kind !== 'oauth2' || a.credentialType.endsWith('OAuth2Api'), {
		message: 'OAuth2 credential types end with OAuth2Api',
	})
	.refine((a) => (a.kind === 'jwtBearer') === (a.jwtBearer !== undefined), {
		message: 'a jwtBearer credential gives its jwtBearer facts (and only it does)',
	});

const triggerParam = z
	.object({
		name: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'trigger field names are camelCase'),
		displayName: z.string().min(1),
		type: z.enum([
			'string',
			'number',
			'boolean',
			'json',
			'options',
			'multiOptions',
			'dateTime',
			'stringList',
		]),
		required: z.boolean().optional(),
		default: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).optional(),
		description: z.string().optional(),
		placeholder: z.string().optional(),
		typeOptions: z.object({ password: z.boolean().optional() }).strict().optional(),
		options: z
			.array(
				z.object({
					name: z.string(),
					value: z.union([z.string(), z.number(), z.boolean()]),
					description: z.string().optional(),
				}),
			)
			.optional(),
		validate: z
			.object({
				pattern: z.string().optional(),
				patternHint: z.string().optional(),
				min: z.number().optional(),
				max: z.number().optional(),
			})
			.strict()
			.optional(),
		since: z.number().int().min(1).optional(),
		until: z.number().int().min(1).optional(),
		showWhen: z.record(z.array(z.union([z.string(), z.number(), z.boolean()]))).optional(),
	})
	.strict()
	.refine((p) => !['options', 'multiOptions'].includes(p.type) || (p.options?.length ?? 0) > 0, {
		message: 'options fields need a non-empty `options` list',
	})
	.refine((p) => p.since === undefined || p.until === undefined || p.since <= p.until, {
		message: 'since must not be after until',
	})
	.refine((p) => !['events', 'authentication', 'signingSecret'].includes(p.name), {
		message: 'this trigger field name is reserved by the builder',
	});

/** A value of a string union whose allowed values another check enforces. */
const oneOf = <T extends string>() => z.custom<T>((v) => typeof v === 'string');

/** A signature scheme (lib/webhooks/scheme.ts); `schemeProblems` adds the rules between fields. */
const signatureScheme = z
	.object({
		header: z.string().min(1),
		// Enumerations are checked by schemeProblems (one message per bad value, as verification reports it).
		algorithm: oneOf<SignatureAlgorithm>(),
		signatureFormat: oneOf<EcdsaSignatureFormat>().optional(),
		secretKey: oneOf<SecretKeyHandling>().optional(),
		encoding: oneOf<SignatureEncoding>().optional(),
		prefix: z.string().optional(),
		structured: z
			.object({
				signatureKey: z.string().min(1),
				timestampKey: z.string().min(1).optional(),
				pairSeparator: z.string().min(1).optional(),
				valueSeparator: z.string().min(1).optional(),
			})
			.strict()
			.optional(),
		timestampHeader: z.string().min(1).optional(),
		timestampUnit: oneOf<TimestampUnit>().optional(),
		toleranceSeconds: z.number().optional(),
		timestampWindow: oneOf<TimestampWindow>().optional(),
		signedPayload: z.string().optional(),
		deliveryIdHeader: z.string().min(1).optional(),
		resendsSameBytes: z.boolean().optional(),
	})
	.strict();

const handshakeLocation = {
	in: z.enum(['query', 'header', 'body']),
	name: z.string().min(1),
};
const hmacAlgorithm = z.enum(['sha1', 'sha256', 'sha512']);
const handshake = z
	.object({
		methods: z.array(method).min(1),
		challenge: z.object(handshakeLocation).strict().optional(),
		match: z.array(z.object({ ...handshakeLocation, value: z.string() }).strict()).optional(),
		verifyToken: z
			.object({
				...handshakeLocation,
				from: z.union([
					z.object({ param: z.string().min(1) }).strict(),
					z.object({ credentialField: z.string().min(1) }).strict(),
					z.object({ state: z.string().min(1) }).strict(),
				]),
			})
			.strict()
			.optional(),
		signed: z.boolean().optional(),
		answer: z.union([
			z.object({ type: z.literal('text') }).strict(),
			z
				.object({
					type: z.literal('json'),
					fields: z.record(
						z.union([
							z.literal('challenge'),
							z
								.object({
									hmac: hmacAlgorithm,
									encoding: z.enum(['hex', 'base64']),
									prefix: z.string().optional(),
								})
								.strict(),
						]),
					),
				})
				.strict(),
			z
				.object({
					type: z.literal('header'),
					header: z.string().regex(/^[A-Za-z0-9-]+$/, 'must be a header name'),
				})
				.strict(),
			z.object({ type: z.literal('empty') }).strict(),
			z.object({ type: z.literal('show'), event: z.string().min(1) }).strict(),
		]),
	})
	.strict()
	.superRefine((h, ctx) => {
		const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
		if (h.answer.type !== 'empty' && !h.challenge)
			issue(`a '${h.answer.type}' answer echoes a challenge: say where it is (challenge)`);
		if (h.answer.type === 'empty' && h.challenge)
			issue("an 'empty' answer echoes nothing: drop challenge, or answer 'text'");
		if (h.answer.type === 'json' && Object.keys(h.answer.fields).length === 0)
			issue('a json answer needs at least one field');
		// Without anything to recognise it, every request with that method would be taken for a handshake.
		if (!h.challenge && !(h.match?.length ?? 0) && h.methods.includes('POST'))
			issue('a POST handshake needs a challenge or a match: deliveries are POSTs too');
		for (const loc of [h.challenge, ...(h.match ?? []), h.verifyToken]) {
			if (loc?.in !== 'body') continue;
			const problem = pathProblem(loc.name, {});
			if (problem) issue(`${loc.name}: ${problem}`);
		}
	});

const webhookHooks = z
	.object({
		checkExists: z.string().optional(),
		create: z.string().optional(),
		delete: z.string().optional(),
		handshake: z.string().optional(),
		deliver: z.string().optional(),
	})
	.strict();
const urlSecretParam = z.string().regex(/^[A-Za-z0-9_.-]+$/);

/** A JSON body template: `"{hookId}"` / `"{<field>}"` texts are replaced whole (`:number` as a number). */
const jsonTemplate: z.ZodType<unknown> = z.lazy(() =>
	z.union([
		z.string(),
		z.number(),
		z.boolean(),
		z.null(),
		z.array(jsonTemplate),
		z.record(z.string(), jsonTemplate),
	]),
);

const webhookRenewal = z
	.object({
		method,
		path: z.string().startsWith('/'),
		lifetimeMs: z.number().int().positive(),
		renewBeforeMs: z.number().int().positive(),
		expiresAtPath: bodyPath.optional(),
		limitKeyField: z.string().min(1).optional(),
		lifetimeField: z.string().min(1).optional(),
		body: z.record(z.string(), jsonTemplate).optional(),
		query: z.record(z.string(), z.string()).optional(),
		kind: z.enum(['extend', 'replace']).optional(),
		idPath: bodyPath.optional(),
		keep: z.record(z.string(), bodyPath).optional(),
		stop: z
			.object({
				method,
				path: z.string().startsWith('/'),
				body: z.record(z.string(), jsonTemplate).optional(),
			})
			.strict()
			.optional(),
	})
	.strict()
	.refine((r) => (r.kind === 'replace') === (r.stop !== undefined), {
		message:
			"a 'replace' renewal needs stop (the request that ends the old registration), and only it has one",
	});

/** What a credential type changes in a webhook (`WebhookSpec.byAuth`). */
const webhookVariant = z
	.object({
		signature: signatureScheme.optional(),
		register: z.enum(['api', 'manual']).optional(),
		hooks: webhookHooks.optional(),
		secretCredentialField: z.string().min(1).optional(),
		secretCredentialFallback: z.string().min(1).optional(),
		urlSecret: z.boolean().optional(),
		urlSecretParam: urlSecretParam.optional(),
		params: z.array(triggerParam).optional(),
		scopes: scopes.optional(),
		renewal: webhookRenewal.optional(),
	})
	.strict();

const webhook = z
	.object({
		signature: signatureScheme.optional(),
		handshakes: z.array(handshake).optional(),
		notificationUrlField: z.boolean().optional(),
		urlSecret: z.boolean().optional(),
		urlSecretParam: urlSecretParam.optional(),
		events: z
			.array(
				z
					.object({
						name: z.string().min(1),
						value: z.string().min(1),
						description: z.string().optional(),
					})
					.strict(),
			)
			.min(1),
		defaultEvents: z.array(z.string()).optional(),
		allEvents: z.string().optional(),
		eventsNote: z.string().min(1).optional(),
		register: z.enum(['api', 'manual']),
		hooks: webhookHooks.optional(),
		signatureByParam: z
			.object({
				param: z.string().min(1),
				schemes: z.record(z.string().min(1), signatureScheme),
			})
			.strict()
			.optional(),
		eventList: z.object({ path: bodyPathOrWhole }).strict().optional(),
		eventHeader: z.string().min(1).optional(),
		eventPath: z.union([bodyPath, z.array(bodyPath).min(1)]).optional(),
		eventKeys: z.literal(true).optional(),
		deliveryIdHeader: z.string().min(1).optional(),
		deliveryIdPath: z.union([bodyPath, z.array(bodyPath).min(1)]).optional(),
		bodyTimestamp: z
			.object({
				path: bodyPath,
				unit: z.enum(['s', 'ms']),
				maxAgeSeconds: z.number().int().positive(),
			})
			.strict()
			.optional(),
		bodySecret: z
			.object({ items: z.string().regex(/^[A-Za-z0-9_@.-]+$/), field: z.string().min(1) })
			.strict()
			.optional(),
		formBodies: z
			.object({ jsonField: z.string().min(1).optional(), nested: z.boolean().optional() })
			.strict()
			.optional(),
		acknowledgeEmpty: z.boolean().optional(),
		answerWithinMs: z.number().int().positive().optional(),
		pingEvents: z.array(z.string()).optional(),
		headersOnly: z.literal(true).optional(),
		registrationIdHeader: z.string().min(1).optional(),
		setupMethod: z.enum(['GET', 'HEAD']).optional(),
		secretCredentialField: z.string().min(1).optional(),
		secretCredentialFallback: z.string().min(1).optional(),
		secretLabel: z.string().min(1).optional(),
		params: z.array(triggerParam).optional(),
		versions: versions.optional(),
		scopes: scopes.optional(),
		renewal: webhookRenewal.optional(),
		byAuth: z.record(z.string().min(1), webhookVariant).optional(),
	})
	.strict()
	.superRefine((w, ctx) => {
		// Each credential type's webhook must hold on its own, like a webhook without variants.
		for (const [type, variant] of Object.entries(w.byAuth ?? {})) {
			const merged = { ...w, ...variant, byAuth: undefined };
			if (!merged.signature && !merged.urlSecret && !merged.bodySecret)
				ctx.addIssue({
					code: 'custom',
					path: ['byAuth', type],
					message: 'a webhook needs a signature scheme, a URL secret or a body secret',
				});
			if (merged.signature)
				for (const problem of schemeProblems(merged.signature))
					ctx.addIssue({ code: 'custom', path: ['byAuth', type, 'signature'], message: problem });
			if (merged.register === 'api' && (!merged.hooks?.create || !merged.hooks?.delete))
				ctx.addIssue({
					code: 'custom',
					path: ['byAuth', type],
					message: "register: 'api' needs the create and delete hooks",
				});
			if (merged.renewal && merged.register !== 'api')
				ctx.addIssue({
					code: 'custom',
					path: ['byAuth', type, 'renewal'],
					message:
						"renewal needs register: 'api' (only a registration made through the API can be renewed)",
				});
			if (merged.renewal && merged.renewal.renewBeforeMs >= merged.renewal.lifetimeMs)
				ctx.addIssue({
					code: 'custom',
					path: ['byAuth', type, 'renewal'],
					message: 'renewal.renewBeforeMs must be shorter than lifetimeMs',
				});
		}
		// Fails closed by construction: a trigger that verifies nothing cannot be declared.
		if (!w.signature && !w.urlSecret && !w.bodySecret)
			ctx.addIssue({
				code: 'custom',
				message: 'a webhook needs a signature scheme, a URL secret or a body secret',
			});
		if (w.bodySecret && (w.register !== 'api' || w.secretCredentialField))
			ctx.addIssue({
				code: 'custom',
				path: ['bodySecret'],
				message:
					"a body secret is the one the trigger generates and registers: it needs register: 'api' and no secretCredentialField",
			});
		if (w.signature) {
			for (const problem of schemeProblems(w.signature))
				ctx.addIssue({ code: 'custom', path: ['signature'], message: problem });
		}
		if (w.signatureByParam) {
			const { param, schemes } = w.signatureByParam;
			if (!w.signature)
				ctx.addIssue({
					code: 'custom',
					path: ['signatureByParam'],
					message: 'signatureByParam picks among signatures: it needs the default signature',
				});
			if (!(w.params ?? []).some((p) => p.name === param))
				ctx.addIssue({
					code: 'custom',
					path: ['signatureByParam', 'param'],
					message: `the trigger field '${param}' is not in params`,
				});
			for (const [value, scheme] of Object.entries(schemes))
				for (const problem of schemeProblems(scheme))
					ctx.addIssue({
						code: 'custom',
						path: ['signatureByParam', 'schemes', value],
						message: problem,
					});
		}
		if (w.eventList && w.deliveryIdHeader)
			ctx.addIssue({
				code: 'custom',
				path: ['eventList'],
				message:
					'each event of a list carries its own id: use deliveryIdPath, not deliveryIdHeader',
			});
		const setupMethods: string[] = w.setupMethod ? [w.setupMethod] : [];
		(w.handshakes ?? []).forEach((h, index) => {
			const issue = (message: string) =>
				ctx.addIssue({ code: 'custom', path: ['handshakes', index], message });
			for (const m of h.methods) {
				if (m !== 'POST' && !setupMethods.includes(m))
					issue(`a ${m} handshake needs setupMethod '${m}' (n8n serves deliveries on POST only)`);
			}
			if (h.signed && !w.signature) issue('a signed handshake needs the signature scheme');
			if (h.signed && h.methods.some((m) => m !== 'POST'))
				issue('a signed handshake arrives by POST (the setup webhook is unsigned)');
			const usesSecret =
				h.answer.type === 'json' &&
				Object.values(h.answer.fields).some((v) => typeof v === 'object');
			if (usesSecret && w.signature && w.signature.algorithm.startsWith('ecdsa'))
				issue('an HMAC answer needs a shared secret, but the signature scheme uses a public key');
			if (usesSecret && !w.signature)
				issue('an HMAC answer is keyed with the signing secret, so it needs the signature scheme');
			const from = h.verifyToken?.from;
			if (h.answer.type === 'show' && (h.signed || !h.methods.every((m) => m === 'POST')))
				issue(
					"a 'show' handshake is the unsigned POST that brings the secret (it cannot be signed with it)",
				);
			if (from && 'param' in from && !(w.params ?? []).some((p) => p.name === from.param))
				issue(
					`the verify token comes from the trigger field '${from.param}', which is not in params`,
				);
		});
		if (w.notificationUrlField) {
			const template = w.signature?.signedPayload ?? '';
			if (w.register !== 'manual' || !template.includes('{url}'))
				ctx.addIssue({
					code: 'custom',
					message:
						"notificationUrlField is for register: 'manual' with a signature over {url} (an API-registered URL is stored when it is registered)",
				});
		}
		// Past the replay store's memory a copy would be neither remembered nor stale.
		if (w.bodyTimestamp && w.bodyTimestamp.maxAgeSeconds > UNTIMED_MEMORY_SECONDS)
			ctx.addIssue({
				code: 'custom',
				path: ['bodyTimestamp', 'maxAgeSeconds'],
				message: `must not exceed the replay store's memory of ${UNTIMED_MEMORY_SECONDS} s`,
			});
		if (w.register === 'api' && (!w.hooks?.create || !w.hooks?.delete)) {
			ctx.addIssue({
				code: 'custom',
				message: "register: 'api' needs the create and delete hooks",
			});
		}
		if (w.renewal && w.register !== 'api') {
			ctx.addIssue({
				code: 'custom',
				message:
					"renewal needs register: 'api' (only a registration made through the API can be renewed)",
			});
		}
		if (w.renewal && w.renewal.renewBeforeMs >= w.renewal.lifetimeMs) {
			ctx.addIssue({
				code: 'custom',
				message: 'renewal.renewBeforeMs must be shorter than lifetimeMs',
			});
		}
		if (w.register === 'manual' && (w.hooks?.create || w.hooks?.delete || w.hooks?.checkExists)) {
			ctx.addIssue({
				code: 'custom',
				message: "register: 'manual' has no lifecycle hooks (the user registers the URL)",
			});
		}
		if (w.secretLabel && (w.register !== 'manual' || w.secretCredentialField))
			ctx.addIssue({
				code: 'custom',
				message:
					"secretLabel names the trigger's own secret field: only with register: 'manual' and no secretCredentialField",
			});
		if (w.register === 'manual' && w.urlSecret) {
			ctx.addIssue({
				code: 'custom',
				message: "a URL secret is generated at registration, so it needs register: 'api'",
			});
		}
		const setupAnswered = (w.handshakes ?? []).some((h) => h.methods.includes(w.setupMethod!));
		if (w.setupMethod && !w.hooks?.handshake && !setupAnswered)
			ctx.addIssue({
				code: 'custom',
				message: w.handshakes?.length
					? `a setup webhook needs the handshake hook or a ${w.setupMethod} handshake`
					: 'a setup webhook needs the handshake hook',
			});
		const values = w.events.map((e) => e.value);
		if (new Set(values).size !== values.length)
			ctx.addIssue({ code: 'custom', message: 'duplicate event values' });
		for (const e of w.defaultEvents ?? [])
			if (!values.includes(e))
				ctx.addIssue({ code: 'custom', message: `default event '${e}' is not in events` });
		if (w.allEvents !== undefined && !values.includes(w.allEvents))
			ctx.addIssue({ code: 'custom', message: `allEvents '${w.allEvents}' is not in events` });
		const latest = w.versions?.at(-1) ?? 1;
		for (const p of w.params ?? []) {
			for (const key of ['since', 'until'] as const) {
				const v = p[key];
				if (v !== undefined && v > latest)
					ctx.addIssue({
						code: 'custom',
						message: `${p.name}: ${key} ${v} is not a version of the trigger (latest: ${latest})`,
					});
			}
		}
		const names = (w.params ?? []).map((p) => p.name);
		if (new Set(names).size !== names.length)
			ctx.addIssue({ code: 'custom', message: 'duplicate trigger field names' });
	});

const pollEvent = z
	.object({
		value: z.string().min(1),
		name: z.string().min(1),
		description: z.string().optional(),
		resource: z.string().min(1),
		operation: z.string().min(1),
		params: z.array(z.string().min(1)).optional(),
		fixed: dataObject.optional(),
		idPath: bodyPath,
		timePath: bodyPath.optional(),
		sinceParam: z.string().min(1).optional(),
		order: z.enum(['newestFirst', 'any']).optional(),
		maxPages: z.number().int().min(1).max(100).optional(),
		maxSeen: z.number().int().min(10).max(10_000).optional(),
		hook: z.string().min(1).optional(),
	})
	.strict();
const poll = z
	.object({
		events: z
			.array(pollEvent)
			.min(1)
			.refine(
				(list) => new Set(list.map((e) => e.value)).size === list.length,
				'two events have the same value',
			),
		versions: versions.optional(),
	})
	.strict();

const tokenExchange = z
	.object({
		method: method.optional(),
		path: z.string().min(1),
		params: z.record(z.string()),
		tokenPath: bodyPath,
		expiresInPath: bodyPath.optional(),
	})
	.strict();
/** A revoke request (`connection.revoke`, one or several). */
const revokeRequest = z
	.object({
		method: method.optional(),
		path: z
			.string()
			.refine(
				(p) => p.startsWith('/') || /^https:\/\//.test(p) || /^\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(p),
				'must be a path, an https URL, or one {credential field} holding the URL',
			),
		token: z.enum(['access', 'refresh', 'refreshElseAccess']).optional(),
		tokenIn: z.enum(['form', 'json', 'query', 'path', 'none']).optional(),
		tokenParam: z.string().optional(),
		authenticated: z.boolean().optional(),
		credentialTypes: z.array(z.string()).optional(),
		clientAuth: z.enum(['basic', 'oauth2', 'secretHeader']).optional(),
		clientAuthScheme: z
			.string()
			.regex(/^[A-Za-z][A-Za-z0-9-]*$/)
			.optional(),
		tokenTypeHint: z.boolean().optional(),
	})
	.strict()
	.refine(
		(r) => r.tokenIn !== 'path' || r.path.includes('{token}'),
		'tokenIn "path" needs a {token} placeholder in the path',
	);

const tokenRenewal = tokenExchange
	.extend({
		marginMs: z.number().int().positive(),
		exchange: tokenExchange.optional(),
		refreshToken: z.boolean().optional(),
		refreshTokenPath: bodyPath.optional(),
		refreshExpiresInPath: bodyPath.optional(),
	})
	.strict()
	.refine((r) => !r.refreshToken || !r.exchange, {
		message:
			'a refresh-token renewal has no exchange (its credentials always hold a refresh token)',
	});

export const serviceSpecSchema = z
	.object({
		id,
		versions: versions.optional(),
		displayName: z.string().min(1),
		description: z.string().min(10),
		docsUrl: url,
		family: z.string().optional(),
		baseUrl: z
			.string()
			.refine(
				(b) => /^https?:\/\//.test(b) || /^\{[A-Za-z_]+\}$/.test(b),
				'must be an http(s) URL or a single {credentialField}',
			),
		auth: z.array(auth).min(1),
		credentialTest: z
			.object({ method: method.optional(), path: z.string(), baseUrl: httpsUrl.optional() })
			.strict(),
		account: z
			.object({
				path: z.string(),
				labelPath: z.union([bodyPath, z.array(bodyPath).min(1)]),
				baseUrl: httpsUrl.optional(),
			})
			.strict()
			.optional(),
		rateLimit: rateLimit.optional(),
		errorsInBody: errorsInBody.optional(),
		errorCodes: errorCodes.optional(),
		pagination: pagination.optional(),
		idempotencyHeader: z.string().optional(),
		requestIdHeader: z.string().optional(),
		headers: z.record(z.string()).optional(),
		batch: z
			.object({
				size: z.number().int().min(2),
				method,
				path: z.string().startsWith('/'),
				request: z
					.object({
						list: z.string(),
						id: z.string(),
						method: z.string(),
						url: z.string(),
						body: z.string().optional(),
						headers: z.string().optional(),
						dependsOn: z.string().optional(),
						query: z.string().optional(),
						bodyText: z.boolean().optional(),
					})
					.strict(),
				response: z
					.object({
						list: bodyPathOrWhole,
						id: bodyPath.optional(),
						status: bodyPath,
						body: bodyPathOrWhole,
						headers: bodyPath.optional(),
						bodyText: z.boolean().optional(),
					})
					.strict(),
				job: job.optional(),
			})
			.strict()
			.optional(),
		session: z
			.object({
				scope: z.string().startsWith('/'),
				open: z
					.object({ method, path: z.string().startsWith('/'), body: dataObject.optional() })
					.strict(),
				idPath: bodyPath,
				header: z.string().min(1),
				close: z
					.object({ method, path: z.string().startsWith('/'), body: dataObject.optional() })
					.strict(),
			})
			.strict()
			.optional(),
		resources: z.array(resource),
		webhook: webhook.optional(),
		poll: poll.optional(),
		connection: z
			.object({
				exclusive: z.boolean().optional(),
				familyName: z.string().optional(),
				revoke: z.union([revokeRequest, z.array(revokeRequest).min(1)]).optional(),
				tokenRenewal: tokenRenewal.optional(),
				reauthorize: z
					.object({
						accessTokenDays: z.number().positive(),
						refreshTokenDays: z.number().positive().optional(),
						warnMs: z.number().int().positive(),
					})
					.strict()
					.optional(),
				reconnectReasons: z.string().min(1).optional(),
				tokenExpiry: z
					.object({
						path: z.string().startsWith('/'),
						expiresAtPath: bodyPath,
						warnMs: z.number().int().positive(),
						credentialTypes: z.array(z.string()).min(1).optional(),
					})
					.strict()
					.optional(),
			})
			.strict()
			.optional(),
	})
	.strict()
	.superRefine((spec, ctx) => {
		// Throttle rules' body paths use the one dialect, `[*]` allowed.
		(spec.rateLimit?.throttled ?? []).forEach((rule, index) => {
			const path = rule.body?.path;
			const problem = path === undefined ? undefined : pathProblem(path, { many: true });
			if (problem)
				ctx.addIssue({
					code: 'custom',
					path: ['rateLimit', 'throttled', index, 'body', 'path'],
					message: problem,
				});
		});
		const ids = spec.resources.map((r) => r.id);
		if (new Set(ids).size !== ids.length)
			ctx.addIssue({ code: 'custom', message: 'duplicate resource ids' });
		if (ids.includes(CUSTOM_REQUEST_RESOURCE))
			ctx.addIssue({
				code: 'custom',
				message: `the resource id '${CUSTOM_REQUEST_RESOURCE}' is the Custom Request every node gets: rename the resource`,
			});
		for (const r of spec.resources) {
			for (const op of r.operations) {
				if (op.paginate === true && !spec.pagination) {
					ctx.addIssue({
						code: 'custom',
						message: `${r.id}.${op.id} uses the default pagination, but the spec declares none`,
					});
				}
				const latest = spec.versions?.at(-1) ?? 1;
				for (const p of op.params ?? []) {
					for (const key of ['since', 'until'] as const) {
						const v = p[key];
						if (v !== undefined && v > latest)
							ctx.addIssue({
								code: 'custom',
								message: `${r.id}.${op.id}.${p.name}: ${key} ${v} is not a version of the node (latest: ${latest})`,
							});
					}
				}
				for (const type of Object.keys(op.byAuth ?? {}))
					if (!spec.auth.some((a) => a.credentialType === type))
						ctx.addIssue({
							code: 'custom',
							message: `${r.id}.${op.id}: byAuth names '${type}', which is not a credential type of the service's auth`,
						});
				const tier = op.rateLimit?.tier;
				if (tier !== undefined && !spec.rateLimit?.tiers?.[tier])
					ctx.addIssue({
						code: 'custom',
						message: `${r.id}.${op.id}: rateLimit.tier '${tier}' is not a tier of the service's rateLimit`,
					});
				if (op.rateLimit && !spec.rateLimit)
					ctx.addIssue({
						code: 'custom',
						message: `${r.id}.${op.id} names a rate-limit budget, but the service declares no rateLimit`,
					});
				if (op.listSince !== undefined && !(op.paginate || op.wholeList))
					ctx.addIssue({
						code: 'custom',
						message: `${r.id}.${op.id}: listSince needs a list (paginate or wholeList)`,
					});
				if (op.listSince !== undefined && op.listSince > (spec.versions?.at(-1) ?? 1))
					ctx.addIssue({
						code: 'custom',
						message: `${r.id}.${op.id}: listSince ${op.listSince} is not a version of the node`,
					});
				if (op.wholeList && op.paginate)
					ctx.addIssue({
						code: 'custom',
						message: `${r.id}.${op.id} pages: it cannot also be a whole list (wholeList)`,
					});
				if (op.listBatch && (op.batchable || op.hook || op.paginate)) {
					ctx.addIssue({
						code: 'custom',
						message: `${r.id}.${op.id} batches by list: it cannot also use the batch endpoint, page or run a hook`,
					});
				}
				if (op.shape && op.hook)
					ctx.addIssue({
						code: 'custom',
						message: `${r.id}.${op.id}: a hook sends the request itself; shape only applies to the generic request`,
					});
				if ((op.listBatch?.fromPath || op.listBatch?.matchBy?.generate) && !op.listBatch.path)
					ctx.addIssue({
						code: 'custom',
						message: `${r.id}.${op.id}: listBatch.fromPath and matchBy.generate write into each item's element of a bulk endpoint (listBatch.path)`,
					});
				if (op.listBatch?.path && op.listBatch.in !== 'body')
					ctx.addIssue({
						code: 'custom',
						message: `${r.id}.${op.id}: listBatch.path puts each item's body in the bulk request's body (in: 'body')`,
					});
				if (op.listBatch?.in === 'body') {
					const problem = pathProblem(op.listBatch.list, {});
					if (problem)
						ctx.addIssue({
							code: 'custom',
							message: `${r.id}.${op.id}: listBatch.list: ${problem}`,
						});
				}
				if (op.session && !spec.session)
					ctx.addIssue({
						code: 'custom',
						message: `${r.id}.${op.id} runs in a session, but the spec declares no session`,
					});
				if (op.batchable === 'inOrder' && !spec.batch?.request.dependsOn)
					ctx.addIssue({
						code: 'custom',
						message: `${r.id}.${op.id} is batchable in order, but the batch endpoint has no request.dependsOn`,
					});
				if (op.batchable && (!spec.batch || op.hook || op.paginate)) {
					ctx.addIssue({
						code: 'custom',
						message: `${r.id}.${op.id} is batchable, but the spec has no batch endpoint or the operation pages or uses a hook`,
					});
				}
			}
		}
		(spec.poll?.events ?? []).forEach((e, index) => {
			const issue = (message: string) =>
				ctx.addIssue({ code: 'custom', path: ['poll', 'events', index], message });
			const op = spec.resources
				.find((r) => r.id === e.resource)
				?.operations.find((o) => o.id === e.operation);
			if (!op) return issue(`${e.resource}.${e.operation} is not an operation of the spec`);
			if (op.hook)
				issue(
					`${e.resource}.${e.operation} runs a hook: a polling trigger calls a plain list operation`,
				);
			if (op.method !== 'GET')
				issue(`${e.resource}.${e.operation} is a ${op.method}: a polling trigger only reads`);
			const names = new Set((op.params ?? []).map((p) => p.name));
			for (const name of [
				...(e.params ?? []),
				...Object.keys(e.fixed ?? {}),
				...(e.sinceParam ? [e.sinceParam] : []),
			])
				if (!names.has(name)) issue(`'${name}' is not a param of ${e.resource}.${e.operation}`);
			if (e.sinceParam && !e.timePath) issue('sinceParam needs timePath (the time it sends)');
		});
	});

/** Every problem of a service definition, as readable lines; empty when it is valid. */
export function validateService(def: ServiceDefinition): string[] {
	const problems: string[] = [];
	const parsed = serviceSpecSchema.safeParse(def.spec);
	if (!parsed.success) {
		for (const issue of parsed.error.issues)
			problems.push(`${def.spec.id}: ${issue.path.join('.') || '(spec)'}: ${issue.message}`);
	}
	const named: string[] = [];
	for (const r of def.spec.resources ?? [])
		for (const op of r.operations ?? [])
			for (const hook of [op.hook, op.shape]) if (hook) named.push(hook);
	for (const e of def.spec.poll?.events ?? []) if (e.hook) named.push(e.hook);
	const webhook = def.spec.webhook;
	for (const w of [webhook, ...Object.values(webhook?.byAuth ?? {})]) {
		named.push(...Object.values(w?.hooks ?? {}).filter((h): h is string => typeof h === 'string'));
	}
	for (const hook of named) {
		if (typeof def.hooks?.[hook] !== 'function')
			problems.push(`${def.spec.id}: names the hook '${hook}', which the service does not ship`);
	}
	return problems;
}

// Compile-time link between the schema and the spec type: `npm run typecheck` fails when they drift.
type Equal<A, B> =
	(<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type SchemaSpec = z.infer<typeof serviceSpecSchema>;
const sameFields: Equal<keyof SchemaSpec, keyof ServiceSpec> = true;
// Every field of the schema equals its type: a change to one without the other fails to compile.
const sameShapes: Equal<SchemaSpec, ServiceSpec> = true;
void sameFields;
void sameShapes;
