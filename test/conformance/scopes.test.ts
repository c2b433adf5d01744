/**
 * Least privilege (SERVICE-DONE.md): every operation of an OAuth2 service declares the scopes it needs, and the
 * credential's default scopes are exactly the union of the operations' (and the trigger's) scopes — nothing
 * asked that no operation uses, nothing used that is not asked. Services without OAuth2 scopes declare none.
 */
import { validateService } from '../../lib/spec/schema';
import type { ServiceDefinition } from '../../lib/spec/types';
import { services } from '../../nodes/services';

const defaults = (def: ServiceDefinition): string[] =>
	def.spec.auth.flatMap((a) => a.oauth2?.scopes ?? []);
const operations = (def: ServiceDefinition) =>
	def.spec.resources.flatMap((r) => r.operations.map((op) => ({ name: `${r.id}.${op.id}`, op })));
const withScopes = services.filter((d) => defaults(d).length > 0);
/**
 * Scopes an operation needs that are not asked by default, because they grant far more than the rest (the user
 * adds them only for that operation; its doc page says so).
 */
const OPT_IN: Record<string, string[]> = {
	github: ['admin:org'],
	// Full mailbox access only for a permanent delete (the credential's Gmail Access "Delete Permanently").
	gmail: ['https://mail.google.com/'],
};
/** Operations the vendor documents as needing no scope at all (Slack's auth.test and chat.getPermalink, Airtable's whoami). */
const NO_SCOPE: Record<string, string[]> = {
	slack: ['account.getMe', 'message.getPermalink'],
	airtable: ['account.getMe'],
	// The public Forms submission endpoint on api.hsforms.com takes no token at all (the hook sends none).
	hubspot: ['form.submit'],
};
/**
 * Scopes the connection itself needs, not an operation: X issues a refresh token only with offline.access, and
 * without one the 2-hour access token cannot be renewed (docs/services/x-twitter.md); Atlassian likewise with
 * offline_access for Jira's 1-hour tokens (docs/services/jira.md); Google's userinfo.email names the account.
 */
const CONNECTION: Record<string, string[]> = {
	xTwitter: ['offline.access'],
	jira: ['offline_access'],
	// Microsoft 365 (docs/services/microsoft-365.md): offline_access for refresh tokens, User.Read for the account
	// label (GET /me) and the Test of the delegated credential, and the app-only credential's `.default` (the
	// application permissions an administrator granted).
	microsoft365: ['offline_access', 'User.Read', 'https://graph.microsoft.com/.default'],
	// The account's e-mail (the connection's label and its Test, docs/services/google-workspace.md).
	googleSheets: ['https://www.googleapis.com/auth/userinfo.email'],
	googleDrive: ['https://www.googleapis.com/auth/userinfo.email'],
	gmail: ['https://www.googleapis.com/auth/userinfo.email'],
	googleDocs: ['https://www.googleapis.com/auth/userinfo.email'],
	googleCalendar: ['https://www.googleapis.com/auth/userinfo.email'],
};
/**
 * Services of one family that declare the same credential scopes share one credential (one Microsoft 365
 * connection for Outlook and OneDrive): their default scopes are the union over those services. A family whose
 * products declare their own scopes (Google: the products the connection enables) is checked per service.
 */
const familyOf = (def: ServiceDefinition): string => def.spec.family ?? def.spec.id;
const sameFamily = (def: ServiceDefinition) =>
	services.filter(
		(d) =>
			familyOf(d) === familyOf(def) &&
			JSON.stringify(defaults(d)) === JSON.stringify(defaults(def)),
	);
const without = services.filter((d) => defaults(d).length === 0);

describe('operation scopes', () => {
	it('the OAuth2 services are the ones with scopes (and there are some)', () => {
		expect(withScopes.map((d) => d.spec.id).sort()).toEqual(
			[
				'airtable',
				'facebookAds',
				'facebookPages',
				'github',
				'gitlab',
				'gmail',
				'googleDocs',
				'googleCalendar',
				'googleDrive',
				'googleSheets',
				'hubspot',
				'instagram',
				'jira',
				'linkedIn',
				'oneDrive',
				'excel',
				'word',
				'outlook',
				'pinterest',
				'shopify',
				'slack',
				'square',
				'tikTok',
				'xTwitter',
			].sort(),
		);
	});

	it.each(withScopes.map((d) => [d.spec.id, d] as const))(
		'%s: every operation declares its scopes, each one a default scope of the credential (or a documented opt-in)',
		(_id, def) => {
			const asked = new Set([...defaults(def), ...(OPT_IN[def.spec.id] ?? [])]);
			const none = NO_SCOPE[def.spec.id] ?? [];
			const undeclared = operations(def)
				.filter(({ name, op }) => !op.scopes?.length && !none.includes(name))
				.map((o) => o.name);
			expect(undeclared).toEqual([]);
			const declaredAnyway = operations(def)
				.filter(({ name, op }) => none.includes(name) && op.scopes?.length)
				.map((o) => o.name);
			expect(declaredAnyway).toEqual([]);
			const unknown = operations(def).flatMap(({ name, op }) =>
				(op.scopes ?? []).filter((s) => !asked.has(s)).map((s) => `${name}: ${s}`),
			);
			expect(unknown).toEqual([]);
		},
	);

	it.each(withScopes.map((d) => [d.spec.id, d] as const))(
		"%s: the credential's default scopes are exactly the union of the operations' and the trigger's",
		(_id, def) => {
			const optIn = OPT_IN[def.spec.id] ?? [];
			const used = new Set(
				[
					...sameFamily(def).flatMap((d) => operations(d).flatMap(({ op }) => op.scopes ?? [])),
					...sameFamily(def).flatMap((d) => d.spec.webhook?.scopes ?? []),
					...(CONNECTION[def.spec.id] ?? CONNECTION[familyOf(def)] ?? []),
				].filter((s) => !optIn.includes(s)),
			);
			expect([...used].sort()).toEqual([...new Set(defaults(def))].sort());
		},
	);

	it.each(without.map((d) => [d.spec.id, d] as const))(
		'%s has no OAuth2 scopes, so no operation declares any',
		(_id, def) => {
			expect(operations(def).filter(({ op }) => op.scopes !== undefined)).toEqual([]);
		},
	);

	it('the schema refuses an empty list, a scope with a space and a scope listed twice', () => {
		const github = services.find((d) => d.spec.id === 'github')!;
		const def: ServiceDefinition = { spec: structuredClone(github.spec), hooks: github.hooks };
		const ops = def.spec.resources[0].operations;
		ops[0].scopes = [];
		ops[1].scopes = ['repo user'];
		ops[2].scopes = ['repo', 'repo'];
		expect(validateService(def)).toEqual([
			'github: resources.0.operations.0.scopes: Array must contain at least 1 element(s)',
			'github: resources.0.operations.1.scopes.0: a scope has no spaces',
			'github: resources.0.operations.2.scopes: a scope is listed twice',
		]);
	});
});

describe('error-code tables', () => {
	it('the schema refuses codes without a codePath, a rule that matches every error and a bad field pattern', () => {
		const stripe = services.find((d) => d.spec.id === 'stripe')!;
		const def: ServiceDefinition = { spec: structuredClone(stripe.spec), hooks: stripe.hooks };
		def.spec.errorCodes = {
			fieldPattern: '(unclosed',
			rules: [{ codes: ['card_error'], category: 'permanent' }, { category: 'transient' }],
		};
		expect(validateService(def)).toEqual([
			'stripe: errorCodes: rules.0: codes need a codePath (where the code is)',
			'stripe: errorCodes: rules.1: matches every error (give a status, codes or a body condition)',
			'stripe: errorCodes: fieldPattern is not a valid regular expression',
		]);
	});
});
