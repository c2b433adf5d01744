/**
 * Loopback fake of Slack's Web API (slack.com) for the end-to-end suite, reached through the origin map: Bearer
 * bot token, `/api/auth.test`, `chat.postMessage` (JSON body), `conversations.history` with cursor paging, errors
 * as HTTP 200 `{ ok: false, error }`. Kept apart from service-fakes.ts so each service's fake is its own file.
 */
import type { RecordedRequest } from './fake-api';
import { ServiceFake, type Answer } from './service-fakes';

export const SLACK_TOKEN = 'xoxb-0e2e000001-0e2e000002-E2EFAKEBOTTOKEN0a1b2c';
export const SLACK_CLIENT_ID = '3336676.569200954261';
export const SLACK_CLIENT_SECRET = 'slack_e2e_client_secret_691fe2a4';
export const SLACK_SIGNING_SECRET = 'e2e_slack_signing_secret_8f742231b10e';
export const SLACK_CHANNEL = 'C0E2E00001';
export const SLACK_AUTH_TEST = {
	ok: true,
	url: 'https://e2e-team.slack.com/',
	team: 'E2E Team',
	user: 'n8n-e2e',
	team_id: 'T0E2E00001',
	user_id: 'U0E2EBOT01',
	bot_id: 'B0E2E00001',
	is_enterprise_install: false,
};

interface SlackMessage {
	type: 'message';
	ts: string;
	text: string;
	user: string;
}

/**
 * Slack's Web API: `https://slack.com/api/<method>`, Bearer bot token, errors as HTTP 200 `{ ok: false, error }`
 * (never 401), JSON bodies for writes, cursor paging (`response_metadata.next_cursor`), newest message first.
 */
export class SlackFake extends ServiceFake {
	readonly origin = 'https://slack.com';
	/** The channel's messages, newest first; 3 seeded. */
	readonly messages: SlackMessage[] = [3, 2, 1].map((n) => ({
		type: 'message',
		ts: `173314080${n}.000100`,
		text: `Seeded message ${n}`,
		user: 'U0E2EUSR01',
	}));
	/** Page size the fake uses whatever `limit` asks, so the history has two pages. */
	static readonly PAGE = 3;
	private seq = 0;

	protected route(r: RecordedRequest): Answer {
		if (r.headers.authorization !== `Bearer ${SLACK_TOKEN}`)
			return [200, { ok: false, error: r.headers.authorization ? 'invalid_auth' : 'not_authed' }];
		if (r.method === 'GET' && r.path === '/api/auth.test') return [200, SLACK_AUTH_TEST];
		if (r.method === 'POST' && r.path === '/api/chat.postMessage') {
			const body = JSON.parse(r.body || '{}') as Record<string, unknown>;
			if (body.channel !== SLACK_CHANNEL) return [200, { ok: false, error: 'channel_not_found' }];
			const ts = `17331410${String(++this.seq).padStart(2, '0')}.000200`;
			const message = {
				type: 'message' as const,
				ts,
				text: String(body.text ?? ''),
				user: SLACK_AUTH_TEST.user_id,
			};
			this.messages.unshift(message);
			return [
				200,
				{
					ok: true,
					channel: SLACK_CHANNEL,
					ts,
					message: { ...message, bot_id: SLACK_AUTH_TEST.bot_id, blocks: body.blocks },
				},
			];
		}
		if (r.method === 'GET' && r.path === '/api/conversations.history') {
			if (r.query.channel !== SLACK_CHANNEL)
				return [200, { ok: false, error: 'channel_not_found' }];
			const start = Number(r.query.cursor ?? 0);
			const messages = this.messages.slice(start, start + SlackFake.PAGE);
			const next = start + SlackFake.PAGE;
			const more = next < this.messages.length;
			return [
				200,
				{
					ok: true,
					messages,
					has_more: more,
					response_metadata: { next_cursor: more ? String(next) : '' },
				},
			];
		}
		return [200, { ok: false, error: 'unknown_method' }];
	}
}
