"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isMultipartFile = isMultipartFile;
exports.buildMultipart = buildMultipart;
/**
 * multipart/form-data (RFC 7578) built as one Buffer: n8n's HTTP helper only recognises the
 * `form-data` package's streams, which a community node cannot depend on, and a Buffer can be re-sent
 * on retry where a stream cannot.
 */
const node_crypto_1 = require("node:crypto");
function quote(value) {
    return value.replace(/"/g, '%22').replace(/\r|\n/g, ' ');
}
function isMultipartFile(value) {
    return typeof value === 'object' && value !== null && Buffer.isBuffer(value.data);
}
function buildMultipart(fields) {
    const boundary = `----n8nApiConnections${(0, node_crypto_1.randomBytes)(12).toString('hex')}`;
    const chunks = [];
    for (const [name, raw] of Object.entries(fields)) {
        for (const value of Array.isArray(raw) ? raw : [raw]) {
            if (isMultipartFile(value)) {
                chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"; filename="${quote(value.fileName)}"\r\n` +
                    `Content-Type: ${value.mimeType ?? 'application/octet-stream'}\r\n\r\n`), value.data, Buffer.from('\r\n'));
            }
            else {
                chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${String(value)}\r\n`));
            }
        }
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
