/**
 * Who may unbind a connection, revoke its token and read its logs. n8n decides who can use a credential
 * (its owner, the members of the projects it is shared with, and the instance owner/admins), and a node
 * cannot use a credential its workflow's project has no access to. So the proof of entitlement is the
 * bound credential itself, selected in the Connections node; otherwise the operator's allow-list
 * (N8N_API_CONNECTIONS_MANAGERS: workflows, n8n projects, users' personal projects). An AI agent never
 * qualifies: these operations are refused when the node runs as a tool.
 */
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { ENV_N8N_API_ACCESS } from './renewal';
import type { N8nProject, Workspace } from './workspace';

/** Operator setting: comma-separated `workflow:<id>`, `project:<id>`, `user:<e-mail>` entries. */
export const MANAGERS_ENV = 'N8N_API_CONNECTIONS_MANAGERS';

export interface Managers {
	workflows: Set<string>;
	projects: Set<string>;
	users: Set<string>;
}

/** The allow-list; a malformed entry is an error naming it and the expected form. */
export function managersFrom(env: NodeJS.ProcessEnv): Managers {
	const out: Managers = { workflows: new Set(), projects: new Set(), users: new Set() };
	const raw = env[MANAGERS_ENV]?.trim();
	if (!raw) return out;
	for (const part of raw.split(',')) {
		const entry = part.trim();
		if (!entry) continue;
		const m = /^(workflow|project|user):(.+)$/i.exec(entry);
		if (!m || !m[2].trim())
			throw new Error(
				`${MANAGERS_ENV} has the entry '${entry}', which is not 'workflow:<id>', 'project:<id>' or 'user:<e-mail>'. Fix the setting and restart n8n.`,
			);
		const kind = m[1].toLowerCase();
		const value = m[2].trim();
		if (kind === 'workflow') out.workflows.add(value);
		else if (kind === 'project') out.projects.add(value);
		else out.users.add(value.toLowerCase());
	}
	return out;
}

/** The e-mail of the user whose personal project this is (n8n names it `First Last <email>`). */
export function personalProjectOwner(project: N8nProject | undefined): string | undefined {
	if (!project || project.type !== 'personal') return undefined;
	return /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(project.name)?.[1]?.toLowerCase();
}

/** The allow-list entry that lets this run manage connections, or undefined. */
export function allowListEntry(
	managers: Managers,
	workflowId: string | undefined,
	ws: Workspace,
): string | undefined {
	if (workflowId && managers.workflows.has(workflowId)) return `workflow:${workflowId}`;
	if (ws.project && managers.projects.has(ws.project.id)) return `project:${ws.project.id}`;
	const owner = personalProjectOwner(ws.project);
	if (owner && managers.users.has(owner)) return `user:${owner}`;
	return undefined;
}

export type Entitlement =
	{ by: 'credential'; credentialId: string } | { by: 'allow-list'; entry: string };

/** Refuse an operation that unbinds, revokes or reads logs when an AI agent runs the node. */
export function refuseAgent(fn: IExecuteFunctions, what: string, itemIndex: number): void {
	const asTool =
		typeof (fn as { isToolExecution?: () => boolean }).isToolExecution === 'function' &&
		(fn as { isToolExecution: () => boolean }).isToolExecution();
	if (asTool)
		throw new NodeOperationError(fn.getNode(), `${what} is not available to an AI agent.`, {
			itemIndex,
			description:
				'Disconnecting, revoking and reading connection logs need a person or a workflow entitled to them; run this operation from a regular workflow step.',
		});
}

/** The error for a run without entitlement: what would have proved it, and how to get it. */
export function notEntitled(
	fn: IExecuteFunctions,
	itemIndex: number,
	what: string,
	credentialHint: string,
	env: NodeJS.ProcessEnv,
): NodeOperationError {
	const projectsNote = env[ENV_N8N_API_ACCESS]?.trim()
		? ''
		: ` ('project:' and 'user:' entries need ${ENV_N8N_API_ACCESS}).`;
	return new NodeOperationError(fn.getNode(), `Not allowed: ${what}.`, {
		itemIndex,
		description:
			`${credentialHint} Whoever can use that credential in n8n may manage its connection. ` +
			`Otherwise the n8n operator can allow this workflow, its project or its owner with ${MANAGERS_ENV} ` +
			`(e.g. 'workflow:<id>,project:<id>,user:<e-mail>')${projectsNote || '.'} Nothing was changed.`,
	});
}
