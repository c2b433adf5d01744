/**
 * The built package, as n8n loads it: every file package.json lists exists under dist/, loads, and its
 * class instantiates; icons and codex files are there; names follow n8n's conventions.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

import type { ICredentialType, INodeType, INodeTypeDescription } from 'n8n-workflow';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	name: string;
	keywords: string[];
	license: string;
	files: string[];
	peerDependencies: Record<string, string>;
	dependencies?: Record<string, string>;
	n8n: { n8nNodesApiVersion: number; nodes: string[]; credentials: string[] };
};
const built = existsSync(join(root, 'dist/index.js'));
if (process.env.CI && !built)
	throw new Error(
		'dist/ is missing: CI runs `npm run build` before Jest (see package.json test:all).',
	);

/** Loads a class the way n8n does: the export named after the file (`X.node.js` → `X`, `X.credentials.js` → `X`). */
function load<T>(file: string): T {
	const mod = require(join(root, file)) as Record<string, new () => T>;
	const classes = Object.values(mod).filter((v) => typeof v === 'function');
	expect(classes).toHaveLength(1);
	const className = basename(file).replace(/\.(node|credentials)\.js$/, '');
	expect(typeof mod[className]).toBe('function');
	return new mod[className]();
}

function iconFiles(icon: INodeTypeDescription['icon'] | ICredentialType['icon']): string[] {
	if (!icon) return [];
	const list = typeof icon === 'string' ? [icon] : Object.values(icon as Record<string, string>);
	return list.map((i) => i.replace(/^file:/, ''));
}

describe('package.json follows n8n community conventions', () => {
	it('has the keyword, MIT licence, dist-only files, n8n-workflow peer and only the Redis client at run time', () => {
		expect(pkg.name).toMatch(/^n8n-nodes-[a-z0-9-]+$/);
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		// ioredis serves queue mode (README, "Dependencies"); nothing else ships to users.
		expect(Object.keys(pkg.dependencies ?? {})).toEqual(['ioredis']);
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
		for (const f of [...pkg.n8n.nodes, ...pkg.n8n.credentials])
			expect(f).toMatch(/^dist\/.+\.(node|credentials)\.js$/);
	});
});

(built ? describe : describe.skip)('the build (dist/)', () => {
	it.each(pkg.n8n.credentials)('%s loads, instantiates and has its icons', (file) => {
		expect(existsSync(join(root, file))).toBe(true);
		const cred = load<ICredentialType>(file);
		expect(cred.name).toMatch(/Api$/);
		expect(cred.documentationUrl).toMatch(/^https:\/\//);
		for (const icon of iconFiles(cred.icon))
			expect(existsSync(resolve(dirname(join(root, file)), icon))).toBe(true);
	});

	it.each(pkg.n8n.credentials)(
		'%s, loaded alone as n8n loads it at start, loads no engine, store or Redis module',
		(file) => {
			// A fresh process: what require.cache holds after loading only this class.
			const script = `require(${JSON.stringify(join(root, file))}); console.log(JSON.stringify(Object.keys(require.cache)))`;
			const loaded = (
				JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as string[]
			).map((m) => m.slice(root.length + 1));
			expect(
				loaded.filter((m) =>
					/store|redis|sqlite|transport|connections|builder|\.hooks\.|\.service\./i.test(m),
				),
			).toEqual([]);
			expect(loaded.filter((m) => m.startsWith('dist/')).length).toBeLessThanOrEqual(4);
		},
	);

	it.each(pkg.n8n.nodes)('%s loads, instantiates, and ships its icons and codex file', (file) => {
		expect(existsSync(join(root, file))).toBe(true);
		const node = load<INodeType>(file);
		const d = node.description;
		expect(d.subtitle).toBeTruthy();
		for (const icon of iconFiles(d.icon))
			expect(existsSync(resolve(dirname(join(root, file)), icon))).toBe(true);
		const codexPath = join(root, file.replace(/\.js$/, '.json'));
		expect(existsSync(codexPath)).toBe(true);
		const codex = JSON.parse(readFileSync(codexPath, 'utf8')) as {
			node: string;
			categories: string[];
		};
		expect(codex.node).toBe(`${pkg.name}.${d.name}`);
		expect(codex.categories.length).toBeGreaterThan(0);
		for (const c of d.credentials ?? [])
			expect(pkg.n8n.credentials.some((f) => load<ICredentialType>(f).name === c.name)).toBe(true);
	});

	it('index.js exports every node and credential class', () => {
		const index = require(join(root, 'dist/index.js')) as Record<string, unknown>;
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			const mod = require(join(root, file)) as Record<string, unknown>;
			for (const name of Object.keys(mod)) expect(index[name]).toBe(mod[name]);
		}
	});
});
