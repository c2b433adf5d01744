"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.responseToItems = responseToItems;
exports.wrap = wrap;
const paginate_1 = require("../transport/paginate");
function fileNameFrom(res) {
    const disposition = res.headers['content-disposition'] ?? '';
    const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    if (m)
        return decodeURIComponent(m[1]);
    const last = new URL(res.meta.url).pathname.split('/').filter(Boolean).pop();
    return last ?? 'file';
}
async function responseToItems(fn, res, shape) {
    const items = await shapeItems(fn, res, shape);
    // With caching on, every item says whether it came from the cache (item metadata, not its JSON).
    if (res.meta.cache)
        for (const item of items)
            item.cache = { ...res.meta.cache };
    return items;
}
async function shapeItems(fn, res, shape) {
    if (shape.format === 'binary') {
        const mimeType = (res.headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim();
        const binary = await fn.helpers.prepareBinaryData(res.body, fileNameFrom(res), mimeType);
        const json = shape.fullResponse ? { statusCode: res.status, headers: res.headers } : {};
        return [{ json, binary: { [shape.binaryProperty ?? 'data']: binary } }];
    }
    if (shape.fullResponse) {
        return [{ json: { statusCode: res.status, headers: res.headers, body: res.body } }];
    }
    if (shape.format === 'text') {
        return [{ json: { data: res.body === undefined ? '' : String(res.body) } }];
    }
    const value = (0, paginate_1.getPath)(res.body, shape.path);
    if (value === undefined || value === null || value === '') {
        return [{ json: shape.onEmpty ?? { success: true, statusCode: res.status } }];
    }
    if (Array.isArray(value) && shape.split !== false) {
        return value.map((v) => ({ json: wrap(v) }));
    }
    return [{ json: wrap(value) }];
}
/** n8n items must be objects: wrap scalars and arrays. */
function wrap(value) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
        return value;
    return { data: value };
}
