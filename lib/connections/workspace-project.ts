/**
 * The workflow's n8n project as its workspace: read once per workflow through n8n's public API
 * (`GET /api/v1/workflows/{id}` → `shared[].projectId`) and cached, so requests after the first cost
 * nothing. Without an API key there is no project (the configured name or the instance applies). With a
 * key, a workflow whose project cannot be read stops with a clear error instead of silently falling back
 * to another workspace (its connections would be bound in the wrong place).
 */
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import {
	N8N_API_ACCESS_ENV as ENV_N8N_API_ACCESS,
	N8N_API_URL_ENV,
	type Settings,
} from '../settings';
import type { Engine } from '../transport/engine';
import { n8nApi, owningProject } from './n8n-api';
import type { N8nProject } from './workspace';

export { PROJECT_WORKSPACES_ENV } from '../settings';

/** A workflow moved to another project is seen after this long. */
export const PROJECT_CACHE_MS = 10 * 60_000;

interface Entry {
	at: number;
	project: N8nProject | null;
}

export class ProjectWorkspaces {
	private readonly cache = new Map<string, Entry>();
	private readonly pending = new Map<string, Promise<N8nProject | null>>();

	constructor(
		private readonly settings: () => Settings,
		private readonly now: () => number,
	) {}

	/** Whether workspaces are n8n projects here (an n8n API key is configured). */
	enabled(): boolean {
		const settings = this.settings();
		return settings.projectWorkspaces && Boolean(settings.n8nApi.key);
	}

	/** The project last read for a workflow (undefined: not read yet). */
	cached(workflowId: string | undefined): N8nProject | null | undefined {
		if (!workflowId || !this.enabled()) return null;
		return this.cache.get(workflowId)?.project;
	}

	/** Read (or reuse) the workflow's project; null without a key or for a workflow without id. */
	async prepare(engine: Engine, fn: IExecuteFunctions, itemIndex = 0): Promise<N8nProject | null> {
		const workflowId = fn.getWorkflow().id;
		if (!workflowId || !this.enabled()) return null;
		const hit = this.cache.get(workflowId);
		if (hit && this.now() - hit.at < PROJECT_CACHE_MS) return hit.project;
		const inFlight = this.pending.get(workflowId);
		if (inFlight) return await inFlight;
		const work = this.read(engine, fn, workflowId, itemIndex);
		this.pending.set(workflowId, work);
		try {
			const project = await work;
			this.cache.set(workflowId, { at: this.now(), project });
			return project;
		} finally {
			this.pending.delete(workflowId);
		}
	}

	private async read(
		engine: Engine,
		fn: IExecuteFunctions,
		workflowId: string,
		itemIndex: number,
	): Promise<N8nProject | null> {
		const api = n8nApi(engine, fn, this.settings(), itemIndex);
		if (!api) return null;
		let project: N8nProject | null;
		try {
			project = owningProject(await api.get('/workflows/{id}', { id: workflowId }));
		} catch (error) {
			throw new NodeOperationError(
				fn.getNode(),
				`The workspace of this workflow is its n8n project, but n8n's API did not say which project it is in: ${(error as Error).message}`,
				{
					itemIndex,
					description: `Check ${ENV_N8N_API_ACCESS} (an n8n API key with the workflow:read scope) and ${N8N_API_URL_ENV} (n8n's API address as seen from this process). Nothing was sent.`,
				},
			);
		}
		if (!project)
			throw new NodeOperationError(
				fn.getNode(),
				`n8n's API answered for workflow ${workflowId} without the project that owns it.`,
				{
					itemIndex,
					description: `The key in ${ENV_N8N_API_ACCESS} must belong to a user who can read this workflow (an instance owner or admin key sees every project).`,
				},
			);
		return project;
	}
}
