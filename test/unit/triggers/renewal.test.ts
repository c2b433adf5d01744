/**
 * The renewal request's JSON body (`WebhookRenewalSpec.body`): whole-text placeholders become the registration's
 * values, `:number` as numbers; anything else is sent as written; a name without a value fails (nothing is sent).
 * Expiries as services write them, and a credential type's renewal (`byAuth`) validated like the webhook's.
 */
import { validateService } from '../../../lib/spec/schema';
import { expiryOf, renewalBody } from '../../../lib/triggers/renewal';
import { jiraDefinition } from '../../../nodes/Jira/Jira.service';

describe('renewalBody', () => {
	const values = { hookId: '10042', baseId: 'appY3WxIBCdKAzzAK' };

	it('replaces whole-text placeholders, as text or as a number, at any depth', () => {
		expect(
			renewalBody(
				{
					webhookIds: ['{hookId:number}'],
					id: '{hookId}',
					base: { id: '{baseId}', note: 'see {baseId}', keep: 7, on: true, none: null },
				},
				values,
			),
		).toEqual({
			webhookIds: [10042],
			id: '10042',
			base: { id: 'appY3WxIBCdKAzzAK', note: 'see {baseId}', keep: 7, on: true, none: null },
		});
		expect(renewalBody({}, values)).toEqual({});
	});

	it('a placeholder without a value, or a number that is not one, fails', () => {
		expect(() => renewalBody({ ids: ['{cursor}'] }, values)).toThrow(
			'the renewal body names {cursor}, which the registration has no value for',
		);
		expect(() => renewalBody({ ids: ['{baseId:number}'] }, values)).toThrow(
			'{baseId} is not a number: appY3WxIBCdKAzzAK',
		);
	});
});

describe('expiryOf', () => {
	it("reads ISO 8601 (Jira's +0000 offset too) and epoch seconds or ms", () => {
		expect(expiryOf('2019-06-01T12:42:30.000+0000')).toBe(Date.parse('2019-06-01T12:42:30Z'));
		expect(expiryOf(1_559_392_950)).toBe(1_559_392_950_000);
		expect(expiryOf(1_559_392_950_000)).toBe(1_559_392_950_000);
		expect(expiryOf('soon')).toBeNull();
	});
});

describe('a credential type’s renewal (webhook.byAuth) is checked like the webhook’s', () => {
	const withRenewal = (renewal: Record<string, unknown>) => {
		const webhook = jiraDefinition.spec.webhook!;
		const app = webhook.byAuth!.apiConnJiraOAuth2Api;
		return {
			...jiraDefinition,
			spec: {
				...jiraDefinition.spec,
				webhook: {
					...webhook,
					byAuth: {
						...webhook.byAuth,
						apiConnJiraOAuth2Api: { ...app, renewal: renewal as never },
					},
				},
			},
		};
	};

	it('Jira’s is valid; renewing no earlier than it lapses, or a body that is not an object, is refused', () => {
		expect(validateService(jiraDefinition)).toEqual([]);
		const renewal = jiraDefinition.spec.webhook!.byAuth!.apiConnJiraOAuth2Api.renewal!;
		expect(validateService(withRenewal({ ...renewal, renewBeforeMs: renewal.lifetimeMs }))).toEqual(
			[
				'jira: webhook.byAuth.apiConnJiraOAuth2Api.renewal: renewal.renewBeforeMs must be shorter than lifetimeMs',
			],
		);
		expect(validateService(withRenewal({ ...renewal, body: ['{hookId}'] }))).toHaveLength(1);
	});
});
