/**
 * The docs as a site: a short README, one page per service (the nodes' and credentials' docs links open it; that
 * those links have no #fragment is checked in discoverability.test.ts), every page reachable from the index,
 * every relative link resolving, and the feature table's test references true.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import { services } from '../../nodes/services';
import { docPageOf } from '../kit/agreement';

const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** "Facebook Pages" → docs/services/facebook-pages.md, "X (Twitter)" → docs/services/x-twitter.md (one rule: the kit's). */
const pageOf = docPageOf;

function markdownFiles(dir: string): string[] {
	return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
		e.isDirectory()
			? markdownFiles(join(dir, e.name))
			: e.name.endsWith('.md')
				? [join(dir, e.name)]
				: [],
	);
}
const pages = ['README.md', 'CONTRIBUTING.md', ...markdownFiles('docs')];

/** Relative link targets of a Markdown file, without their #anchor (outside code blocks and spans). */
function links(file: string): string[] {
	const text = read(file)
		.replace(/```[\s\S]*?```/g, '')
		.replace(/`[^`\n]*`/g, '');
	return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
		.map((m) => m[1])
		.filter((l) => !/^[a-z]+:/.test(l) && !l.startsWith('#'));
}

describe('docs', () => {
	it('the README stays short: what it is, install, quick start, one example, links', () => {
		const readme = read('README.md');
		expect(readme.split('\n').length).toBeLessThanOrEqual(150);
		for (const heading of [
			'## Quick start',
			'## Install into n8n',
			'## Example',
			'## Documentation',
		])
			expect(readme).toContain(heading);
		// The test command, exactly as .ci/run calls it.
		expect(readme).toContain('npm cit ');
		expect(read('.ci/run')).toContain('npm cit ');
	});

	it.each(services.map((s) => [s.spec.id, s.spec.displayName] as const))(
		'service %s has a doc page, linked from the index',
		(_id, displayName) => {
			const page = pageOf(displayName);
			expect(existsSync(join(root, page))).toBe(true);
			expect(links('docs/README.md').map((l) => join('docs', l))).toContain(page);
		},
	);

	it('every page under docs/ is linked from the index (or from a page it links)', () => {
		const reached = new Set<string>();
		const visit = (file: string) => {
			if (reached.has(file) || !file.endsWith('.md')) return;
			reached.add(file);
			for (const link of links(file)) {
				const target = relative(root, join(root, dirname(file), link.split('#')[0]));
				if (existsSync(join(root, target)) && statSync(join(root, target)).isFile()) visit(target);
			}
		};
		visit('README.md');
		expect(pages.filter((p) => !reached.has(p))).toEqual([]);
	});

	it.each(pages)('%s: every relative link resolves', (file) => {
		const broken = links(file).filter(
			(l) => !existsSync(join(root, dirname(file), decodeURI(l.split('#')[0]))),
		);
		expect(broken).toEqual([]);
	});

	it("the feature table's test references exist", () => {
		const refs = [...read('docs/features.md').matchAll(/`(test\/[^`*]+)`/g)].map((m) => m[1]);
		expect(refs.length).toBeGreaterThan(40);
		expect(refs.filter((r) => !existsSync(join(root, r)))).toEqual([]);
	});
});
