// n8n's full community-node rule set: what `n8n-node lint` and n8n's package scanner
// (@n8n/scan-community-package 0.32) apply, with only the n8n-Cloud-only rules off, each where and why below.
import { createRequire } from 'node:module';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

// Installed apart by scripts/fetch-lint-rules.sh (its npm preinstall fails; README, "Dependencies").
const require = createRequire(import.meta.url);
const n8nNodesBase = (() => {
	try {
		return require('./.peer/n8n-lint/node_modules/eslint-plugin-n8n-nodes-base');
	} catch (error) {
		throw new Error(
			`n8n's node rules are not installed: run \`npm run lint\` (or bash scripts/fetch-lint-rules.sh) first. ${error.message}`,
		);
	}
})();

const { recommended } = n8nCommunityNodesPlugin.configs;
// What n8n loads (and its package.json, and the codex files); tests and benchmarks run only here, under Jest.
const shipped = [
	'index.ts',
	'lib/**/*.ts',
	'nodes/**/*.{ts,json}',
	'credentials/**/*.{ts,json}',
	'package.json',
];

export default [
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'.peer/**',
			'.n8n-local/**',
			'.e2e/**',
			'coverage/**',
			'**/*.js',
			'**/*.mjs',
			'test/**',
			'bench/**',
			'scripts/**',
			'**/package-lock.json',
		],
	},
	// TypeScript parses package.json and codex files as JSON documents, which is what the package.json rules expect.
	{ files: ['**/*.ts', '**/*.json'], languageOptions: { parser: tseslint.parser } },
	{ ...recommended, files: shipped },
	{ files: shipped, rules: { 'no-console': 'error' } },
	// eslint-plugin-n8n-nodes-base's three rule sets, with the same overrides `n8n-node lint` and the scanner make.
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	// Cloud-only exception 1: one runtime dependency, ioredis, for the shared budget and registry in n8n's queue
	// mode (README, "Dependencies"). n8n Cloud installs no dependencies; self-hosted n8n installs them.
	{ files: ['package.json'], rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' } },
	// Cloud-only exception 2: the engine (lib/, which the scanner does not read) keeps state across executions
	// — timers for the rate-limit queue, the store and Redis, settings from the environment — which n8n Cloud's
	// sandbox forbids. nodes/ and credentials/ keep both rules on.
	{
		files: ['lib/**/*.ts', 'index.ts'],
		rules: {
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
		},
	},
];
