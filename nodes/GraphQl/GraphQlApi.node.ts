import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type JsonObject,
} from 'n8n-workflow';

import { byDisplayName } from '../../lib/builder/order';
import { openTarget } from '../../lib/execution/target';
import { forEachItem } from '../../lib/execution/items';
import { engineOptionFields, readEngineSettings } from '../../lib/execution/options';
import { readOption, readString } from '../../lib/execution/params';
import { parseJsonLossless } from '../../lib/transport/json';
import { send } from '../../lib/transport/pipeline';
import { credentialTypeFor, customAuthDescription } from '../CustomApi/CustomApi.service';

const auth = customAuthDescription(
	'The Custom API credentials work here too; their Base URL is the GraphQL server',
);
import { graphQlService } from './GraphQl.service';
import { packageRuntime } from '../runtime';
import { callContext } from '../../lib/transport/context';

/** Send GraphQL queries and mutations through the engine; GraphQL `errors` become clear node errors. */
export class GraphQlApi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GraphQL API',
		name: 'graphQlApi',
		icon: { light: 'file:graphql.svg', dark: 'file:graphql.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operationName"] || "query"}}',
		description:
			'Run GraphQL queries and mutations with retries, rate-limit queueing and clear errors',
		defaults: { name: 'GraphQL API' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: auth.credentials,
		properties: [
			auth.property,
			{
				displayName: 'Endpoint URL',
				name: 'endpointUrl',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'https://api.example.com/graphql',
				displayOptions: { show: { authentication: ['none'] } },
			},
			{
				displayName: 'Endpoint',
				name: 'endpoint',
				type: 'string',
				default: '/graphql',
				description:
					"Path added to the credential's Base URL (empty if the Base URL is the GraphQL endpoint itself)",
				displayOptions: { hide: { authentication: ['none'] } },
			},
			{
				displayName: 'Request Method',
				name: 'requestMethod',
				type: 'options',
				options: [
					{
						name: 'POST',
						value: 'POST',
						description: 'JSON body (works for queries and mutations)',
					},
					{
						name: 'GET',
						value: 'GET',
						description: 'Query string (queries only; some servers cache these)',
					},
				],
				default: 'POST',
			},
			{
				displayName: 'Query',
				name: 'query',
				type: 'string',
				typeOptions: { rows: 8 },
				default: '',
				required: true,
				placeholder: 'query ($login: String!) { user(login: $login) { name } }',
			},
			{
				displayName: 'Variables',
				name: 'variables',
				type: 'json',
				default: '{}',
				description: 'JSON object of the variables the query declares',
			},
			{
				displayName: 'Operation Name',
				name: 'operationName',
				type: 'string',
				default: '',
				description: 'Which operation to run when the query document contains several',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: byDisplayName(engineOptionFields),
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const engine = packageRuntime();
		return await forEachItem(this, async (i) => {
			const credentialType = credentialTypeFor(
				readString(this, i, 'authentication', 'Authentication'),
			);
			const target = await openTarget(this, i, credentialType, '{baseUrl}', {
				baseUrl: readString(this, i, 'endpointUrl', 'Endpoint URL'),
			});
			const query = readString(this, i, 'query', 'Query').trim();
			if (!query) {
				throw new NodeOperationError(
					this.getNode(),
					"The field 'Query' is empty. Enter a GraphQL query or mutation.",
					{ itemIndex: i },
				);
			}
			const variables = parseVariables(this, i);
			const operationName =
				readString(this, i, 'operationName', 'Operation Name').trim() || undefined;
			const method = readOption(this, i, 'requestMethod', 'Request Method', [
				'POST',
				'GET',
			] as const);
			const payload: IDataObject = {
				query,
				...(variables ? { variables } : {}),
				...(operationName ? { operationName } : {}),
			};
			const res = await send(
				callContext({
					engine,
					fn: this,
					itemIndex: i,
					service: graphQlService,
					credentialType,
					redact: target.redact,
					settings: readEngineSettings(this, i),
				}),
				{
					method,
					baseUrl: target.baseUrl,
					path: credentialType ? readString(this, i, 'endpoint', 'Endpoint') : '',
					responseFormat: 'json',
					// GraphQL over GET: variables travel JSON-encoded in the query string.
					...(method === 'GET'
						? { qs: { ...payload, ...(variables ? { variables: JSON.stringify(variables) } : {}) } }
						: { body: payload, bodyEncoding: 'json' as const }),
					idempotent: method === 'GET',
				},
			);
			const body = target.redact(res.body) as IDataObject;
			const errors = body?.errors as Array<{ message?: string; path?: unknown[] }> | undefined;
			if (Array.isArray(errors) && errors.length > 0) {
				const lines = errors.map(
					(e) => `${e.message ?? 'Unknown error'}${e.path ? ` (at ${e.path.join('.')})` : ''}`,
				);
				throw new NodeApiError(this.getNode(), body as JsonObject, {
					message: `GraphQL error: ${lines[0]}`,
					description: `The server answered ${res.status} with ${errors.length} GraphQL error(s):\n${lines.join('\n')}\nFix: check the query, the variables and the permissions of the connection.`,
					itemIndex: i,
				});
			}
			return body;
		});
	}
}

function parseVariables(fn: IExecuteFunctions, i: number): IDataObject | undefined {
	const raw = fn.getNodeParameter('variables', i, '{}') as unknown;
	if (raw && typeof raw === 'object') return raw as IDataObject;
	const text = String(raw ?? '').trim();
	if (!text) return undefined;
	const invalid = (reason: string) =>
		new NodeOperationError(
			fn.getNode(),
			`The field 'Variables' is not a valid JSON object: ${reason}`,
			{
				itemIndex: i,
				description: 'Write the variables as a JSON object, e.g. {"id": "123"}.',
			},
		);
	let parsed: unknown;
	try {
		// Integers beyond 2^53 keep their digits (the pipeline sends them exactly).
		parsed = parseJsonLossless(text);
	} catch (error) {
		throw invalid((error as Error).message);
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
		throw invalid('it must be a JSON object');
	return Object.keys(parsed).length ? (parsed as IDataObject) : undefined;
}
