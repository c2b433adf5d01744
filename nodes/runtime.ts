/**
 * The package's runtime in an n8n process: the engine's process runtime, whose catalog is the explicit list
 * of services this package ships (`nodes/services.ts`). Every node class sends through it.
 */
import { processRuntime, type Runtime } from '../lib/runtime';
import { services } from './services';

const specs = services.map((s) => s.spec);

export function packageRuntime(): Runtime {
	return processRuntime(specs);
}
