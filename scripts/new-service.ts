/**
 * `npm run new-service -- <id> [--name "Acme Tasks"] [--auth bearer,oauth2] [--trigger | --poll] [--base-url URL]
 *  [--test-path /me] [--category Productivity] [--root DIR] [--dry-run]`
 *
 * Writes the skeleton of a new service (docs/adding-a-service.md): the service data file, the literal node and
 * trigger classes n8n's lint and loader read, the credential classes, codex files, icon placeholders, the doc
 * page, a fixture stub, and the service's entries in nodes/services.ts, package.json's `n8n` lists, index.ts and
 * docs/README.md. Run again, it changes nothing: a file that exists is kept, a list entry that exists is not
 * added twice. Runs on Node 24's own TypeScript support (no build step), so it uses erasable syntax only.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

export type AuthChoice = 'bearer' | 'apiKey' | 'basic' | 'oauth2';

export interface NewServiceOptions {
	/** camelCase service id: the spec id, node name and rate-limit key. */
	id: string;
	displayName?: string;
	auth?: AuthChoice[];
	trigger?: boolean;
	/** A polling trigger instead (a service without webhooks): a list operation and the spec's `poll` section. */
	poll?: boolean;
	baseUrl?: string;
	/** The "who am I" path: the credential test and the stub's first operation. */
	testPath?: string;
	category?: string;
	/** The project root the files are written into (default: the current directory). */
	root?: string;
	/** This package's lib/ folder, which the generated files import (default: `<cwd>/lib`). */
	libDir?: string;
	dryRun?: boolean;
	/** Format the TypeScript it writes with the package's Prettier settings (default true). */
	format?: boolean;
}

export interface NewServiceResult {
	/** Paths (relative to the root) written or changed. */
	written: string[];
	/** Paths that already existed or already had the entry, left as they were. */
	kept: string[];
}

/** Ids that name the package's own generic nodes, not services. */
const RESERVED = ['customApi', 'graphQlApi', 'apiWebhookTrigger', 'connections'];
const AUTH_CHOICES: AuthChoice[] = ['bearer', 'apiKey', 'basic', 'oauth2'];
const REPO_DOCS =
	'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/';

/** A bad id or option: the message names it and the fix. */
export class NewServiceError extends Error {}

export function checkId(id: string | undefined): string {
	if (!id)
		throw new NewServiceError(
			'Give the service id: npm run new-service -- <id>, e.g. npm run new-service -- acmeTasks --name "Acme Tasks"',
		);
	if (!/^[a-z][a-zA-Z0-9]{1,39}$/.test(id))
		throw new NewServiceError(
			`"${id}" is not a service id: use camelCase letters and digits starting with a lower-case letter, 2–40 characters (e.g. acmeTasks)`,
		);
	if (RESERVED.includes(id))
		throw new NewServiceError(`"${id}" is one of the package's own nodes: choose another id`);
	if (id.endsWith('Trigger'))
		throw new NewServiceError(
			`"${id}" ends in Trigger: give the service id (the trigger node is added with --trigger or --poll)`,
		);
	return id;
}

interface Names {
	id: string;
	pascal: string;
	display: string;
	page: string;
	upper: string;
	auth: AuthChoice[];
	tokenCred?: { cls: string; name: string };
	oauthCred?: { cls: string; name: string };
	/** A trigger node of either kind (webhook or polling). */
	trigger: boolean;
	poll: boolean;
	baseUrl: string;
	testPath: string;
	category: string;
}

function namesOf(opts: NewServiceOptions): Names {
	const id = checkId(opts.id);
	const pascal = id[0].toUpperCase() + id.slice(1);
	const display = (
		opts.displayName ??
		pascal.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
	).trim();
	if (!/^[A-Za-z0-9][A-Za-z0-9 .&()-]*$/.test(display))
		throw new NewServiceError(
			`--name "${display}": use letters, digits, spaces, ".", "&", "-" and parentheses (it becomes node, credential and page names)`,
		);
	const auth = opts.auth?.length ? [...new Set(opts.auth)] : (['bearer'] as AuthChoice[]);
	for (const kind of auth)
		if (!AUTH_CHOICES.includes(kind))
			throw new NewServiceError(
				`--auth ${String(kind)}: choose from ${AUTH_CHOICES.join(', ')} (comma-separated)`,
			);
	const tokenKinds = auth.filter((k) => k !== 'oauth2');
	if (tokenKinds.length > 1)
		throw new NewServiceError(
			`--auth ${auth.join(',')}: one of bearer, apiKey or basic (plus oauth2 if the service has it)`,
		);
	if (opts.trigger && opts.poll)
		throw new NewServiceError(
			'--trigger and --poll: one trigger per service, with webhooks (--trigger) or polling (--poll)',
		);
	const baseUrl = opts.baseUrl ?? `https://api.${id.toLowerCase()}.example/v1`;
	if (!/^https:\/\/[^/\s]+(\/[^\s]*)?$/.test(baseUrl) || baseUrl.endsWith('/'))
		throw new NewServiceError(
			`--base-url ${baseUrl}: give the API's https:// base URL without a trailing slash`,
		);
	const testPath = opts.testPath ?? '/me';
	if (!/^\/[A-Za-z0-9/_.-]*$/.test(testPath))
		throw new NewServiceError(`--test-path ${testPath}: a path starting with /, e.g. /me`);
	return {
		id,
		pascal,
		display,
		page: display
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, ''),
		upper: id.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase(),
		auth,
		tokenCred: tokenKinds.length
			? { cls: `ApiConn${pascal}Api`, name: `apiConn${pascal}Api` }
			: undefined,
		oauthCred: auth.includes('oauth2')
			? { cls: `ApiConn${pascal}OAuth2Api`, name: `apiConn${pascal}OAuth2Api` }
			: undefined,
		trigger: Boolean(opts.trigger || opts.poll),
		poll: Boolean(opts.poll),
		baseUrl,
		testPath,
		category: opts.category ?? 'Productivity',
	};
}

// ---- file templates -------------------------------------------------------------------------

function libImport(fromFile: string, libDir: string, module: string): string {
	const rel = relative(dirname(fromFile), join(libDir, module)).split('\\').join('/');
	return rel.startsWith('.') ? rel : `./${rel}`;
}

function serviceFile(n: Names, lib: (m: string) => string): string {
	const token = n.auth.find((k) => k !== 'oauth2');
	const authEntries = [
		token
			? `\t\t{ kind: '${token}', credentialType: '${n.tokenCred!.name}', displayName: '${token === 'basic' ? 'Username and Password' : token === 'apiKey' ? 'API Key' : 'Access Token'}' },`
			: '',
		n.oauthCred
			? `\t\t{ kind: 'oauth2', credentialType: '${n.oauthCred.name}', displayName: 'OAuth2', oauth2: ${n.upper}_OAUTH },`
			: '',
	].filter(Boolean);
	const webhook = n.poll
		? `
	// No webhooks: the polling trigger lists item.getMany on n8n's Poll Times and emits each new item once.
	poll: {
		events: [
			{
				value: 'newItem',
				name: 'New Item',
				description: 'Each item that was not there on the previous check',
				resource: 'item',
				operation: 'getMany',
				idPath: 'id',
			},
		],
	},`
		: n.trigger
			? `
	// Registered by hand in ${n.display}'s settings (the user pastes the URL and the signing secret); make it
	// 'api' with webhookExists/webhookCreate/webhookDelete hooks when the API can register webhooks.
	webhook: {
		register: 'manual',
		signature: { header: 'X-${n.pascal}-Signature', algorithm: 'sha256', encoding: 'hex' },
		eventPath: 'type',
		events: [{ name: 'Any Event', value: '*', description: 'Every delivery' }],
		allEvents: '*',
		defaultEvents: ['*'],
	},`
			: '';
	return `/**
 * ${n.display} as data: the engine builds the node, the credential test and the trigger from this spec.
 * Written by npm run new-service; fill in the resources and operations from ${n.display}'s API reference.
 */
import type { ServiceDefinition, ServiceSpec } from '${lib('spec/types')}';
${n.oauthCred ? `import { ${n.upper}_OAUTH } from './${n.pascal}.oauth';\n` : ''}
export const ${n.id}Spec: ServiceSpec = {
	id: '${n.id}',
	displayName: '${n.display}',
	description: 'Work with ${n.display}',
	docsUrl: '${n.baseUrl}',
	baseUrl: '${n.baseUrl}',
	auth: [
${authEntries.join('\n')}
	],
	credentialTest: { path: '${n.testPath}' },${
		n.poll
			? `
	pagination: { type: 'cursor', cursorParam: 'cursor', nextCursorPath: 'next_cursor', itemsPath: 'items' },`
			: ''
	}
	resources: [
		{
			id: 'account',
			name: 'Account',
			operations: [
				{
					id: 'getMe',
					name: 'Get Me',
					action: 'Get the connected account',
					description: 'The account the credential belongs to',
					method: 'GET',
					path: '${n.testPath}',
				},
			],
		},${
			n.poll
				? `
		{
			id: 'item',
			name: 'Item',
			operations: [
				{
					id: 'getMany',
					name: 'Get Many',
					action: 'List items',
					description: 'The items, newest first',
					method: 'GET',
					path: '/items',
					paginate: true,
				},
			],
		},`
				: ''
		}
	],${webhook}
};

export const ${n.id}Definition: ServiceDefinition = { spec: ${n.id}Spec };
`;
}

function oauthFile(n: Names): string {
	const host = new URL(n.baseUrl).host.replace(/^api\./, '');
	return `/** ${n.display} OAuth2 facts, apart from the spec so the credential class loads nothing else. */

/** Least-privilege default scopes: the fewest every operation needs. */
export const ${n.upper}_OAUTH = {
	grantType: 'authorizationCode' as const,
	authUrl: 'https://${host}/oauth/authorize',
	tokenUrl: 'https://${host}/oauth/token',
	scopes: ['read'],
};
`;
}

function tokenCredentialFile(n: Names, lib: (m: string) => string): string {
	const kind = n.auth.find((k) => k !== 'oauth2')!;
	const c = n.tokenCred!;
	const parts =
		kind === 'basic'
			? {
					imports: 'basicAuthenticate, basicAuthProperties',
					props: 'basicAuthProperties()',
					auth: 'authenticate: IAuthenticateGeneric = basicAuthenticate;',
					about: 'A username and password, sent as HTTP Basic authentication.',
				}
			: kind === 'apiKey'
				? {
						imports: 'apiKeyProperties, authenticateApiKey',
						props: "apiKeyProperties({ location: 'header', name: 'X-API-Key' })",
						auth: 'authenticate = authenticateApiKey;',
						about: 'An API key, sent in a header (or the query) as the user sets it.',
					}
				: {
						imports: 'bearerAuthenticate, bearerTokenProperties',
						props: 'bearerTokenProperties()',
						auth: 'authenticate: IAuthenticateGeneric = bearerAuthenticate;',
						about: 'An access token, sent as `Authorization: Bearer <token>`.',
					};
	const types = ['ICredentialTestRequest', 'ICredentialType', 'INodeProperties', 'Icon'];
	if (kind !== 'apiKey') types.unshift('IAuthenticateGeneric');
	return `import type { ${types.join(', ')} } from 'n8n-workflow';

import { ${parts.imports} } from '${lib('auth/kinds')}';

/** ${n.display}: ${parts.about} */
export class ${c.cls} implements ICredentialType {
	name = '${c.name}';

	displayName = '${n.display} (API Connections) API';

	icon: Icon = {
		light: 'file:../nodes/${n.pascal}/${n.id}.svg',
		dark: 'file:../nodes/${n.pascal}/${n.id}.dark.svg',
	};

	documentationUrl = '${REPO_DOCS}${n.page}.md';

	properties: INodeProperties[] = ${parts.props};

	${parts.auth}

	// GET ${n.testPath}: who the credential belongs to.
	test: ICredentialTestRequest = {
		request: { baseURL: '${n.baseUrl}', url: '${n.testPath}' },
	};
}
`;
}

function oauthCredentialFile(n: Names, lib: (m: string) => string, oauthPath: string): string {
	const c = n.oauthCred!;
	return `import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '${lib('auth/kinds')}';
import { ${n.upper}_OAUTH } from '${oauthPath}';

/** A ${n.display} OAuth2 app connection; client ID and secret come from the app, scopes default to the least needed. */
export class ${c.cls} implements ICredentialType {
	name = '${c.name}';

	displayName = '${n.display} (API Connections) OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = {
		light: 'file:../nodes/${n.pascal}/${n.id}.svg',
		dark: 'file:../nodes/${n.pascal}/${n.id}.dark.svg',
	};

	documentationUrl = '${REPO_DOCS}${n.page}.md';

	properties: INodeProperties[] = oauth2Properties(${n.upper}_OAUTH);

	test: ICredentialTestRequest = {
		request: { baseURL: '${n.baseUrl}', url: '${n.testPath}' },
	};
}
`;
}

function nodeFile(n: Names, lib: (m: string) => string): string {
	return `import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { buildDescription } from '${lib('builder/description')}';
import { executeSpec } from '${lib('builder/execute')}';
import { ${n.id}Definition } from './${n.pascal}.service';
import { packageRuntime } from '../runtime';

/** ${n.display}, built from its spec. */
export class ${n.pascal} implements INodeType {
	// Icon, subtitle and tool use are repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildDescription(${n.id}Definition.spec, {
			icon: { light: 'file:${n.id}.svg', dark: 'file:${n.id}.dark.svg' },
		}),
		displayName: '${n.display} (API Connections)',
		icon: { light: 'file:${n.id}.svg', dark: 'file:${n.id}.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeSpec(this, ${n.id}Definition, packageRuntime());
	}
}
`;
}

function triggerFile(n: Names, lib: (m: string) => string): string {
	return `import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import {
	buildTriggerDescription,
	triggerCheckExists,
	triggerCreate,
	triggerDelete,
	triggerWebhook,
} from '${lib('triggers')}';
import { ${n.id}Definition } from './${n.pascal}.service';
import { packageRuntime } from '../runtime';

/** Starts the workflow on ${n.display} deliveries whose signature checks out; everything else gets 401. */
export class ${n.pascal}Trigger implements INodeType {
	// Icon and subtitle repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildTriggerDescription(${n.id}Definition, {
			icon: { light: 'file:${n.id}.svg', dark: 'file:${n.id}.dark.svg' },
		}),
		displayName: '${n.display} Trigger (API Connections)',
		description: 'Start a workflow on ${n.display} events (signature verified)',
		icon: { light: 'file:${n.id}.svg', dark: 'file:${n.id}.dark.svg' },
		subtitle: '={{"Events: " + ([].concat($parameter["events"] || [])).join(", ")}}',
	};

	// Written out (not spread from a helper) so the community lint rule webhook-lifecycle-complete sees all three.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await triggerCheckExists(this, ${n.id}Definition, packageRuntime());
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await triggerCreate(this, ${n.id}Definition, packageRuntime());
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await triggerDelete(this, ${n.id}Definition, packageRuntime());
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await triggerWebhook(this, ${n.id}Definition);
	}
}
`;
}

function pollTriggerFile(n: Names, lib: (m: string) => string): string {
	return `import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { buildPollDescription, pollTrigger } from '${lib('triggers')}';
import { ${n.id}Definition } from './${n.pascal}.service';
import { packageRuntime } from '../runtime';

/** Checks ${n.display} on n8n's Poll Times and starts the workflow once for each new record. */
export class ${n.pascal}Trigger implements INodeType {
	// Icon, subtitle and polling repeated as literals (same values) for the community lint, which reads only literals.
	description: INodeTypeDescription = {
		...buildPollDescription(${n.id}Definition, {
			icon: { light: 'file:${n.id}.svg', dark: 'file:${n.id}.dark.svg' },
		}),
		displayName: '${n.display} Trigger (API Connections)',
		description: 'Start a workflow on each new ${n.display} record (checked on a schedule)',
		icon: { light: 'file:${n.id}.svg', dark: 'file:${n.id}.dark.svg' },
		subtitle: 'New Item',
		polling: true,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollTrigger(this, ${n.id}Definition, packageRuntime());
	}
}
`;
}

function runtimeFile(lib: (m: string) => string): string {
	return `/**
 * The package's runtime in an n8n process: the engine's process runtime, whose catalog is the explicit list
 * of services this package ships (\`nodes/services.ts\`). Every node class sends through it.
 */
import { processRuntime, type Runtime } from '${lib('runtime')}';
import { services } from './services';

const specs = services.map((s) => s.spec);

export function packageRuntime(): Runtime {
	return processRuntime(specs);
}
`;
}

function codexFile(n: Names, nodeName: string): string {
	const docs = [{ url: `${REPO_DOCS}${n.page}.md` }];
	return `${JSON.stringify(
		{
			node: `n8n-nodes-api-connections.${nodeName}`,
			nodeVersion: '1.0',
			codexVersion: '1.0',
			categories: [n.category],
			resources: { primaryDocumentation: docs, credentialDocumentation: docs },
			alias: [n.display, 'API', 'REST', 'HTTP', 'GraphQL', 'webhook'],
		},
		null,
		'\t',
	)}\n`;
}

function iconFile(n: Names, dark: boolean): string {
	const [fill, text, badge, stroke] = dark
		? ['#1f2937', '#f9fafb', '#8fb3ff', '#0b0f19']
		: ['#e5e7eb', '#111827', '#3b6fd8', '#ffffff'];
	const initials = n.display
		.split(/\s+/)
		.map((w) => w[0])
		.join('')
		.slice(0, 2)
		.toUpperCase();
	// A placeholder (initials) with the package's link badge; replace the mark with the service's own.
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64" data-variant="api-connections"><title>${n.display}</title><rect x="2" y="2" width="48" height="48" rx="10" fill="${fill}"/><text x="26" y="34" text-anchor="middle" font-family="Arial, sans-serif" font-size="20" font-weight="700" fill="${text}">${initials}</text><circle cx="50" cy="50" r="13" fill="${badge}" stroke="${stroke}" stroke-width="2.5"/><g fill="none" stroke="${stroke}" stroke-width="2.6" stroke-linecap="round"><path d="M47.5 49.5l-3.2 3.2a3.4 3.4 0 0 0 4.8 4.8l3.2-3.2"/><path d="M52.5 50.5l3.2-3.2a3.4 3.4 0 0 0-4.8-4.8l-3.2 3.2"/><path d="M48 52l4-4"/></g></svg>
`;
}

function docPage(n: Names): string {
	const creds = [
		n.tokenCred
			? `- **${n.display} (API Connections) API** (\`${n.tokenCred.name}\`): ${n.auth.includes('basic') ? 'a username and password' : n.auth.includes('apiKey') ? 'an API key' : 'an access token'} from ${n.display}'s settings. <!-- Which permissions each operation needs. -->`
			: '',
		n.oauthCred
			? `- **${n.display} (API Connections) OAuth2 API** (\`${n.oauthCred.name}\`): an OAuth2 app's client ID and secret; the default scopes are the least the operations need.`
			: '',
	].filter(Boolean);
	return `# ${n.display}

The **${n.display} (API Connections)** node${n.trigger ? ` and **${n.display} Trigger (API Connections)**` : ''} call
[${n.display}'s API](${n.baseUrl}) through the package's engine (rate limits, retries, clear errors).

## Credentials

${creds.join('\n')}

## Operations

| Resource | Operation | Request |
|---|---|---|
| Account | Get Me | \`GET ${n.testPath}\` |
${n.poll ? `| Item | Get Many | \`GET /items\` |\n\n## Trigger\n\nNo webhooks: the trigger lists the items on its Poll Times and starts the workflow once for each new one. The\nfirst activation only remembers what is there; "Fetch Test Event" shows the newest item.\n` : ''}${n.trigger && !n.poll ? `\n## Trigger\n\nRegister the trigger's production URL in ${n.display}'s webhook settings and paste the signing secret into the\ntrigger's **Signing Secret** field. Deliveries whose \`X-${n.pascal}-Signature\` (HMAC-SHA256 of the body, hex) does\nnot match get 401 and start nothing.\n` : ''}
## Rate limits

<!-- What ${n.display} documents, and what the spec's rateLimit says. -->

Back to the [documentation index](../README.md).
`;
}

/** Sample credential data of the first auth kind, for the fixture stub (fixtures hold no real secret). */
function sampleCredential(n: Names): Record<string, unknown> {
	const kind = n.auth[0];
	if (kind === 'oauth2') return { oauthTokenData: { access_token: 'sample-access-token' } };
	if (kind === 'basic') return { username: 'sample-user', password: 'sample-password' };
	if (kind === 'apiKey')
		return { apiKey: 'sample-api-key', keyLocation: 'header', keyName: 'X-API-Key' };
	return { accessToken: 'sample-access-token' };
}

function fixtureStub(
	n: Names,
	op = {
		resource: 'account',
		operation: 'getMe',
		path: n.testPath,
		action: 'Get the connected account',
	},
): string {
	const cred = n.auth[0] === 'oauth2' ? n.oauthCred! : n.tokenCred!;
	return `${JSON.stringify(
		{
			description: `${n.display}: ${op.action}. TODO: replace with the vendor documentation example answer.`,
			credentials: { [cred.name]: sampleCredential(n) },
			parameters: { resource: op.resource, operation: op.operation },
			exchanges: [
				{
					request: { method: 'GET', url: `${n.baseUrl}${op.path}` },
					response: {
						status: 200,
						body: { todo: 'TODO: replace with the vendor documentation example answer' },
					},
				},
			],
			output: [],
		},
		null,
		'\t',
	)}\n`;
}

// ---- list edits -------------------------------------------------------------------------------

/** Inserts `line` after the last line matching `after` (or at `fallback`), unless `present` is already there. */
function insertLine(text: string, line: string, after: RegExp, fallback: 'end' | 'start'): string {
	const lines = text.split('\n');
	let at = -1;
	lines.forEach((l, i) => {
		if (after.test(l)) at = i;
	});
	if (at === -1) {
		if (fallback === 'start') lines.unshift(line);
		else {
			while (lines.length && lines[lines.length - 1] === '') lines.pop();
			lines.push(line, '');
		}
	} else lines.splice(at + 1, 0, line);
	return lines.join('\n');
}

function editServicesList(text: string, n: Names): string {
	const importLine = `import { ${n.id}Definition } from './${n.pascal}/${n.pascal}.service';`;
	let out = text;
	if (!out.includes(importLine)) out = insertLine(out, importLine, /^import /, 'start');
	const open = out.indexOf('ServiceDefinition[] = [');
	const close = open === -1 ? -1 : out.indexOf('];', open);
	if (close === -1)
		throw new NewServiceError(
			'nodes/services.ts has no `export const services: ServiceDefinition[] = [ … ];` list to add to',
		);
	if (new RegExp(`\\b${n.id}Definition\\b`).test(out.slice(open, close))) return out;
	const head = out.slice(0, close).replace(/\s*$/, '');
	const comma = head.endsWith('[') || head.endsWith(',') ? '' : ',';
	return `${head}${comma}\n\t${n.id}Definition,\n${out.slice(close)}`;
}

function editIndex(text: string, n: Names): string {
	let out = text;
	for (const cred of [n.tokenCred, n.oauthCred]) {
		if (!cred) continue;
		const line = `export { ${cred.cls} } from './credentials/${cred.cls}.credentials';`;
		if (!out.includes(line)) out = insertLine(out, line, /from '\.\/credentials\//, 'end');
	}
	const nodes = [n.pascal, ...(n.trigger ? [`${n.pascal}Trigger`] : [])];
	for (const cls of nodes) {
		const line = `export { ${cls} } from './nodes/${n.pascal}/${cls}.node';`;
		if (!out.includes(line)) out = insertLine(out, line, /from '\.\/nodes\//, 'end');
	}
	return out;
}

function editPackageJson(text: string, n: Names): string {
	const pkg = JSON.parse(text) as { n8n?: { nodes?: string[]; credentials?: string[] } };
	pkg.n8n ??= {};
	pkg.n8n.credentials ??= [];
	pkg.n8n.nodes ??= [];
	for (const cred of [n.tokenCred, n.oauthCred])
		if (cred) {
			const file = `dist/credentials/${cred.cls}.credentials.js`;
			if (!pkg.n8n.credentials.includes(file)) pkg.n8n.credentials.push(file);
		}
	for (const cls of [n.pascal, ...(n.trigger ? [`${n.pascal}Trigger`] : [])]) {
		const file = `dist/nodes/${n.pascal}/${cls}.node.js`;
		if (!pkg.n8n.nodes.includes(file)) pkg.n8n.nodes.push(file);
	}
	return `${JSON.stringify(pkg, null, 2)}\n`;
}

function editDocsIndex(text: string, n: Names): string {
	const link = `services/${n.page}.md`;
	if (text.includes(`](${link})`)) return text;
	const line = `- [${n.display}](${link})${n.trigger ? ` and ${n.display} Trigger` : ''}.`;
	// Before the Connections entry when there is one, else after the last service page.
	const lines = text.split('\n');
	const connections = lines.findIndex((l) => l.startsWith('- [Connections](services/'));
	if (connections !== -1) {
		lines.splice(connections, 0, line);
		return lines.join('\n');
	}
	return insertLine(text, line, /^- \[.*\]\(services\//, 'end');
}

// ---- the generator ----------------------------------------------------------------------------

const EMPTY_SERVICES = `/** Every service definition the package ships; the conformance tests run over this list. */
import type { ServiceDefinition } from '{lib}';

export const services: ServiceDefinition[] = [
];
`;

/** Writes the new service's files and list entries under `opts.root`; returns what it wrote and kept. */
export function newService(opts: NewServiceOptions): NewServiceResult {
	const n = namesOf(opts);
	const root = resolve(opts.root ?? process.cwd());
	const libDir = resolve(opts.libDir ?? join(process.cwd(), 'lib'));
	if (!existsSync(join(libDir, 'spec', 'types.ts')))
		throw new NewServiceError(
			`No engine at ${libDir}: run npm run new-service from the package root (or pass libDir)`,
		);
	const result: NewServiceResult = { written: [], kept: [] };
	const at = (file: string) => join(root, file);
	const libFor = (file: string) => (module: string) => libImport(at(file), libDir, module);

	const write = (file: string, content: string) => {
		if (!opts.dryRun) {
			mkdirSync(dirname(at(file)), { recursive: true });
			writeFileSync(at(file), content);
		}
		result.written.push(file);
	};
	const create = (file: string, content: () => string) => {
		if (existsSync(at(file))) result.kept.push(file);
		else write(file, content());
	};
	const edit = (file: string, empty: string, change: (text: string) => string) => {
		const before = existsSync(at(file)) ? readFileSync(at(file), 'utf8') : empty;
		const after = change(before);
		if (after === before && existsSync(at(file))) result.kept.push(file);
		else write(file, after);
	};

	const dir = `nodes/${n.pascal}`;
	const serviceTs = `${dir}/${n.pascal}.service.ts`;
	create(serviceTs, () => serviceFile(n, libFor(serviceTs)));
	if (n.oauthCred) create(`${dir}/${n.pascal}.oauth.ts`, () => oauthFile(n));
	const nodeTs = `${dir}/${n.pascal}.node.ts`;
	create(nodeTs, () => nodeFile(n, libFor(nodeTs)));
	create(`${dir}/${n.pascal}.node.json`, () => codexFile(n, n.id));
	if (n.trigger) {
		const triggerTs = `${dir}/${n.pascal}Trigger.node.ts`;
		create(triggerTs, () =>
			n.poll ? pollTriggerFile(n, libFor(triggerTs)) : triggerFile(n, libFor(triggerTs)),
		);
		create(`${dir}/${n.pascal}Trigger.node.json`, () => codexFile(n, `${n.id}Trigger`));
	}
	create(`${dir}/${n.id}.svg`, () => iconFile(n, false));
	create(`${dir}/${n.id}.dark.svg`, () => iconFile(n, true));
	if (n.tokenCred) {
		const file = `credentials/${n.tokenCred.cls}.credentials.ts`;
		create(file, () => tokenCredentialFile(n, libFor(file)));
	}
	if (n.oauthCred) {
		const file = `credentials/${n.oauthCred.cls}.credentials.ts`;
		create(file, () => oauthCredentialFile(n, libFor(file), `../${dir}/${n.pascal}.oauth`));
	}
	create(`docs/services/${n.page}.md`, () => docPage(n));
	create(`test/fixtures/operations/${n.id}/account.getMe.json`, () => fixtureStub(n));
	if (n.poll)
		create(`test/fixtures/operations/${n.id}/item.getMany.json`, () =>
			fixtureStub(n, {
				resource: 'item',
				operation: 'getMany',
				path: '/items',
				action: 'List items',
			}),
		);

	// The package's runtime (its catalog is nodes/services.ts): every node class sends through it.
	const runtimeTs = 'nodes/runtime.ts';
	create(runtimeTs, () => runtimeFile(libFor(runtimeTs)));

	const servicesTs = 'nodes/services.ts';
	edit(servicesTs, EMPTY_SERVICES.replace('{lib}', libFor(servicesTs)('spec/types')), (t) =>
		editServicesList(t, n),
	);
	edit('package.json', '{}\n', (t) => editPackageJson(t, n));
	edit('index.ts', '', (t) => editIndex(t, n));
	edit('docs/README.md', '# Documentation\n\n## Nodes and credentials\n\n', (t) =>
		editDocsIndex(t, n),
	);
	const typescript = result.written.filter((f) => f.endsWith('.ts')).map(at);
	if (!opts.dryRun && opts.format !== false && typescript.length)
		formatTypeScript(typescript, libDir);
	return result;
}

/** Formats files with the package's Prettier and its settings, as `npm run lint` checks them. */
function formatTypeScript(files: string[], libDir: string): void {
	// The package that owns lib/ (lib/ may be a link into it) has the Prettier and its settings.
	const packageRoot = dirname(realpathSync(libDir));
	const prettier = createRequire(join(packageRoot, 'package.json')).resolve(
		'prettier/bin/prettier.cjs',
	);
	const run = spawnSync(
		process.execPath,
		[prettier, '--config', join(packageRoot, '.prettierrc.json'), '--write', ...files],
		{ encoding: 'utf8' },
	);
	if (run.status !== 0) throw new Error(`prettier failed: ${run.stderr}`);
}

// ---- command line -----------------------------------------------------------------------------

export function parseArgs(argv: string[]): NewServiceOptions {
	const opts: NewServiceOptions = { id: '' };
	const value = (i: number, flag: string) => {
		const v = argv[i + 1];
		if (v === undefined || v.startsWith('--')) throw new NewServiceError(`${flag} needs a value`);
		return v;
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--name') opts.displayName = value(i++, arg);
		else if (arg === '--auth')
			opts.auth = value(i++, arg)
				.split(',')
				.map((s) => s.trim() as AuthChoice);
		else if (arg === '--trigger') opts.trigger = true;
		else if (arg === '--poll') opts.poll = true;
		else if (arg === '--base-url') opts.baseUrl = value(i++, arg);
		else if (arg === '--test-path') opts.testPath = value(i++, arg);
		else if (arg === '--category') opts.category = value(i++, arg);
		else if (arg === '--root') opts.root = value(i++, arg);
		else if (arg === '--dry-run') opts.dryRun = true;
		else if (arg.startsWith('--'))
			throw new NewServiceError(
				`Unknown option ${arg}: use --name, --auth, --trigger, --poll, --base-url, --test-path, --category, --root or --dry-run`,
			);
		else if (!opts.id) opts.id = arg;
		else throw new NewServiceError(`One service id at a time (got "${opts.id}" and "${arg}")`);
	}
	checkId(opts.id);
	return opts;
}

function main(argv: string[]): number {
	try {
		const opts = parseArgs(argv);
		const result = newService(opts);
		const verb = opts.dryRun ? 'would write' : 'wrote';
		for (const file of result.written) console.log(`${verb}  ${file}`);
		for (const file of result.kept) console.log(`kept   ${file}`);
		if (result.written.length === 0) console.log('Nothing to do: the service is already there.');
		else if (!opts.dryRun)
			console.log(
				'Next: docs/adding-a-service.md (fill in the spec, the fixture answers and the doc page).',
			);
		return 0;
	} catch (error) {
		if (error instanceof NewServiceError) {
			console.error(`new-service: ${error.message}`);
			return 1;
		}
		throw error;
	}
}

if (process.argv[1]?.endsWith('new-service.ts')) process.exitCode = main(process.argv.slice(2));
