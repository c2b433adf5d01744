/**
 * What a user finds in n8n's editor: codex search keywords, docs links that survive n8n's `?utm_source=…`
 * suffix (no `#fragment`; each points at a per-service page that exists), and names nobody confuses with
 * n8n's own nodes and credentials, also in the sentences the editor builds from them.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import * as pkg from '../../index';

const root = join(__dirname, '..', '..');
const REPO_DOCS =
	'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/';

const codexFiles = readdirSync(join(root, 'nodes'), { withFileTypes: true })
	.filter((e) => e.isDirectory())
	.flatMap((e) =>
		readdirSync(join(root, 'nodes', e.name))
			.filter((f) => f.endsWith('.node.json'))
			.map((f) => join('nodes', e.name, f)),
	);

const instances = (Object.values(pkg) as unknown[])
	.filter((v): v is new () => unknown => typeof v === 'function' && 'prototype' in v)
	.map((C) => {
		try {
			return new C();
		} catch {
			return undefined;
		}
	});
const credentials = instances.filter((c): c is ICredentialType =>
	Boolean(
		c && typeof (c as ICredentialType).name === 'string' && (c as ICredentialType).properties,
	),
);
const nodes = instances
	.filter((n): n is INodeType => Boolean(n && (n as INodeType).description?.properties))
	.map((n) => n.description);

/** n8n 2.41's editor drops these words from a credential's display name to get the app name it writes in sentences. */
const appName = (displayName: string) =>
	displayName
		.split(' ')
		.filter((w) => !['API', 'OAuth1', 'OAuth2', 'MCP'].includes(w))
		.join(' ');

/** Display names of n8n's own (n8n-nodes-base) credentials and nodes ours could be mistaken for. */
const N8N_CREDENTIALS = [
	'Stripe API',
	'GitHub API',
	'GitHub OAuth2 API',
	'Facebook Graph API',
	'Facebook Graph API (App)',
	'OAuth2 API',
	'Header Auth',
	'Basic Auth',
	'Bearer Auth',
];
const N8N_NODES = [
	'Stripe',
	'Stripe Trigger',
	'GitHub',
	'GitHub Trigger',
	'Facebook Graph API',
	'Facebook Trigger',
	'HTTP Request',
	'GraphQL',
	'Webhook',
];

function docsPage(url: string): string {
	expect(url).not.toContain('#');
	expect(url.startsWith(REPO_DOCS)).toBe(true);
	const file = url.slice(REPO_DOCS.length);
	expect(file).toMatch(/^docs\/services\/[a-z0-9-]+\.md$/);
	expect(existsSync(join(root, file))).toBe(true);
	return file;
}

describe('codex files', () => {
	it('there is one per node', () => {
		// Exactly the listed nodes' codex files (13 today), so a new service does not edit this test.
		const listed = (
			JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } }
		).n8n.nodes.map((p) => p.replace(/^dist\//, '').replace(/\.js$/, '.json'));
		expect([...codexFiles].sort()).toEqual([...listed].sort());
	});

	it.each(codexFiles)(
		'%s: "API", "REST", "HTTP", "GraphQL" and "webhook" find the node',
		(file) => {
			const codex = JSON.parse(readFileSync(join(root, file), 'utf8')) as { alias?: string[] };
			expect(codex.alias?.map((a) => a.toLowerCase())).toEqual(
				expect.arrayContaining(['api', 'rest', 'http', 'graphql', 'webhook']),
			);
		},
	);

	it.each(codexFiles)('%s: docs links are per-service pages without a #fragment', (file) => {
		const codex = JSON.parse(readFileSync(join(root, file), 'utf8')) as {
			resources: Record<string, Array<{ url: string }>>;
		};
		const urls = Object.values(codex.resources)
			.flat()
			.map((r) => r.url);
		expect(urls.length).toBeGreaterThan(0);
		for (const url of urls) docsPage(url);
	});
});

describe('credentials', () => {
	it.each(credentials.map((c) => [c.name, c] as const))(
		'%s: documentationUrl is a per-service page without a #fragment',
		(_name, c) => {
			docsPage(String(c.documentationUrl));
		},
	);

	it.each(credentials.map((c) => [c.name, c] as const))(
		"%s: its display name and app name differ from n8n's and read well",
		(_name, c) => {
			expect(N8N_CREDENTIALS).not.toContain(c.displayName);
			const app = appName(c.displayName);
			expect(N8N_CREDENTIALS.map(appName)).not.toContain(app);
			// "Connect to <app>", "<app> account": a whole name, not a fragment such as "Stripe Key" or "Custom (Key)".
			expect(app).not.toMatch(/\bKey\b(?!\))|^Custom \(|\bAPI\)? API\b/);
			expect(app.length).toBeGreaterThan(3);
		},
	);
});

describe('nodes', () => {
	it.each(nodes.map((d) => [d.name, d] as const))(
		'%s: its display name differs from every n8n node',
		(_name, d) => {
			expect(N8N_NODES).not.toContain(d.displayName);
		},
	);
});

describe('icons', () => {
	// n8n ships nodes for these services with the same brand marks; ours carry the package's link badge.
	const marks = [
		'Github/github',
		'FacebookPages/facebookPages',
		'Stripe/stripe',
		'Instagram/instagram',
	];
	it.each(marks.flatMap((m) => [`${m}.svg`, `${m}.dark.svg`]))(
		'%s is the badged variant, not the plain brand mark',
		(file) => {
			const svg = readFileSync(join(root, 'nodes', file), 'utf8');
			expect(svg).toContain('data-variant="api-connections"');
			expect(svg).toMatch(/<circle cx="50" cy="50" r="13"/);
			const n8nIcon = join(
				root,
				'.peer',
				'n8n-nodes-base',
				'dist',
				'nodes',
				file.replace('FacebookPages/facebookPages', 'Facebook/facebook'),
			);
			if (existsSync(n8nIcon)) expect(svg).not.toBe(readFileSync(n8nIcon, 'utf8'));
		},
	);
});
