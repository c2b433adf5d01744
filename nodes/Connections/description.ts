/** The Connections node's fields and credential slots, built from the list of services. */
import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { versionCondition } from '../../lib/builder/description';
import { byName } from '../../lib/builder/order';
import type { ServiceSpec } from '../../lib/spec/types';

/** The node's versions (same rules as a service spec's `versions`); v2: one Authentication field per service. */
export const VERSIONS = [1, 2];

export const ALL = '__all';
export const MANAGE = ['test', 'refresh', 'disconnect'];
export const LOGS = ['getErrorLog', 'getAuditLog'];

/** Get Audit Log's own filters (by action and by actor; the service and time filters are shared). */
const AUDIT_FILTERS: INodeProperties[] = [
	{
		displayName: 'Actions',
		name: 'actions',
		type: 'multiOptions',
		default: [],
		description: 'Only entries of these actions',
		displayOptions: { show: { '/operation': ['getAuditLog'] } },
		options: [
			{ name: 'Attention (Monitor)', value: 'attention' },
			{ name: 'Bound', value: 'bound' },
			{ name: 'Credential Created in N8n', value: 'credentialCreated' },
			{ name: 'Credential Deleted in N8n', value: 'credentialDeleted' },
			{ name: 'Credential Updated in N8n', value: 'credentialUpdated' },
			{ name: 'Refreshed', value: 'refreshed' },
			{ name: 'Revoked', value: 'revoked' },
			{ name: 'Subscription Renewed', value: 'subscriptionRenewed' },
			{ name: 'Test', value: 'test' },
			{ name: 'Unbound', value: 'unbound' },
		],
	},
	{
		displayName: 'Actor',
		name: 'actor',
		type: 'string',
		default: '',
		placeholder: 'e.g. user 7f3a… or Daily report',
		description:
			'Only entries whose actor (an n8n user ID, or the workflow and its trigger) or workflow name contains this text',
		displayOptions: { show: { '/operation': ['getAuditLog'] } },
	},
];

/** Version 2's per-service "Authentication" field, e.g. `githubAuthentication`. */
export function authenticationField(serviceId: string): string {
	return `${serviceId}Authentication`;
}

/**
 * One optional credential slot per credential type, shown by `hide` rules only. n8n's editor (2.41,
 * `getMainAuthField`) picks a "main" authentication field among the fields a credential's `show` names; it
 * then hides that field, hides every field the auth fields' `show` depend on, and offers in each slot the
 * credentials of EVERY type whose `show` names it: the slot of a GitHub credential listed Facebook and
 * Stripe ones too. With no `show` there is no main field: every field stays visible and each slot offers its
 * own type only. A slot is hidden for Get Status and the logs, for other services, and for another kind
 * of credential of its service (v1: the shared `authentication` field; v2: the service's own field).
 */
export function credentialsFor(specs: ServiceSpec[]): INodeCredentialDescription[] {
	const types = [...new Set(specs.flatMap((s) => s.auth.map((a) => a.credentialType)))];
	return types.map((name) => {
		const users = specs.filter((s) => s.auth.some((a) => a.credentialType === name));
		// Shown for the logs too: selecting a credential is what entitles a run to read its entries.
		const hide: Record<string, string[]> = {
			operation: ['getStatus'],
			service: [ALL, ...specs.filter((s) => !users.includes(s)).map((s) => s.id)],
		};
		const others = types.filter((t) => t !== name);
		if (others.length) hide.authentication = others;
		for (const s of users) {
			const siblings = s.auth.map((a) => a.credentialType).filter((t) => t !== name);
			if (siblings.length) hide[authenticationField(s.id)] = siblings;
		}
		// Optional in the editor: Disconnect and the logs may be entitled by the operator's allow-list instead;
		// Test and Refresh say clearly when it is missing.
		return { name, required: false, displayOptions: { hide } };
	});
}

export function propertiesFor(specs: ServiceSpec[]): INodeProperties[] {
	const serviceOptions = byName(specs.map((s) => ({ name: s.displayName, value: s.id })));
	const firstService = serviceOptions[0]?.value ?? '';
	// n8n's node lint reads a default only when it is a literal or a plain name.
	const firstCredentialType = (s: ServiceSpec): string => s.auth[0]?.credentialType ?? '';
	// Per service: v1 shares one `authentication` name (a value chosen for one service stays when the Service
	// changes), v2 gives each service its own field. Shown for Test/Refresh/Disconnect of that service only.
	const perVersion = [
		{ when: versionCondition({ until: 1 }, VERSIONS), name: () => 'authentication' },
		{ when: versionCondition({ since: 2 }, VERSIONS), name: authenticationField },
	];
	const authenticationFields: INodeProperties[] = perVersion.flatMap(({ when, name }) =>
		specs.map((s) => ({
			displayName: 'Authentication',
			name: name(s.id),
			type: 'options' as const,
			options: s.auth.map((a) => ({ name: a.displayName, value: a.credentialType })),
			default: firstCredentialType(s),
			description:
				'Which kind of credential of this service to use (select the credential itself above)',
			displayOptions: {
				show: { ...when },
				hide: {
					operation: ['getStatus'],
					service: [ALL, ...specs.filter((o) => o.id !== s.id).map((o) => o.id)],
				},
			},
		})),
	);
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Connection',
					value: 'connection',
					description: 'Status, test, token refresh and disconnect',
				},
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
					description:
						'Revoke the token where the service allows it, unbind the workspace and record it',
				},
				{
					name: 'Get Status',
					value: 'getStatus',
					action: 'Get connection status',
					description:
						'Account, status, last use, token expiry, calls in the last 24 h and success rate',
				},
				{
					name: 'Refresh',
					value: 'refresh',
					action: 'Refresh a connection token',
					description: 'Refresh an OAuth2 access token now',
				},
				{
					name: 'Test',
					value: 'test',
					action: 'Test a connection',
					description: "Send the service's test request and report status and response time",
				},
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
				{
					name: 'Get Audit Log',
					value: 'getAuditLog',
					action: 'Get the audit log',
					description: 'Connections bound, unbound, refreshed, revoked and tested',
				},
				{
					name: 'Get Error Log',
					value: 'getErrorLog',
					action: 'Get the error log',
					description: 'Failed and retried API requests',
				},
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
			displayName: 'Confirm Disconnect',
			name: 'confirmDisconnect',
			type: 'boolean',
			default: false,
			description:
				'Whether to disconnect even when active workflows use the connection (without it, Disconnect lists them and stops)',
			displayOptions: { show: { operation: ['disconnect'] } },
		},
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
				{
					displayName: 'Since',
					name: 'since',
					type: 'dateTime',
					default: '',
					description: 'Only entries at or after this time',
				},
				{
					displayName: 'Until',
					name: 'until',
					type: 'dateTime',
					default: '',
					description: 'Only entries at or before this time',
				},
				...AUDIT_FILTERS,
			],
		},
	];
}
