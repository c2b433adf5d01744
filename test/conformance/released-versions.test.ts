/**
 * Saved workflows keep working: every released version of every node still offers the parameters recorded in
 * test/conformance/released/<node>.json (same path, same type, no option value lost). A version is recorded
 * when it is released: `RECORD_RELEASED=1 npm run -s test:jest -- test/conformance/released-versions.test.ts`
 * adds the versions a record lacks and never rewrites a recorded one.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as pkg from '../../index';
import { buildDescription } from '../../lib/builder/description';
import { validateService } from '../../lib/spec/schema';
import type { ParamSpec, ServiceSpec } from '../../lib/spec/types';
import { stripeDefinition } from '../../nodes/Stripe/Stripe.service';
import {
	breakingChanges,
	bumpAdvice,
	recordVersion,
	versionsOfNode,
	type ReleasedRecord,
} from '../helpers/released';

const dir = join(__dirname, 'released');
const recording = process.env.RECORD_RELEASED === '1';

const nodes: INodeTypeDescription[] = (Object.values(pkg) as unknown[])
	.filter(
		(v): v is new () => INodeType =>
			typeof v === 'function' &&
			'prototype' in v &&
			typeof (v as { prototype: object }).prototype === 'object',
	)
	.map((C) => {
		try {
			return new C();
		} catch {
			return undefined;
		}
	})
	.filter((n): n is INodeType => Boolean(n && (n as Partial<INodeType>).description?.properties))
	.map((n) => n.description);

const fileOf = (name: string): string => join(dir, `${name}.json`);

function read(name: string): ReleasedRecord | undefined {
	return existsSync(fileOf(name))
		? (JSON.parse(readFileSync(fileOf(name), 'utf8')) as ReleasedRecord)
		: undefined;
}

/** One field a line, so a record reads (and diffs) as a list of fields. */
function serialize(record: ReleasedRecord): string {
	const versions = Object.entries(record.versions).map(([v, contexts]) => {
		const blocks = Object.entries(contexts).map(([context, fields]) => {
			const lines = Object.entries(fields).map(
				([path, field]) => `\t\t\t\t${JSON.stringify(path)}: ${JSON.stringify(field)}`,
			);
			return `\t\t\t${JSON.stringify(context)}: {\n${lines.join(',\n')}\n\t\t\t}`;
		});
		return `\t\t${JSON.stringify(v)}: {\n${blocks.join(',\n')}\n\t\t}`;
	});
	return `{\n\t"node": ${JSON.stringify(record.node)},\n\t"versions": {\n${versions.join(',\n')}\n\t}\n}\n`;
}

describe('released node versions', () => {
	it('finds the nodes of the package', () => {
		expect(nodes.length).toBeGreaterThanOrEqual(12);
	});

	it.each(nodes.map((d) => [d.name, d] as const))(
		'%s: every declared version is recorded',
		(name, d) => {
			const record = read(name) ?? { node: name, versions: {} };
			const missing = versionsOfNode(d).filter((v) => !record.versions[String(v)]);
			if (recording && missing.length) {
				for (const v of missing) record.versions[String(v)] = recordVersion(d, v);
				mkdirSync(dir, { recursive: true });
				writeFileSync(fileOf(name), serialize(record));
				return;
			}
			if (missing.length) {
				throw new Error(
					`${name}: version(s) ${missing.join(', ')} not recorded in test/conformance/released/${name}.json. Record them when released: RECORD_RELEASED=1 npm run -s test:jest -- test/conformance/released-versions.test.ts`,
				);
			}
		},
	);

	it.each(nodes.map((d) => [d.name, d] as const))(
		'%s: no released field disappears, changes type or loses an option',
		(name, d) => {
			const record = read(name);
			if (!record) return; // reported by the test above
			const problems = breakingChanges(d, record);
			if (problems.length) throw new Error(bumpAdvice(d, problems));
		},
	);
});

describe('the released-version check itself', () => {
	const record = read('stripe');
	const customerCreate = (spec: ServiceSpec) =>
		spec.resources.find((r) => r.id === 'customer')!.operations.find((o) => o.id === 'create')!;
	const edited = (patch: (spec: ServiceSpec) => void): INodeTypeDescription => {
		const spec = structuredClone(stripeDefinition.spec);
		patch(spec);
		return buildDescription(spec, { icon: 'file:stripe.svg' });
	};

	it('has the Stripe record to check against', () => {
		expect(record?.versions['1']).toBeDefined();
		expect(record?.versions['1']['customer.create']['additionalFields.address']).toBe('json');
		expect(record?.versions['2']['customer.create']['additionalFields.address']).toBeUndefined();
	});

	it('fails on a renamed field, a changed type and a lost option value, and says to bump the version', () => {
		const d = edited((spec) => {
			const params = customerCreate(spec).params!;
			params.find((p) => p.name === 'email')!.name = 'emailAddress';
			params.find((p) => p.name === 'balance')!.type = 'string';
			const currency = spec.resources
				.flatMap((r) => r.operations)
				.flatMap((o) => o.params ?? [])
				.filter((p) => p.name === 'currency');
			for (const p of currency) p.options = p.options!.filter((o) => o.value !== 'usd');
		});
		const problems = breakingChanges(d, record!);
		expect(problems).toEqual(
			expect.arrayContaining([
				'v1 customer.create additionalFields.email: the field is gone (was string)',
				'v2 customer.create additionalFields.balance: type number became string',
				expect.stringMatching(/additionalFields\.email: the field is gone/),
				expect.stringMatching(/currency: option value\(s\) "usd" are gone$/),
			]),
		);
		expect(bumpAdvice(d, problems)).toContain(
			'Bump the version: add version 3 and keep the old field under version ≤ 2',
		);
	});

	it('passes when the change comes with a new version and the old field kept under the old ones', () => {
		const d = edited((spec) => {
			spec.versions = [1, 2, 3];
			const params = customerCreate(spec).params!;
			const email = params.find((p) => p.name === 'email')!;
			params.push({ ...email, name: 'emailAddress', since: 3 } as ParamSpec);
			email.until = 2;
		});
		expect(breakingChanges(d, record!)).toEqual([]);
		// And a version 3 node shows the new field only.
		const v3 = recordVersion(d, 3)['customer.create'];
		expect(v3['additionalFields.emailAddress']).toBe('string');
		expect(v3['additionalFields.email']).toBeUndefined();
		expect(d.version).toEqual([1, 2, 3]);
		expect(d.defaultVersion).toBe(3);
	});

	it('fails when a released version is no longer declared', () => {
		const d = edited((spec) => (spec.versions = [1]));
		expect(breakingChanges(d, record!)).toContain(
			'version 2 was released but the node no longer declares it',
		);
	});
});

describe('versions in the spec schema', () => {
	const problems = (patch: (spec: ServiceSpec) => void): string[] => {
		const spec = structuredClone(stripeDefinition.spec);
		patch(spec);
		return validateService({ ...stripeDefinition, spec });
	};

	it('accepts the shipped Stripe versions', () => {
		expect(problems(() => undefined)).toEqual([]);
	});

	it('rejects versions that skip or start past 1, and fields of a version the node lacks', () => {
		expect(problems((s) => (s.versions = [1, 3]))).toEqual([
			expect.stringContaining('versions: must be 1, 2, … in order'),
		]);
		expect(problems((s) => (s.versions = [2]))).toEqual([
			expect.stringContaining('versions: must be 1, 2, … in order'),
		]);
		expect(
			problems((s) => {
				s.resources[0].operations[0].params![0].since = 3;
			}),
		).toEqual([expect.stringContaining('since 3 is not a version of the node (latest: 2)')]);
		expect(
			problems((s) => {
				Object.assign(s.resources[0].operations[0].params![0], { since: 2, until: 1 });
			}),
		).toEqual([expect.stringContaining('since must not be after until')]);
	});

	it('Return All / Limit given to a released list from a version on (listSince): older versions show neither', () => {
		const list = (spec: ServiceSpec) =>
			spec.resources.flatMap((r) => r.operations).find((o) => o.paginate)!;
		const spec = structuredClone(stripeDefinition.spec);
		list(spec).listSince = 2;
		const d = buildDescription(spec, { icon: 'file:stripe.svg' });
		const op = list(stripeDefinition.spec);
		const key = `${stripeDefinition.spec.resources.find((r) => r.operations.includes(op))!.id}.${op.id}`;
		expect(recordVersion(d, 1)[key]).not.toHaveProperty('returnAll');
		expect(recordVersion(d, 1)[key]).not.toHaveProperty('limit');
		expect(recordVersion(d, 2)[key]).toMatchObject({ returnAll: 'boolean', limit: 'number' });
		expect(problems((s) => (list(s).listSince = 3))).toEqual([
			expect.stringContaining('listSince 3 is not a version of the node'),
		]);
		expect(
			problems((s) => (s.resources[0].operations.find((o) => !o.paginate)!.listSince = 2)),
		).toEqual([expect.stringContaining('listSince needs a list (paginate or wholeList)')]);
	});
});
