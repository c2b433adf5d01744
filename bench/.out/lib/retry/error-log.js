"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.REQUEST_ID_HEADERS = void 0;
exports.requestIdFrom = requestIdFrom;
exports.endpointOf = endpointOf;
exports.formatErrorLogEntry = formatErrorLogEntry;
/** The per-request error log entry (as in the product description) and its one-line human form. */
const observation_1 = require("../limits/observation");
/** Headers that carry a request id, most specific first. Header names only; no service knowledge. */
exports.REQUEST_ID_HEADERS = [
    'x-request-id',
    'request-id',
    'x-amzn-requestid',
    'x-amz-request-id',
    'x-ms-request-id',
    'client-request-id',
    'x-correlation-id',
    'x-trace-id',
    'x-cloud-trace-context',
    'cf-ray',
];
/** The first request id found in the response headers (a service's own header first), or null. */
function requestIdFrom(headers, serviceHeader) {
    for (const name of serviceHeader ? [serviceHeader, ...exports.REQUEST_ID_HEADERS] : exports.REQUEST_ID_HEADERS) {
        const value = (0, observation_1.getHeader)(headers, name)?.trim();
        if (value)
            return value;
    }
    return null;
}
/** The path of a URL or path, without query string or fragment, for logs. */
function endpointOf(urlOrPath) {
    const path = /^[a-z][a-z0-9+.-]*:\/\//i.test(urlOrPath) ? new URL(urlOrPath).pathname : urlOrPath;
    return path.replace(/[?#].*$/, '') || '/';
}
/** One human-readable line for an entry. */
function formatErrorLogEntry(e) {
    const context = [
        e.requestId ? `request ${e.requestId}` : '',
        e.workflowId ? `workflow ${e.workflowId}` : '',
        e.executionId ? `execution ${e.executionId}` : '',
        e.node ? `node "${e.node}"` : '',
        e.itemIndex !== undefined ? `item ${e.itemIndex}` : '',
    ].filter((part) => part !== '');
    const next = e.nextRetryInSeconds ?? 0;
    const outcome = e.kind === 'final' ? 'giving up' : e.kind === 'wait' ? `waiting ${next} s for the rate limit` : `next retry in ${next} s`;
    return (`${e.timestamp} ${e.service} (${e.connection}) ${e.method} ${e.endpoint}: ${e.status ?? 'no response'} ${e.message}` +
        (context.length > 0 ? ` [${context.join(', ')}]` : '') +
        ` - attempt ${e.attempt}/${e.maxAttempts}, ${outcome}`);
}
