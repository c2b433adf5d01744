/**
 * Who, what, when and where of an audit entry, its filters and its retention.
 *
 * Who: n8n 2.41.1 has no documented way for a node to learn the user who started a run. Its execution
 * context (`getExecutionContext()`) names the trigger node of a run (`triggerNode`), and `executedByUserId`
 * only when dynamic credentials resolved a user. For a manual run n8n's WorkflowRunner puts the user's id
 * into the run's `additionalData.userId`, which every node context holds (not in n8n's typed interface; the
 * real-n8n suite checks it). So an entry names `user <id>` for a person's manual run, else
 * `workflow "<name>" (<id>) via <trigger>` for a production run.
 * Where: the workflow (id and name), the execution and the node that acted.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { Settings } from '../settings';
import type { ConnectionStore } from './store';
import type { AuditRecord, LogQuery } from './types';

/** What a node context offers for this (every one of n8n's contexts has some of it). */
export type AuditSource = Partial<
	Pick<IExecuteFunctions, 'getWorkflow' | 'getExecutionId' | 'getNode' | 'getMode'>
> & {
	getExecutionContext?: () =>
		{ executedByUserId?: string; triggerNode?: { name: string } } | undefined;
};

function attempt<T>(read: () => T): T | undefined {
	try {
		return read();
	} catch {
		return undefined;
	}
}

export type AuditWhoWhere = Pick<
	AuditRecord,
	'workflowId' | 'executionId' | 'workflowName' | 'node' | 'actor'
>;

/** The actor and place of an entry made by a node run. */
export function auditContext(fn: AuditSource): AuditWhoWhere {
	const workflow = attempt(() => fn.getWorkflow?.());
	const context = attempt(() => fn.getExecutionContext?.());
	const mode = attempt(() => fn.getMode?.());
	const node = attempt(() => fn.getNode?.())?.name;
	const out: AuditWhoWhere = {};
	if (workflow?.id) out.workflowId = String(workflow.id);
	if (workflow?.name) out.workflowName = String(workflow.name);
	const executionId = attempt(() => fn.getExecutionId?.());
	if (executionId) out.executionId = String(executionId);
	if (node) out.node = node;
	const wf = `workflow ${workflow?.name ? `"${workflow.name}" ` : ''}(${workflow?.id ?? 'unsaved'})`;
	const userId =
		context?.executedByUserId ??
		(mode === 'manual'
			? (fn as { additionalData?: { userId?: unknown } }).additionalData?.userId
			: undefined);
	if (typeof userId === 'string' && userId) out.actor = `user ${userId}`;
	else if (mode === 'manual') out.actor = `${wf}, manual run`;
	else if (context?.triggerNode?.name) out.actor = `${wf} via ${context.triggerNode.name}`;
	else out.actor = `${wf}${mode ? ` (${mode})` : ''}`;
	return out;
}

/** Does an audit entry pass the query's action and actor filters (the stores apply the rest)? */
export function auditMatches(record: AuditRecord, q: LogQuery): boolean {
	if (q.actions?.length && !q.actions.includes(record.action)) return false;
	if (q.actor?.trim()) {
		const needle = q.actor.trim().toLowerCase();
		const who = `${record.actor ?? ''} ${record.workflowName ?? ''}`.toLowerCase();
		if (!who.includes(needle)) return false;
	}
	return true;
}

const lastPrune = new WeakMap<object, Map<string, number>>();

/** Apply the retention setting to a workspace's audit trail, at most once an hour per store. */
export async function pruneAuditHourly(
	core: { store(): ConnectionStore; now(): number; settings(): Pick<Settings, 'auditRetentionMs'> },
	workspace: string,
	force = false,
): Promise<number> {
	const keep = core.settings().auditRetentionMs;
	if (keep === null) return 0;
	const store = core.store();
	const now = core.now();
	let seen = lastPrune.get(store);
	if (!seen) lastPrune.set(store, (seen = new Map()));
	if (!force && now - (seen.get(workspace) ?? -Infinity) < 3_600_000) return 0;
	seen.set(workspace, now);
	return await store.pruneAudit(workspace, now - keep);
}

/** Get Audit Log's action and actor filters from the node's Filters collection. */
export function auditFilters(
	filters: Record<string, unknown>,
): Pick<LogQuery, 'actions' | 'actor'> {
	const out: Pick<LogQuery, 'actions' | 'actor'> = {};
	const actions = Array.isArray(filters.actions) ? filters.actions.map(String).filter(Boolean) : [];
	if (actions.length) out.actions = actions;
	if (typeof filters.actor === 'string' && filters.actor.trim()) out.actor = filters.actor.trim();
	return out;
}
