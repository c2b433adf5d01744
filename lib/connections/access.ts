/**
 * Who may unbind a connection, revoke its token and read its logs. n8n decides who can use a credential
 * (its owner, the members of the projects it is shared with, and the instance owner/admins), and a node
 * cannot use a credential its workflow's project has no access to. So the proof of entitlement is the
 * bound credential itself, selected in the Connections node; otherwise the operator's allow-list
 * (N8N_API_CONNECTIONS_MANAGERS: workflows, n8n projects, users' personal projects). An AI agent never
 * qualifies: these operations are refused when the node runs as a tool.
 */
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { N8N_API_ACCESS_ENV, MANAGERS_ENV, type Managers, type Settings } from '../settings';
import type { N8nProject, Workspace } from './workspace';

export { MANAGERS_ENV, type Managers } from '../settings';

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
	settings: Settings,
): NodeOperationError {
	const projectsNote = settings.n8nApi.key
		? ''
		: ` ('project:' and 'user:' entries need ${N8N_API_ACCESS_ENV}).`;
	return new NodeOperationError(fn.getNode(), `Not allowed: ${what}.`, {
		itemIndex,
		description:
			`${credentialHint} Whoever can use that credential in n8n may manage its connection. ` +
			`Otherwise the n8n operator can allow this workflow, its project or its owner with ${MANAGERS_ENV} ` +
			`(e.g. 'workflow:<id>,project:<id>,user:<e-mail>')${projectsNote || '.'} Nothing was changed.`,
	});
}
