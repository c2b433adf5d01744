/** The catalog is the explicit list a runtime is built with: nothing registers itself on import or on use. */
import { createRuntime, processRuntime, useRuntime } from '../../lib/runtime';
import { identityOf } from '../../lib/spec/identity';
import { packageRuntime } from '../../nodes/runtime';
import { services } from '../../nodes/services';
import { stripeDefinition } from '../../nodes/Stripe/Stripe.service';
import { anyRestSpec, chirpSpec } from './connections/fixtures';

afterAll(() => useRuntime({ observers: [], services: [] }));

it('a runtime knows exactly the services it was built with', () => {
	const rt = createRuntime({ observers: [], services: [chirpSpec, anyRestSpec] });
	expect(rt.catalog.all().map((s) => s.id)).toEqual(['chirp', 'anyRest']);
	expect(rt.catalog.get('anyRest')?.exclusive).toBe(false);
	// Using a spec (as every request does) registers nothing.
	identityOf(stripeDefinition.spec);
	expect(rt.catalog.get('stripe')).toBeUndefined();
	expect(createRuntime({ observers: [] }).catalog.size).toBe(0);
});

it("the package's runtime has the package's services; useRuntime keeps the list it replaces", () => {
	useRuntime({ observers: [], services: [] });
	expect(
		packageRuntime()
			.catalog.all()
			.map((s) => s.id),
	).toEqual(services.map((s) => s.spec.id));
	const replaced = useRuntime({ observers: [] });
	expect(replaced.catalog.all().map((s) => s.id)).toEqual(services.map((s) => s.spec.id));
	// A runtime given its own list keeps it, even when the entry layer passes the package's.
	useRuntime({ observers: [], services: [chirpSpec] });
	expect(
		processRuntime(services.map((s) => s.spec))
			.catalog.all()
			.map((s) => s.id),
	).toEqual(['chirp']);
});
