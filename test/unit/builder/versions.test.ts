/** Node versions from spec data: `versions` gives n8n's version list and default, `since`/`until` the `@version` rules. */
import { buildDescription } from '../../../lib/builder/description';
import { buildTriggerDescription } from '../../../lib/triggers';
import type { ServiceDefinition } from '../../../lib/spec/types';
import { githubDefinition } from '../../../nodes/Github/Github.service';
import { petstore } from '../../fixtures/petstore';

describe('versions from the spec', () => {
	it('a spec without versions builds a version 1 node, as before', () => {
		const d = buildDescription(petstore.spec, { icon: 'file:x.svg' });
		expect(d.version).toBe(1);
		expect(d.defaultVersion).toBeUndefined();
	});

	it('versions give the list and the newest as default; since/until show a field to its versions only', () => {
		const spec = structuredClone(petstore.spec);
		spec.versions = [1, 2, 3];
		const get = spec.resources[0].operations[0];
		get.params = [
			{ ...get.params![0], until: 1 },
			{ ...get.params![0], name: 'petIdentifier', since: 2 },
			{ ...get.params![1], since: 2, until: 2 },
		];
		const d = buildDescription(spec, { icon: 'file:x.svg' });
		expect(d.version).toEqual([1, 2, 3]);
		expect(d.defaultVersion).toBe(3);
		const field = (name: string) =>
			d.properties.find(
				(p) => p.name === name && p.displayOptions?.show?.operation?.includes('get'),
			);
		expect(field('petId')?.displayOptions?.show).toEqual({
			resource: ['pet'],
			operation: ['get'],
			'@version': [1],
		});
		expect(field('petIdentifier')?.displayOptions?.show).toEqual({
			resource: ['pet'],
			operation: ['get'],
			'@version': [2, 3],
		});
		const expand = (
			field('additionalFields')?.options as Array<{ name: string; displayOptions?: unknown }>
		).find((o) => o.name === 'expand');
		expect(expand?.displayOptions).toEqual({ show: { '@version': [2] } });
	});

	it("the trigger node takes the webhook's versions, apart from the action node's", () => {
		const def: ServiceDefinition = structuredClone({ spec: githubDefinition.spec });
		def.hooks = githubDefinition.hooks;
		def.spec.versions = [1, 2];
		const webhook = def.spec.webhook!;
		webhook.versions = [1, 2];
		webhook.params = [
			...(webhook.params ?? []),
			{ name: 'branch', displayName: 'Branch', type: 'string', since: 2 },
		];
		const d = buildTriggerDescription(def, { icon: 'file:x.svg' });
		expect(d.version).toEqual([1, 2]);
		expect(d.defaultVersion).toBe(2);
		expect(d.properties.find((p) => p.name === 'branch')?.displayOptions).toEqual({
			show: { '@version': [2] },
		});
		expect(buildTriggerDescription(githubDefinition, { icon: 'file:x.svg' }).version).toBe(1);
	});
});
