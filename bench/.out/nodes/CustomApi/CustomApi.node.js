"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CustomApi = void 0;
const n8n_workflow_1 = require("n8n-workflow");
const connection_1 = require("../../lib/node/connection");
const items_1 = require("../../lib/node/items");
const options_1 = require("../../lib/node/options");
const response_1 = require("../../lib/node/response");
const paginate_1 = require("../../lib/transport/paginate");
const pipeline_1 = require("../../lib/transport/pipeline");
const CustomApi_spec_1 = require("./CustomApi.spec");
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];
const pagination = { show: { pagination: ['cursor', 'offset', 'page', 'nextUrl', 'linkHeader'] } };
/** Call any REST endpoint through the engine (queueing, retries, clear errors, redaction). */
class CustomApi {
    description = {
        displayName: 'Custom API',
        name: 'customApi',
        icon: { light: 'file:../../icons/api.svg', dark: 'file:../../icons/api.dark.svg' },
        group: ['transform'],
        version: 1,
        subtitle: '={{$parameter["method"] + " " + $parameter["endpoint"]}}',
        description: 'Call any REST API with retries, rate-limit queueing and clear errors',
        defaults: { name: 'Custom API' },
        usableAsTool: true,
        inputs: [n8n_workflow_1.NodeConnectionTypes.Main],
        outputs: [n8n_workflow_1.NodeConnectionTypes.Main],
        credentials: CustomApi_spec_1.CUSTOM_API_AUTH.map(({ value, credentialType }) => ({
            name: credentialType,
            required: true,
            displayOptions: { show: { authentication: [value] } },
        })),
        properties: [
            {
                displayName: 'Authentication',
                name: 'authentication',
                type: 'options',
                options: [{ name: 'None', value: 'none' }, ...CustomApi_spec_1.CUSTOM_API_AUTH.map(({ name, value }) => ({ name, value }))],
                default: 'none',
                description: 'How requests prove who they are. The base URL comes from the credential.',
            },
            {
                displayName: 'Base URL',
                name: 'baseUrl',
                type: 'string',
                default: '',
                required: true,
                placeholder: 'https://api.example.com/v1',
                description: 'Every request starts with this URL (with a credential, its Base URL is used instead)',
                displayOptions: { show: { authentication: ['none'] } },
            },
            {
                displayName: 'Method',
                name: 'method',
                type: 'options',
                options: METHODS.map((m) => ({ name: m, value: m })),
                default: 'GET',
            },
            {
                displayName: 'Endpoint',
                name: 'endpoint',
                type: 'string',
                default: '/',
                required: true,
                placeholder: '/users/{userId}',
                description: 'Path added to the base URL. {name} placeholders are filled from Path Variables, each percent-encoded as one path segment.',
            },
            {
                displayName: 'Path Variables',
                name: 'pathVariables',
                type: 'fixedCollection',
                typeOptions: { multipleValues: true },
                placeholder: 'Add Variable',
                default: {},
                options: [
                    {
                        displayName: 'Variable',
                        name: 'variable',
                        values: [
                            { displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Placeholder name, without braces' },
                            { displayName: 'Value', name: 'value', type: 'string', default: '' },
                        ],
                    },
                ],
            },
            {
                displayName: 'Query Parameters',
                name: 'queryParameters',
                type: 'fixedCollection',
                typeOptions: { multipleValues: true },
                placeholder: 'Add Parameter',
                default: {},
                options: [
                    {
                        displayName: 'Parameter',
                        name: 'parameter',
                        values: [
                            { displayName: 'Name', name: 'name', type: 'string', default: '' },
                            { displayName: 'Value', name: 'value', type: 'string', default: '' },
                        ],
                    },
                ],
            },
            {
                displayName: 'Headers',
                name: 'headerParameters',
                type: 'fixedCollection',
                typeOptions: { multipleValues: true },
                placeholder: 'Add Header',
                default: {},
                options: [
                    {
                        displayName: 'Header',
                        name: 'header',
                        values: [
                            { displayName: 'Name', name: 'name', type: 'string', default: '' },
                            { displayName: 'Value', name: 'value', type: 'string', default: '' },
                        ],
                    },
                ],
            },
            {
                displayName: 'Body Content Type',
                name: 'bodyContentType',
                type: 'options',
                options: [
                    { name: 'None', value: 'none' },
                    { name: 'JSON', value: 'json' },
                    { name: 'Form URL-Encoded', value: 'form', description: 'Nested keys use brackets, e.g. metadata[key]' },
                    { name: 'Raw', value: 'raw', description: 'Send text exactly as written, with your content type' },
                ],
                default: 'none',
                displayOptions: { show: { method: ['POST', 'PUT', 'PATCH', 'DELETE'] } },
            },
            {
                displayName: 'JSON Body',
                name: 'jsonBody',
                type: 'json',
                default: '{}',
                displayOptions: { show: { bodyContentType: ['json'], method: ['POST', 'PUT', 'PATCH', 'DELETE'] } },
            },
            {
                displayName: 'Form Fields',
                name: 'formFields',
                type: 'fixedCollection',
                typeOptions: { multipleValues: true },
                placeholder: 'Add Field',
                default: {},
                displayOptions: { show: { bodyContentType: ['form'], method: ['POST', 'PUT', 'PATCH', 'DELETE'] } },
                options: [
                    {
                        displayName: 'Field',
                        name: 'field',
                        values: [
                            { displayName: 'Name', name: 'name', type: 'string', default: '' },
                            { displayName: 'Value', name: 'value', type: 'string', default: '' },
                        ],
                    },
                ],
            },
            {
                displayName: 'Raw Body',
                name: 'rawBody',
                type: 'string',
                typeOptions: { rows: 5 },
                default: '',
                displayOptions: { show: { bodyContentType: ['raw'], method: ['POST', 'PUT', 'PATCH', 'DELETE'] } },
            },
            {
                displayName: 'Raw Content Type',
                name: 'rawContentType',
                type: 'string',
                default: 'text/plain',
                placeholder: 'application/xml',
                displayOptions: { show: { bodyContentType: ['raw'], method: ['POST', 'PUT', 'PATCH', 'DELETE'] } },
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
                    { name: 'None', value: 'none' },
                    { name: 'Cursor', value: 'cursor', description: 'The response gives a cursor for the next page' },
                    { name: 'Link Header', value: 'linkHeader', description: 'The Link header names the next page (rel="next")' },
                    { name: 'Next URL in Body', value: 'nextUrl', description: 'The response body contains the next page URL' },
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
                options: [
                    {
                        displayName: 'Full Response',
                        name: 'fullResponse',
                        type: 'boolean',
                        default: false,
                        description: 'Whether to output status code and headers along with the body',
                    },
                    ...options_1.engineOptionFields,
                ],
            },
        ],
    };
    async execute() {
        return await (0, items_1.forEachItem)(this, async (i) => {
            const credentialType = (0, CustomApi_spec_1.credentialTypeFor)(this.getNodeParameter('authentication', i));
            const conn = await (0, connection_1.openConnection)(this, i, credentialType, '{baseUrl}', {
                baseUrl: this.getNodeParameter('baseUrl', i, ''),
            });
            const method = this.getNodeParameter('method', i);
            const responseFormat = this.getNodeParameter('responseFormat', i);
            const options = this.getNodeParameter('options', i, {});
            const req = {
                method,
                baseUrl: conn.baseUrl,
                path: this.getNodeParameter('endpoint', i).trim(),
                pathParams: pairs(this.getNodeParameter('pathVariables.variable', i, [])),
                qs: pairs(this.getNodeParameter('queryParameters.parameter', i, [])),
                headers: pairs(this.getNodeParameter('headerParameters.header', i, [])),
                responseFormat,
                ...readBody(this, i, method),
            };
            const ctx = {
                fn: this,
                itemIndex: i,
                service: CustomApi_spec_1.customApiService,
                credentialType,
                redact: conn.redact,
                settings: (0, options_1.readSettings)(this, i),
            };
            const fullResponse = options.fullResponse === true;
            const mode = responseFormat === 'json' && ['GET', 'POST'].includes(method) ? this.getNodeParameter('pagination', i, 'none') : 'none';
            if (mode === 'none') {
                const res = await (0, pipeline_1.send)(ctx, req);
                return conn.redact(await (0, response_1.responseToItems)(this, res, {
                    format: responseFormat,
                    binaryProperty: this.getNodeParameter('binaryPropertyName', i, 'data'),
                    fullResponse,
                }));
            }
            const spec = readPagination(this, i, mode);
            const returnAll = this.getNodeParameter('returnAll', i, false);
            const limit = returnAll ? 0 : this.getNodeParameter('limit', i, 50);
            const { items } = await (0, paginate_1.paginate)(spec, req, async (page) => await (0, pipeline_1.send)(ctx, page), { returnAll, limit });
            return conn.redact(items.map(response_1.wrap));
        });
    }
}
exports.CustomApi = CustomApi;
function pairs(list) {
    const out = {};
    for (const { name, value } of list)
        if (name)
            out[name] = value;
    return out;
}
function readBody(fn, i, method) {
    if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method))
        return {};
    const type = fn.getNodeParameter('bodyContentType', i, 'none');
    if (type === 'json') {
        const raw = fn.getNodeParameter('jsonBody', i, '{}');
        let body = raw;
        if (typeof raw === 'string') {
            try {
                body = JSON.parse(raw || '{}');
            }
            catch (error) {
                throw new n8n_workflow_1.NodeOperationError(fn.getNode(), `The field 'JSON Body' is not valid JSON: ${error.message}`, {
                    itemIndex: i,
                    description: 'Fix the JSON (quotes around keys and strings, no trailing commas) or build it with an expression.',
                });
            }
        }
        return { body, bodyEncoding: 'json' };
    }
    if (type === 'form') {
        return { body: pairs(fn.getNodeParameter('formFields.field', i, [])), bodyEncoding: 'form' };
    }
    if (type === 'raw') {
        return {
            body: fn.getNodeParameter('rawBody', i, ''),
            bodyEncoding: 'raw',
            contentType: fn.getNodeParameter('rawContentType', i, 'text/plain'),
        };
    }
    return {};
}
function readPagination(fn, i, mode) {
    const p = (name, fallback) => fn.getNodeParameter(name, i, fallback);
    const itemsPath = p('itemsPath', '');
    const limitParam = p('limitParam', '');
    const pageSize = p('pageSize', 100);
    const limit = limitParam ? { limitParam, pageSize } : { pageSize };
    switch (mode) {
        case 'cursor':
            return { type: 'cursor', cursorParam: p('cursorParam', 'cursor'), nextCursorPath: p('nextCursorPath', 'next_cursor'), itemsPath, ...limit };
        case 'offset':
            return { type: 'offset', offsetParam: p('offsetParam', 'offset'), limitParam: limitParam || 'limit', pageSize, itemsPath };
        case 'page':
            return { type: 'page', pageParam: p('pageParam', 'page'), itemsPath, ...limit };
        case 'nextUrl':
            return { type: 'nextUrl', nextUrlPath: p('nextUrlPath', 'next'), itemsPath, ...limit };
        default:
            return { type: 'linkHeader', itemsPath, ...limit };
    }
}
