/** Jest runs the TypeScript sources directly; `npm run typecheck` does the type checking. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }],
	},
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	setupFilesAfterEnv: ['<rootDir>/test/setup-secret-scan.ts'],
	testTimeout: 30000,
	maxWorkers: 2,
	// A worker that has grown past this is replaced between suites (one worker holding every suite's modules ran out of heap).
	workerIdleMemoryLimit: '2GB',
};
