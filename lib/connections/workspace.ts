/**
 * Which workspace a workflow runs in: the workflow's n8n project when n8n's public API is reachable with
 * the operator's key (`workspace-project.ts` reads it once per workflow and caches it), else the
 * operator's configured workspace name, else the whole instance. n8n 2.41 gives a node no project id
 * (only the instance id and the workflow id), hence the API.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

export { WORKSPACE_ENV } from '../settings';

/** The n8n project a workflow belongs to, as n8n's API names it. */
export interface N8nProject {
	id: string;
	name: string;
	/** `personal` or `team`. */
	type: string;
}

export interface Workspace {
	/** Store key: `project:<project id>`, the configured name, or `instance:<instance id>`. */
	key: string;
	/** For messages: `project "Marketing"`, `workspace "Marketing"` or `this n8n instance`. */
	label: string;
	source: 'project' | 'configured' | 'instance';
	/** The n8n project (source `project` only). */
	project?: N8nProject;
}

/** What each source means, for Get Status and the docs. */
export const WORKSPACE_SOURCES: Record<Workspace['source'], string> = {
	project:
		"the workflow's n8n project (read through n8n's API with N8N_API_CONNECTIONS_N8N_API_KEY)",
	configured:
		'the name set in N8N_API_CONNECTIONS_WORKSPACE (no n8n API key, or N8N_API_CONNECTIONS_PROJECT_WORKSPACES=false)',
	instance:
		'this whole n8n instance (no n8n API key, or N8N_API_CONNECTIONS_PROJECT_WORKSPACES=false, and no N8N_API_CONNECTIONS_WORKSPACE)',
};

export function resolveWorkspace(
	fn: Pick<IExecuteFunctions, 'getInstanceId'>,
	/** The operator's workspace name (`Settings.workspace`). */
	configured: string | undefined,
	/** The workflow's n8n project, when workspaces are projects and it has been read. */
	project?: N8nProject | null,
): Workspace {
	if (project)
		return {
			key: `project:${project.id}`,
			label: `project "${project.name}"`,
			source: 'project',
			project,
		};
	if (configured)
		return { key: configured, label: `workspace "${configured}"`, source: 'configured' };
	const id = fn.getInstanceId();
	return { key: `instance:${id}`, label: 'this n8n instance', source: 'instance' };
}
