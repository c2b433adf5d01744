/**
 * Slack Trigger (API Connections): the Events API, slash commands and interactivity on one signed URL, through
 * n8n-core's real WebhookContext (services.md § Slack): `X-Slack-Signature: v0=` + hex HMAC-SHA256 of
 * `v0:<X-Slack-Request-Timestamp>:<raw body>` with the app's Signing Secret, 5 minutes either way; the signed
 * `url_verification` challenge; retries (`X-Slack-Retry-Num`) deduplicated by `event_id`; the event types picked;
 * form-encoded slash commands and `payload=` interactivity verified over the raw bytes; the SSL check.
 */
import { createHmac } from 'node:crypto';

import nock from 'nock';

import { ApiConnSlackOAuth2Api } from '../../credentials/ApiConnSlackOAuth2Api.credentials';
import { useRuntime } from '../../lib/runtime';
import { sharedReplayStore } from '../../lib/webhooks';
import { triggerWebhook } from '../../lib/triggers';
import { slackDefinition } from '../../nodes/Slack/Slack.service';
import { SlackTrigger } from '../../nodes/Slack/SlackTrigger.node';
import { createTriggerHarness, type TriggerHarness } from '../helpers/trigger-harness';
import { createWebhookContext } from '../helpers/webhook-context';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

beforeAll(() => nock.disableNetConnect());
beforeEach(() => useRuntime({ observers: [] }));
beforeEach(async () => await sharedReplayStore().clear());
afterAll(() => {
	useRuntime();
	nock.enableNetConnect();
});

function harness(events: string[] = ['app_mention'], signingSecret = SECRET): TriggerHarness {
	return createTriggerHarness({
		nodeType: new SlackTrigger(),
		parameters: { events, signingSecret } as never,
		credentials: {
			apiConnSlackOAuth2Api: {
				oauthTokenData: { access_token: 'xoxb-1-trigger', token_type: 'bot' },
			},
		},
		credentialTypes: [new ApiConnSlackOAuth2Api()],
	});
}

/** Signed as Slack signs (computed here with node:crypto, independently of the package's verifier). */
const sign = (body: string, ts: number, secret = SECRET) =>
	`v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
const now = () => Math.floor(Date.now() / 1000);

function delivery(
	body: string,
	options: { ts?: number; secret?: string; type?: string; headers?: Record<string, string> } = {},
) {
	const ts = options.ts ?? now();
	return {
		method: 'POST',
		rawBody: body,
		headers: {
			'content-type': options.type ?? 'application/json',
			'x-slack-request-timestamp': String(ts),
			'x-slack-signature': sign(body, ts, options.secret),
			...options.headers,
		},
	};
}

const mention = (eventId = 'Ev08MFMKH6') =>
	JSON.stringify({
		token: 'ZZZZZZWSxiZZZ2yIvs3peJ',
		team_id: 'T123ABC456',
		api_app_id: 'A123ABC456',
		event: {
			type: 'app_mention',
			user: 'U123ABC456',
			text: 'What is the hour of the pearl, <@U0LAN0Z89>?',
			ts: '1515449522.000016',
			channel: 'C123ABC456',
			event_ts: '1515449522000016',
		},
		type: 'event_callback',
		event_id: eventId,
		event_time: 1515449522000016,
		authed_users: ['U0LAN0Z89'],
	});

const started = (result: unknown) =>
	Array.isArray((result as { workflowData?: unknown }).workflowData);

describe('Slack Trigger', () => {
	it('is a manual registration with a Signing Secret field and the event types to pick', () => {
		const d = new SlackTrigger().description;
		const names = d.properties.map((p) => p.name);
		expect(names).toEqual(expect.arrayContaining(['events', 'signingSecret']));
		const events = d.properties.find((p) => p.name === 'events');
		expect(events?.default).toEqual(['app_mention']);
		expect((events?.options ?? []).map((o) => (o as { value: string }).value)).toEqual(
			expect.arrayContaining([
				'*',
				'message',
				'app_mention',
				'reaction_added',
				'/*',
				'block_actions',
				'view_submission',
			]),
		);
	});

	it("verifies Slack's documented test vector (slash command, form-encoded) at its own time", async () => {
		const body =
			'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
		const headers = {
			'content-type': 'application/x-www-form-urlencoded',
			'x-slack-request-timestamp': '1531420618',
			'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
		};
		const ctx = (parameters: Record<string, unknown>) =>
			createWebhookContext({ parameters, request: { method: 'POST', headers, rawBody: body } });
		const ok = ctx({ events: ['/*'], signingSecret: SECRET });
		const result = await triggerWebhook(ok.context, slackDefinition, {
			now: 1531420618_000 + 1000,
		});
		expect(result.workflowData?.[0][0].json).toMatchObject({
			event: '/webhook-collect',
			deliveryId: '398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
			body: {
				command: '/webhook-collect',
				channel_id: 'G8PSS9T3V',
				user_name: 'roadrunner',
				text: '',
			},
		});
		// Acknowledged with an empty 200 (Slack would show a JSON answer to the user as a reply).
		expect([ok.response.statusCode, ok.response.body]).toEqual([200, undefined]);
		const wrong = ctx({ events: ['/*'], signingSecret: `${SECRET}x` });
		await triggerWebhook(wrong.context, slackDefinition, { now: 1531420618_000 + 1000 });
		expect(wrong.response.statusCode).toBe(401);
		// The same request six minutes later is stale.
		const late = ctx({ events: ['/*'], signingSecret: SECRET });
		await triggerWebhook(late.context, slackDefinition, { now: 1531420618_000 + 360_000 });
		expect(late.response.statusCode).toBe(401);
	});

	it('answers the signed url_verification challenge with {"challenge"} and starts nothing', async () => {
		const t = harness();
		const body = JSON.stringify({
			token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
			challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
			type: 'url_verification',
		});
		const { result, response } = await t.deliver(delivery(body));
		expect(result).toEqual({ noWebhookResponse: true });
		expect([response.statusCode, response.body]).toEqual([
			200,
			{ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' },
		]);
		// Unsigned (or signed with another secret), the challenge is not answered.
		const forged = await t.deliver(delivery(body, { secret: 'not-the-signing-secret' }));
		expect(forged.response.statusCode).toBe(401);
		expect(JSON.stringify(forged.response.body)).not.toContain(
			'3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
		);
	});

	it('a signed app_mention starts one execution with the event, event_id, payload and headers', async () => {
		const t = harness();
		const d = delivery(mention());
		const { result, response } = await t.deliver(d);
		expect(response.statusCode).toBe(200);
		expect(response.body).toBeUndefined();
		expect(result).toEqual({
			noWebhookResponse: true,
			workflowData: [
				[
					{
						json: {
							event: 'app_mention',
							deliveryId: 'Ev08MFMKH6',
							body: JSON.parse(mention()),
							headers: d.headers,
							query: {},
						},
					},
				],
			],
		});
		expect(JSON.stringify(result)).not.toContain(SECRET);
	});

	it('rejects (401, no execution) a tampered body, another secret, no signature, no timestamp, a stale or a future timestamp', async () => {
		const t = harness();
		const body = mention();
		const cases = {
			tampered: { ...delivery(body), rawBody: body.replace('pearl', 'PEARL') },
			otherSecret: delivery(body, { secret: 'another-app-signing-secret' }),
			unsigned: {
				...delivery(body),
				headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(now()) },
			},
			noTimestamp: {
				...delivery(body),
				headers: { 'content-type': 'application/json', 'x-slack-signature': sign(body, now()) },
			},
			// A minute past the window either way: the cases are built before the first delivery, and time passes.
			stale: delivery(body, { ts: now() - 360 }),
			future: delivery(body, { ts: now() + 360 }),
			v1: {
				...delivery(body),
				headers: {
					...delivery(body).headers,
					'x-slack-signature': delivery(body).headers['x-slack-signature'].replace('v0=', 'v1='),
				},
			},
		};
		for (const [name, d] of Object.entries(cases)) {
			const { result, response } = await t.deliver(d);
			expect({ name, status: response.statusCode, started: started(result) }).toEqual({
				name,
				status: 401,
				started: false,
			});
		}
	});

	it('a timestamp 299 s old is still fresh (the window is 5 minutes)', async () => {
		const { result } = await harness().deliver(delivery(mention(), { ts: now() - 299 }));
		expect(started(result)).toBe(true);
	});

	it('no Signing Secret set: every delivery is refused, saying where to paste it', async () => {
		const { result, response } = await harness(['app_mention'], '').deliver(delivery(mention()));
		expect(started(result)).toBe(false);
		expect(response.statusCode).toBe(401);
		expect(response.body).toEqual({
			message:
				"No Slack signing secret is set, so deliveries cannot be verified. Paste it into the trigger's Signing Secret field.",
		});
	});

	it('a replayed copy and a Slack retry of the same event_id (new signature) start nothing', async () => {
		const t = harness();
		const first = delivery(mention('Ev0RETRY1'));
		expect(started((await t.deliver(first)).result)).toBe(true);
		const copy = await t.deliver(first);
		expect([copy.response.statusCode, started(copy.result)]).toEqual([401, false]);
		// Slack's retry: same event, re-signed a second later, with X-Slack-Retry-Num.
		const retry = delivery(mention('Ev0RETRY1'), {
			ts: now() + 1,
			headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
		});
		const again = await t.deliver(retry);
		// Answered 200 so Slack stops re-sending (only the secret's holder signs anew).
		expect([again.response.statusCode, started(again.result)]).toEqual([200, false]);
		// Another event goes through.
		expect(started((await t.deliver(delivery(mention('Ev0OTHER2')))).result)).toBe(true);
	});

	it('an event type not picked is acknowledged and starts nothing; "Any Event" takes it', async () => {
		const reaction = JSON.stringify({
			type: 'event_callback',
			event_id: 'Ev0REACT1',
			event: {
				type: 'reaction_added',
				user: 'U123ABC456',
				reaction: 'thumbsup',
				item: { type: 'message', channel: 'C123ABC456', ts: '1360782400.498405' },
			},
		});
		const notPicked = await harness(['app_mention']).deliver(delivery(reaction));
		expect(started(notPicked.result)).toBe(false);
		expect(notPicked.result).toEqual({ webhookResponse: { message: 'Event not selected' } });
		const any = await harness(['*']).deliver(delivery(reaction));
		expect((any.result.workflowData?.[0][0].json as { event: string }).event).toBe(
			'reaction_added',
		);
	});

	it("interactivity: the form's payload JSON is the body, its type the event (block_actions)", async () => {
		const payload = {
			type: 'block_actions',
			trigger_id: '12466734323.1395872398',
			user: { id: 'U123ABC456', username: 'ada' },
			team: { id: 'T123ABC456', domain: 'acme' },
			actions: [
				{
					action_id: 'approve',
					block_id: 'b1',
					type: 'button',
					value: 'yes',
					action_ts: '1548426417.840180',
				},
			],
			response_url: 'https://hooks.slack.com/actions/T123ABC456/1234/abcd',
		};
		const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
		const { result, response } = await harness(['block_actions']).deliver(
			delivery(body, { type: 'application/x-www-form-urlencoded' }),
		);
		expect(result.workflowData?.[0][0].json).toMatchObject({
			event: 'block_actions',
			deliveryId: '12466734323.1395872398',
			body: payload,
		});
		expect([response.statusCode, response.body]).toEqual([200, undefined]);
		// The same form, its payload changed after signing: 401.
		const tampered = {
			...delivery(body, { type: 'application/x-www-form-urlencoded' }),
			rawBody: body.replace('yes', 'no'),
		};
		const forged = await harness(['block_actions']).deliver(tampered);
		expect([forged.response.statusCode, started(forged.result)]).toEqual([401, false]);
	});

	it('a slash command is picked by "Slash Command" and not by event types', async () => {
		const body =
			'command=%2Fdeploy&text=web&user_id=U123ABC456&channel_id=C123ABC456&trigger_id=13345224609.738474920.8088930838d88f008e0';
		const d = delivery(body, { type: 'application/x-www-form-urlencoded' });
		expect(started((await harness(['app_mention']).deliver(d)).result)).toBe(false);
		await sharedReplayStore().clear();
		const { result } = await harness(['/*']).deliver(d);
		expect(result.workflowData?.[0][0].json).toMatchObject({
			event: '/deploy',
			body: { command: '/deploy', text: 'web' },
		});
	});

	it("Slack's SSL check (ssl_check=1) gets an empty 200 and starts nothing", async () => {
		const { result, response } = await harness(['/*']).deliver({
			method: 'POST',
			rawBody: 'ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		expect(result).toEqual({ noWebhookResponse: true });
		expect([response.statusCode, response.body]).toEqual([200, undefined]);
	});

	it('a signed body that is neither JSON nor a form is refused with 400', async () => {
		const { result, response } = await harness(['*']).deliver(
			delivery('hello', { type: 'text/plain' }),
		);
		expect(started(result)).toBe(false);
		expect(response.statusCode).toBe(400);
		expect(response.body).toEqual({
			message:
				'Slack deliveries are JSON or form fields, but this body is not (Content-Type: text/plain): it was rejected and started nothing.',
		});
	});
});
