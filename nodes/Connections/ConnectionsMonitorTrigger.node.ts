import {
	NodeConnectionTypes,
	NodeOperationError,
	type INodeCredentialDescription,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import type { MonitorOptions, MonitorState } from '../../lib/connections/monitor';
import { pollMonitor } from '../../lib/connections/monitor-run';
import { ConnectionStoreError } from '../../lib/connections/store';
import { packageRuntime } from '../runtime';
import { services } from '../services';

const SPECS = services.map((s) => s.spec);

/**
 * One optional slot per OAuth2 credential type (the credentials whose tokens the monitor keeps alive), and per
 * credential type of a service whose webhook registrations expire (the monitor renews them with it).
 */
const OAUTH2_TYPES: INodeCredentialDescription[] = [
	...new Set(
		SPECS.flatMap((s) =>
			s.auth.filter((a) => a.kind === 'oauth2' || s.webhook?.renewal).map((a) => a.credentialType),
		),
	),
].map((name) => ({ name, required: false }));

const HOUR_MS = 3_600_000;

/** Checks every connection of the workspace on a schedule and emits the ones that need attention. */
export class ConnectionsMonitorTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Connections Monitor Trigger',
		name: 'connectionsMonitorTrigger',
		icon: { light: 'file:connections.svg', dark: 'file:connections.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Checks every " + $parameter["intervalHours"] + " h"}}',
		description:
			'Keeps the tokens of API connections alive and starts the workflow for each connection that is expiring, failing or shows unusual activity',
		defaults: { name: 'Connections Monitor' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: OAUTH2_TYPES,
		properties: [
			{
				displayName:
					'Activate this workflow once. On each run the monitor refreshes and renews the tokens of the OAuth2 credentials selected above (pick the connections of this workspace), then emits one item per connection that needs attention: expiring, expired, refreshFailed, revoked, failing, unusualActivity. Poll Times only wake the monitor; it checks at most once per "Check Every".',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Check Every (Hours)',
				name: 'intervalHours',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 24,
				description:
					'How often the checks run (default daily). Tokens whose renewal window would open before the next check are renewed now.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Auth Failure Burst',
						name: 'authFailureBurst',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 5,
						description: 'This many 401/403 answers within one hour count as unusual activity',
					},
					{
						displayName: 'Failing Error Rate (%)',
						name: 'errorRatePercent',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 100 },
						default: 20,
						description:
							'A connection failing this share of its calls in 24 h is reported as failing',
					},
					{
						displayName: 'Failing Minimum Calls',
						name: 'minCalls',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 10,
						description: 'The error rate is judged only with at least this many calls in 24 h',
					},
					{
						displayName: 'Spike Factor',
						name: 'spikeFactor',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 5,
						description:
							"An hour with this many times the connection's own 7-day hourly average is unusual activity",
					},
					{
						displayName: 'Spike Minimum Calls',
						name: 'spikeMinCalls',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 20,
						description: 'An hour needs at least this many calls to count as a spike',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const rt = packageRuntime();
		const hours = Number(this.getNodeParameter('intervalHours', 24));
		if (!Number.isFinite(hours) || hours < 1)
			throw new NodeOperationError(
				this.getNode(),
				`'Check Every (Hours)' must be a number of hours, at least 1 (got '${String(hours)}').`,
			);
		const o = this.getNodeParameter('options', {}) as Record<string, unknown>;
		const options: Partial<MonitorOptions> = { intervalMs: hours * HOUR_MS };
		if (o.errorRatePercent !== undefined) options.errorRate = Number(o.errorRatePercent) / 100;
		for (const key of ['minCalls', 'spikeFactor', 'spikeMinCalls', 'authFailureBurst'] as const)
			if (o[key] !== undefined) options[key] = Number(o[key]);
		const manual = this.getMode() === 'manual';
		const state = this.getWorkflowStaticData('node') as MonitorState;
		const now = rt.connections.now();
		// n8n wakes a polling trigger at its Poll Times; the checks run once per interval (a minute's slack).
		if (
			!manual &&
			state.lastRunAt !== undefined &&
			now - state.lastRunAt < hours * HOUR_MS - 60_000
		)
			return null;
		try {
			const items = await pollMonitor(this, rt, options);
			if (items.length) return [items.map((json) => ({ json }))];
			return manual
				? [
						[
							{
								json: {
									reason: 'none',
									detail: 'No connection needs attention.',
									checkedAt: new Date(now).toISOString(),
								},
							},
						],
					]
				: null;
		} catch (error) {
			if (error instanceof ConnectionStoreError)
				throw new NodeOperationError(this.getNode(), error.message, { description: error.fix });
			throw error instanceof NodeOperationError
				? error
				: new NodeOperationError(this.getNode(), (error as Error).message);
		}
	}
}
