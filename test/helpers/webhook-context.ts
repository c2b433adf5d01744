/**
 * A fake `IWebhookFunctions` for calling a trigger's `webhook()` directly, built over a real raw
 * body Buffer. Reusable by every trigger test: pass the node parameters and the request, then
 * read what the trigger answered from `response`.
 *
 *   const fake = createWebhookContext({ parameters: { secret: 's' }, request: { rawBody: '{}' } });
 *   const result = await new MyTrigger().webhook.call(fake.context);
 *   expect(fake.response.statusCode).toBe(401);
 */
import type {
	IBinaryData,
	IDataObject,
	INode,
	INodeExecutionData,
	IWebhookFunctions,
	WorkflowExecuteMode,
} from 'n8n-workflow';

export interface FakeWebhookRequest {
	method?: string;
	/** Header names are lower-cased, as Node does. */
	headers?: Record<string, string | string[]>;
	/** The body bytes as received; a string is taken as UTF-8. */
	rawBody?: Buffer | string;
	/**
	 * Whether n8n already read the raw body into `req.rawBody` (default true). When false, the
	 * trigger must call `req.readRawBody()` to get it.
	 */
	rawBodyPreRead?: boolean;
	/** What `getBodyData()` returns (n8n's parsed body); defaults to the parsed JSON raw body, or {}. */
	body?: IDataObject;
	query?: IDataObject;
	params?: IDataObject;
	/** Request path with query string, e.g. `/webhook/orders?x=1`. */
	url?: string;
}

export interface FakeWebhookOptions {
	/** Node parameters; dotted names (`options.foo`) are resolved into nested objects. */
	parameters?: Record<string, unknown>;
	request?: FakeWebhookRequest;
	node?: Partial<INode>;
	workflowId?: string;
	mode?: WorkflowExecuteMode;
	webhookName?: string;
	/** Production webhook URL returned by `getNodeWebhookUrl`. */
	webhookUrl?: string;
	/** Shared static data (pass the same object to several calls to persist it). */
	staticData?: { node: IDataObject; global: IDataObject };
}

/** What the trigger wrote to the response object. */
export interface CapturedResponse {
	statusCode?: number;
	/** Body passed to json()/send()/end(). */
	body?: unknown;
	headers: Record<string, string>;
	ended: boolean;
	/** Everything written, serialized, for "never contains the secret" checks. */
	raw(): string;
}

export interface FakeWebhook {
	context: IWebhookFunctions;
	response: CapturedResponse;
	staticData: { node: IDataObject; global: IDataObject };
	/** Messages the trigger logged, by level. */
	logs: Array<{ level: string; message: string; meta?: unknown }>;
	/** How many times `req.readRawBody()` was called. */
	readRawBodyCalls(): number;
}

function getPath(source: Record<string, unknown>, name: string): unknown {
	if (name in source) return source[name];
	let current: unknown = source;
	for (const key of name.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

export function createWebhookContext(options: FakeWebhookOptions = {}): FakeWebhook {
	const parameters = options.parameters ?? {};
	const request = options.request ?? {};
	const rawBytes =
		request.rawBody === undefined
			? Buffer.alloc(0)
			: Buffer.isBuffer(request.rawBody)
				? request.rawBody
				: Buffer.from(request.rawBody, 'utf8');
	const headers: Record<string, string | string[]> = {};
	for (const [name, value] of Object.entries(request.headers ?? {})) {
		headers[name.toLowerCase()] = value;
	}
	const node: INode = {
		id: 'node-1',
		name: 'API Webhook Trigger',
		type: 'n8n-nodes-api-connections.apiWebhookTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		...options.node,
	};
	const staticData = options.staticData ?? { node: {}, global: {} };
	const logs: FakeWebhook['logs'] = [];
	let readCalls = 0;

	const req = {
		method: request.method ?? 'POST',
		headers,
		url: request.url ?? '/webhook/test',
		originalUrl: request.url ?? '/webhook/test',
		query: request.query ?? {},
		params: request.params ?? {},
		body: request.body,
		rawBody: request.rawBodyPreRead === false ? undefined : rawBytes,
		async readRawBody() {
			readCalls++;
			req.rawBody = rawBytes;
		},
	};

	const captured: CapturedResponse & { writes: unknown[] } = {
		headers: {},
		ended: false,
		writes: [],
		raw() {
			return JSON.stringify({
				status: this.statusCode,
				headers: this.headers,
				writes: this.writes,
			});
		},
	};
	const res = {
		status(code: number) {
			captured.statusCode = code;
			return res;
		},
		json(body: unknown) {
			captured.headers['content-type'] = 'application/json; charset=utf-8';
			captured.body = body;
			captured.writes.push(body);
			captured.ended = true;
			return res;
		},
		send(body?: unknown) {
			captured.body = body;
			captured.writes.push(body);
			captured.ended = true;
			return res;
		},
		end(body?: unknown) {
			if (body !== undefined) {
				captured.body = body;
				captured.writes.push(body);
			}
			captured.ended = true;
			return res;
		},
		setHeader(name: string, value: string) {
			captured.headers[name.toLowerCase()] = value;
			return res;
		},
		header(name: string, value: string) {
			return res.setHeader(name, value);
		},
		type(value: string) {
			return res.setHeader('content-type', value);
		},
		writeHead(code: number, head?: Record<string, string>) {
			captured.statusCode = code;
			for (const [k, v] of Object.entries(head ?? {})) captured.headers[k.toLowerCase()] = v;
			return res;
		},
	};

	const parsedBody = (): IDataObject => {
		if (request.body !== undefined) return request.body;
		try {
			return JSON.parse(rawBytes.toString('utf8')) as IDataObject;
		} catch {
			return {};
		}
	};

	const log = (level: string) => (message: string, meta?: unknown) => {
		logs.push({ level, message, meta });
	};

	const context = {
		getNodeParameter(name: string, fallback?: unknown) {
			const value = getPath(parameters, name);
			if (value !== undefined) return value;
			if (arguments.length >= 2) return fallback;
			throw new Error(`Could not get parameter "${name}"`);
		},
		getRequestObject: () => req,
		getResponseObject: () => res,
		getHeaderData: () => headers,
		getBodyData: parsedBody,
		getQueryData: () => request.query ?? {},
		getParamsData: () => request.params ?? {},
		getNode: () => node,
		getWorkflow: () => ({
			id: options.workflowId ?? 'workflow-1',
			name: 'Test workflow',
			active: true,
		}),
		getWorkflowStaticData: (type: string) =>
			type === 'global' ? staticData.global : staticData.node,
		getMode: () => options.mode ?? 'webhook',
		getWebhookName: () => options.webhookName ?? 'default',
		getNodeWebhookUrl: () => options.webhookUrl ?? 'https://n8n.example.com/webhook/test',
		logger: {
			debug: log('debug'),
			info: log('info'),
			warn: log('warn'),
			error: log('error'),
			verbose: log('verbose'),
		},
		helpers: {
			returnJsonArray(data: IDataObject | IDataObject[]): INodeExecutionData[] {
				return (Array.isArray(data) ? data : [data]).map((json) => ({ json }));
			},
			async prepareBinaryData(
				data: Buffer,
				filePath?: string,
				mimeType?: string,
			): Promise<IBinaryData> {
				const binary: IBinaryData = {
					data: data.toString('base64'),
					mimeType: mimeType ?? 'application/octet-stream',
					bytes: data.length,
				};
				if (filePath) binary.fileName = filePath.split('/').pop();
				return binary;
			},
		},
	};

	return {
		context: context as unknown as IWebhookFunctions,
		response: captured,
		staticData,
		logs,
		readRawBodyCalls: () => readCalls,
	};
}
