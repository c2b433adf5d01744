/** The Connections node's fields and credential slots, built from the list of services. */
import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { byName } from '../../lib/builder/order';
import type { SpecWithConnection } from '../../lib/connections/catalog';

export const ALL = '__all';
export const MANAGE = ['test', 'refresh', 'disconnect'];
export const LOGS = ['getErrorLog', 'getAuditLog'];

/**
 * One optional credential slot per credential type, shown by the "Authentication" choice alone. n8n's editor
 * treats every field a credential's `show` names as an authentication field and hides each field those name
 * in their own `show`: a credential that depended on `operation`, or an Authentication field shown by
 * `operation`/`service`, emptied the whole panel. So Authentication is hidden by `hide` rules instead.
 */
export function credentialsFor(specs: SpecWithConnection[]): INodeCredentialDescription[] {
	return [...new Set(specs.flatMap((s) => s.auth.map((a) => a.credentialType)))].map((name) => ({
		name,
		// Disconnect works without one (it then only unbinds); Test and Refresh say clearly when it is missing.
		required: false,
		displayOptions: { show: { authentication: [name] } },
	}));
}

/**
 * The node's fields for a list of services: a "Service" choice, and per service an "Authentication"
 * choice, so a service added to `nodes/services.ts` appears here without changes.
 */
export function propertiesFor(specs: SpecWithConnection[]): INodeProperties[] {
	const serviceOptions = byName(specs.map((s) => ({ name: s.displayName, value: s.id })));
	const firstService = serviceOptions[0]?.value ?? '';
	// n8n's node lint reads a default only when it is a literal or a plain name.
	const firstCredentialType = (s: SpecWithConnection): string => s.auth[0]?.credentialType ?? '';
	const authenticationFields: INodeProperties[] = specs.map((s) => ({
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: s.auth.map((a) => ({ name: a.displayName, value: a.credentialType })),
		default: firstCredentialType(s),
		description: 'Which kind of credential of this service to use (select the credential itself above)',
		// Shown for Test/Refresh/Disconnect of this service only; `hide`, not `show` (see credentialsFor).
		displayOptions: {
			hide: {
				operation: ['getStatus', ...LOGS],
				service: [ALL, ...specs.filter((o) => o.id !== s.id).map((o) => o.id)],
			},
		},
	}));
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Connection', value: 'connection', description: 'Status, test, token refresh and disconnect' },
				{ name: 'Log', value: 'log', description: 'Error log and audit trail' },
			],
			default: 'connection',
		},
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['connection'] } },
			options: [
				{
					name: 'Disconnect',
					value: 'disconnect',
					action: 'Disconnect a connection',
					description: 'Revoke the token where the service allows it, unbind the workspace and record it',
				},
				{
					name: 'Get Status',
					value: 'getStatus',
					action: 'Get connection status',
					description: 'Account, status, last use, token expiry, calls in the last 24 h and success rate',
				},
				{ name: 'Refresh', value: 'refresh', action: 'Refresh a connection token', description: 'Refresh an OAuth2 access token now' },
				{ name: 'Test', value: 'test', action: 'Test a connection', description: "Send the service's test request and report status and response time" },
			],
			default: 'getStatus',
		},
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['log'] } },
			options: [
				{ name: 'Get Audit Log', value: 'getAuditLog', action: 'Get the audit log', description: 'Connections bound, unbound, refreshed, revoked and tested' },
				{ name: 'Get Error Log', value: 'getErrorLog', action: 'Get the error log', description: 'Failed and retried API requests' },
			],
			default: 'getErrorLog',
		},
		{
			displayName: 'Service',
			name: 'service',
			type: 'options',
			options: [{ name: 'All Services', value: ALL }, ...serviceOptions],
			default: ALL,
			displayOptions: { show: { operation: ['getStatus', ...LOGS] } },
		},
		{
			displayName: 'Service',
			name: 'service',
			type: 'options',
			options: serviceOptions,
			default: firstService,
			displayOptions: { show: { operation: MANAGE } },
		},
		...authenticationFields,
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { operation: LOGS } },
		},
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: { show: { operation: LOGS } },
			options: [
				{ displayName: 'Since', name: 'since', type: 'dateTime', default: '', description: 'Only entries at or after this time' },
				{ displayName: 'Until', name: 'until', type: 'dateTime', default: '', description: 'Only entries at or before this time' },
			],
		},
	];
}
