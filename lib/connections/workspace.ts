/**
 * Which workspace a workflow runs in. n8n 2.41 gives a node no project id (only the instance id and
 * the workflow id), so: the operator's configured workspace name, else the whole instance.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

export { WORKSPACE_ENV } from '../settings';

export interface Workspace {
	/** Store key: the configured name, or `instance:<instance id>`. */
	key: string;
	/** For messages: `workspace "Marketing"` or `this n8n instance`. */
	label: string;
	source: 'configured' | 'instance';
}

export function resolveWorkspace(
	fn: Pick<IExecuteFunctions, 'getInstanceId'>,
	/** The operator's workspace name (`Settings.workspace`). */
	configured: string | undefined,
): Workspace {
	if (configured)
		return { key: configured, label: `workspace "${configured}"`, source: 'configured' };
	const id = fn.getInstanceId();
	return { key: `instance:${id}`, label: 'this n8n instance', source: 'instance' };
}
