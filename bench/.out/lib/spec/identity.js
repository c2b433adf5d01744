"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.identityOf = identityOf;
/** The part of a spec the request pipeline needs. */
function identityOf(spec) {
    const oauth = spec.auth.find((a) => a.oauth2)?.oauth2;
    return {
        id: spec.id,
        displayName: spec.displayName,
        rateLimit: spec.rateLimit,
        idempotencyHeader: spec.idempotencyHeader,
        scopes: oauth?.scopes,
        family: spec.family,
        requestIdHeader: spec.requestIdHeader,
    };
}
