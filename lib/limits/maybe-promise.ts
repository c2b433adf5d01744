/**
 * A value at once, or a promise of it. The in-memory stores answer at once and a shared one (Redis) later; the
 * limiter waits only for the latter, since each `await` costs every request a turn of the event loop's queue.
 */
export type MaybePromise<T> = T | Promise<T>;

/** `next` applied to `value`: at once when the value is there, else once it is. */
export function andThen<T, U>(
	value: MaybePromise<T>,
	next: (v: T) => MaybePromise<U>,
): MaybePromise<U> {
	return value instanceof Promise ? value.then(next) : next(value);
}

/** Runs `step`, its failure ignored (best effort), waiting only if it answers later. */
export function quietly(step: () => MaybePromise<unknown>): MaybePromise<void> {
	try {
		const result = step();
		if (result instanceof Promise)
			return result.then(
				() => undefined,
				() => undefined,
			);
	} catch {
		// ignored, as asked
	}
	return undefined;
}
