/**
 * Google Workspace connection facts, apart from the specs so the credential classes load nothing else: the
 * OAuth 2.0 endpoints, the service account's JWT bearer grant, and the scopes per product the user enables
 * (least privilege: only the enabled products' scopes are asked). One connection (family `googleWorkspace`)
 * serves every Google node: Sheets, Drive, Docs, Gmail and Calendar.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { JwtBearerFacts } from '../../lib/auth/jwt-bearer';

/** The credential types' names (n8n's type ids, not secrets). */
export const GOOGLE_USER_CREDENTIAL = 'apiConnGoogleWorkspaceOAuth2Api';
export const GOOGLE_SERVICE_ACCOUNT_CREDENTIAL = 'apiConnGoogleServiceAccountApi';
export const GOOGLE_FAMILY = 'googleWorkspace';
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

const AUTH = 'https://www.googleapis.com/auth';
/** Google's scope names (https://developers.google.com/identity/protocols/oauth2/scopes). */
export const GOOGLE_SCOPES = {
	/** The account's e-mail address: the connection's label and the credential Test (`/oauth2/v3/userinfo`). */
	email: `${AUTH}/userinfo.email`,
	/** Read and write every spreadsheet the user can open (the Sheets API has no narrower scope that writes). */
	sheets: `${AUTH}/spreadsheets`,
	/** Only the Drive files this connection created or the user opened with it: the least Drive access. */
	driveFile: `${AUTH}/drive.file`,
	/** Every file in the user's Drive and shared drives: for listing, downloading or sharing files made elsewhere. */
	drive: `${AUTH}/drive`,
	/** Read and write every Google Doc the user can open (the Docs API has no narrower scope that writes). */
	docs: `${AUTH}/documents`,
	/** Send mail only: no reading, no drafts, no changes to the mailbox. */
	gmailSend: `${AUTH}/gmail.send`,
	/** Read messages, threads, labels and attachments, and poll the history (the Gmail Trigger). */
	gmailReadonly: `${AUTH}/gmail.readonly`,
	/** Change labels, mark read/unread, move to and from the trash (not delete for good); includes reading. */
	gmailModify: `${AUTH}/gmail.modify`,
	/** Create, read, send and delete drafts. */
	gmailCompose: `${AUTH}/gmail.compose`,
	/** Full access to the mailbox: only Gmail's permanent deletes need it (opt-in, "Delete Permanently"). */
	gmailFull: 'https://mail.google.com/',
	/** Read calendars, events and free/busy (calendar list, event lists and watches, free/busy queries). */
	calendarRead: `${AUTH}/calendar.readonly`,
	/** Create, change and delete events of the calendars the user can edit (not the calendars themselves). */
	calendarEvents: `${AUTH}/calendar.events`,
} as const;

/**
 * The Gmail accesses a connection may ask, each one scope (the credential's "Gmail Access"); the default is all
 * but "Delete Permanently", which only the permanent deletes need.
 */
export const GMAIL_ACCESS = [
	{ name: 'Send (gmail.send)', value: 'send', scope: GOOGLE_SCOPES.gmailSend },
	{ name: 'Read (gmail.readonly)', value: 'read', scope: GOOGLE_SCOPES.gmailReadonly },
	{
		name: 'Labels, Read State and Trash (gmail.modify)',
		value: 'modify',
		scope: GOOGLE_SCOPES.gmailModify,
	},
	{ name: 'Drafts (gmail.compose)', value: 'compose', scope: GOOGLE_SCOPES.gmailCompose },
	{
		name: 'Delete Permanently (mail.google.com)',
		value: 'full',
		scope: GOOGLE_SCOPES.gmailFull,
	},
] as const;
export const GMAIL_DEFAULT_ACCESS = ['send', 'read', 'modify', 'compose'];

/** The products a connection can enable, and the scopes each asks (Drive's by the Drive Access choice). */
export const GOOGLE_PRODUCTS = [
	{ name: 'Google Sheets', value: 'sheets' },
	{ name: 'Google Drive', value: 'drive' },
	{ name: 'Google Docs', value: 'docs' },
	{ name: 'Gmail', value: 'gmail' },
	{ name: 'Google Calendar', value: 'calendar' },
] as const;

/**
 * The scopes a connection asks: the e-mail scope, then each enabled product's, then the extra ones the user
 * typed. `driveAccess` `all` asks `drive` instead of `drive.file`; Gmail asks one scope per `mailAccess` value.
 */
export function googleScopesFor(
	products: string[],
	driveAccess: string,
	extra = '',
	mailAccess: string[] = GMAIL_DEFAULT_ACCESS,
): string[] {
	const scopes: string[] = [GOOGLE_SCOPES.email];
	if (products.includes('sheets')) scopes.push(GOOGLE_SCOPES.sheets);
	if (products.includes('drive'))
		scopes.push(driveAccess === 'all' ? GOOGLE_SCOPES.drive : GOOGLE_SCOPES.driveFile);
	if (products.includes('docs')) scopes.push(GOOGLE_SCOPES.docs);
	if (products.includes('gmail'))
		for (const a of GMAIL_ACCESS) if (mailAccess.includes(a.value)) scopes.push(a.scope);
	if (products.includes('calendar'))
		scopes.push(GOOGLE_SCOPES.calendarRead, GOOGLE_SCOPES.calendarEvents);
	for (const s of extra.split(/[\s,]+/)) if (s && !scopes.includes(s)) scopes.push(s);
	return scopes;
}

/**
 * `googleScopesFor` as the n8n expression of the hidden Scope field (n8n resolves `$self` before it builds the
 * authorization URL and before a node reads the credential). A test evaluates it against the function.
 */
export const GOOGLE_SCOPE_EXPRESSION = `={{ (function (products, access, extra, gmail) { var s = [${JSON.stringify(
	GOOGLE_SCOPES.email,
)}]; if (products.indexOf("sheets") >= 0) s.push(${JSON.stringify(
	GOOGLE_SCOPES.sheets,
)}); if (products.indexOf("drive") >= 0) s.push(access === "all" ? ${JSON.stringify(
	GOOGLE_SCOPES.drive,
)} : ${JSON.stringify(
	GOOGLE_SCOPES.driveFile,
)}); if (products.indexOf("docs") >= 0) s.push(${JSON.stringify(
	GOOGLE_SCOPES.docs,
)}); if (products.indexOf("gmail") >= 0) ${JSON.stringify(
	GMAIL_ACCESS.map((a) => [a.value, a.scope]),
)}.forEach(function (a) { if (gmail.indexOf(a[0]) >= 0) s.push(a[1]); }); if (products.indexOf("calendar") >= 0) s.push(${JSON.stringify(
	GOOGLE_SCOPES.calendarRead,
)}, ${JSON.stringify(
	GOOGLE_SCOPES.calendarEvents,
)}); String(extra || "").split(/[\\s,]+/).forEach(function (x) { if (x && s.indexOf(x) < 0) s.push(x); }); return s.join(" "); })($self["products"] || [], $self["driveAccess"], $self["extraScopes"], $self["mailAccess"] || ${JSON.stringify(
	GMAIL_DEFAULT_ACCESS,
)}) }}`;

/** The fields that choose the scopes (shared by the OAuth2 and the service account credential). */
export function googleScopeProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Products',
			name: 'products',
			type: 'multiOptions',
			options: [...GOOGLE_PRODUCTS],
			default: ['sheets', 'drive'],
			description:
				'The Google products this connection may use: only their permissions (scopes) are asked. Reconnect after a change.',
		},
		{
			displayName: 'Drive Access',
			name: 'driveAccess',
			type: 'options',
			displayOptions: { show: { products: ['drive'] } },
			options: [
				{
					name: 'Files This Connection Created or Opened (drive.file)',
					value: 'file',
					description:
						'The least access: files uploaded, created or copied through this connection, and files a user opened with the app',
				},
				{
					name: 'All Files (Drive)',
					value: 'all',
					description:
						'Every file of the account and its shared drives: needed to list, download or share files made elsewhere',
				},
			],
			default: 'file',
		},
		{
			displayName: 'Gmail Access',
			name: 'mailAccess',
			type: 'multiOptions',
			displayOptions: { show: { products: ['gmail'] } },
			options: GMAIL_ACCESS.map(({ name, value }) => ({ name, value })),
			default: [...GMAIL_DEFAULT_ACCESS],
			description:
				'What the Gmail node and trigger may do, each one scope (docs/services/gmail.md). "Delete Permanently" only for the permanent deletes; sending needs Send, the trigger Read. Reconnect after a change.',
		},
		{
			displayName: 'Additional Scopes',
			name: 'extraScopes',
			type: 'string',
			default: '',
			placeholder: 'https://www.googleapis.com/auth/drive.readonly',
			description:
				'More Google scopes, space-separated, for Custom Requests to other Google APIs (each must also be added to the consent screen)',
		},
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: GOOGLE_SCOPE_EXPRESSION },
	];
}

/**
 * Google's OAuth 2.0 for web server apps: `access_type=offline` for a refresh token, `prompt=consent` so a
 * reconnect issues a new one (Google sends it on the first consent only otherwise). Access tokens last one
 * hour (`expires_in` 3599) and are refreshed before they expire. The scopes listed are every product's
 * least-privilege ones; the credential asks only those of the products enabled (`GOOGLE_SCOPE_EXPRESSION`).
 */
export const GOOGLE_OAUTH = {
	grantType: 'authorizationCode' as const,
	authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
	tokenUrl: GOOGLE_TOKEN_URL,
	scopes: [GOOGLE_SCOPES.email, GOOGLE_SCOPES.sheets, GOOGLE_SCOPES.driveFile, GOOGLE_SCOPES.docs],
	authQueryParameters: 'access_type=offline&prompt=consent',
	clientAuthentication: 'body' as const,
};

/**
 * A service account's key (the JSON key file from Google Cloud → IAM → Service Accounts → Keys) signs an RS256
 * assertion `{iss: client_email, scope, aud: token URL, iat, exp ≤ 1 h, sub?}` exchanged for a 1-hour access
 * token. `sub` (the delegated user) needs domain-wide delegation granted in the Workspace Admin console.
 */
export const GOOGLE_SERVICE_ACCOUNT: JwtBearerFacts = {
	tokenUrl: GOOGLE_TOKEN_URL,
	algorithm: 'RS256',
	keyFileField: 'privateKeyFile',
	issuerPath: 'client_email',
	privateKeyPath: 'private_key',
	keyIdPath: 'private_key_id',
	subjectField: 'delegatedUser',
	scopeField: 'scope',
	lifetimeSeconds: 3600,
	refreshMarginSeconds: 300,
	errorFixes: {
		invalid_grant: {
			cause:
				"Google refused the signed assertion ({description}): the key was deleted or disabled, the delegated user does not exist, or this machine's clock is more than a few minutes off.",
			fix: 'Check that the key still exists under IAM → Service Accounts → Keys (else create a new JSON key and paste it), that the "Act as User" address is a user of your domain, and that the server clock is synchronised.',
		},
		unauthorized_client: {
			cause:
				'The service account may not act for the user with these scopes ({description}): domain-wide delegation is not granted, or not for every scope asked.',
			fix: 'In the Google Workspace Admin console (Security → Access and data control → API controls → Domain-wide delegation) add the service account\'s client ID with exactly the scopes this credential asks, or leave "Act as User" empty.',
		},
		invalid_scope: {
			cause: 'Google does not know one of the scopes asked ({description}).',
			fix: 'Correct the Additional Scopes of the credential (full scope URLs, space-separated).',
		},
		invalid_client: {
			cause: 'Google does not know this service account or its key ({description}).',
			fix: 'The service account or its key was deleted: create a new JSON key and paste it into the credential.',
		},
	},
};
