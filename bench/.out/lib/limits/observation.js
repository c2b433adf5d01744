"use strict";
/** What the engine saw of one HTTP answer, and small readers over it shared by limits and retries. */
Object.defineProperty(exports, "__esModule", { value: true });
exports.getHeader = getHeader;
exports.jsonBody = jsonBody;
exports.valuesAtPath = valuesAtPath;
/** Reads a header case-insensitively; repeated values are joined with `, ` as HTTP allows. */
function getHeader(headers, name) {
    if (!headers)
        return undefined;
    const wanted = name.toLowerCase();
    for (const key of Object.keys(headers)) {
        if (key.toLowerCase() !== wanted)
            continue;
        const value = headers[key];
        if (value === undefined)
            return undefined;
        return Array.isArray(value) ? value.join(', ') : String(value);
    }
    return undefined;
}
/** Returns the body as an object when it is one, or is a string holding JSON; otherwise undefined. */
function jsonBody(body) {
    if (typeof body !== 'string')
        return body;
    try {
        return JSON.parse(body);
    }
    catch {
        return undefined;
    }
}
/** All values at a path like `error.errors[0].reason` or `errors[*].extensions.code` (`[*]` = every element). */
function valuesAtPath(root, path) {
    const steps = path.match(/[^.[\]]+|\[\*\]|\[\d+\]/g) ?? [];
    let current = [root];
    for (const step of steps) {
        const next = [];
        for (const value of current) {
            if (value === null || typeof value !== 'object')
                continue;
            if (step === '[*]') {
                if (Array.isArray(value))
                    next.push(...value);
            }
            else if (step.startsWith('[')) {
                if (Array.isArray(value))
                    next.push(value[Number(step.slice(1, -1))]);
            }
            else if (Object.prototype.hasOwnProperty.call(value, step)) {
                next.push(value[step]);
            }
        }
        current = next;
    }
    return current.filter((v) => v !== undefined);
}
