/**
 * Polling triggers built from a spec's `poll` section: on n8n's Poll Times the trigger calls one of the spec's
 * list operations through the engine (queue, retries, auth, redaction, paging) and emits each record it has
 * not emitted before, exactly once. The ids already seen live in the node's static data (bounded); the first
 * activation only takes a baseline; a manual run (the editor's "Fetch Test Event") returns the newest record
 * and changes nothing. See README.md § Polling triggers.
 */
import { createHash } from 'node:crypto';

import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { coerce, limitOf, toRequest } from '../builder/execute';
import {
	authenticationFields,
	credentialSlots,
	fieldFor,
	versionCondition,
	versionFields,
} from '../builder/description';
import { openServiceTarget } from '../execution/discovery';
import { toN8nError } from '../execution/n8n-error';
import { wrap } from '../execution/response';
import { identityOf } from '../spec/identity';
import type {
	OperationSpec,
	ParamSpec,
	PollEventSpec,
	PollHook,
	PollSpec,
	ServiceDefinition,
} from '../spec/types';
import { processRuntime } from '../runtime';
import type { Engine } from '../transport/engine';
import { callContext } from '../transport/context';
import { paginate } from '../transport/paginate';
import { readPath } from '../transport/path';
import { send } from '../transport/pipeline';
import type { EngineRequest } from '../transport/types';
import { credentialTypeOf } from './common';

/** Defaults of `PollEventSpec.maxPages` and `maxSeen`. */
export const POLL_MAX_PAGES = 10;
export const POLL_MAX_SEEN = 1000;

/** Name of the trigger field that picks the event (only when the spec has several). */
export const POLL_EVENT_FIELD = 'event';

/** What the trigger keeps in the node's static data (`poll`), for one event and one set of field values. */
export interface PollState {
	/** Hash of the event and the field values: another board (say) starts a new baseline instead of emitting its past. */
	key: string;
	/** Ids already seen, newest first, at most `maxSeen` (more when one listing holds more). */
	seen: string[];
	/** The newest record time seen (as the service wrote it), with `timePath`. */
	newest?: string | number;
	/** With a poll hook (`PollEventSpec.hook`): the cursor it returned last time (a history id, a sync token). */
	cursor?: IDataObject;
}

export interface PollLook {
	icon: INodeTypeDescription['icon'];
	/** Node type name; defaults to `<spec id>Trigger`. */
	name?: string;
	/** Defaults to `<service> Trigger`. */
	displayName?: string;
	description?: string;
}

/** The spec's poll section, or a clear error for a service that has none. */
export function pollOf(def: ServiceDefinition): PollSpec {
	const poll = def.spec.poll;
	if (!poll)
		throw new Error(
			`The service '${def.spec.id}' declares no poll section, so it has no polling trigger.`,
		);
	return poll;
}

/** The list operation an event calls. */
export function pollOperation(def: ServiceDefinition, event: PollEventSpec): OperationSpec {
	const op = def.spec.resources
		.find((r) => r.id === event.resource)
		?.operations.find((o) => o.id === event.operation);
	if (!op)
		throw new Error(
			`The poll event '${event.value}' names ${event.resource}.${event.operation}, which is not an operation of '${def.spec.id}'.`,
		);
	return op;
}

/** The operation's params an event shows as trigger fields: those it names, else the required ones. */
function shownParams(op: OperationSpec, event: PollEventSpec): ParamSpec[] {
	const all = op.params ?? [];
	if (!event.params) return all.filter((p) => p.required);
	return event.params.map((name) => all.find((p) => p.name === name)!).filter(Boolean);
}

/** Polling trigger node description: credentials, the Event picker (several events), the events' fields. */
export function buildPollDescription(def: ServiceDefinition, look: PollLook): INodeTypeDescription {
	const { spec } = def;
	const poll = pollOf(def);
	const versions = poll.versions ?? [1];
	const displayName = look.displayName ?? `${spec.displayName} Trigger`;
	const properties: INodeProperties[] = [];
	properties.push(...authenticationFields(spec));
	const several = poll.events.length > 1;
	if (several) {
		properties.push({
			displayName: 'Event',
			name: POLL_EVENT_FIELD,
			type: 'options',
			// The service's own order: tests pin it.
			options: poll.events.map((e) => ({
				name: e.name,
				value: e.value,
				...(e.description ? { description: e.description } : {}),
			})),
			default: poll.events[0].value,
			description: 'What starts the workflow: each new record once',
		});
	}
	// A field several events share is shown once, for all of them.
	const fields = new Map<string, { p: ParamSpec; events: string[] }>();
	for (const e of poll.events) {
		for (const p of shownParams(pollOperation(def, e), e)) {
			const entry = fields.get(p.name) ?? { p, events: [] };
			entry.events.push(e.value);
			fields.set(p.name, entry);
		}
	}
	for (const { p, events } of fields.values()) {
		const when = {
			...(several ? { [POLL_EVENT_FIELD]: events } : {}),
			...(versionCondition(p, versions) ?? {}),
		};
		properties.push({
			...fieldFor(p),
			...(p.required ? { required: true } : {}),
			...(Object.keys(when).length ? { displayOptions: { show: when } } : {}),
		});
	}
	return {
		displayName,
		name: look.name ?? `${spec.id}Trigger`,
		icon: look.icon,
		group: ['trigger'],
		...versionFields(versions),
		subtitle: several ? `={{"Event: " + $parameter["${POLL_EVENT_FIELD}"]}}` : poll.events[0].name,
		description:
			look.description ??
			`Starts the workflow for each new record in ${spec.displayName}, checked on a schedule`,
		defaults: { name: displayName },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialSlots(spec),
		properties,
	};
}

/** A record time as a number to compare (epoch numbers as they are, text as a date); undefined when it is neither. */
function timeOf(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

function selectedEvent(fn: IPollFunctions, poll: PollSpec): PollEventSpec {
	if (poll.events.length === 1) return poll.events[0];
	const value = String(fn.getNodeParameter(POLL_EVENT_FIELD, poll.events[0].value));
	const event = poll.events.find((e) => e.value === value);
	if (!event)
		throw new NodeOperationError(fn.getNode(), `Unknown event '${value}'.`, {
			description: 'Pick the Event again in the trigger; this one does not exist in this version.',
		});
	return event;
}

function loadPollState(fn: IPollFunctions): PollState | undefined {
	const slot = fn.getWorkflowStaticData('node').poll as PollState | undefined;
	return slot && typeof slot === 'object' && Array.isArray(slot.seen) ? slot : undefined;
}

/** n8n notices assignments to static data, not edits inside it: the slot is replaced as a whole. */
function savePollState(fn: IPollFunctions, state: PollState): void {
	fn.getWorkflowStaticData('node').poll = JSON.parse(JSON.stringify(state)) as IDataObject;
}

/**
 * The `poll` of a spec-built polling trigger (n8n's entry point). Returns the new records as one output, or null
 * when there are none (and on the first activation, which only remembers what is there).
 */
export async function pollTrigger(
	fn: IPollFunctions,
	def: ServiceDefinition,
	engine: Engine = processRuntime(),
): Promise<INodeExecutionData[][] | null> {
	try {
		return await pollOnce(fn, def, engine);
	} catch (error) {
		throw toN8nError(error, fn.getNode());
	}
}

async function pollOnce(
	fn: IPollFunctions,
	def: ServiceDefinition,
	engine: Engine,
): Promise<INodeExecutionData[][] | null> {
	const { spec } = def;
	const event = selectedEvent(fn, pollOf(def));
	const op = pollOperation(def, event);
	const manual = fn.getMode() === 'manual';
	const newestFirst = (event.order ?? 'newestFirst') === 'newestFirst';
	const maxSeen = event.maxSeen ?? POLL_MAX_SEEN;

	// The fields, read and checked like the action node's (coerce only names the node in its errors).
	const params: IDataObject = { ...(event.fixed ?? {}) };
	for (const p of shownParams(op, event)) {
		const value = coerce(
			fn as unknown as IExecuteFunctions,
			0,
			p,
			fn.getNodeParameter(p.name, p.default),
		);
		if (value !== undefined) params[p.name] = value as IDataObject[keyof IDataObject];
	}
	const key = createHash('sha256')
		.update(JSON.stringify([event.value, params]))
		.digest('hex');
	const saved = loadPollState(fn);
	const baseline = saved?.key !== key;
	const state: PollState = baseline ? { key, seen: [] } : saved;
	if (event.sinceParam && !baseline && state.newest !== undefined)
		params[event.sinceParam] = state.newest;

	const credentialType = credentialTypeOf(fn, def);
	const target = await openServiceTarget(engine, fn, 0, spec, credentialType);
	const ctx = callContext({
		engine,
		fn,
		service: identityOf(spec),
		credentialType,
		redact: target.redact,
	});
	const limit = limitOf(def, op, params);
	// A poll hook's request may name its own budget (cost) and scopes; the operation's otherwise.
	const request = async (req: EngineRequest) =>
		await send(ctx, {
			...req,
			idempotent: true,
			...((req.limit ?? limit) ? { limit: req.limit ?? limit } : {}),
			...((req.scopes ?? op.scopes) ? { scopes: req.scopes ?? op.scopes } : {}),
		});

	const idOf = (record: unknown): string => {
		const id = readPath(record, event.idPath);
		if (id === undefined || id === null || id === '' || typeof id === 'object')
			throw new NodeOperationError(
				fn.getNode(),
				`A record of ${spec.displayName} has no id at '${event.idPath}', so the trigger cannot tell whether it is new.`,
				{
					description:
						'The service answered in a shape the trigger does not know: report it with the record.',
				},
			);
		return String(id);
	};
	const timeAt = (record: unknown) =>
		event.timePath === undefined ? undefined : timeOf(readPath(record, event.timePath));
	const seen = new Set(state.seen);
	const watermark = timeOf(state.newest);
	const isOld = (record: unknown): boolean => {
		if (seen.has(idOf(record))) return true;
		const t = timeAt(record);
		return watermark !== undefined && t !== undefined && t < watermark;
	};

	// One page for a manual run and for a newest-first baseline; otherwise up to maxPages, a newest-first list
	// stopping after the page that reaches records already seen.
	const onePage = manual || (baseline && newestFirst);
	const req = toRequest(op, params, target.baseUrl);
	const paging = op.paginate === true ? spec.pagination : op.paginate || undefined;
	let records: unknown[];
	let cursor: IDataObject | undefined;
	if (event.hook) {
		const hook = def.hooks?.[event.hook] as PollHook | undefined;
		if (typeof hook !== 'function')
			throw new Error(`The poll hook '${event.hook}' of '${spec.id}' does not exist.`);
		const result = await hook({
			engine,
			fn,
			spec,
			params,
			baseUrl: target.baseUrl,
			...(!baseline && state.cursor ? { cursor: state.cursor } : {}),
			manual,
			request,
		});
		records = result.records;
		cursor = result.cursor;
	} else if (paging) {
		({ items: records } = await paginate(paging, req, request, {
			returnAll: true,
			limit: 0,
			maxPages: onePage ? 1 : (event.maxPages ?? POLL_MAX_PAGES),
			...(newestFirst && !baseline ? { stop: (page: unknown[]) => page.some(isOld) } : {}),
		}));
	} else {
		const res = await request(req);
		const value = readPath(res.body, op.response?.path);
		records = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
	}

	const out = (list: unknown[]) => [target.redact(list.map(wrap)).map((json) => ({ json }))];
	if (manual) {
		if (records.length === 0)
			throw new NodeOperationError(
				fn.getNode(),
				`Nothing to show yet: ${spec.displayName} lists no records for '${event.name}' with these fields.`,
				{
					description:
						'Add one in ' +
						spec.displayName +
						' (or check the fields), then fetch a test event again.',
				},
			);
		// The newest record shows the shape; the remembered ids stay as they are.
		let newest = records[0];
		if (event.timePath !== undefined)
			for (const r of records)
				if ((timeAt(r) ?? -Infinity) > (timeAt(newest) ?? -Infinity)) newest = r;
		return out([newest]);
	}

	const fresh: unknown[] = [];
	const listed: string[] = [];
	for (const record of records) {
		const id = idOf(record);
		if (listed.includes(id)) continue;
		listed.push(id);
		if (!baseline && !isOld(record)) fresh.push(record);
	}
	// The listing's ids first (they are what the next poll sees), then older ones, within the bound.
	const keep = Math.max(maxSeen, listed.length);
	let newest = state.newest;
	for (const r of records) {
		const raw = event.timePath === undefined ? undefined : readPath(r, event.timePath);
		const t = timeOf(raw);
		if (t !== undefined && (timeOf(newest) === undefined || t > timeOf(newest)!))
			newest = raw as string | number;
	}
	savePollState(fn, {
		key,
		seen: [...listed, ...state.seen.filter((id) => !listed.includes(id))].slice(0, keep),
		...(newest !== undefined ? { newest } : {}),
		...((cursor ?? state.cursor) ? { cursor: cursor ?? state.cursor } : {}),
	});
	return fresh.length ? out(fresh) : null;
}
