/**
 * The usage log: counts every attempt per connection (calls, successes, last use) and keeps the error
 * log (every retry and final failure, and what the other features report about a connection).
 */
import type { ErrorLogEntry } from '../retry/error-log';
import type { AttemptResult, RequestEvent, RequestObserver } from '../transport/observer';
import { credentialOf, type ConnectionsCore, type CredentialRef } from './common';
import { noteLostWrites, UsageRecorder } from './usage';

export class UsageLog implements RequestObserver {
	readonly recorder: UsageRecorder;

	/** `expiryOf`: the token expiry the token keeper last saw for a credential, shown on the dashboard. */
	constructor(
		private readonly core: ConnectionsCore,
		private readonly expiryOf: (credentialId: string) => number | null | undefined = () =>
			undefined,
	) {
		this.recorder = new UsageRecorder(() => core.store(), core.options.usage);
	}

	afterAttempt(event: RequestEvent, result: AttemptResult): void {
		try {
			if (result.cached || !event.credentialType) return;
			const cred = credentialOf(event.fn, event.credentialType);
			if (!cred) return;
			const info = this.core.catalog.get(event.serviceId);
			this.recorder.record(
				{
					...this.core.refOf(event, cred),
					at: this.core.now(),
					serviceId: event.serviceId,
					serviceName: event.serviceName,
					credentialType: cred.type,
					credentialName: cred.name,
					exclusive: info?.exclusive ?? true,
					ok: result.ok,
					status: result.status,
					workflowId: event.fn.getWorkflow().id,
					executionId: event.fn.getExecutionId(),
				},
				this.expiryOf(cred.id),
			);
		} catch {
			// Statistics never fail a request.
		}
	}

	onLog(event: RequestEvent, entry: ErrorLogEntry): void {
		try {
			if (!event.credentialType) return;
			const cred = credentialOf(event.fn, event.credentialType);
			if (!cred) return;
			this.recorder.logError({
				...this.core.refOf(event, cred),
				at: Date.parse(entry.timestamp) || this.core.now(),
				serviceName: entry.service,
				connection: entry.connection || cred.name,
				method: entry.method,
				endpoint: entry.endpoint,
				status: entry.status,
				message: entry.message,
				requestId: entry.requestId,
				workflowId: entry.workflowId,
				executionId: entry.executionId,
				node: entry.node,
				itemIndex: entry.itemIndex,
				attempt: entry.attempt,
				maxAttempts: entry.maxAttempts,
				nextRetryInSeconds: entry.nextRetryInSeconds,
				kind: entry.kind,
			});
		} catch {
			// The log is best effort; the error itself reaches the user through the node.
		}
	}

	/** An error-log entry about the connection itself (not one HTTP attempt). */
	entry(event: RequestEvent, cred: CredentialRef, message: string, kind: string): void {
		this.recorder.logError({
			...this.core.refOf(event, cred),
			at: this.core.now(),
			serviceName: event.serviceName,
			connection: cred.name,
			method: event.method,
			endpoint: event.endpoint,
			status: null,
			message,
			requestId: null,
			workflowId: event.fn.getWorkflow().id,
			executionId: event.fn.getExecutionId(),
			node: event.fn.getNode().name,
			itemIndex: event.itemIndex,
			attempt: 0,
			maxAttempts: 0,
			nextRetryInSeconds: null,
			kind,
		});
	}

	/** Usage and error-log entries a failed write lost (n8n's log has it already): in this item's metadata too. */
	reportFlushFailure(event: RequestEvent): void {
		const lost = this.recorder.takeLost();
		if (lost) noteLostWrites(event.fn, lost);
	}
}
