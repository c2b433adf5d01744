/** The scan behind test/setup-secret-scan.ts really finds a leaked secret (so a clean scan means something). */
import type { IExecuteFunctions, INodeType } from 'n8n-workflow';

import { bearerAuthenticate, bearerTokenProperties } from '../../lib/auth/kinds';
import { runNode, secretScans } from '../harness';

const leaky: INodeType = {
	description: {
		displayName: 'Leaky',
		// 'harness' prefix: exempt from the global check, which would otherwise fail this file on purpose.
		name: 'harnessLeaky',
		group: ['transform'],
		version: 1,
		description: 'Outputs its token',
		defaults: { name: 'Leaky' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'leakyApi', required: true }],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		const creds = await this.getCredentials('leakyApi');
		return [[{ json: { token: creds.accessToken as string }, pairedItem: { item: 0 } }]];
	},
};

it('flags a run whose output contains a credential secret', async () => {
	await runNode({
		nodeTypes: [leaky],
		credentialTypes: [
			{
				name: 'leakyApi',
				displayName: 'Leaky API',
				properties: bearerTokenProperties(),
				authenticate: bearerAuthenticate,
			},
		],
		node: { type: 'harnessLeaky', parameters: {} },
		credentials: { leakyApi: { accessToken: 'tok_LEAK_123456' } },
	});
	expect(secretScans.at(-1)).toEqual({ nodeType: 'harnessLeaky', leaked: ['tok_LEAK_123456'] });
});
