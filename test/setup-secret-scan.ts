/**
 * After every test file: no run of one of the package's nodes (or the test services built with its engine)
 * let a secret of its credentials reach an output, an error or the run data.
 */
import { secretScans } from './harness/run-node';

afterAll(() => {
	const leaks = secretScans.filter((s) => s.leaked.length > 0 && !s.nodeType.startsWith('harness'));
	expect(leaks).toEqual([]);
});
