/**
 * Google watch-channel notifications that must be refused: each answered with its status and no workflow run,
 * and the channel token never in the answer (the Drive and Calendar triggers share the scheme).
 */
import type { TriggerHarness } from './trigger-harness';

export async function expectRefused(
	t: TriggerHarness,
	token: string,
	cases: ReadonlyArray<readonly [Parameters<TriggerHarness['deliver']>[0], number]>,
): Promise<void> {
	for (const [request, status] of cases) {
		const { result, response } = await t.deliver(request);
		expect({ status: response.statusCode, result }).toEqual({
			status,
			result: { noWebhookResponse: true },
		});
		expect(response.raw()).not.toContain(token);
	}
}
