/**
 * Node description from a service spec: authentication and resource/operation selectors (with the
 * `action` sentences n8n shows in the node picker), typed fields with defaults and help text, "Return
 * All"/"Limit" on paged lists, optional fields in "Additional Fields", and the engine options.
 */
import {
	NodeConnectionTypes,
	type INodeCredentialDescription,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeTypeDescription,
	type NodePropertyTypes,
} from 'n8n-workflow';

import { customRequestFields, customRequestResource } from './custom-request';
import { byDisplayName, byName } from './order';
import { engineOptionFields } from '../execution/options';
import type { OperationSpec, ParamSpec, ResourceSpec, ServiceSpec } from '../spec/types';

export interface NodeLook {
	icon: INodeTypeDescription['icon'];
	/** Node type name; defaults to the spec id. */
	name?: string;
	group?: INodeTypeDescription['group'];
}

const FIELD_TYPES: Record<ParamSpec['type'], NodePropertyTypes> = {
	string: 'string',
	number: 'number',
	boolean: 'boolean',
	json: 'json',
	options: 'options',
	multiOptions: 'multiOptions',
	dateTime: 'dateTime',
	stringList: 'string',
	keyValue: 'fixedCollection',
};

function defaultFor(p: ParamSpec): INodeProperties['default'] {
	if (p.default !== undefined) return p.default;
	switch (p.type) {
		case 'number':
			return 0;
		case 'boolean':
			return false;
		case 'json':
			return '{}';
		case 'multiOptions':
			return [];
		case 'keyValue':
			return {};
		case 'options':
			return p.options?.[0]?.value ?? '';
		default:
			return '';
	}
}

/** One editable field for a param. */
export function fieldFor(p: ParamSpec): INodeProperties {
	const field: INodeProperties = {
		displayName: p.displayName,
		name: p.name,
		type: FIELD_TYPES[p.type],
		default: defaultFor(p),
	};
	const help =
		p.type !== 'stringList'
			? p.description
			: p.description
				? `${p.description}. Separate several values with commas.`
				: 'Separate several values with commas';
	if (help) field.description = help;
	if (p.placeholder) field.placeholder = p.placeholder;
	if (p.typeOptions?.password) field.typeOptions = { password: true };
	if (p.options) field.options = byName(p.options.map((o) => ({ ...o }))) as INodePropertyOptions[];
	if (p.type === 'number' && (p.validate?.min !== undefined || p.validate?.max !== undefined)) {
		field.typeOptions = { minValue: p.validate?.min, maxValue: p.validate?.max };
	}
	if (p.type === 'keyValue') {
		// One row per pair; `coerce` turns `{ pairs: [{ key, value }] }` into `{ [key]: value }`.
		field.typeOptions = { multipleValues: true };
		field.placeholder = p.placeholder ?? 'Add Pair';
		field.options = [
			{
				displayName: 'Pair',
				name: 'pairs',
				values: [
					{ displayName: 'Key', name: 'key', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		];
	}
	return field;
}

function show(resource: ResourceSpec, op: OperationSpec, extra: Record<string, unknown[]> = {}) {
	return { show: { resource: [resource.id], operation: [op.id], ...extra } };
}

/** The node's versions, oldest first (`[1]` when the spec declares none). */
export function versionsOf(spec: ServiceSpec): number[] {
	return spec.versions ?? [1];
}

/** The `@version` condition of a field shown to some versions only (`since`/`until`); none when shown to all. */
export function versionCondition(
	p: Pick<ParamSpec, 'since' | 'until'>,
	versions: number[],
): { '@version': number[] } | undefined {
	if (p.since === undefined && p.until === undefined) return undefined;
	return { '@version': versions.filter((v) => v >= (p.since ?? 1) && v <= (p.until ?? Infinity)) };
}

/** `version` (and `defaultVersion`, the newest) of a node description: a list when the node has several versions. */
export function versionFields(
	versions: number[],
): Pick<INodeTypeDescription, 'version' | 'defaultVersion'> {
	return versions.length > 1
		? { version: versions, defaultVersion: versions[versions.length - 1] }
		: { version: versions[0] ?? 1 };
}

function operationFields(
	spec: ServiceSpec,
	resource: ResourceSpec,
	op: OperationSpec,
): INodeProperties[] {
	const versions = versionsOf(spec);
	const params = op.params ?? [];
	const required = params.filter((p) => p.required);
	const optional = params.filter((p) => !p.required);
	const fields: INodeProperties[] = required.map((p) => ({
		...fieldFor(p),
		required: true,
		displayOptions: show(resource, op, { ...versionCondition(p, versions), ...p.showWhen }),
	}));
	if (op.paginate || op.wholeList) {
		const listVersions = versionCondition({ since: op.listSince }, versions) ?? {};
		fields.push(
			{
				displayName: 'Return All',
				name: 'returnAll',
				type: 'boolean',
				default: false,
				description: 'Whether to return all results or only up to a given limit',
				displayOptions: show(resource, op, listVersions),
			},
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Max number of results to return',
				displayOptions: show(resource, op, { ...listVersions, returnAll: [false] }),
			},
		);
	}
	if (op.session) {
		fields.push({
			displayName: 'Use Session',
			name: 'useSession',
			type: 'boolean',
			default: op.method !== 'GET',
			description:
				"Whether to open one session for the node's items on the same object, send each call in it and close it after the last item (changes are kept)",
			displayOptions: show(resource, op),
		});
	}
	if (optional.length) {
		fields.push({
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: show(resource, op),
			options: optional
				.map((p) => {
					const when = versionCondition(p, versions);
					return when ? { ...fieldFor(p), displayOptions: { show: when } } : fieldFor(p);
				})
				.sort((a, b) => a.displayName.localeCompare(b.displayName)),
		});
	}
	return fields;
}

/**
 * The engine options, with "Cache GET Responses" offered only where an operation may be cached (never on
 * writes). Operation values repeat across resources (e.g. `create`); when one value is cacheable in one
 * resource and not in another the option stays on both (the engine still never caches a write).
 */
function optionFieldsFor(spec: ServiceSpec): INodeProperties[] {
	const ops = spec.resources.flatMap((r) => r.operations);
	const cacheable = (op: OperationSpec) => op.cacheable ?? op.method === 'GET';
	const yes = [...new Set(ops.filter(cacheable).map((op) => op.id))];
	const no = new Set(ops.filter((op) => !cacheable(op)).map((op) => op.id));
	return engineOptionFields.flatMap((field) => {
		if (field.name !== 'cacheMinutes') return [field];
		if (yes.length === 0) return [];
		return yes.some((id) => no.has(id))
			? [field]
			: [{ ...field, displayOptions: { show: { '/operation': yes } } }];
	});
}

/**
 * The spec's resources plus Custom Request: last, or in its alphabetical place when the service lists its resources
 * alphabetically (so the list stays as sorted as the service made it).
 */
function withCustomRequest(resources: ResourceSpec[]): ResourceSpec[] {
	const names = resources.map((r) => r.name);
	const sorted = names.every((n, i) => i === 0 || names[i - 1].localeCompare(n) <= 0);
	const at = sorted
		? resources.findIndex((r) => r.name.localeCompare(customRequestResource.name) > 0)
		: -1;
	return at < 0
		? [...resources, customRequestResource]
		: [...resources.slice(0, at), customRequestResource, ...resources.slice(at)];
}

/** The "Authentication" selector, when the service has several credential types (none otherwise). */
export function authenticationFields(spec: ServiceSpec): INodeProperties[] {
	if (spec.auth.length < 2) return [];
	return [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: byName(spec.auth.map((a) => ({ name: a.displayName, value: a.credentialType }))),
			default: spec.auth[0].credentialType,
		},
	];
}

/** One credential slot per credential type of the service, each shown for its "Authentication" choice. */
export function credentialSlots(spec: ServiceSpec): INodeCredentialDescription[] {
	return spec.auth.map((a) => ({
		name: a.credentialType,
		required: true,
		...(spec.auth.length > 1
			? { displayOptions: { show: { authentication: [a.credentialType] } } }
			: {}),
	}));
}

export function buildDescription(spec: ServiceSpec, look: NodeLook): INodeTypeDescription {
	const properties: INodeProperties[] = [];
	properties.push(...authenticationFields(spec));
	const resources = withCustomRequest(spec.resources);
	properties.push({
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		// The service's own order (most used first), not alphabetical: tests pin it.
		options: resources.map((r) => ({
			name: r.name,
			value: r.id,
			...(r.description ? { description: r.description } : {}),
		})),
		default: spec.resources[0]?.id ?? '',
	});
	for (const resource of resources) {
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.id] } },
			options: byName(
				resource.operations.map((op) => ({
					name: op.name,
					value: op.id,
					action: op.action,
					description: op.description ?? op.action,
				})),
			),
			default: resource.operations[0]?.id ?? '',
		});
	}
	for (const resource of spec.resources) {
		for (const op of resource.operations) properties.push(...operationFields(spec, resource, op));
	}
	properties.push(...customRequestFields(spec));
	properties.push({
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: byDisplayName<INodeProperties>(
			batchSize(spec)
				? [
						{
							displayName: 'Batch Items',
							name: 'batchItems',
							type: 'boolean',
							default: false,
							description: spec.batch
								? `Whether to send up to ${spec.batch.size} items in one request through the batch endpoint (operations that support it); each result still maps to its own item`
								: `Whether to send up to ${batchSize(spec)} items in one request (operations that support it); each result still maps to its own item, and a request the service refuses is the error of every item in it`,
						},
						...optionFieldsFor(spec),
					]
				: optionFieldsFor(spec),
		),
	});

	return {
		displayName: spec.displayName,
		name: look.name ?? spec.id,
		icon: look.icon,
		group: look.group ?? ['transform'],
		...versionFields(versionsOf(spec)),
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: spec.description,
		defaults: { name: spec.displayName },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialSlots(spec),
		properties,
	};
}

/** Most items one request may carry: the batch endpoint's size, else the largest list batch of an operation. */
function batchSize(spec: ServiceSpec): number {
	if (spec.batch) return spec.batch.size;
	let size = 0;
	for (const r of spec.resources)
		for (const o of r.operations) size = Math.max(size, o.listBatch?.size ?? 0);
	return size;
}
