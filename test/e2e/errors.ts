/**
 * Issue 13 point 6 in the real n8n: a refused permission names the scope the operation needs that the token
 * lacks (GitHub says which scopes the token has in X-OAuth-Scopes), and a Meta error 190 (expired token) says
 * to reconnect. The service workflows run with `n8n execute` while the loopback fakes answer with the vendors'
 * documented error shapes; the CLI output joins the suite's secret scan.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { facebook, github, type SuiteContext } from './services';
import { parseRunOutput, type RunOutput } from './support/n8n';
import { GITHUB_OWNER, GITHUB_REPO } from './support/service-fakes';
import { SERVICE_CRED, SERVICE_WF } from './support/service-workflows';

export function errorTests(ctx: SuiteContext): void {
	/** `n8n execute`: the run's output, failed or not. */
	async function run(workflowId: string, label: string): Promise<RunOutput> {
		const res = await ctx.n8n().cli(['execute', `--id=${workflowId}`, '--rawOutput'], 120_000);
		ctx.outputs.push({ what: `CLI execute ${label}`, text: res.stdout + res.stderr });
		return parseRunOutput(res.stdout);
	}
	const nodeError = (r: RunOutput, node: string) => r.data.resultData.runData[node]?.[0]?.error;

	describe('errors name the one thing to fix (issue 13.6)', () => {
		it('a GitHub 403 names the scope the operation needs that the token lacks (it has read:user)', async () => {
			const from = github.requests.length;
			github.override = (r) =>
				r.method === 'GET' && r.path === `/repos/${GITHUB_OWNER}/${GITHUB_REPO}`
					? [
							403,
							{
								message: 'Resource not accessible by personal access token',
								documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository',
							},
							{
								'x-oauth-scopes': 'read:user',
								'x-accepted-oauth-scopes': 'repo',
								'x-ratelimit-remaining': '4990',
							},
						]
					: undefined;
			try {
				const result = await run(SERVICE_WF.github, 'github 403');
				assert.notEqual(result.status, 'success');
				// Refused once, not retried; nothing else is sent to the repository (the connection's account lookup may be).
				assert.deepEqual(
					github.requests
						.slice(from)
						.filter((r) => r.path.startsWith('/repos/'))
						.map((r) => `${r.method} ${r.path} ${r.status}`),
					[`GET /repos/${GITHUB_OWNER}/${GITHUB_REPO} 403`],
				);
				const error = nodeError(result, 'Get repository');
				assert.equal(
					error?.message,
					'GitHub: 403 Forbidden – Resource not accessible by personal access token',
				);
				assert.equal(
					error?.description,
					`GitHub refused the permission: this operation needs the permission repo, which the connection was not granted (it has read:user). Reconnect the credential '${SERVICE_CRED.github.name}' with repo added to its scopes and accept it on the consent screen, then run the workflow again.`,
				);
			} finally {
				github.override = undefined;
			}
		});

		it('a Meta error 190 (expired token) says to reconnect, and nothing is sent after it', async () => {
			const from = facebook.requests.length;
			facebook.override = () => [
				400,
				{
					error: {
						message:
							'Error validating access token: Session has expired on Tuesday, 01-Dec-26 09:00:00 PST.',
						type: 'OAuthException',
						code: 190,
						error_subcode: 463,
						fbtrace_id: 'AE2eTrace',
					},
				},
			];
			try {
				const result = await run(SERVICE_WF.facebook, 'facebook 190');
				assert.notEqual(result.status, 'success');
				// The Page token lookup is refused once (not retried), and the post is never sent.
				const sent = facebook.requests.slice(from);
				assert.equal(sent.filter((r) => r.query.fields === 'access_token').length, 1);
				assert.deepEqual(
					sent.filter((r) => r.path.endsWith('/feed')),
					[],
				);
				const error = nodeError(result, 'Create post');
				assert.equal(
					error?.message,
					'Facebook Pages: 400 Bad Request – Error validating access token: Session has expired on Tuesday, 01-Dec-26 09:00:00 PST.',
				);
				assert.equal(
					error?.description,
					`Facebook Pages rejected the credentials (code 190, subcode 463): the access token has expired. Reconnect the credential '${SERVICE_CRED.facebook.name}' (open it in n8n and sign in again, or paste a new key), then run the workflow again.`,
				);
			} finally {
				facebook.override = undefined;
			}
		});
	});
}
