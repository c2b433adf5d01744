import {
	fromFunction,
	fromParameter,
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IDataObject,
	type IHookFunctions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	webhookDescriptionFields,
} from 'n8n-workflow';

import {
	decodeBody,
	getRawBody,
	readTriggerCredential,
	redactHeaders,
	rejectionStatus,
	rejectWebhook,
	SECRET_DEPENDENT,
	schemeProblems,
	UNSIGNED_TIMESTAMP_PROBLEM,
	verifyWebhookRequest,
	type HmacAlgorithm,
	type SecretKeyHandling,
	type SignatureEncoding,
	type SignatureScheme,
	type TimestampUnit,
	type TimestampWindow,
} from '../../lib/webhooks';

/** Where the binary body of a non-text delivery goes, as in n8n's own Webhook node. */
const BINARY_PROPERTY = 'data';

const whenVerifying = { show: { verifySignature: [true] } };

/** Version 2 keeps the signing secret in a credential (encrypted by n8n); version 1 had it as a node field. */
const SIGNING_SECRET_CREDENTIAL = 'apiConnWebhookSigningSecretApi';

/**
 * A generic webhook endpoint that verifies an HMAC signature on every delivery before starting the
 * workflow. The user registers the URL at the sender themselves; the signature scheme is set in
 * the node, so any service that signs its webhooks with HMAC can be verified.
 */
export class ApiWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'API Webhook Trigger',
		name: 'apiWebhookTrigger',
		icon: { light: 'file:webhook.svg', dark: 'file:webhook.dark.svg' },
		group: ['trigger'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle:
			'={{$parameter["verifySignature"] === false ? "Signature not verified" : "HMAC-" + String($parameter["algorithm"] || "sha256").toUpperCase() + " verified"}}',
		description:
			'Starts the workflow when a signed webhook arrives, after verifying its HMAC signature',
		defaults: {
			name: 'API Webhook Trigger',
		},
		eventTriggerDescription: 'Waiting for you to call the Test URL',
		activationMessage: 'You can now make calls to your production webhook URL.',
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				// Literal (same value as SIGNING_SECRET_CREDENTIAL) for the community lint, which reads only literals.
				name: 'apiConnWebhookSigningSecretApi',
				required: true,
				testedBy: 'signingSecretTest',
				displayOptions: { show: { '@version': [2], verifySignature: [true] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				isFullPath: true,
				// Each field is the expression the editor evaluates plus a resolver n8n's server uses instead when
				// the parameters are static: without it every delivery ran these expressions (and built the
				// webhook URL) in n8n 2.41's expression isolate, the most of a delivery's cost.
				...webhookDescriptionFields({
					// A list of methods is registered as one webhook per method (n8n splits the value on commas).
					httpMethod: fromParameter('httpMethod'),
					path: fromParameter('path'),
					responseMode: fromParameter('responseMode'),
					responseCode: fromParameter('responseCode'),
					// Self-contained (n8n inlines its source into the editor's expression).
					responseData: fromFunction((parameters) =>
						parameters.responseMode === 'lastNode' ? parameters.responseData : undefined,
					),
				}),
			},
		],
		sensitiveOutputFields: ['headers.authorization', 'headers.cookie'],
		properties: [
			{
				displayName: 'HTTP Methods',
				name: 'httpMethod',
				type: 'multiOptions',
				required: true,
				options: [
					{ name: 'DELETE', value: 'DELETE' },
					{ name: 'GET', value: 'GET' },
					{ name: 'PATCH', value: 'PATCH' },
					{ name: 'POST', value: 'POST' },
					{ name: 'PUT', value: 'PUT' },
				],
				default: ['POST'],
				description: 'The HTTP methods to listen to',
			},
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: '',
				placeholder: 'webhook',
				description:
					"The path to listen to; dynamic values can be set with ':', e.g. 'orders/:orderId'. Leave empty to use the node's unique ID.",
			},
			{
				displayName: 'Respond',
				name: 'responseMode',
				type: 'options',
				options: [
					{
						name: 'Immediately',
						value: 'onReceived',
						description: 'As soon as the delivery is verified',
					},
					{
						name: 'When Last Node Finishes',
						value: 'lastNode',
						description: 'Returns data of the last-executed node',
					},
				],
				default: 'onReceived',
				description:
					'When to answer the sender. A rejected delivery is always answered at once with 401.',
			},
			{
				displayName: 'Response Code',
				name: 'responseCode',
				type: 'number',
				typeOptions: { minValue: 100, maxValue: 599 },
				default: 200,
				description: 'The HTTP response code to return for a verified delivery',
			},
			{
				displayName: 'Response Data',
				name: 'responseData',
				type: 'options',
				displayOptions: { show: { responseMode: ['lastNode'] } },
				options: [
					{
						name: 'All Entries',
						value: 'allEntries',
						description: 'Returns all the entries of the last node. Always returns an array.',
					},
					{
						name: 'First Entry JSON',
						value: 'firstEntryJson',
						description: 'Returns the JSON data of the first entry of the last node',
					},
					{
						name: 'No Response Body',
						value: 'noData',
						description: 'Returns without a body',
					},
				],
				default: 'firstEntryJson',
				description: 'What the response to the sender contains',
			},
			{
				displayName: 'Verify Signature',
				name: 'verifySignature',
				type: 'boolean',
				default: true,
				description:
					'Whether to reject (401) every delivery whose HMAC signature is missing or wrong, without starting the workflow',
			},
			{
				displayName:
					'Signature verification is off: anyone who knows this URL can start the workflow with any data. Turn it off only for a sender that cannot sign its requests.',
				name: 'verificationOffNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { verifySignature: [false] } },
			},
			{
				displayName: 'Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				required: true,
				default: '',
				displayOptions: { show: { '@version': [1], verifySignature: [true] } },
				description:
					'The signing secret shared with the sender. Deliveries are rejected while it is empty.',
			},
			{
				displayName: 'Signature Header',
				name: 'signatureHeader',
				type: 'string',
				required: true,
				default: 'X-Signature-256',
				placeholder: 'e.g. X-Hub-Signature-256',
				displayOptions: whenVerifying,
				description: 'The request header carrying the signature',
			},
			{
				displayName: 'Algorithm',
				name: 'algorithm',
				type: 'options',
				options: [
					{ name: 'HMAC-SHA1', value: 'sha1' },
					{ name: 'HMAC-SHA256', value: 'sha256' },
					{ name: 'HMAC-SHA512', value: 'sha512' },
				],
				default: 'sha256',
				displayOptions: whenVerifying,
				description: 'The HMAC hash function the sender uses',
			},
			{
				displayName: 'Signature Encoding',
				name: 'encoding',
				type: 'options',
				options: [
					{ name: 'Base64', value: 'base64' },
					{ name: 'Hex', value: 'hex' },
				],
				default: 'hex',
				displayOptions: whenVerifying,
				description: 'How the signature bytes are written in the header',
			},
			{
				displayName: 'Signature Prefix',
				name: 'signaturePrefix',
				type: 'string',
				default: '',
				placeholder: 'e.g. sha256=',
				displayOptions: whenVerifying,
				description: 'Text before the signature in the header, if any (e.g. sha256= or v0=)',
			},
			{
				displayName: 'Signed Content',
				name: 'signedPayload',
				type: 'string',
				default: '{body}',
				placeholder: 'e.g. {timestamp}.{body}',
				displayOptions: whenVerifying,
				description:
					'What the sender signs: placeholders and literal text, e.g. {timestamp}.{body} or v0:{timestamp}:{body}',
				// The placeholder list is a hint: n8n's lint reads "{url}" in a description as a miscased word.
				hint: 'Placeholders: <code>{body}</code> (the raw request body), <code>{timestamp}</code>, <code>{url}</code> (see Signed URL) and <code>{method}</code>',
			},
			{
				displayName: 'Timestamp Header',
				name: 'timestampHeader',
				type: 'string',
				default: '',
				placeholder: 'e.g. X-Slack-Request-Timestamp',
				displayOptions: whenVerifying,
				description:
					'Header carrying the time the delivery was signed. When set, deliveries outside the replay window are rejected.',
			},
			{
				displayName: 'Replay Window (Seconds)',
				name: 'toleranceSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 300,
				displayOptions: whenVerifying,
				description:
					'How old a signed timestamp may be (exactly this old is still accepted), and how long a delivery is remembered to reject repeats of it',
			},
			{
				displayName: 'Signature Options',
				name: 'signatureOptions',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				displayOptions: whenVerifying,
				description:
					'Less common settings: delivery IDs, key=value signature headers, secret format, signed URL and timestamp details',
				options: [
					{
						displayName: 'Delivery ID Header',
						name: 'deliveryIdHeader',
						type: 'string',
						default: '',
						placeholder: 'e.g. X-GitHub-Delivery',
						description:
							'Header with a unique ID per delivery; a second delivery with an ID already seen inside the replay window is rejected',
					},
					{
						displayName: 'Header Format',
						name: 'headerFormat',
						type: 'options',
						options: [
							{
								name: 'Key=Value Pairs',
								value: 'keyValue',
								description: 'Timestamp and signature(s) in one header, e.g. t=1700000000,v1=…',
							},
							{
								name: 'Signature Only',
								value: 'plain',
								description: 'The header holds just the (optionally prefixed) signature',
							},
						],
						default: 'plain',
						description: 'How the signature header is laid out',
					},
					{
						displayName: 'Secret Format',
						name: 'secretEncoding',
						type: 'options',
						options: [
							{
								name: 'Base64 (Decode First)',
								value: 'base64',
								description: 'The secret is base64 text whose decoded bytes are the key',
							},
							{
								name: 'Text',
								value: 'utf8',
								description: 'The secret is used as is',
							},
						],
						default: 'utf8',
						description: 'How the secret becomes the HMAC key',
					},
					{
						displayName: 'Signature Key',
						name: 'signatureKey',
						type: 'string',
						default: 'v1',
						displayOptions: { show: { headerFormat: ['keyValue'] } },
						description:
							'Key of the signature pairs; several pairs may be sent and any matching one passes',
					},
					{
						displayName: 'Signed URL',
						name: 'signedUrl',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://n8n.example.com/webhook/orders',
						description:
							'The exact URL the sender signs. Leave empty to use this webhook URL plus the query string received.',
						hint: 'The value of the <code>{url}</code> placeholder in Signed Content',
					},
					{
						displayName: 'Timestamp Key',
						name: 'timestampKey',
						type: 'string',
						default: 't',
						displayOptions: { show: { headerFormat: ['keyValue'] } },
						description: 'Key of the timestamp pair in the signature header',
					},
					{
						displayName: 'Timestamp Unit',
						name: 'timestampUnit',
						type: 'options',
						options: [
							{ name: 'Milliseconds', value: 'ms' },
							{ name: 'Seconds', value: 's' },
						],
						default: 's',
						description: 'Unit of the signed timestamp',
					},
					{
						displayName: 'Timestamp Window',
						name: 'timestampWindow',
						type: 'options',
						options: [
							{
								name: 'Reject Old and Future Timestamps',
								value: 'two-sided',
								description: 'Also reject timestamps more than the window ahead of this server',
							},
							{
								name: 'Reject Only Old Timestamps',
								value: 'one-sided',
								description: 'Accept any future timestamp, as most senders’ own libraries do',
							},
						],
						default: 'one-sided',
						description: 'Which side of the replay window is enforced',
					},
				],
			},
		],
	};

	methods = {
		credentialTest: {
			// Nothing to call: a signing secret is only checked for being set.
			async signingSecretTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const secret = credential.data?.secret;
				return typeof secret === 'string' && secret.trim() !== ''
					? { status: 'OK', message: 'The signing secret is set.' }
					: {
							status: 'Error',
							message: 'The Secret field is empty: paste the sender’s signing secret.',
						};
			},
		},
	};

	// The user registers this URL at the sender, so there is nothing to create or remove at a
	// service; activation only refuses a signature configuration that could never be safe.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const problem = this.getNodeParameter('verifySignature', true)
					? configurationProblem(schemeFromParameters(this))
					: undefined;
				if (problem) throw new NodeOperationError(this.getNode(), problem);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const headers = this.getHeaderData() as Record<string, string | string[] | undefined>;
		const verify = this.getNodeParameter('verifySignature', true) as boolean;
		const webhookUrl = servedWebhookUrl(this);

		let rawBody: Buffer;
		let keep: string[] = [];
		let secret = '';
		if (verify) {
			const fromCredential = this.getNode().typeVersion >= 2;
			const read = fromCredential
				? await credentialSecret(this)
				: { secret: String(this.getNodeParameter('secret', '') ?? ''), cached: false };
			secret = read.secret;
			const scheme = schemeFromParameters(this);
			const options = this.getNodeParameter('signatureOptions', {}) as IDataObject;
			const problem = configurationProblem(scheme);
			const check = async () =>
				problem
					? {
							result: { ok: false as const, reason: 'invalid-scheme' as const, message: problem },
							rawBody: await getRawBody(this),
						}
					: await verifyWebhookRequest(this, scheme, {
							secret,
							url: signedUrl(options, webhookUrl, req.originalUrl ?? req.url),
						});
			let { result, rawBody: verified } = await check();
			// The secret came from the cache and does not verify: it may have just changed, so read it again.
			if (!result.ok && read.cached && SECRET_DEPENDENT.has(result.reason)) {
				secret = (await credentialSecret(this, { fresh: true })).secret;
				({ result, rawBody: verified } = await check());
			}
			if (!result.ok) {
				const message =
					result.reason === 'missing-secret' && secret.trim() === ''
						? fromCredential
							? 'Signature verification is on but no signing secret is set: select an "API Webhook Signing Secret" credential (with the sender’s secret) in the API Webhook Trigger node.'
							: 'Signature verification is on but no secret is set: enter the sender’s signing secret in the "Secret" field of the API Webhook Trigger node.'
						: result.message;
				this.logger.warn(`API Webhook Trigger rejected a delivery (${result.reason})`, {
					node: this.getNode().name,
					reason: result.reason,
				});
				return rejectWebhook(this, message, rejectionStatus(result));
			}
			rawBody = verified;
			keep = [scheme.header, scheme.timestampHeader, scheme.deliveryIdHeader].filter(
				(name): name is string => Boolean(name),
			);
		} else {
			rawBody = await getRawBody(this);
		}

		const item: INodeExecutionData = {
			json: {
				headers: redactHeaders(headers, { keep, secret }),
				params: this.getParamsData() as IDataObject,
				query: this.getQueryData() as IDataObject,
				body: {},
				webhookUrl,
				executionMode: this.getMode() === 'manual' ? 'test' : 'production',
			},
		};
		const decoded = decodeBody(rawBody, headers['content-type']);
		if (decoded.kind === 'binary') {
			item.binary = {
				[BINARY_PROPERTY]: await this.helpers.prepareBinaryData(
					rawBody,
					undefined,
					decoded.mimeType,
				),
			};
		} else if (decoded.kind !== 'empty') {
			item.json.body = decoded.value as IDataObject;
		}
		return { workflowData: [[item]] };
	}
}

/**
 * The signing secret of the selected credential; empty when none is selected or it has none (deliveries are
 * then rejected). Read through the engine's short-lived cache (`readTriggerCredential`): a read in the webhook
 * phase costs n8n an expression isolate of its own.
 */
async function credentialSecret(
	ctx: IWebhookFunctions,
	options: { fresh?: boolean } = {},
): Promise<{ secret: string; cached: boolean }> {
	const read = await readTriggerCredential<{ secret?: unknown }>(
		ctx,
		SIGNING_SECRET_CREDENTIAL,
		options,
	).catch(() => undefined);
	const secret = read?.data.secret;
	return { secret: typeof secret === 'string' ? secret : '', cached: read?.cached ?? false };
}

/** A signature configuration that cannot be used, in words naming this node's fields; undefined when it is fine. */
function configurationProblem(scheme: SignatureScheme): string | undefined {
	const problems = schemeProblems(scheme);
	if (problems.length === 0) return undefined;
	const field = scheme.timestampHeader
		? '"Timestamp Header"'
		: '"Timestamp Key" (Signature Options)';
	const described = problems.map((p) =>
		p === UNSIGNED_TIMESTAMP_PROBLEM
			? `${p} (add {timestamp} to "Signed Content" where the sender signs it, or clear ${field})`
			: p,
	);
	return `Webhook signature verification is misconfigured: ${described.join('; ')}.`;
}

function schemeFromParameters(
	ctx: Pick<IWebhookFunctions, 'getNodeParameter'> | Pick<IHookFunctions, 'getNodeParameter'>,
): SignatureScheme {
	const param = (name: string, fallback: unknown): unknown =>
		(ctx.getNodeParameter as (n: string, f: unknown) => unknown)(name, fallback);
	const text = (name: string, fallback = '') => String(param(name, fallback) ?? fallback).trim();
	const options = param('signatureOptions', {}) as IDataObject;
	const option = (name: string) =>
		typeof options[name] === 'string' ? (options[name] as string).trim() : '';

	const scheme: SignatureScheme = {
		header: text('signatureHeader', 'X-Signature-256'),
		algorithm: text('algorithm', 'sha256') as HmacAlgorithm,
		encoding: text('encoding', 'hex') as SignatureEncoding,
		signedPayload: text('signedPayload', '{body}') || '{body}',
		toleranceSeconds: Number(param('toleranceSeconds', 300)),
		secretKey: (option('secretEncoding') || 'utf8') as SecretKeyHandling,
		timestampUnit: (option('timestampUnit') || 's') as TimestampUnit,
		timestampWindow: (option('timestampWindow') || 'one-sided') as TimestampWindow,
	};
	const prefix = text('signaturePrefix');
	if (prefix) scheme.prefix = prefix;
	const timestampHeader = text('timestampHeader');
	if (timestampHeader) scheme.timestampHeader = timestampHeader;
	const deliveryIdHeader = option('deliveryIdHeader');
	if (deliveryIdHeader) scheme.deliveryIdHeader = deliveryIdHeader;
	if (option('headerFormat') === 'keyValue') {
		scheme.structured = { signatureKey: option('signatureKey') || 'v1' };
		// An option not added to the collection is absent: it means the default the editor shows (t);
		// added and cleared, it means "no timestamp in this header".
		const timestampKey = options.timestampKey === undefined ? 't' : option('timestampKey');
		if (timestampKey) scheme.structured.timestampKey = timestampKey;
	}
	return scheme;
}

/** The URL this request arrived on, as n8n's Webhook node reports it (test or production). */
function servedWebhookUrl(ctx: IWebhookFunctions): string {
	const production = ctx.getNodeWebhookUrl('default') ?? '';
	return ctx.getMode() === 'manual'
		? production.replace('/webhook/', '/webhook-test/')
		: production;
}

/** The URL the sender signed: the configured one, else this webhook's URL plus the query received. */
function signedUrl(
	options: IDataObject,
	webhookUrl: string,
	requestPath: string | undefined,
): string {
	const configured = typeof options.signedUrl === 'string' ? options.signedUrl.trim() : '';
	if (configured) return configured;
	const at = requestPath?.indexOf('?') ?? -1;
	return at >= 0 && requestPath ? webhookUrl + requestPath.slice(at) : webhookUrl;
}
