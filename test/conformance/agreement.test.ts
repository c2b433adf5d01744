/**
 * The lists n8n and people read agree with the services list: package.json's n8n.nodes / n8n.credentials,
 * index.ts's exports, the literal node and credential class files, codex files, icons and doc pages
 * (test/kit/agreement.ts). Each failure names the file and the fix (mostly `npm run new-service -- <id>`).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { services } from '../../nodes/services';
import { agreementProblems } from '../kit/agreement';

const root = join(__dirname, '..', '..');

describe('package.json, index.ts, class files, codex files and doc pages agree with nodes/services.ts', () => {
	it('the package: no disagreement', () => {
		expect(agreementProblems(root, services)).toEqual([]);
	});

	describe('a disagreement is named with its file and fix', () => {
		let dir: string;
		const files = ['package.json', 'index.ts', 'docs/README.md'];
		beforeEach(() => {
			dir = mkdtempSync(join(tmpdir(), 'agreement-'));
			for (const file of files) {
				mkdirSync(dirname(join(dir, file)), { recursive: true });
				copyFileSync(join(root, file), join(dir, file));
			}
		});
		afterEach(() => rmSync(dir, { recursive: true, force: true }));
		const edit = (file: string, change: (text: string) => string) =>
			writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));

		it('a service whose node, codex, credential and page are missing', () => {
			const problems = agreementProblems(dir, [
				{
					spec: {
						...services.find((s) => s.spec.id === 'github')!.spec,
						id: 'acmeTasks',
						displayName: 'Acme Tasks',
						auth: [{ kind: 'bearer', credentialType: 'apiConnAcmeTasksApi', displayName: 'Token' }],
					},
				},
			]);
			// The copied lists point at files the temporary root does not have.
			expect(problems).toContain(
				'package.json lists dist/nodes/Github/Github.node.js, but nodes/Github/Github.node.ts does not exist: remove the entry or run npm run new-service -- <id>',
			);
			expect(problems).toEqual(
				expect.arrayContaining([
					'acmeTasks: package.json\'s n8n.nodes lists no node named "acmeTasks": run npm run new-service -- acmeTasks --trigger (it writes the class and the list entries)',
					'acmeTasks: package.json\'s n8n.nodes lists no node named "acmeTasksTrigger": run npm run new-service -- acmeTasks --trigger (it writes the class and the list entries)',
					'acmeTasks: the spec\'s credential type "apiConnAcmeTasksApi" is in no class listed in package.json\'s n8n.credentials: run npm run new-service -- acmeTasks --trigger --auth bearer',
					'acmeTasks: docs/services/acme-tasks.md is missing: run npm run new-service -- acmeTasks --trigger (it writes a page to fill in)',
					'acmeTasks: docs/README.md does not link services/acme-tasks.md: add "- [Acme Tasks](services/acme-tasks.md)" under "Nodes and credentials"',
				]),
			);
		});

		it('an index.ts export without its package.json entry, and the reverse', () => {
			// Edited as JSON: the entry's place in the list (last or not) does not matter.
			edit('package.json', (t) => {
				const pkg = JSON.parse(t) as { n8n: { nodes: string[] } };
				pkg.n8n.nodes = pkg.n8n.nodes.filter(
					(n) => n !== 'dist/nodes/Github/GithubTrigger.node.js',
				);
				return JSON.stringify(pkg, null, 2);
			});
			edit('index.ts', (t) =>
				t.replace("export { Stripe } from './nodes/Stripe/Stripe.node';\n", ''),
			);
			const problems = agreementProblems(dir, []);
			expect(problems).toContain(
				'index.ts exports GithubTrigger, but package.json\'s n8n.nodes lacks "dist/nodes/Github/GithubTrigger.node.js": add it',
			);
			expect(problems).toContain(
				"index.ts does not export Stripe from ./nodes/Stripe/Stripe.node: add `export { Stripe } from './nodes/Stripe/Stripe.node';`",
			);
		});
	});
});
