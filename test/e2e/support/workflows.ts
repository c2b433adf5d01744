/**
 * The credentials and workflows the suite imports with n8n's CLI, as n8n exports them. Ids are fixed
 * (16 characters, as n8n's own) so `n8n execute --id` and the REST calls can name them.
 */
import { API_KEY, BASIC_PASSWORD, BASIC_USER, BEARER_TOKEN } from './fake-api';

export const PKG = 'n8n-nodes-api-connections';
export const CUSTOM_API = `${PKG}.customApi`;
export const GRAPHQL = `${PKG}.graphQlApi`;
export const WEBHOOK_TRIGGER = `${PKG}.apiWebhookTrigger`;
export const CONNECTIONS = `${PKG}.connections`;

export const CRED = {
	apiKey: { id: 'e2eCredApiKey001', name: 'E2E API key', type: 'customApiKeyApi' },
	basic: { id: 'e2eCredBasic0001', name: 'E2E Basic', type: 'customApiBasicAuthApi' },
	bearer: { id: 'e2eCredBearer001', name: 'E2E bearer', type: 'customApiBearerApi' },
} as const;

export const WF = {
	nodes: 'e2eWfCustomGql01',
	rateLimit: 'e2eWfRateLimit01',
	retries: 'e2eWfRetries0001',
	webhook: 'e2eWfWebhook0001',
	oauth2: 'e2eWfOAuth200001',
	connections: 'e2eWfConnection1',
	waits: 'e2eWfDefaultWait',
} as const;

export const WEBHOOK_PATH = 'e2e/orders';
export const WEBHOOK_SECRET = 'e2e-webhook-secret-4f1a';
/** The delivery id header: a repeat of an accepted id is a replay. */
export const DELIVERY_HEADER = 'X-Delivery-Id';

export function credentialsFile(api: string): unknown[] {
	return [
		{
			...CRED.apiKey,
			data: { baseUrl: api, apiKey: API_KEY, keyLocation: 'header', keyName: 'X-API-Key' },
		},
		{ ...CRED.basic, data: { baseUrl: api, username: BASIC_USER, password: BASIC_PASSWORD } },
		{ ...CRED.bearer, data: { baseUrl: api, accessToken: BEARER_TOKEN } },
	];
}

interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: string;
	webhookId?: string;
}

let counter = 0;
function node(
	name: string,
	type: string,
	parameters: Record<string, unknown>,
	at: [number, number],
	extra: Partial<WorkflowNode> = {},
): WorkflowNode {
	counter++;
	return {
		id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
		name,
		type,
		typeVersion: 1,
		position: at,
		parameters,
		...extra,
	};
}

function manualTrigger(): WorkflowNode {
	return node('Start', 'n8n-nodes-base.manualTrigger', {}, [0, 0]);
}

function withCredential(cred: { id: string; name: string; type: string }): Partial<WorkflowNode> {
	return { credentials: { [cred.type]: { id: cred.id, name: cred.name } } };
}

/** Start fans out to every other node; `chain` links pairs instead (a → b). */
function workflow(
	id: string,
	name: string,
	nodes: WorkflowNode[],
	chain: Array<[string, string]> = [],
	fanOut = true,
): Record<string, unknown> {
	const connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: string; index: number }>> }
	> = {};
	const link = (from: string, to: string) => {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: 0 });
	};
	const chained = new Set(chain.map(([, to]) => to));
	if (fanOut)
		for (const n of nodes)
			if (n.name !== 'Start' && !chained.has(n.name) && nodes[0].name === 'Start')
				link('Start', n.name);
	for (const [from, to] of chain) link(from, to);
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections,
		pinData: {},
	};
}

/** One workflow that uses every auth kind of Custom API (but OAuth2, which has its own) and GraphQL API. */
export function nodesWorkflow(api: string): Record<string, unknown> {
	const get = (endpoint: string) => ({ baseUrl: api, method: 'GET', endpoint });
	return workflow(WF.nodes, 'E2E: Custom API and GraphQL API', [
		manualTrigger(),
		node('List items', CUSTOM_API, { authentication: 'none', ...get('/items') }, [260, -400]),
		node(
			'API key',
			CUSTOM_API,
			{ authentication: 'apiKey', method: 'GET', endpoint: '/secure' },
			[260, -250],
			withCredential(CRED.apiKey),
		),
		node(
			'Basic auth',
			CUSTOM_API,
			{ authentication: 'basicAuth', method: 'GET', endpoint: '/basic' },
			[260, -100],
			withCredential(CRED.basic),
		),
		node(
			'Bearer token',
			CUSTOM_API,
			{ authentication: 'bearerToken', method: 'GET', endpoint: '/bearer' },
			[260, 50],
			withCredential(CRED.bearer),
		),
		node(
			'Post note',
			CUSTOM_API,
			{
				authentication: 'none',
				baseUrl: api,
				method: 'POST',
				endpoint: '/orders/{id}/notes',
				pathVariables: { variable: [{ name: 'id', value: 'A/7 x' }] },
				bodyContentType: 'json',
				jsonBody: '{"text": "packed", "by": "e2e"}',
			},
			[260, 200],
		),
		node(
			'All pages',
			CUSTOM_API,
			{
				authentication: 'none',
				...get('/pages'),
				pagination: 'cursor',
				itemsPath: 'data',
				cursorParam: 'cursor',
				nextCursorPath: 'next_cursor',
				limitParam: 'limit',
				pageSize: 2,
				returnAll: true,
			},
			[260, 350],
		),
		node(
			'GraphQL user',
			GRAPHQL,
			{
				authentication: 'none',
				endpointUrl: `${api}/graphql`,
				query: 'query ($id: ID!) { user(id: $id) { id name } }',
				variables: '{"id": "7"}',
			},
			[520, -250],
		),
		node(
			'GraphQL with key',
			GRAPHQL,
			{
				authentication: 'apiKey',
				endpoint: '/graphql',
				query: 'query ($id: ID!) { user(id: $id) { id } }',
				variables: '{"id": "8"}',
			},
			[520, -100],
			withCredential(CRED.apiKey),
		),
		node(
			'GraphQL error',
			GRAPHQL,
			{
				authentication: 'none',
				endpointUrl: `${api}/graphql-error`,
				query: '{ user(id: 1) { id } }',
			},
			[520, 50],
			{ onError: 'continueRegularOutput' },
		),
	]);
}

/** Eight items through an API that allows 3 requests per 2 s and answers 429 + Retry-After past that. */
export function rateLimitWorkflow(api: string): Record<string, unknown> {
	return workflow(
		WF.rateLimit,
		'E2E: rate limit',
		[
			manualTrigger(),
			node(
				'Get ids',
				CUSTOM_API,
				{ authentication: 'none', baseUrl: api, method: 'GET', endpoint: '/ids' },
				[260, 0],
			),
			node(
				'Rate-limited call',
				CUSTOM_API,
				{
					authentication: 'none',
					baseUrl: api,
					method: 'GET',
					endpoint: '/limited/{id}',
					pathVariables: { variable: [{ name: 'id', value: '={{ $json.id }}' }] },
					// Eight items, 3 per window: an item may meet a full window a few times before its turn.
					options: { maxAttempts: 10 },
				},
				[520, 0],
			),
		],
		[['Get ids', 'Rate-limited call']],
	);
}

/** 503 twice then 200; 429 with an HTTP-date Retry-After; a write answered 503 (must not be repeated). */
export function retriesWorkflow(api: string): Record<string, unknown> {
	return workflow(WF.retries, 'E2E: retries', [
		manualTrigger(),
		// With a credential, so the failed attempts land in the Connections node's error log.
		node(
			'Flaky read',
			CUSTOM_API,
			{ authentication: 'bearerToken', method: 'GET', endpoint: '/flaky/read' },
			[260, -150],
			withCredential(CRED.bearer),
		),
		node(
			'Retry-After date',
			CUSTOM_API,
			{ authentication: 'none', baseUrl: api, method: 'GET', endpoint: '/retry-date/read' },
			[260, 0],
		),
		node(
			'Unsafe write',
			CUSTOM_API,
			{
				authentication: 'none',
				baseUrl: api,
				method: 'POST',
				endpoint: '/write-once/charge',
				bodyContentType: 'json',
				jsonBody: '{"amount": 100}',
			},
			[260, 150],
			{ onError: 'continueRegularOutput' },
		),
	]);
}

/** The seed's 429 with a short Retry-After, every option left at its default: the wait follows the server. */
export function waitsWorkflow(api: string): Record<string, unknown> {
	return workflow(WF.waits, 'E2E: default waits', [
		manualTrigger(),
		node(
			'Seed 429',
			CUSTOM_API,
			{ authentication: 'none', baseUrl: api, method: 'GET', endpoint: '/retry-after/seed' },
			[260, 0],
		),
	]);
}

/** API Webhook Trigger (HMAC-SHA256 over "{timestamp}.{body}", replay window, delivery ids) → Custom API. */
export function webhookWorkflow(api: string): Record<string, unknown> {
	return workflow(
		WF.webhook,
		'E2E: signed webhook',
		[
			node(
				'Signed webhook',
				WEBHOOK_TRIGGER,
				{
					httpMethod: ['POST'],
					path: WEBHOOK_PATH,
					responseMode: 'onReceived',
					responseCode: 200,
					verifySignature: true,
					secret: WEBHOOK_SECRET,
					signatureHeader: 'X-Signature-256',
					algorithm: 'sha256',
					encoding: 'hex',
					signaturePrefix: 'sha256=',
					signedPayload: '{timestamp}.{body}',
					timestampHeader: 'X-Timestamp',
					toleranceSeconds: 300,
					signatureOptions: { deliveryIdHeader: DELIVERY_HEADER },
				},
				[0, 0],
				{ webhookId: '7b0c2f4e-1d7a-4c55-9e0b-5f1f4b8a9c01' },
			),
			node(
				'Forward event',
				CUSTOM_API,
				{
					authentication: 'none',
					baseUrl: api,
					method: 'POST',
					endpoint: '/events',
					bodyContentType: 'json',
					jsonBody: '={{ JSON.stringify($json.body) }}',
				},
				[260, 0],
			),
		],
		[['Signed webhook', 'Forward event']],
		false,
	);
}

/** Custom API with authentication OAuth2 on the credential the suite creates through n8n's REST API. */
export function oauth2Workflow(credential: { id: string; name: string }): Record<string, unknown> {
	return workflow(WF.oauth2, 'E2E: OAuth2', [
		manualTrigger(),
		node(
			'Who am I',
			CUSTOM_API,
			{ authentication: 'oAuth2', method: 'GET', endpoint: '/oauth/me' },
			[260, 0],
			{
				credentials: { customApiOAuth2Api: credential },
			},
		),
	]);
}

/** The Connections node: the status of every connection, and the error log. */
export function connectionsWorkflow(): Record<string, unknown> {
	return workflow(WF.connections, 'E2E: Connections', [
		manualTrigger(),
		node(
			'Status',
			CONNECTIONS,
			{ resource: 'connection', operation: 'getStatus', service: '__all' },
			[260, -100],
		),
		node(
			'Error log',
			CONNECTIONS,
			{ resource: 'log', operation: 'getErrorLog', service: '__all' },
			[260, 100],
		),
	]);
}
