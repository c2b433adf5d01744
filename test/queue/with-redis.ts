/**
 * Queue-mode suites need a real redis-server. Where it is not installed they skip with a message, except
 * under CI (`CI` set), where that fails the suite: `.ci/run` installs it.
 */
import { haveRedisServer } from './redis-server';

/** `describe`, or `describe.skip` with a message when redis-server is missing (never under CI). */
export function describeWithRedis(name: string, fn: () => void): void {
	if (!haveRedisServer && process.env.CI) {
		throw new Error(
			'redis-server is not installed, and CI must run the queue-mode tests: .ci/run installs it (apt-get install redis-server).',
		);
	}
	if (haveRedisServer) {
		describe(name, fn);
		return;
	}
	describe.skip(
		`${name} (skipped: redis-server is not installed; apt-get install redis-server)`,
		fn,
	);
}
