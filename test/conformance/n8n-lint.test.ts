/**
 * n8n's node rules (as `npm run lint` applies them: eslint-plugin-n8n-nodes-base's node rule set and
 * @n8n/eslint-plugin-community-nodes) on what n8n actually loads. Most descriptions are generated from service
 * data at load time, so the source lint sees only their pieces: here every node's description, as built, is
 * written out as a literal node class and linted under that node's own path.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[] };
};

/** nodes/Stripe/Stripe.node.ts for dist/nodes/Stripe/Stripe.node.js: the path n8n's rules expect. */
const sources = pkg.n8n.nodes.map((p) => p.replace(/^dist\//, '').replace(/\.js$/, '.ts'));

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Source text written as is: the node sources say `NodeConnectionTypes.Main`, which is 'main' once loaded. */
class Raw {
	constructor(readonly text: string) {}
}
const connections = (types: INodeTypeDescription['inputs']) =>
	Array.isArray(types)
		? types.map((t) => (t === 'main' ? new Raw('NodeConnectionTypes.Main') : t))
		: types;

/** A value as TypeScript source, keys unquoted where they can be: the rules read `displayName: …`, not `"displayName": …`. */
function literal(value: unknown, indent: string): string {
	const inner = `${indent}\t`;
	if (value === null) return 'null';
	if (value instanceof Raw) return value.text;
	if (Array.isArray(value))
		return value.length
			? `[\n${value.map((v) => inner + literal(v, inner)).join(',\n')},\n${indent}]`
			: '[]';
	if (typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).filter(
			([, v]) => v !== undefined && typeof v !== 'function',
		);
		if (!entries.length) return '{}';
		return `{\n${entries.map(([k, v]) => `${inner}${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${literal(v, inner)}`).join(',\n')},\n${indent}}`;
	}
	if (typeof value === 'string')
		return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
	return String(value);
}

function generated(source: string): { className: string; node: INodeType } {
	const module = require(join(root, source.replace(/\.ts$/, ''))) as Record<string, unknown>;
	for (const [className, C] of Object.entries(module)) {
		if (typeof C !== 'function') continue;
		const node = new (C as new () => INodeType)();
		if (node.description?.properties) return { className, node };
	}
	throw new Error(`${source} exports no node class`);
}

/**
 * Findings kept on purpose, per node file and rule, with the exact count (a new one fails) and why.
 * - Trigger display names ("Stripe Trigger (API Connections)") do not end in "Trigger": the package's
 *   suffix says whose node it is next to n8n's own, and the node tests pin these names.
 * - Currency fields start empty: no currency is chosen for the user where the amount moves real money.
 * - "id" inside API field lists and JSON examples ("Default: id,caption,…", `[{"id": …}]`) is the API's
 *   own spelling, which the field must be given as; ".gitignore" is a file name, not a title-case word;
 *   "user's" is split at the apostrophe by the rule's sentence-case check.
 * - GitHub label colors are text fields: GitHub wants six hex digits without the "#" n8n's color picker adds.
 * - Resources and trigger events keep the service's own order (most used first, "every event" first), not
 *   alphabetical: the node tests pin it. Every other choice list is alphabetical. (The rule looks at lists of five
 *   or more: with the Custom Request resource every node gets, Instagram's and Facebook Pages' lists reach five.)
 */
const KEPT: Record<string, Record<string, number>> = {
	'nodes/Shopify/ShopifyTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
	},
	'nodes/Slack/SlackTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
	},
	'nodes/ActiveCampaign/ActiveCampaignTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
		'n8n-nodes-base/node-param-multi-options-type-unsorted-items': 1,
	},
	'nodes/WooCommerce/WooCommerceTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
	},
	// Mailchimp: "template.id" and "url" are Mailchimp's own body keys, named in the fields' help.
	'nodes/Mailchimp/Mailchimp.node.ts': {
		'n8n-nodes-base/node-param-description-miscased-id': 1,
		'n8n-nodes-base/node-param-description-miscased-url': 1,
		'n8n-nodes-base/node-param-options-type-unsorted-items': 1,
	},
	'nodes/Mailchimp/MailchimpTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
	},
	'nodes/Stripe/Stripe.node.ts': {
		'n8n-nodes-base/node-param-default-wrong-for-options': 7,
		'n8n-nodes-base/node-param-description-miscased-id': 2,
		'n8n-nodes-base/node-param-options-type-unsorted-items': 1,
	},
	// Square: "Version Token" is Square's optimistic-concurrency token of a payment, not a secret (shown, not masked).
	'nodes/Square/Square.node.ts': {
		'n8n-nodes-base/node-param-description-miscased-id': 1,
		'n8n-nodes-base/node-param-options-type-unsorted-items': 1,
		'n8n-nodes-base/node-param-type-options-password-missing': 1,
	},
	// HubSpot: "hs_object_id" is HubSpot's own property name; the events keep HubSpot's object order.
	'nodes/Hubspot/Hubspot.node.ts': {
		'n8n-nodes-base/node-param-description-miscased-id': 4,
		'n8n-nodes-base/node-param-options-type-unsorted-items': 1,
	},
	'nodes/Hubspot/HubspotTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
		'n8n-nodes-base/node-param-multi-options-type-unsorted-items': 1,
	},
	'nodes/Square/SquareTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
		'n8n-nodes-base/node-param-multi-options-type-unsorted-items': 1,
	},
	'nodes/Stripe/StripeTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
		'n8n-nodes-base/node-param-multi-options-type-unsorted-items': 1,
	},
	'nodes/Instagram/Instagram.node.ts': {
		'n8n-nodes-base/node-param-description-miscased-id': 8,
		'n8n-nodes-base/node-param-options-type-unsorted-items': 1,
	},
	'nodes/Instagram/InstagramTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
	},
	'nodes/FacebookPages/FacebookPages.node.ts': {
		'n8n-nodes-base/node-param-description-miscased-id': 6,
		'n8n-nodes-base/node-param-options-type-unsorted-items': 1,
	},
	'nodes/FacebookAds/FacebookAds.node.ts': {
		'n8n-nodes-base/node-param-description-miscased-id': 8,
	},
	'nodes/FacebookPages/FacebookPagesTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
	},
	'nodes/LinkedIn/LinkedIn.node.ts': {
		'n8n-nodes-base/node-param-options-type-unsorted-items': 1,
	},
	'nodes/Outlook/OutlookTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
	},
	'nodes/LinkedIn/LinkedInTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
	},
	'nodes/Notion/NotionTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
		'n8n-nodes-base/node-param-multi-options-type-unsorted-items': 1,
	},
	// "All Services" stays the first choice of the Connections node's service list, before Airtable.
	'nodes/Connections/Connections.node.ts': {
		'n8n-nodes-base/node-param-options-type-unsorted-items': 1,
	},
	'nodes/Airtable/Airtable.node.ts': {
		'n8n-nodes-base/node-param-options-type-unsorted-items': 1,
	},
	'nodes/GoogleDrive/GoogleDriveTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
	},
	'nodes/GoogleCalendar/GoogleCalendarTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
	},
	// Sync Token is a place in a list Google hands out, not a secret; `items[].id` is the API's own spelling.
	'nodes/GoogleCalendar/GoogleCalendar.node.ts': {
		'n8n-nodes-base/node-param-type-options-password-missing': 1,
		'n8n-nodes-base/node-param-description-miscased-id': 1,
	},
	'nodes/Airtable/AirtableTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
		'n8n-nodes-base/node-param-multi-options-type-unsorted-items': 1,
	},
	'nodes/Jira/JiraTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
	},
	'nodes/Gmail/Gmail.node.ts': {
		'n8n-nodes-base/node-param-options-type-unsorted-items': 1,
	},
	'nodes/Gmail/GmailTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
	},
	'nodes/Trello/TrelloTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
	},
	'nodes/SendGrid/SendGridTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
	},
	'nodes/Github/Github.node.ts': {
		'n8n-nodes-base/node-param-color-type-unused': 2,
		'n8n-nodes-base/node-param-operation-option-action-miscased': 2,
		'n8n-nodes-base/node-param-display-name-miscased': 2,
		'n8n-nodes-base/node-param-options-type-unsorted-items': 1,
	},
	// Dominant Color is a hex code Pinterest reads as text (the spec has no color field type).
	'nodes/Pinterest/Pinterest.node.ts': {
		'n8n-nodes-base/node-param-color-type-unused': 3,
		'n8n-nodes-base/node-param-options-type-unsorted-items': 1,
	},
	'nodes/Pinterest/PinterestTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
	},
	'nodes/Gitlab/GitlabTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
	},
	'nodes/Github/GithubTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
	},
	'nodes/XTwitter/XTwitterTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
		// "All Events" first, then X's event names.
		'n8n-nodes-base/node-param-multi-options-type-unsorted-items': 1,
	},
	'nodes/TikTok/TikTokTrigger.node.ts': {
		'n8n-nodes-base/node-class-description-display-name-unsuffixed-trigger-node': 1,
	},
};

interface Finding {
	filePath: string;
	messages: Array<{ ruleId: string | null; message: string; line: number }>;
}

function lint(files: Array<{ filePath: string; code: string }>): Finding[] {
	// Not NODE_ENV=test (Jest's): with it, the plugin's file-name rules take every file for a test fixture.
	const env = { ...process.env, NODE_ENV: 'production' };
	const run = spawnSync(process.execPath, [join(root, 'test', 'helpers', 'lint-texts.mjs')], {
		cwd: root,
		env,
		input: JSON.stringify(files),
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
	return JSON.parse(run.stdout) as Finding[];
}

describe("n8n's node lint rules on the generated descriptions", () => {
	const files = sources.map((source) => {
		const { className, node } = generated(source);
		const { description } = node;
		const written = {
			...description,
			inputs: connections(description.inputs),
			outputs: connections(description.outputs),
		};
		// The webhook lifecycle rule reads the class's methods: the same names, with empty bodies.
		const lifecycle = Object.entries(node.webhookMethods ?? {}).map(
			([group, methods]) =>
				`\t\t${group}: {\n${Object.keys(methods)
					.map((m) => `\t\t\tasync ${m}() {\n\t\t\t\treturn true;\n\t\t\t},\n`)
					.join('')}\t\t},\n`,
		);
		const webhookMethods = lifecycle.length
			? `\n\twebhookMethods = {\n${lifecycle.join('')}\t};\n`
			: '';
		const code = `import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';\n\nexport class ${className} implements INodeType {\n\tdescription: INodeTypeDescription = ${literal(written, '\t')};\n${webhookMethods}}\n`;
		return { filePath: join(root, source), code };
	});
	let findings: Finding[];

	beforeAll(() => {
		// What `npm run lint` installs first (a no-op when it is there).
		const fetch = spawnSync('bash', [join(root, 'scripts', 'fetch-lint-rules.sh')], {
			cwd: root,
			encoding: 'utf8',
		});
		if (fetch.status !== 0) throw new Error(`scripts/fetch-lint-rules.sh failed: ${fetch.stderr}`);
		findings = lint(files);
	}, 120_000);

	it('covers every node the package registers', () => {
		expect(files).toHaveLength(pkg.n8n.nodes.length);
		expect(findings.map((f) => f.filePath)).toEqual(files.map((f) => f.filePath));
	});

	it.each(sources)('%s: no errors but the kept ones', (source) => {
		const found = findings.find((f) => f.filePath === join(root, source));
		const kept = { ...KEPT[source] };
		const unexpected = (found?.messages ?? []).filter((m) => {
			const left = kept[m.ruleId ?? ''] ?? 0;
			if (left > 0) kept[m.ruleId ?? ''] = left - 1;
			return left === 0;
		});
		expect(unexpected.map((m) => `${m.line}: ${m.message} (${m.ruleId})`)).toEqual([]);
		// A kept finding that no longer occurs is taken off the list.
		expect(Object.entries(kept).filter(([, n]) => n > 0)).toEqual([]);
	});

	it('the rules do run: a generated field without a default is reported', () => {
		const [first] = files;
		const broken = first.code.replace(/\n(\t+)default: [^\n]*,\n/, '\n');
		const [result] = lint([{ filePath: first.filePath, code: broken }]);
		expect(result.messages.map((m) => m.ruleId)).toContain(
			'n8n-nodes-base/node-param-default-missing',
		);
	}, 60_000);
});
