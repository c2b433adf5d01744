/**
 * The shape of the code as the module loader sees it: no import cycle, the transport below everything
 * that uses it, and credential classes that load only leaf modules (n8n loads every credential at start).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { closure, cycles, importGraph, ROOT } from '../helpers/import-graph';

const graph = importGraph();

it('has no import cycle in lib/, nodes/ or credentials/', () => {
	expect(graph.size).toBeGreaterThan(80);
	expect(cycles(graph)).toEqual([]);
});

it('finds a cycle when there is one (the check itself works)', () => {
	const g = new Map([
		['a.ts', ['b.ts']],
		['b.ts', ['c.ts', 'n8n-workflow']],
		['c.ts', ['a.ts']],
		['d.ts', ['a.ts']],
	]);
	expect(cycles(g)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
});

it('lib/transport imports nothing above itself', () => {
	// Below the transport: the limiter, retry rules and response cache it drives, and packages.
	const allowed = /^(lib\/(transport|limits|retry|cache)\/|node:|n8n-workflow$)/;
	const above = [...graph.keys()]
		.filter((f) => f.startsWith('lib/transport/'))
		.flatMap((f) =>
			closure(graph, f)
				.filter((m) => !allowed.test(m))
				.map((m) => `${f} -> ${m}`),
		);
	expect(above).toEqual([]);
});

it('the runtime is built in one place and read only by the n8n entry layer', () => {
	// Below the entry layer the runtime is an argument (the CallContext's engine), never a global to reach for.
	expect(graph.has('lib/engine.ts')).toBe(false);
	const entry =
		/^(index\.ts|lib\/index\.ts|lib\/builder\/execute\.ts|lib\/triggers\/lifecycle\.ts|lib\/triggers\/poll\.ts|nodes\/runtime\.ts|nodes\/[A-Za-z]+\/[A-Za-z]+\.node\.ts)$/;
	const readers = [...graph]
		.filter(([, imports]) => imports.includes('lib/runtime.ts'))
		.map(([file]) => file);
	expect(readers.length).toBeGreaterThan(0);
	expect(readers.filter((f) => !entry.test(f))).toEqual([]);
});

describe('credential classes load only leaf modules', () => {
	const credentials = readdirSync(join(ROOT, 'credentials')).filter((f) => f.endsWith('.ts'));
	it.each(credentials)('%s', (file) => {
		const loaded = closure(graph, `credentials/${file}`);
		// Field builders and plain facts: nothing that sends, stores or registers anything.
		const leaf =
			/^(credentials\/|lib\/auth\/kinds\.ts$|lib\/auth\/jwt-bearer\.ts$|lib\/auth\/consumer-key\.ts$|node:crypto$|nodes\/[A-Za-z]+\/[A-Za-z]+\.oauth\.ts$|nodes\/Meta\/meta\.ts$|n8n-workflow$)/;
		expect(loaded.filter((m) => !leaf.test(m))).toEqual([]);
	});

	it('the GitHub OAuth2 credential loads a handful of modules, no store and no Redis', () => {
		const loaded = closure(graph, 'credentials/ApiConnGithubOAuth2Api.credentials.ts').filter((m) =>
			m.includes('/'),
		);
		expect(loaded.filter((m) => /store|redis|sqlite/i.test(m))).toEqual([]);
		expect(loaded.length).toBeLessThanOrEqual(3);
	});
});
