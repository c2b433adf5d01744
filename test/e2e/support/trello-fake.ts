/**
 * Loopback fake of Trello's REST API (https://api.trello.com/1) for the end-to-end suite, reached through the
 * origin map, answering as Trello's reference documents: the key and token in `Authorization: OAuth
 * oauth_consumer_key="…", oauth_token="…"` (a `key`/`token` in the query is refused here, so the suite proves the
 * node never puts them in a URL), errors as plain text (`invalid id`, `invalid token`), cards created in a list
 * and read back, comments added, and webhooks: `POST /1/webhooks` first sends HEAD to the callback URL and
 * creates nothing unless it answers 200 (Trello's check), `DELETE /1/webhooks/{id}` removes one.
 */
import type { RecordedRequest } from './fake-api';
import { ServiceFake, type Answer } from './service-fakes';

export const TRELLO_KEY = 'e2ef00d1c2b3a4958677a8b9c0d1e2f3';
export const TRELLO_TOKEN =
	'ATTAe2eFakeTrelloToken5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a291807A1B2C3D4';
export const TRELLO_SECRET = 'e2e-trello-app-secret-0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d';
export const TRELLO_BOARD = '60e2e0000000000000000b01';
export const TRELLO_LIST = '60e2e0000000000000000101';
export const TRELLO_MEMBER = {
	id: '60e2e0000000000000000m01',
	username: 'e2etrello',
	fullName: 'E2E Trello',
	initials: 'ET',
	url: 'https://trello.com/e2etrello',
};

const text = (status: number, body: string): Answer => [
	status,
	Buffer.from(body),
	{ 'content-type': 'text/plain; charset=utf-8' },
];

export class TrelloFake extends ServiceFake {
	readonly origin = 'https://api.trello.com';
	readonly cards: Array<Record<string, unknown>> = [];
	readonly webhooks = new Map<
		string,
		{ callbackURL: string; idModel: string; description: string }
	>();
	/** What the callback URL answered to each HEAD check. */
	readonly headChecks: number[] = [];

	protected async route(r: RecordedRequest): Promise<Answer> {
		if (r.query.key !== undefined || r.query.token !== undefined)
			return text(400, 'the key and token belong in the Authorization header in this fake');
		if (
			r.headers.authorization !==
			`OAuth oauth_consumer_key="${TRELLO_KEY}", oauth_token="${TRELLO_TOKEN}"`
		)
			return text(401, 'invalid token');
		const key = `${r.method} ${r.path}`;
		if (key === 'GET /1/members/me') return [200, TRELLO_MEMBER];
		if (key === 'POST /1/cards') {
			if (r.query.idList !== TRELLO_LIST) return text(400, 'invalid value for idList');
			const card = {
				id: `60e2e00000000000000c${String(this.cards.length + 1).padStart(4, '0')}`,
				name: r.query.name ?? '',
				desc: r.query.desc ?? '',
				idList: TRELLO_LIST,
				idBoard: TRELLO_BOARD,
				idLabels: r.query.idLabels ? r.query.idLabels.split(',') : [],
				closed: false,
				shortUrl: `https://trello.com/c/e2e${this.cards.length + 1}`,
			};
			this.cards.push(card);
			return [200, card];
		}
		if (key === `GET /1/lists/${TRELLO_LIST}/cards`) return [200, this.cards];
		const comment = /^POST \/1\/cards\/([^/]+)\/actions\/comments$/.exec(key);
		if (comment) {
			const card = this.cards.find((c) => c.id === decodeURIComponent(comment[1]));
			if (!card) return text(400, 'invalid id');
			return [
				200,
				{
					id: '60e2e00000000000000a0001',
					type: 'commentCard',
					data: { text: r.query.text, card: { id: card.id, name: card.name } },
					memberCreator: TRELLO_MEMBER,
				},
			];
		}
		if (key === 'POST /1/webhooks') return await this.createWebhook(r);
		const hook = /^(GET|DELETE) \/1\/webhooks\/([^/]+)$/.exec(key);
		if (hook) {
			const id = decodeURIComponent(hook[2]);
			const found = this.webhooks.get(id);
			if (!found) return text(404, 'The requested resource was not found.');
			if (hook[1] === 'DELETE') {
				this.webhooks.delete(id);
				return [200, { _value: null }];
			}
			return [200, { id, ...found, active: true }];
		}
		return text(404, 'The requested resource was not found.');
	}

	/** Trello's check: HEAD to the callback URL must answer 200, else no webhook. */
	private async createWebhook(r: RecordedRequest): Promise<Answer> {
		const { callbackURL, idModel, description } = r.query;
		if (!callbackURL || !idModel) return text(400, 'invalid value for callbackURL');
		if (idModel !== TRELLO_BOARD) return text(400, 'invalid value for idModel');
		for (const h of this.webhooks.values())
			if (h.callbackURL === callbackURL && h.idModel === idModel)
				return text(400, 'A webhook with that callback, model, and token already exists');
		const status = await fetch(callbackURL, {
			method: 'HEAD',
			signal: AbortSignal.timeout(10_000),
		}).then(
			(res) => res.status,
			() => 0,
		);
		this.headChecks.push(status);
		if (status !== 200)
			return text(400, `URL (${callbackURL}) did not return 200 status code, got ${status}`);
		const id = `60e2e00000000000000w${String(this.webhooks.size + 1).padStart(4, '0')}`;
		this.webhooks.set(id, { callbackURL, idModel, description: description ?? '' });
		return [200, { id, callbackURL, idModel, description, active: true, consecutiveFailures: 0 }];
	}
}
