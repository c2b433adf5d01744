import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { versionFields } from '../../lib/builder/description';
import type { ConnectionServiceInfo } from '../../lib/connections/catalog';
import {
	auditLog,
	connectionStatus,
	disconnect,
	errorLog,
	logScope,
	refreshConnection,
	testConnection,
	type LogFilter,
} from '../../lib/connections/manage';
import { ConnectionStoreError } from '../../lib/connections/store';
import { asNodeError, forEachItem } from '../../lib/execution/items';
import { readNumber, readObject, readString } from '../../lib/execution/params';
import type { Runtime } from '../../lib/runtime';
import { packageRuntime } from '../runtime';
import { auditFilters } from '../../lib/connections/audit';
import { services } from '../services';
import {
	ALL,
	LOGS,
	VERSIONS,
	authenticationField,
	credentialsFor,
	propertiesFor,
} from './description';

/** Every service the package ships; a new service appears here (service list, credentials) by being in `nodes/services.ts`. */
const SPECS = services.map((s) => s.spec);

/** Status, test, refresh, disconnect and logs of the workspace's API connections. */
export class Connections implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Connections',
		name: 'connections',
		icon: { light: 'file:connections.svg', dark: 'file:connections.dark.svg' },
		group: ['transform'],
		// v2: one Authentication field per service (v1's shared `authentication` field still runs saved workflows).
		...versionFields(VERSIONS),
		subtitle:
			'={{$parameter["operation"] + ($parameter["service"] === "__all" ? " (all services)" : ": " + $parameter["service"])}}',
		description:
			'See, test, refresh and disconnect the API connections of this workspace, with usage, error log and audit trail',
		defaults: { name: 'Connections' },
		// As an AI-agent tool only Get Status, Test and Refresh run: the person who adds the tool picks its
		// operation (Resource and Operation take no expression, so no agent can switch it), and Disconnect and
		// the logs refuse to run when an agent calls them (access.ts `refuseAgent`).
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsFor(SPECS),
		properties: propertiesFor(SPECS),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const rt = packageRuntime();
		return await forEachItem(this, async (i) => {
			try {
				return await run(rt, this, i);
			} catch (error) {
				// A store problem names the file and the fix; everything else already is a node error.
				throw error instanceof ConnectionStoreError
					? new NodeOperationError(this.getNode(), error.message, {
							itemIndex: i,
							description: error.fix,
						})
					: asNodeError(this, error, i);
			}
		});
	}
}

function service(rt: Runtime, fn: IExecuteFunctions, i: number): ConnectionServiceInfo | undefined {
	const id = readString(fn, i, 'service', 'Service', ALL);
	if (id === ALL) return undefined;
	const info = rt.catalog.get(id);
	if (!info) {
		throw new NodeOperationError(fn.getNode(), `Unknown service '${id}'.`, {
			itemIndex: i,
			description:
				'Pick the service again in the node; this one is not part of this version of the package.',
		});
	}
	return info;
}

function time(value: unknown, field: string, fn: IExecuteFunctions, i: number): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const ms = Date.parse(String(value));
	if (Number.isNaN(ms))
		throw new NodeOperationError(
			fn.getNode(),
			`The filter '${field}' is not a date and time ('${String(value)}').`,
			{ itemIndex: i },
		);
	return ms;
}

/** The node's chosen kind of credential of the service; never another service's kind. */
function authenticationOf(fn: IExecuteFunctions, i: number, info: ConnectionServiceInfo): string {
	const field = fn.getNode().typeVersion >= 2 ? authenticationField(info.id) : 'authentication';
	const credentialType = readString(fn, i, field, 'Authentication', info.auth[0]?.credentialType);
	// A kind of credential of another service (v1 keeps the choice when the Service changes) is never used:
	// its secret would go to this service's host.
	if (!info.auth.some((a) => a.credentialType === credentialType)) {
		throw new NodeOperationError(
			fn.getNode(),
			`The Authentication choice '${credentialType}' is not a kind of ${info.displayName} credential.`,
			{
				itemIndex: i,
				description: `Pick one of ${info.auth.map((a) => `'${a.displayName}'`).join(', ')} under "Authentication", then the ${info.displayName} credential in the node's credential field.`,
			},
		);
	}
	return credentialType;
}

async function run(
	rt: Runtime,
	fn: IExecuteFunctions,
	i: number,
): Promise<IDataObject | IDataObject[]> {
	const operation = readString(fn, i, 'operation', 'Operation');
	const info = service(rt, fn, i);
	if (operation === 'getStatus') return await connectionStatus(rt, fn, info);
	const credentialType = info ? authenticationOf(fn, i, info) : undefined;
	const hasCredential = Boolean(credentialType && fn.getNode().credentials?.[credentialType]);
	if (LOGS.includes(operation)) {
		const what = operation === 'getErrorLog' ? 'The error log' : 'The audit log';
		const { scope } = await logScope(rt, fn, i, hasCredential ? credentialType : undefined, what);
		const filters = readObject(fn, i, 'filters', 'Filters');
		const filter: LogFilter = {
			families: info ? [info.family] : undefined,
			sinceMs: time(filters.since, 'Since', fn, i),
			untilMs: time(filters.until, 'Until', fn, i),
			limit: readNumber(fn, i, 'limit', 'Limit', { fallback: 50, min: 1, integer: true }),
			...auditFilters(filters),
		};
		return operation === 'getErrorLog'
			? await errorLog(rt, fn, filter, scope)
			: await auditLog(rt, fn, filter, scope);
	}
	if (!info || !credentialType)
		throw new NodeOperationError(fn.getNode(), 'Pick a service.', { itemIndex: i });
	if (operation === 'disconnect')
		return await disconnect(
			rt,
			fn,
			i,
			info,
			hasCredential ? credentialType : undefined,
			fn.getNodeParameter('confirmDisconnect', i, false) === true,
		);
	if (!hasCredential) {
		throw new NodeOperationError(
			fn.getNode(),
			`Select the ${info.displayName} credential to ${operation === 'test' ? 'test' : 'refresh'}.`,
			{
				itemIndex: i,
				description: `Choose its kind under "Authentication", then pick the credential in the node's credential field.`,
			},
		);
	}
	if (operation === 'test') return await testConnection(rt, fn, i, info, credentialType);
	if (operation === 'refresh') {
		try {
			return await refreshConnection(rt, fn, i, info, credentialType);
		} catch (error) {
			throw new NodeOperationError(
				fn.getNode(),
				`Refreshing the ${info.displayName} token failed: ${(error as Error).message}`,
				{
					itemIndex: i,
					description:
						'Open the credential in n8n and reconnect it if the provider no longer accepts its refresh token.',
				},
			);
		}
	}
	throw new NodeOperationError(fn.getNode(), `Unknown operation '${operation}'.`, { itemIndex: i });
}
