/**
 * A small OAuth2 authorization server on loopback (RFC 6749 authorization-code and refresh-token
 * grants), enough for n8n's own OAuth2 flow:
 *
 *   GET  /authorize   checks client_id, redirect_uri and response_type, then redirects straight back to
 *                     redirect_uri with a one-time code and the state (no login page: the user "agrees")
 *   POST /token       authorization_code (code + matching redirect_uri) and refresh_token grants; the
 *                     client authenticates with HTTP Basic (n8n's default) or in the body. Refresh tokens
 *                     rotate: each refresh invalidates the old one.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export const CLIENT_ID = 'e2e-client';
export const CLIENT_SECRET = 'e2e-client-secret-71c2';

export interface TokenGrant {
	grantType: string;
	clientAuth: 'basic' | 'body' | 'none';
	accessToken?: string;
	status: number;
	error?: string;
}

export class OAuthProvider {
	url = '';
	readonly authorizeRequests: Array<Record<string, string>> = [];
	readonly grants: TokenGrant[] = [];
	private readonly codes = new Map<string, { redirectUri: string; scope: string }>();
	private readonly accessTokens = new Set<string>();
	private readonly refreshTokens = new Set<string>();
	private server: Server | undefined;

	/** Access tokens the API accepts now. */
	validAccessTokens(): Set<string> {
		return new Set(this.accessTokens);
	}

	/** The API stops accepting this access token (as when it expires early or is revoked). */
	revoke(accessToken: string): void {
		this.accessTokens.delete(accessToken);
	}

	async start(): Promise<string> {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				const url = new URL(req.url ?? '/', 'http://provider');
				const json = (status: number, body: unknown) => {
					res.writeHead(status, {
						'content-type': 'application/json',
						'cache-control': 'no-store',
					});
					res.end(JSON.stringify(body));
				};
				if (req.method === 'GET' && url.pathname === '/authorize') {
					const q = Object.fromEntries(url.searchParams);
					this.authorizeRequests.push(q);
					if (
						q.client_id !== CLIENT_ID ||
						q.response_type !== 'code' ||
						!q.redirect_uri ||
						!q.state
					) {
						return json(400, { error: 'invalid_request' });
					}
					const code = `code-${randomBytes(8).toString('hex')}`;
					this.codes.set(code, { redirectUri: q.redirect_uri, scope: q.scope ?? '' });
					const back = new URL(q.redirect_uri);
					back.searchParams.set('code', code);
					back.searchParams.set('state', q.state);
					res.writeHead(302, { location: back.toString() });
					return res.end();
				}
				if (req.method === 'POST' && url.pathname === '/token') {
					const form = Object.fromEntries(
						new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
					);
					const grant: TokenGrant = {
						grantType: form.grant_type ?? '',
						clientAuth: 'none',
						status: 200,
					};
					this.grants.push(grant);
					const fail = (status: number, error: string) => {
						grant.status = status;
						grant.error = error;
						json(status, { error });
					};
					const basic = String(req.headers.authorization ?? '');
					if (basic.startsWith('Basic ')) {
						const [id, secret] = Buffer.from(basic.slice(6), 'base64').toString('utf8').split(':');
						if (
							decodeURIComponent(id) !== CLIENT_ID ||
							decodeURIComponent(secret) !== CLIENT_SECRET
						)
							return fail(401, 'invalid_client');
						grant.clientAuth = 'basic';
					} else if (form.client_id !== undefined) {
						if (form.client_id !== CLIENT_ID || form.client_secret !== CLIENT_SECRET)
							return fail(401, 'invalid_client');
						grant.clientAuth = 'body';
					} else {
						return fail(401, 'invalid_client');
					}
					if (form.grant_type === 'authorization_code') {
						const issued = this.codes.get(form.code ?? '');
						if (!issued || issued.redirectUri !== form.redirect_uri)
							return fail(400, 'invalid_grant');
						this.codes.delete(form.code);
						return json(200, this.issue(grant, issued.scope));
					}
					if (form.grant_type === 'refresh_token') {
						if (!this.refreshTokens.delete(form.refresh_token ?? ''))
							return fail(400, 'invalid_grant');
						return json(200, this.issue(grant, form.scope ?? ''));
					}
					return fail(400, 'unsupported_grant_type');
				}
				json(404, { error: 'not_found' });
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		const address = this.server.address();
		this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
		return this.url;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
	}

	private issue(grant: TokenGrant, scope: string): Record<string, unknown> {
		const accessToken = `at-${randomBytes(12).toString('hex')}`;
		const refreshToken = `rt-${randomBytes(12).toString('hex')}`;
		this.accessTokens.add(accessToken);
		this.refreshTokens.add(refreshToken);
		grant.accessToken = accessToken;
		return {
			access_token: accessToken,
			refresh_token: refreshToken,
			token_type: 'Bearer',
			expires_in: 3600,
			scope,
		};
	}
}
