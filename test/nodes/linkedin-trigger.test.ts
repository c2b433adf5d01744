/**
 * LinkedIn Trigger: the generic polling trigger (lib/triggers/poll.ts) on LinkedIn's Organization Social Action
 * Notifications and a post's comments, through n8n-core's PollContext against a fake of api.linkedin.com:
 * baseline on activation, each new comment or mention once, the Rest.li request, the manual test event.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { ApiConnLinkedInOAuth2Api } from '../../credentials/ApiConnLinkedInOAuth2Api.credentials';
import { LinkedInTrigger } from '../../nodes/LinkedIn/LinkedInTrigger.node';
import { driveClock } from '../helpers/fake-clock';
import { createPollHarness } from '../helpers/poll-harness';
import { serviceKit } from '../kit';

const API = 'https://api.linkedin.com';
const TOKEN = 'AQVh7cKZMemberToken0123456789';
const ORG = 'urn:li:organization:2414183';

const kit = serviceKit({
	origin: API,
	nodeTypes: [new LinkedInTrigger()],
	credentialTypes: [new ApiConnLinkedInOAuth2Api()],
});

function harness(parameters: Record<string, unknown>) {
	const h = createPollHarness({
		nodeType: new LinkedInTrigger(),
		parameters: parameters as never,
		credentialTypes: [new ApiConnLinkedInOAuth2Api()],
		credentials: {
			apiConnLinkedInOAuth2Api: {
				clientId: '86yrtgbe0h5tzw',
				clientSecret: 'li_client_secret_Wq8Z',
				oauthTokenData: { access_token: TOKEN, expires_in: 5184000 },
			},
		},
		nodeCredentials: { apiConnLinkedInOAuth2Api: { id: 'cred-li', name: 'LinkedIn page admin' } },
	});
	return {
		...h,
		poll: async (mode?: 'manual' | 'trigger') => await driveClock(kit.clock, h.poll(mode)),
	};
}

/** A notification as LinkedIn's Organization Social Action Notifications API documents it. */
const notification = (n: number, action = 'COMMENT') => ({
	lastModifiedAt: 1701436800000 + n * 60_000,
	organizationalEntity: ORG,
	action,
	sourcePost: 'urn:li:share:6844785523593134080',
	generatedActivity:
		action === 'COMMENT'
			? `urn:li:comment:(urn:li:activity:6844785523593134080,66360628627605626${n})`
			: `urn:li:share:68447855235931399${n}`,
});
const page = (...elements: object[]) => ({ paging: { start: 0, count: 50, links: [] }, elements });
const json = (out: INodeExecutionData[][] | null) => out?.[0].map((i) => i.json) ?? null;

describe('LinkedIn Trigger (polling)', () => {
	it('two events: comments or mentions on the page’s posts, and comments on one post', () => {
		const d = new LinkedInTrigger().description;
		expect(d).toMatchObject({
			name: 'linkedInTrigger',
			displayName: 'LinkedIn Trigger (API Connections)',
			polling: true,
			credentials: [{ name: 'apiConnLinkedInOAuth2Api', required: true }],
		});
		expect(d.properties.map((p) => [p.name, p.displayOptions?.show])).toEqual([
			['event', undefined],
			['organizationalEntity', { event: ['newSocialAction'] }],
			['actions', { event: ['newSocialAction'] }],
			['postUrn', { event: ['newComment'] }],
		]);
	});

	it('activation takes a baseline; each new comment or mention is emitted once', async () => {
		const h = harness({
			event: 'newSocialAction',
			organizationalEntity: ORG,
			actions: ['COMMENT', 'SHARE_MENTION'],
		});
		const s1 = kit.fake(['GET', 200, page(notification(2), notification(1, 'SHARE_MENTION'))]);
		expect(await h.poll()).toBeNull();
		expect(s1.map((s) => s.uri)).toEqual([
			'/rest/organizationalEntityNotifications?organizationalEntity=urn%3Ali%3Aorganization%3A2414183' +
				'&actions=List(COMMENT,SHARE_MENTION)&q=criteria&start=0&count=50',
		]);
		expect(s1[0].headers).toMatchObject({
			authorization: `Bearer ${TOKEN}`,
			'linkedin-version': '202611',
			'x-restli-protocol-version': '2.0.0',
			'x-restli-method': 'FINDER',
		});

		kit.fake([
			'GET',
			200,
			page(
				notification(4),
				notification(3, 'SHARE_MENTION'),
				notification(2),
				notification(1, 'SHARE_MENTION'),
			),
		]);
		expect(json(await h.poll())).toEqual([notification(4), notification(3, 'SHARE_MENTION')]);

		kit.fake([
			'GET',
			200,
			page(notification(4), notification(3, 'SHARE_MENTION'), notification(2)),
		]);
		expect(await h.poll()).toBeNull();
	});

	it('new comments on one post, across two pages of 50', async () => {
		const comment = (n: number) => ({
			id: `6636062862760562${String(n).padStart(3, '0')}`,
			actor: 'urn:li:person:dB5KsYnJzd',
			object: 'urn:li:activity:6844785523593134080',
			message: { text: `Comment ${n}` },
			created: { actor: 'urn:li:person:dB5KsYnJzd', time: 1701436800000 + n * 1000 },
		});
		const h = harness({ event: 'newComment', postUrn: 'urn:li:share:6844785523593134080' });
		kit.fake(['GET', 200, page(comment(1))]);
		expect(await h.poll()).toBeNull();
		const first = Array.from({ length: 50 }, (_, i) => comment(i + 1));
		const seen = kit.fake(['GET', 200, page(...first)], ['GET', 200, page(comment(51))]);
		const out = json(await h.poll());
		expect(seen.map((s) => s.uri)).toEqual([
			'/rest/socialActions/urn%3Ali%3Ashare%3A6844785523593134080/comments?start=0&count=50',
			'/rest/socialActions/urn%3Ali%3Ashare%3A6844785523593134080/comments?start=50&count=50',
		]);
		expect(out?.map((c) => c.id)).toEqual([...first.slice(1), comment(51)].map((c) => c.id));
	});

	it('Fetch Test Event shows the newest notification and remembers nothing', async () => {
		const h = harness({
			event: 'newSocialAction',
			organizationalEntity: ORG,
			actions: ['COMMENT'],
		});
		kit.fake(['GET', 200, page(notification(1), notification(5), notification(3))]);
		expect(json(await h.poll('manual'))).toEqual([notification(5)]);
		expect(h.staticData().poll).toBeUndefined();
	});
});
