import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { byDisplayName, byName } from '../../lib/builder/order';
import { openTarget } from '../../lib/execution/target';
import { forEachItem } from '../../lib/execution/items';
import { engineOptionFields, readEngineSettings } from '../../lib/execution/options';
import {
	asBoolean,
	fieldOf,
	readBoolean,
	readJson,
	readNumber,
	readObject,
	readOption,
	readPairs,
	readString,
} from '../../lib/execution/params';
import { responseToItems, wrap } from '../../lib/execution/response';
import { paginate } from '../../lib/transport/paginate';
import { send } from '../../lib/transport/pipeline';
import type { EngineRequest } from '../../lib/transport/types';
import type { HttpMethod, PaginationSpec } from '../../lib/spec/types';
import {
	credentialTypeFor,
	customApiService,
	customAuthDescription,
	pairsProperty,
} from './CustomApi.service';
import { packageRuntime } from '../runtime';
import { callContext } from '../../lib/transport/context';

const auth = customAuthDescription(
	'How requests prove who they are. The base URL comes from the credential.',
);

const METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];
const pagination = { show: { pagination: ['cursor', 'offset', 'page', 'nextUrl', 'linkHeader'] } };

/** Call any REST endpoint through the engine (queueing, retries, clear errors, redaction). */
export class CustomApi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Custom API',
		name: 'customApi',
		icon: { light: 'file:../../icons/api.svg', dark: 'file:../../icons/api.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["method"] + " " + $parameter["endpoint"]}}',
		description: 'Call any REST API with retries, rate-limit queueing and clear errors',
		defaults: { name: 'Custom API' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: auth.credentials,
		properties: [
			auth.property,
			{
				displayName: 'Base URL',
				name: 'baseUrl',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'https://api.example.com/v1',
				description:
					'Every request starts with this URL (with a credential, its Base URL is used instead)',
				displayOptions: { show: { authentication: ['none'] } },
			},
			{
				displayName: 'Method',
				name: 'method',
				type: 'options',
				options: byName(METHODS.map((m) => ({ name: m, value: m }))),
				default: 'GET',
			},
			{
				displayName: 'Endpoint',
				name: 'endpoint',
				type: 'string',
				default: '/',
				required: true,
				placeholder: '/users/{userId}',
				description:
					'Path added to the base URL. {name} placeholders are filled from Path Variables, each percent-encoded as one path segment.',
			},
			pairsProperty('Path Variables', 'pathVariables', 'variable'),
			pairsProperty('Query Parameters', 'queryParameters', 'parameter'),
			pairsProperty('Headers', 'headerParameters', 'header'),
			{
				displayName: 'Body Content Type',
				name: 'bodyContentType',
				type: 'options',
				options: [
					{ name: 'None', value: 'none' },
					{ name: 'JSON', value: 'json' },
					{
						name: 'Form URL-Encoded',
						value: 'form',
						description: 'Nested keys use brackets, e.g. metadata[key]',
					},
					{
						name: 'Raw',
						value: 'raw',
						description: 'Send text exactly as written, with your content type',
					},
				],
				default: 'none',
				displayOptions: { show: { method: ['POST', 'PUT', 'PATCH', 'DELETE'] } },
			},
			{
				displayName: 'JSON Body',
				name: 'jsonBody',
				type: 'json',
				default: '{}',
				displayOptions: {
					show: { bodyContentType: ['json'], method: ['POST', 'PUT', 'PATCH', 'DELETE'] },
				},
			},
			pairsProperty('Form Fields', 'formFields', 'field', {
				displayOptions: {
					show: { bodyContentType: ['form'], method: ['POST', 'PUT', 'PATCH', 'DELETE'] },
				},
			}),
			{
				displayName: 'Raw Body',
				name: 'rawBody',
				type: 'string',
				typeOptions: { rows: 5 },
				default: '',
				displayOptions: {
					show: { bodyContentType: ['raw'], method: ['POST', 'PUT', 'PATCH', 'DELETE'] },
				},
			},
			{
				displayName: 'Raw Content Type',
				name: 'rawContentType',
				type: 'string',
				default: 'text/plain',
				placeholder: 'application/xml',
				displayOptions: {
					show: { bodyContentType: ['raw'], method: ['POST', 'PUT', 'PATCH', 'DELETE'] },
				},
			},
			{
				displayName: 'Response Format',
				name: 'responseFormat',
				type: 'options',
				options: [
					{ name: 'JSON', value: 'json', description: 'Arrays become one item per element' },
					{ name: 'Text', value: 'text', description: 'The body as text in the field "data"' },
					{ name: 'File', value: 'binary', description: 'The body as a binary file' },
				],
				default: 'json',
			},
			{
				displayName: 'Put Output File in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				displayOptions: { show: { responseFormat: ['binary'] } },
			},
			{
				displayName: 'Pagination',
				name: 'pagination',
				type: 'options',
				options: [
					{
						name: 'Cursor',
						value: 'cursor',
						description: 'The response gives a cursor for the next page',
					},
					{
						name: 'Link Header',
						value: 'linkHeader',
						description: 'The Link header names the next page (rel="next")',
					},
					{
						name: 'Next URL in Body',
						value: 'nextUrl',
						description: 'The response body contains the next page URL',
					},
					{ name: 'None', value: 'none' },
					{ name: 'Offset', value: 'offset', description: 'Pages by offset and limit' },
					{ name: 'Page Number', value: 'page', description: 'Pages by page number' },
				],
				default: 'none',
				displayOptions: { show: { method: ['GET', 'POST'], responseFormat: ['json'] } },
			},
			{
				displayName: 'Items Path',
				name: 'itemsPath',
				type: 'string',
				default: '',
				placeholder: 'data',
				description: 'Dotted path to the list in each page (empty: the body itself is the list)',
				displayOptions: pagination,
			},
			{
				displayName: 'Cursor Parameter',
				name: 'cursorParam',
				type: 'string',
				default: 'cursor',
				description: 'Query parameter that sends the cursor',
				displayOptions: { show: { pagination: ['cursor'] } },
			},
			{
				displayName: 'Next Cursor Path',
				name: 'nextCursorPath',
				type: 'string',
				default: 'next_cursor',
				description: 'Dotted path to the next cursor in the response',
				displayOptions: { show: { pagination: ['cursor'] } },
			},
			{
				displayName: 'Next URL Path',
				name: 'nextUrlPath',
				type: 'string',
				default: 'next',
				description: 'Dotted path to the next page URL in the response',
				displayOptions: { show: { pagination: ['nextUrl'] } },
			},
			{
				displayName: 'Offset Parameter',
				name: 'offsetParam',
				type: 'string',
				default: 'offset',
				displayOptions: { show: { pagination: ['offset'] } },
			},
			{
				displayName: 'Page Parameter',
				name: 'pageParam',
				type: 'string',
				default: 'page',
				displayOptions: { show: { pagination: ['page'] } },
			},
			{
				displayName: 'Limit Parameter',
				name: 'limitParam',
				type: 'string',
				default: 'limit',
				description: 'Query parameter for the page size (empty: do not send one)',
				displayOptions: pagination,
			},
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 100,
				displayOptions: pagination,
			},
			{
				displayName: 'Return All',
				name: 'returnAll',
				type: 'boolean',
				default: false,
				description: 'Whether to return all results or only up to a given limit',
				displayOptions: pagination,
			},
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Max number of results to return',
				displayOptions: { show: { ...pagination.show, returnAll: [false] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: byDisplayName<INodeProperties>([
					{
						displayName: 'Full Response',
						name: 'fullResponse',
						type: 'boolean',
						default: false,
						description: 'Whether to output status code and headers along with the body',
					},
					...engineOptionFields,
				]),
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const engine = packageRuntime();
		return await forEachItem(this, async (i) => {
			const credentialType = credentialTypeFor(
				readString(this, i, 'authentication', 'Authentication'),
			);
			const target = await openTarget(this, i, credentialType, '{baseUrl}', {
				baseUrl: readString(this, i, 'baseUrl', 'Base URL'),
			});
			const method = readOption(this, i, 'method', 'Method', METHODS);
			const responseFormat = readOption(this, i, 'responseFormat', 'Response Format', FORMATS);
			const options = readObject(this, i, 'options', 'Options');
			const req: EngineRequest = {
				method,
				baseUrl: target.baseUrl,
				path: readString(this, i, 'endpoint', 'Endpoint').trim(),
				pathParams: readPairs(this, i, 'pathVariables.variable', 'Path Variables'),
				qs: readPairs(this, i, 'queryParameters.parameter', 'Query Parameters'),
				headers: readPairs(this, i, 'headerParameters.header', 'Headers'),
				responseFormat,
				...readBody(this, i, method),
			};
			const ctx = callContext({
				engine,
				fn: this,
				itemIndex: i,
				service: customApiService,
				credentialType,
				redact: target.redact,
				settings: readEngineSettings(this, i),
			});
			const fullResponse = asBoolean(fieldOf(this, i, 'Full Response'), options.fullResponse);
			const mode =
				responseFormat === 'json' && ['GET', 'POST'].includes(method)
					? readOption(this, i, 'pagination', 'Pagination', PAGINATION, 'none')
					: 'none';
			if (mode === 'none') {
				const res = await send(ctx, req);
				return target.redact(
					await responseToItems(this, res, {
						format: responseFormat,
						binaryProperty: readString(
							this,
							i,
							'binaryPropertyName',
							'Put Output File in Field',
							'data',
						),
						fullResponse,
					}),
				);
			}
			const spec = readPagination(this, i, mode);
			const returnAll = readBoolean(this, i, 'returnAll', 'Return All');
			const limit = returnAll
				? 0
				: readNumber(this, i, 'limit', 'Limit', { fallback: 50, min: 1, integer: true });
			const { items } = await paginate(spec, req, async (page) => await send(ctx, page), {
				returnAll,
				limit,
			});
			return target.redact(items.map(wrap));
		});
	}
}

const FORMATS = ['json', 'text', 'binary'] as const;
const PAGINATION = ['none', 'cursor', 'offset', 'page', 'nextUrl', 'linkHeader'] as const;
const BODY_TYPES = ['none', 'json', 'form', 'raw'] as const;

function readBody(fn: IExecuteFunctions, i: number, method: HttpMethod): Partial<EngineRequest> {
	if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) return {};
	const type = readOption(fn, i, 'bodyContentType', 'Body Content Type', BODY_TYPES, 'none');
	if (type === 'json') {
		// JSON text is parsed without rounding integers beyond 2^53.
		return { body: readJson(fn, i, 'jsonBody', 'JSON Body', {}), bodyEncoding: 'json' };
	}
	if (type === 'form') {
		return { body: readPairs(fn, i, 'formFields.field', 'Form Fields'), bodyEncoding: 'form' };
	}
	if (type === 'raw') {
		return {
			body: readString(fn, i, 'rawBody', 'Raw Body'),
			bodyEncoding: 'raw',
			contentType: readString(fn, i, 'rawContentType', 'Raw Content Type', 'text/plain'),
		};
	}
	return {};
}

function readPagination(fn: IExecuteFunctions, i: number, mode: string): PaginationSpec {
	const text = (name: string, label: string, fallback: string) =>
		readString(fn, i, name, label, fallback);
	const itemsPath = text('itemsPath', 'Items Path', '');
	const limitParam = text('limitParam', 'Limit Parameter', '');
	const pageSize = readNumber(fn, i, 'pageSize', 'Page Size', {
		fallback: 100,
		min: 1,
		integer: true,
	});
	const limit = limitParam ? { limitParam, pageSize } : { pageSize };
	switch (mode) {
		case 'cursor':
			return {
				type: 'cursor',
				cursorParam: text('cursorParam', 'Cursor Parameter', 'cursor'),
				nextCursorPath: text('nextCursorPath', 'Next Cursor Path', 'next_cursor'),
				itemsPath,
				...limit,
			};
		case 'offset':
			return {
				type: 'offset',
				offsetParam: text('offsetParam', 'Offset Parameter', 'offset'),
				limitParam: limitParam || 'limit',
				pageSize,
				itemsPath,
			};
		case 'page':
			return {
				type: 'page',
				pageParam: text('pageParam', 'Page Parameter', 'page'),
				itemsPath,
				...limit,
			};
		case 'nextUrl':
			return {
				type: 'nextUrl',
				nextUrlPath: text('nextUrlPath', 'Next URL Path', 'next'),
				itemsPath,
				...limit,
			};
		default:
			return { type: 'linkHeader', itemsPath, ...limit };
	}
}
