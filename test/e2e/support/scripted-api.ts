/**
 * A loopback server whose answers each test scripts (`answer`), recording every request it receives as
 * the other fakes do. Used as "the API" of a security test, and as "another origin" that must never
 * receive anything (its `requests` stay empty).
 */
import type { RecordedRequest } from './fake-api';
import { ServiceFake, type Answer } from './service-fakes';

export type ScriptedAnswer = Answer;

export class ScriptedApi extends ServiceFake {
	/** Stands in for no vendor: tests point nodes at its `url` directly. */
	readonly origin = '';
	/** The answer to a request; by default 200 {"ok":true}, which a leaked request would happily get. */
	answer: (r: RecordedRequest) => ScriptedAnswer = () => [200, { ok: true }];

	protected route(r: RecordedRequest): Answer {
		return this.answer(r);
	}
}
