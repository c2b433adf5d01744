import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { validateService } from '../../lib/spec/schema';
import type { ServiceDefinition } from '../../lib/spec/types';
import { services } from '../../nodes/services';
import { petstore } from '../fixtures/petstore';
import * as pkg from '../../index';

const root = join(__dirname, '..', '..');

/** Every credential class the package exports, by type name. */
const credentialNames = (Object.values(pkg) as unknown[])
	.filter(
		(v): v is new () => { name: string } =>
			typeof v === 'function' && /Api$/.test(v.name) && 'prototype' in v,
	)
	.map((C) => new C().name)
	.filter((name): name is string => typeof name === 'string');

describe('every service spec in the package', () => {
	it.each(services.map((s) => [s.spec.id, s] as const))(
		'%s is valid and its hooks exist',
		(_id, def) => {
			expect(validateService(def)).toEqual([]);
		},
	);

	it.each(services.map((s) => [s.spec.id, s] as const))(
		'%s names only credential types the package ships',
		(_id, def) => {
			for (const a of def.spec.auth) expect(credentialNames).toContain(a.credentialType);
		},
	);

	it('the test service used by the builder tests is valid too', () => {
		expect(validateService(petstore)).toEqual([]);
	});
});

describe('the validator catches bad specs', () => {
	const bad = (patch: (d: ServiceDefinition) => void): string[] => {
		const def = structuredClone({ spec: petstore.spec }) as ServiceDefinition;
		def.hooks = petstore.hooks;
		patch(def);
		return validateService(def);
	};

	it('a placeholder without a path param, and a path param not in the path', () => {
		expect(bad((d) => (d.spec.resources[0].operations[0].path = '/pets/{id}'))).toEqual([
			'petstore: resources.0.operations.0: path placeholder {id} has no path param',
			"petstore: resources.0.operations.0: path param 'petId' is not in the path",
		]);
	});

	it('a hook that the service does not ship', () => {
		expect(bad((d) => (d.hooks = {}))).toEqual([
			"petstore: names the hook 'adopt', which the service does not ship",
		]);
	});

	it('unknown keys, bad ids, bad base URL, options without options', () => {
		const problems = bad((d) => {
			(d.spec as unknown as Record<string, unknown>).colour = 'red';
			d.spec.resources[0].operations[0].id = 'Get-It';
			d.spec.baseUrl = 'ftp://x';
			d.spec.resources[0].operations[1].params![0].options = [];
		});
		expect(problems).toEqual(
			expect.arrayContaining([
				expect.stringContaining("Unrecognized key(s) in object: 'colour'"),
				'petstore: resources.0.operations.0.id: must be camelCase, starting with a lower-case letter',
				'petstore: baseUrl: must be an http(s) URL or a single {credentialField}',
				'petstore: resources.0.operations.1.params.0: options fields need a non-empty `options` list',
			]),
		);
	});

	it('default pagination used but not declared', () => {
		expect(bad((d) => delete d.spec.pagination)).toEqual([
			'petstore: (spec): pet.getMany uses the default pagination, but the spec declares none',
		]);
	});
});

describe('credential type names', () => {
	it("never collide with n8n-nodes-base's published list", () => {
		const list = JSON.parse(
			readFileSync(join(root, '.peer/n8n-nodes-base/dist/types/credentials.json'), 'utf8'),
		) as Array<{ name: string }>;
		const theirs = new Set(list.map((c) => c.name));
		expect(theirs.size).toBeGreaterThan(300);
		expect(credentialNames.length).toBeGreaterThan(0);
		expect(credentialNames.filter((n) => theirs.has(n))).toEqual([]);
	});
});
