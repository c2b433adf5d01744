/**
 * Do the lists n8n and people read agree with the services list (`nodes/services.ts`)? For a project root:
 * package.json's `n8n.nodes` / `n8n.credentials`, index.ts's exports, the literal node and credential class
 * files, the codex files, the icons and the doc pages. Each problem names the file and the fix; most fixes
 * are `npm run new-service -- <id>`, which writes whatever is missing and keeps what is there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { ICredentialType, INodeType, INodeTypeDescription } from 'n8n-workflow';

import type { ServiceDefinition } from '../../lib/spec/types';

/** "Facebook Pages" → docs/services/facebook-pages.md (the page the credentials and codex files link to). */
export const docPageOf = (displayName: string) =>
	`docs/services/${displayName
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')}.md`;

interface Listed {
	/** `nodes/Github/Github.node.ts`, from `dist/nodes/Github/Github.node.js`. */
	source: string;
	/** The class name n8n expects: the file's name (`Github.node.js` → `Github`). */
	className: string;
}

const listed = (dist: string): Listed => {
	const source = dist.replace(/^dist\//, '').replace(/\.js$/, '.ts');
	return {
		source,
		className: source
			.split('/')
			.at(-1)!
			.replace(/\.(node|credentials)\.ts$/, ''),
	};
};

/** `export { X } from './nodes/…/X.node';` lines of index.ts: export name → source file. */
function indexExports(text: string): Map<string, string> {
	const out = new Map<string, string>();
	for (const m of text.matchAll(
		/^export \{ (\w+) \} from '\.\/((?:nodes|credentials)\/[^']+)';$/gm,
	))
		out.set(m[1], `${m[2]}.ts`);
	return out;
}

function instantiate<T>(root: string, source: string, className: string): T | undefined {
	const file = join(root, source);
	if (!existsSync(file)) return undefined;
	const mod = require(file.replace(/\.ts$/, '')) as Record<string, new () => T>;
	return typeof mod[className] === 'function' ? new mod[className]() : undefined;
}

function iconFiles(icon: INodeTypeDescription['icon'] | ICredentialType['icon']): string[] {
	if (!icon) return [];
	const list = typeof icon === 'string' ? [icon] : Object.values(icon as Record<string, string>);
	return list.map((i) => i.replace(/^file:/, ''));
}

/** Every disagreement between the services list and the files of `root`, each with its fix. */
export function agreementProblems(root: string, services: ServiceDefinition[]): string[] {
	const problems: string[] = [];
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	const nodes = (pkg.n8n?.nodes ?? []).map(listed);
	const credentials = (pkg.n8n?.credentials ?? []).map(listed);
	const exported = indexExports(readFileSync(join(root, 'index.ts'), 'utf8'));
	const docsIndex = existsSync(join(root, 'docs/README.md'))
		? readFileSync(join(root, 'docs/README.md'), 'utf8')
		: '';

	// Both directions between package.json's lists and index.ts's exports; each listed file exists.
	for (const entry of [...nodes, ...credentials]) {
		if (!existsSync(join(root, entry.source)))
			problems.push(
				`package.json lists dist/${entry.source.replace(/\.ts$/, '.js')}, but ${entry.source} does not exist: remove the entry or run npm run new-service -- <id>`,
			);
		if (exported.get(entry.className) !== entry.source)
			problems.push(
				`index.ts does not export ${entry.className} from ./${entry.source.replace(/\.ts$/, '')}: add \`export { ${entry.className} } from './${entry.source.replace(/\.ts$/, '')}';\``,
			);
	}
	for (const [name, source] of exported) {
		const list = source.startsWith('credentials/') ? credentials : nodes;
		if (!list.some((e) => e.source === source))
			problems.push(
				`index.ts exports ${name}, but package.json's n8n.${source.startsWith('credentials/') ? 'credentials' : 'nodes'} lacks "dist/${source.replace(/\.ts$/, '.js')}": add it`,
			);
	}

	// Load each listed node once: its description name says which service it is.
	const nodeByName = new Map<string, { entry: Listed; description: INodeTypeDescription }>();
	for (const entry of nodes) {
		const node = instantiate<INodeType>(root, entry.source, entry.className);
		if (!node) {
			if (existsSync(join(root, entry.source)))
				problems.push(
					`${entry.source} exports no class ${entry.className}: n8n loads the class named after the file`,
				);
			continue;
		}
		nodeByName.set(node.description.name, { entry, description: node.description });
	}
	const credentialByName = new Map<string, { entry: Listed; type: ICredentialType }>();
	for (const entry of credentials) {
		const type = instantiate<ICredentialType>(root, entry.source, entry.className);
		if (!type) {
			if (existsSync(join(root, entry.source)))
				problems.push(
					`${entry.source} exports no class ${entry.className}: n8n loads the class named after the file`,
				);
			continue;
		}
		credentialByName.set(type.name, { entry, type });
	}

	for (const { spec } of services) {
		const fix = `run npm run new-service -- ${spec.id}${spec.webhook ? ' --trigger' : spec.poll ? ' --poll' : ''}`;
		const wanted = [spec.id, ...(spec.webhook || spec.poll ? [`${spec.id}Trigger`] : [])];
		for (const name of wanted) {
			const found = nodeByName.get(name);
			if (!found) {
				problems.push(
					`${spec.id}: package.json's n8n.nodes lists no node named "${name}": ${fix} (it writes the class and the list entries)`,
				);
				continue;
			}
			const dir = dirname(found.entry.source);
			const codex = found.entry.source.replace(/\.ts$/, '.json');
			if (!existsSync(join(root, codex)))
				problems.push(`${spec.id}: ${codex} (the codex file of ${name}) is missing: ${fix}`);
			else {
				const node = (JSON.parse(readFileSync(join(root, codex), 'utf8')) as { node?: string })
					.node;
				if (node !== `n8n-nodes-api-connections.${name}`)
					problems.push(
						`${codex}: "node" is ${JSON.stringify(node)}: set it to "n8n-nodes-api-connections.${name}"`,
					);
			}
			for (const icon of iconFiles(found.description.icon))
				if (!existsSync(join(root, dir, icon)))
					problems.push(
						`${spec.id}: ${join(dir, icon)} (the icon of ${name}) is missing: ${fix}, then replace the placeholder with the service's mark`,
					);
		}
		for (const auth of spec.auth) {
			const found = credentialByName.get(auth.credentialType);
			if (!found) {
				problems.push(
					`${spec.id}: the spec's credential type "${auth.credentialType}" is in no class listed in package.json's n8n.credentials: ${fix} --auth ${auth.kind}`,
				);
				continue;
			}
			// A credential type several services share (Custom API and GraphQL) links to one of their pages.
			// A suite's shared credential (one connection for all its products) links to the suite's page.
			const pages = services
				.filter((s) => s.spec.auth.some((a) => a.credentialType === auth.credentialType))
				.flatMap((s) => [
					docPageOf(s.spec.displayName),
					...(s.spec.connection?.familyName ? [docPageOf(s.spec.connection.familyName)] : []),
				]);
			if (!pages.some((p) => String(found.type.documentationUrl ?? '').endsWith(`/${p}`)))
				problems.push(
					`${found.entry.source}: documentationUrl should end in /${docPageOf(spec.displayName)} (the service's doc page)`,
				);
		}
		const page = docPageOf(spec.displayName);
		if (!existsSync(join(root, page)))
			problems.push(`${spec.id}: ${page} is missing: ${fix} (it writes a page to fill in)`);
		if (!docsIndex.includes(`](${page.replace(/^docs\//, '')})`))
			problems.push(
				`${spec.id}: docs/README.md does not link ${page.replace(/^docs\//, '')}: add "- [${spec.displayName}](${page.replace(/^docs\//, '')})" under "Nodes and credentials"`,
			);
	}
	return problems;
}
