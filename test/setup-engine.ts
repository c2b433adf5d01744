/**
 * Tests run without the connections observer unless they install one (`configureEngine({ observers })`):
 * the observer binds a workspace to the first credential of each service type, and most test files
 * deliberately use several credentials of one service in one process (one store per test file), which
 * the rule would reject. The rule itself is on by default in n8n and proven by test/nodes/connections-*.test.ts.
 */
import { setDefaultObservers } from '../lib/engine';

setDefaultObservers(() => []);
