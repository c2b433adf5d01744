// n8n's own community-node rules, in the ruleset without the n8n-Cloud-only rules (see README, "Lint").
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

const community = n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport;

export default [
	{ ignores: ['dist/**', 'node_modules/**', '.peer/**', '.n8n-local/**', '.e2e/**', 'coverage/**', '**/*.js', '**/*.mjs', 'test/**', 'bench/**', 'scripts/**'] },
	// TypeScript parses package.json as a JSON document, which is what the package.json rules expect.
	{ files: ['**/*.ts', 'package.json'], languageOptions: { parser: tseslint.parser } },
	// What n8n loads (and its package.json); tests and benchmarks run only here, under Jest.
	{ ...community, files: ['index.ts', 'nodes/**/*.ts', 'credentials/**/*.ts', 'lib/**/*.ts', 'package.json'] },
	// One runtime dependency is needed: ioredis, for the shared budget and registry in n8n's queue mode (README, "Dependencies").
	{ files: ['package.json'], rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' } },
];
