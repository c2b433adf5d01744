/**
 * What the pipeline tells the features composed around it (workspace rule, token keeper, usage log)
 * about each request. The transport defines the contract; the runtime decides who listens.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { Clock } from '../limits/clock';
import type { LimitKey } from '../limits/limiter';
import type { ErrorLogEntry } from '../retry/error-log';
import type { Engine } from './engine';

/** What the pipeline tells observers about one request of one item. */
export interface RequestEvent {
	/** The engine sending the request: an observer's own requests (account, renewal) go through it too. */
	engine: Engine;
	fn: IExecuteFunctions;
	itemIndex: number;
	serviceId: string;
	serviceName: string;
	/** Service family for the one-connection-per-workspace rule (defaults to the service id). */
	family: string;
	credentialType?: string;
	key: LimitKey;
	method: string;
	/** Path template, free of secrets. */
	endpoint: string;
}

export interface AttemptResult {
	status: number | null;
	ok: boolean;
	durationMs: number;
	cached?: boolean;
}

/**
 * Hooks into every request (usage statistics, the workspace rule, error and audit logs). `beforeRequest`
 * may throw to stop a request before anything is sent.
 */
export interface RequestObserver {
	beforeRequest?(event: RequestEvent): Promise<void> | void;
	afterAttempt?(event: RequestEvent, result: AttemptResult): Promise<void> | void;
	onLog?(event: RequestEvent, entry: ErrorLogEntry): Promise<void> | void;
	/** Called when a runtime composes this observer: the runtime's clock, for observers given none. */
	attach?(parts: { clock: Clock }): void;
}
