/**
 * Reads from n8n's public API (`/api/v1`) with the operator's key (N8N_API_CONNECTIONS_N8N_API_KEY, the
 * one token renewal uses): a workflow's project, the saved credentials, the active workflows. Requests go
 * through the engine (timeouts, retries, redaction), marked internal so the connections observer lets
 * them pass. Shapes follow n8n 2.41.1's `public-api/v1/openapi.yml`.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Settings } from '../settings';
import { callContext } from '../transport/context';
import type { Engine } from '../transport/engine';
import { send } from '../transport/pipeline';
import { makeRedactor } from '../transport/redact';
import { runInternal } from './common';
import { n8nApiSettings } from './renewal';
import type { N8nProject } from './workspace';

const N8N_API = { id: 'n8nPublicApi', displayName: 'n8n API' };

/** Pages read at most from a list endpoint (250 entries each). */
const MAX_PAGES = 40;

export type N8nApiFunctions = Pick<
	IExecuteFunctions,
	'getInstanceBaseUrl' | 'getNode' | 'getWorkflow' | 'getExecutionId' | 'helpers' | 'logger'
>;

export interface N8nApi {
	get(path: string, pathParams?: Record<string, string>, qs?: IDataObject): Promise<unknown>;
	list(path: string, qs?: IDataObject): Promise<IDataObject[]>;
}

/** The API client, or undefined when no key is configured. */
export function n8nApi(
	engine: Engine,
	fn: IExecuteFunctions,
	settings: Settings,
	itemIndex = 0,
): N8nApi | undefined {
	const api = n8nApiSettings(fn, settings.n8nApi);
	const apiKey = api.apiKey;
	if (!apiKey) return undefined;
	const ctx = callContext({
		engine,
		fn,
		itemIndex,
		service: N8N_API,
		redact: makeRedactor([apiKey]),
		settings: { maxAttempts: 2, timeoutMs: 15_000 },
	});
	const get = async (
		path: string,
		pathParams?: Record<string, string>,
		qs?: IDataObject,
	): Promise<unknown> =>
		(
			await runInternal(
				async () =>
					await send(ctx, {
						method: 'GET',
						baseUrl: api.url,
						path,
						pathParams,
						qs,
						headers: { 'X-N8N-API-KEY': apiKey, accept: 'application/json' },
						responseFormat: 'json',
						idempotent: true,
						cacheable: false,
					}),
			)
		).body;
	return {
		get,
		async list(path, qs = {}) {
			const out: IDataObject[] = [];
			let cursor: string | undefined;
			for (let page = 0; page < MAX_PAGES; page++) {
				const body = (await get(path, undefined, {
					...qs,
					limit: 250,
					...(cursor ? { cursor } : {}),
				})) as { data?: IDataObject[]; nextCursor?: string | null };
				out.push(...(Array.isArray(body?.data) ? body.data : []));
				if (!body?.nextCursor) break;
				cursor = body.nextCursor;
			}
			return out;
		},
	};
}

/** The project that owns a workflow (`shared[]` entry with role `workflow:owner`), from `GET /workflows/{id}`. */
export function owningProject(workflow: unknown): N8nProject | null {
	const shared = (workflow as { shared?: IDataObject[] })?.shared;
	if (!Array.isArray(shared)) return null;
	const owner = shared.find((s) => s.role === 'workflow:owner') ?? shared[0];
	if (!owner) return null;
	const project = (owner.project ?? {}) as IDataObject;
	const id = String(owner.projectId ?? project.id ?? '');
	if (!id) return null;
	return {
		id,
		name: typeof project.name === 'string' && project.name ? project.name : id,
		type: typeof project.type === 'string' ? project.type : 'unknown',
	};
}

/** A workflow of `GET /workflows?active=true` that names a credential in one of its nodes. */
export interface WorkflowRef extends IDataObject {
	id: string;
	name: string;
}

/** Active workflows whose nodes use the credential `credentialId`. */
export async function activeWorkflowsUsing(
	api: N8nApi,
	credentialId: string,
): Promise<WorkflowRef[]> {
	const workflows = await api.list('/workflows', { active: true, excludePinnedData: true });
	const out: WorkflowRef[] = [];
	for (const w of workflows) {
		const nodes = Array.isArray(w.nodes) ? (w.nodes as IDataObject[]) : [];
		const uses = nodes.some(
			(n) =>
				!n.disabled &&
				Object.values((n.credentials ?? {}) as Record<string, { id?: string }>).some(
					(c) => c && String(c.id) === credentialId,
				),
		);
		if (uses) out.push({ id: String(w.id), name: String(w.name ?? w.id) });
	}
	return out;
}

/** A saved credential as `GET /credentials` lists it (never its data). */
export interface SavedCredential {
	id: string;
	name: string;
	type: string;
	createdAt: string | null;
	/** Projects it belongs to or is shared with. */
	projectIds: string[];
}

export async function savedCredentials(api: N8nApi): Promise<SavedCredential[]> {
	const rows = await api.list('/credentials');
	return rows.map((c) => ({
		id: String(c.id),
		name: String(c.name ?? c.id),
		type: String(c.type ?? ''),
		createdAt: typeof c.createdAt === 'string' ? c.createdAt : null,
		projectIds: (Array.isArray(c.shared) ? (c.shared as IDataObject[]) : [])
			// n8n 2.41.1 lists the project as `shared[].id` (and `name`, `role`).
			.map((s) => String(s.projectId ?? s.id ?? ''))
			.filter(Boolean),
	}));
}
