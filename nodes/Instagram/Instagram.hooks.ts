/**
 * Instagram's only non-REST flow: create a media container, wait until Instagram has processed it
 * (status FINISHED), publish it. The wait is bounded and sleeps on the engine's clock.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { toRequest } from '../../lib/builder/execute';
import type { HookContext, OperationSpec, ServiceSpec } from '../../lib/spec/types';
import { verifySubscription } from '../Meta/meta.hooks';

/** Container `status_code` values (GET /{container-id}?fields=status_code). */
type ContainerStatus = 'FINISHED' | 'IN_PROGRESS' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

function operation(spec: ServiceSpec, resource: string, id: string): OperationSpec {
	const op = spec.resources.find((r) => r.id === resource)?.operations.find((o) => o.id === id);
	if (!op) throw new Error(`The spec has no ${resource}.${id} operation`);
	return op;
}

function paramDefault(op: OperationSpec, name: string): number {
	return Number(op.params?.find((p) => p.name === name)?.default ?? 0);
}

async function createAndPublish(ctx: HookContext): Promise<IDataObject> {
	const { fn, itemIndex, spec, operation: op } = ctx;
	const node = fn.getNode();
	const { maxWaitSeconds, pollIntervalSeconds, ...fields } = ctx.params;
	const maxWaitMs = Number(maxWaitSeconds ?? paramDefault(op, 'maxWaitSeconds')) * 1000;
	const intervalMs = Number(pollIntervalSeconds ?? paramDefault(op, 'pollIntervalSeconds')) * 1000;
	const { clock } = ctx.engine;
	const signal = fn.getExecutionCancelSignal?.();

	// Step 1: exactly the request "Create Container" sends.
	const created = await ctx.request(
		toRequest(operation(spec, 'media', 'create'), fields, spec.baseUrl),
	);
	const creationId = String((created.body as IDataObject).id);

	// Step 2: poll the container until it is FINISHED (images usually are at once; videos take a while).
	const deadline = clock.now() + maxWaitMs;
	let status: ContainerStatus | undefined;
	let detail = '';
	for (;;) {
		const res = await ctx.request({
			method: 'GET',
			baseUrl: spec.baseUrl,
			path: '/{containerId}',
			pathParams: { containerId: creationId },
			qs: { fields: 'status_code,status' },
			cacheable: false,
		});
		const body = res.body as IDataObject;
		status = body.status_code as ContainerStatus;
		detail = typeof body.status === 'string' ? body.status : '';
		if (status === 'FINISHED') break;
		if (status === 'ERROR' || status === 'EXPIRED' || status === 'PUBLISHED') {
			throw new NodeOperationError(
				node,
				`Instagram could not publish the media: container ${creationId} is ${status}${detail ? ` (${detail})` : ''}.`,
				{
					itemIndex,
					description:
						status === 'PUBLISHED'
							? 'This container was already published; look the post up with Media → Get Many.'
							: status === 'EXPIRED'
								? 'Containers expire 24 hours after creation. Create the media again.'
								: "Check that the media URL is public and the file meets Instagram's format rules (JPEG images; MP4/MOV H.264 videos), then try again.",
				},
			);
		}
		if (clock.now() + intervalMs > deadline) {
			throw new NodeOperationError(
				node,
				`Instagram had not finished processing the media after ${Math.round(maxWaitMs / 1000)} s (container ${creationId}, status ${status ?? 'unknown'}).`,
				{
					itemIndex,
					description: `The container stays available for 24 hours: publish it later with Media → Publish and Creation ID ${creationId}, or raise "Max Wait (Seconds)".`,
				},
			);
		}
		await clock.sleep(intervalMs, signal);
	}

	// Step 3: publish; the answer's id is the published media's id.
	const published = await ctx.request(
		toRequest(
			operation(spec, 'media', 'publish'),
			{ accountId: fields.accountId, creation_id: creationId },
			spec.baseUrl,
		),
	);
	return { id: (published.body as IDataObject).id, creationId, status };
}

export const instagramHooks = { createAndPublish, webhookHandshake: verifySubscription };
