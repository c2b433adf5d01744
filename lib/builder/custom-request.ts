/**
 * The Custom Request operation every spec-built node gets (the seed's "API Execution" step with a managed
 * connection): any method and path of the service, sent through the same engine as the spec's operations
 * (the item's connection, rate limits, retries, redirect policy, error texts, usage log, workspace rule).
 * It never leaves the service: a path is relative to the base URL, and an absolute URL must be on its origin.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { readJson, readOption, readPairs, readString } from '../execution/params';
import type { HttpMethod, OperationSpec, ResourceSpec, ServiceSpec } from '../spec/types';
import type { EngineRequest } from '../transport/types';

/** Resource and operation values; a spec may not use the resource id (the schema checks). */
export const CUSTOM_REQUEST_RESOURCE = 'customRequest';
export const CUSTOM_REQUEST_OPERATION = 'send';

const METHODS = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT'] as const;
const BODY_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** The resource as the Resource selector lists it. */
export const customRequestResource: ResourceSpec = {
	id: CUSTOM_REQUEST_RESOURCE,
	name: 'Custom Request',
	description: 'Any endpoint of the API, through this connection',
	operations: [
		{
			id: CUSTOM_REQUEST_OPERATION,
			name: 'Send',
			action: 'Send a custom request',
			description: 'Send a request to any path of the API with this connection',
			method: 'GET',
			path: '/',
		},
	],
};

function pairs(
	displayName: string,
	name: string,
	row: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: `Add ${row[0].toUpperCase()}${row.slice(1)}`,
		default: {},
		description,
		displayOptions: show(),
		options: [
			{
				displayName: `${row[0].toUpperCase()}${row.slice(1)}`,
				name: row,
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	};
}

function show(extra: IDataObject = {}) {
	return {
		show: {
			resource: [CUSTOM_REQUEST_RESOURCE],
			operation: [CUSTOM_REQUEST_OPERATION],
			...extra,
		},
	} as INodeProperties['displayOptions'];
}

/** The operation's fields: Method, Path, Query Parameters, Headers and a JSON body for methods that carry one. */
export function customRequestFields(spec: ServiceSpec): INodeProperties[] {
	const base = /^https?:\/\//.test(spec.baseUrl) ? spec.baseUrl : "the connection's base URL";
	return [
		{
			displayName: 'Method',
			name: 'requestMethod',
			type: 'options',
			options: METHODS.map((m) => ({ name: m, value: m })),
			default: 'GET',
			displayOptions: show(),
		},
		{
			displayName: 'Path',
			name: 'requestPath',
			type: 'string',
			required: true,
			default: '',
			placeholder: '/path/to/resource',
			description: `Path after ${base}, sent as written. A full URL is accepted only on the same host; other hosts are refused, so the credential never leaves ${spec.displayName}.`,
			displayOptions: show(),
		},
		pairs('Query Parameters', 'requestQuery', 'parameter', 'Added to the URL, encoded'),
		pairs(
			'Headers',
			'requestHeaders',
			'header',
			'Extra request headers; authentication comes from the credential',
		),
		{
			displayName: 'Body',
			name: 'requestBody',
			type: 'json',
			default: '',
			description: 'JSON body; leave empty to send none',
			displayOptions: show({ requestMethod: BODY_METHODS }),
		},
	];
}

/** Headers the engine or the connection owns: a request cannot set them (authentication, framing, routing). */
const RESERVED_HEADERS = new Set([
	'authorization',
	'proxy-authorization',
	'cookie',
	'host',
	'content-length',
	'transfer-encoding',
	'connection',
]);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Characters a URL path or query may carry as written (RFC 3986 pchar, `/`, `?` and `%`). */
const URL_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/;

/** Bad input: what is wrong (naming the field) and how to fix it. */
export interface CustomRequestProblem {
	problem: string;
	fix: string;
}

const problem = (text: string, fix: string): CustomRequestProblem => ({ problem: text, fix });

/**
 * The path as the engine should send it, or the problem with it. Refused: other origins (the credential would go
 * there), scheme-relative `//host` paths, credentials in the URL, `.`/`..` segments (also percent-encoded: URL
 * parsers resolve both), backslashes (parsers read them as `/`) and control characters. Everything else is sent as
 * written; only characters a URL cannot carry are percent-encoded (`{`, `}` and spaces among them, so nothing is
 * taken for a placeholder).
 */
export function customRequestPath(baseUrl: string, raw: string): string | CustomRequestProblem {
	const text = raw.trim();
	if (text === '') return problem("The field 'Path' is empty.", 'Enter a path such as /users/me.');
	if (/[\u0000-\u001f\u007f\\]/.test(text))
		return problem(
			"The field 'Path' contains a backslash or a control character.",
			'Write the path with forward slashes; percent-encode anything else (e.g. %5C).',
		);
	const base = new URL(baseUrl);
	let pathPart = text;
	if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
		if (!URL.canParse(text))
			return problem(
				`The field 'Path' is not a valid URL ('${text}').`,
				'Enter a path such as /users/me.',
			);
		const target = new URL(text);
		if (target.origin !== base.origin)
			return problem(
				`The field 'Path' points to ${target.origin}, but this connection only sends requests to ${base.origin}.`,
				`Use a path relative to ${baseUrl}; for another host use the HTTP Request node with its own credential.`,
			);
		if (target.username || target.password)
			return problem(
				"The field 'Path' contains a user name or password.",
				'Remove them: the connection authenticates the request.',
			);
		pathPart = text.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
	} else if (text.startsWith('//')) {
		return problem(
			"The field 'Path' starts with '//', which names another host.",
			`Start the path with a single '/', e.g. /users/me (it is added to ${baseUrl}).`,
		);
	}
	const segments = pathPart.split(/[?#]/)[0].split('/');
	// Segments are checked as the server may read them; the path itself is sent as written.
	for (const segment of segments) {
		let decoded = segment;
		try {
			decoded = decodeURIComponent(segment);
		} catch {
			// A stray '%' is encoded below; it cannot form a dot segment.
		}
		// Servers that decode %2F / %5C or cut `;params` (`..;/`) would still see a dot segment: refuse those too.
		const parts = decoded.split(/[/\\]/).map((part) => part.split(';')[0]);
		if (parts.some((part) => part === '.' || part === '..'))
			return problem(
				`The field 'Path' contains a '${segment}' segment, which would move the request to another path.`,
				'Write the full path without . or .. segments.',
			);
	}
	return [...text]
		.map((c, index) => {
			if (c === '%') return /^%[0-9A-Fa-f]{2}/.test(text.slice(index, index + 3)) ? c : '%25';
			return URL_SAFE.test(c) ? c : encodeURIComponent(c);
		})
		.join('');
}

function headersProblem(raw: Record<string, string>): CustomRequestProblem | undefined {
	for (const [name, value] of Object.entries(raw)) {
		if (!HEADER_NAME.test(name))
			return problem(
				`The header name '${name}' is not valid.`,
				'Use letters, digits and - only, e.g. X-Request-Id.',
			);
		if (RESERVED_HEADERS.has(name.toLowerCase()))
			return problem(
				`The header '${name}' cannot be set here: the connection and the engine set it.`,
				'Remove it; authentication comes from the credential.',
			);
		if (/[\r\n\u0000]/.test(value))
			return problem(
				`The value of the header '${name}' contains a line break.`,
				'Enter the value on one line.',
			);
	}
	return undefined;
}

/** The synthetic operation of one item's Custom Request (its method and path key the idempotency header). */
export function customOperation(method: HttpMethod, path: string): OperationSpec {
	return { ...customRequestResource.operations[0], method, path, cacheable: false };
}

/** Reads one item's Custom Request fields into an engine request on `baseUrl`; bad input names the field and the fix. */
export function readCustomRequest(
	fn: IExecuteFunctions,
	i: number,
	baseUrl: string,
): { op: OperationSpec; req: EngineRequest } {
	const fail = (p: CustomRequestProblem): never => {
		throw new NodeOperationError(fn.getNode(), p.problem, { itemIndex: i, description: p.fix });
	};
	const method = readOption(fn, i, 'requestMethod', 'Method', METHODS, 'GET');
	const path = customRequestPath(baseUrl, readString(fn, i, 'requestPath', 'Path'));
	if (typeof path !== 'string') return fail(path);
	const headers = readPairs(fn, i, 'requestHeaders.header', 'Headers');
	const badHeader = headersProblem(headers);
	if (badHeader) return fail(badHeader);
	const req: EngineRequest = {
		method,
		baseUrl,
		path,
		qs: readPairs(fn, i, 'requestQuery.parameter', 'Query Parameters'),
		headers,
		responseFormat: 'json',
		cacheable: false,
	};
	if (BODY_METHODS.includes(method)) {
		const body = readJson(fn, i, 'requestBody', 'Body');
		if (body !== undefined) {
			if (body === null || typeof body !== 'object')
				return fail(
					problem(
						"The field 'Body' must be a JSON object or array.",
						'Enter JSON such as {"name": "value"}, or leave it empty.',
					),
				);
			req.body = body;
			req.bodyEncoding = 'json';
		}
	}
	return { op: customOperation(method, path), req };
}
