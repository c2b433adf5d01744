"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BenchLimitedApiToken = exports.LIMITED_CREDENTIAL = exports.LIMITED_NODE = void 0;
exports.limitedService = limitedService;
exports.limitedNode = limitedNode;
const description_1 = require("../lib/builder/description");
const execute_1 = require("../lib/builder/execute");
const kinds_1 = require("../lib/credentials/kinds");
exports.LIMITED_NODE = 'benchLimitedApi';
exports.LIMITED_CREDENTIAL = 'benchLimitedApiToken';
/** The spec, with the budget the bench server enforces: `requests` per `windowMs`, reported in `X-RateLimit-*`. */
function limitedService(budget) {
    const rateLimit = {
        requests: budget.requests,
        windowMs: budget.windowMs,
        headers: [
            {
                format: 'fields',
                limit: 'x-ratelimit-limit',
                remaining: 'x-ratelimit-remaining',
                reset: 'x-ratelimit-reset',
                resetUnit: 'epoch-seconds',
            },
        ],
    };
    return {
        spec: {
            id: exports.LIMITED_NODE,
            displayName: 'Bench Limited API',
            description: 'A loopback API that enforces a fixed-window rate limit',
            docsUrl: 'https://example.test/docs',
            baseUrl: '{baseUrl}',
            auth: [{ kind: 'bearer', credentialType: exports.LIMITED_CREDENTIAL, displayName: 'Access Token' }],
            credentialTest: { path: '/me' },
            rateLimit,
            resources: [
                {
                    id: 'item',
                    name: 'Item',
                    operations: [
                        {
                            id: 'get',
                            name: 'Get',
                            action: 'Get an item',
                            method: 'GET',
                            path: '/rl/{bucket}/items/{itemId}',
                            params: [
                                { name: 'bucket', displayName: 'Bucket', in: 'path', type: 'string', required: true },
                                { name: 'itemId', displayName: 'Item ID', in: 'path', type: 'string', required: true },
                            ],
                        },
                    ],
                },
            ],
        },
    };
}
class BenchLimitedApiToken {
    name = exports.LIMITED_CREDENTIAL;
    displayName = 'Bench Limited API';
    properties = [(0, kinds_1.baseUrlProperty)(), ...(0, kinds_1.bearerTokenProperties)()];
    authenticate = kinds_1.bearerAuthenticate;
}
exports.BenchLimitedApiToken = BenchLimitedApiToken;
/**
 * The node, built from the spec of `budget`. n8n calls `execute` with the execution context as `this`, not
 * the node instance, so the definition is captured in a class made per budget.
 */
function limitedNode(budget) {
    const definition = limitedService(budget);
    return new (class BenchLimitedApi {
        description = (0, description_1.buildDescription)(definition.spec, { icon: 'file:bench.svg' });
        async execute() {
            return await (0, execute_1.executeSpec)(this, definition);
        }
    })();
}
