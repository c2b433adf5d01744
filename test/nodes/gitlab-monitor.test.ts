/**
 * A GitLab access token (personal, project or group) ends on its expiry date and nothing renews it: the
 * Connections Monitor asks GitLab (`GET /api/v4/personal_access_tokens/self` → `expires_at`,
 * `connection.tokenExpiry`) and warns 7 days before, then says it expired. OAuth2 tokens are refreshed, so an
 * OAuth2 credential is not asked.
 */
import nock from 'nock';

import { ApiConnGitlabApi } from '../../credentials/ApiConnGitlabApi.credentials';
import { ApiConnGitlabOAuth2Api } from '../../credentials/ApiConnGitlabOAuth2Api.credentials';
import { gitlabSpec } from '../../nodes/Gitlab/Gitlab.service';
import { createPollHarness } from '../helpers/poll-harness';
import { monitorFor, useTokenExpiryMonitor } from '../helpers/token-expiry-monitor';

const GITLAB = 'https://git.example.org';
const N8N = 'http://localhost:5678';
const DAY = 86_400_000;
const START = Date.parse('2026-12-01T09:00:00Z');
const PAT = 'glpat-M0n1t0rEdT0ken0000001';

const clock = useTokenExpiryMonitor([gitlabSpec], START);
beforeEach(() => {
	nock(N8N)
		.persist()
		.get(/\/api\/v1\/credentials/)
		.reply(401, {});
});

/** GitLab's answer for the token itself (REST reference: personal access tokens, "using a request header"). */
const self = (expiresAt: string | null) => ({
	id: 4711,
	name: 'n8n',
	revoked: false,
	created_at: '2026-06-01T09:00:00.000Z',
	scopes: ['api'],
	user_id: 42,
	last_used_at: '2026-11-30T17:00:00.000Z',
	active: true,
	expires_at: expiresAt,
});

const patMonitor = () =>
	createPollHarness({
		nodeType: monitorFor('apiConnGitlabApi'),
		parameters: { intervalHours: 24 },
		credentialTypes: [new ApiConnGitlabApi()],
		credentials: { apiConnGitlabApi: { server: GITLAB, accessToken: PAT } as never },
		nodeCredentials: { apiConnGitlabApi: { id: 'cred-g', name: 'GitLab deploy bot' } },
	});

describe('Connections Monitor: GitLab access token expiry', () => {
	it('a token expiring 2026-12-15: silent until 7 days are left, then "expiring" daily, then "expired"', async () => {
		const asked: Array<{ path: string; token: unknown }> = [];
		nock(GITLAB)
			.persist()
			.get('/api/v4/personal_access_tokens/self')
			.reply(function (uri) {
				asked.push({ path: uri, token: this.req.headers['private-token'] });
				return [200, self('2026-12-15')];
			});
		const harness = patMonitor();
		const reasons: Array<[number, unknown]> = [];
		for (let day = 0; day <= 15; day++) {
			const out = await harness.poll();
			for (const item of out?.[0] ?? []) reasons.push([day, item.json.reason]);
			if (day === 7) {
				expect(out![0][0].json).toMatchObject({
					reason: 'expiring',
					service: 'GitLab',
					credential: 'GitLab deploy bot',
					tokenExpires: '2026-12-15T00:00:00.000Z',
					detail:
						'The token of "GitLab deploy bot" expires in 6.6 days (2026-12-15T00:00:00.000Z); GitLab tokens are not renewed.',
				});
			}
			clock().jump(DAY);
		}
		expect(reasons.filter(([, r]) => r === 'expiring').map(([d]) => d)).toEqual([
			7, 8, 9, 10, 11, 12, 13,
		]);
		expect(reasons.filter(([, r]) => r === 'expired').map(([d]) => d)).toEqual([14, 15]);
		expect(reasons.filter(([d]) => d < 7)).toEqual([]);
		expect(asked[0]).toEqual({ path: '/api/v4/personal_access_tokens/self', token: PAT });
	});

	it('a token without an expiry date gives no item; a refused token is "revoked" without echoing it', async () => {
		nock(GITLAB).get('/api/v4/personal_access_tokens/self').reply(200, self(null));
		const harness = patMonitor();
		expect(await harness.poll()).toBeNull();

		clock().jump(DAY);
		nock(GITLAB)
			.persist()
			.get('/api/v4/personal_access_tokens/self')
			.reply(401, { message: '401 Unauthorized' });
		const out = await harness.poll();
		expect(out?.[0].map((i) => i.json.reason)).toEqual(['revoked']);
		expect(JSON.stringify(out)).not.toContain(PAT);
	});

	it('an OAuth2 credential is not asked (n8n refreshes its 2-hour tokens)', async () => {
		const asked = nock(GITLAB)
			.get('/api/v4/personal_access_tokens/self')
			.reply(200, self('2026-12-02'));
		const harness = createPollHarness({
			nodeType: monitorFor('apiConnGitlabOAuth2Api'),
			parameters: { intervalHours: 24 },
			credentialTypes: [new ApiConnGitlabOAuth2Api()],
			credentials: {
				apiConnGitlabOAuth2Api: {
					server: GITLAB,
					clientId: 'app-id-0001',
					clientSecret: 'gloas-secret-0001',
					oauthTokenData: {
						access_token: 'gloas-access-0001',
						refresh_token: 'gloas-refresh-0001',
					},
				} as never,
			},
			nodeCredentials: { apiConnGitlabOAuth2Api: { id: 'cred-o', name: 'GitLab app' } },
		});
		await harness.poll();
		expect(asked.isDone()).toBe(false);
	});
});
