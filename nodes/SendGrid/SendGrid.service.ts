/**
 * Twilio SendGrid v3 API as data: mail send (personalizations, dynamic templates with data, attachments from binary
 * data, categories, send at), templates, Marketing Campaigns contacts (upsert as an asynchronous import job whose
 * status can be waited for, search with SGQL, get, delete) and lists, suppressions (bounces, blocks, spam reports,
 * global unsubscribes: list and delete) and stats. One API key (`Authorization: Bearer SG.…`), the global or the
 * EU data-residency host, optionally on behalf of a subuser. Limits come from the `X-RateLimit-*` headers (Reset in
 * epoch seconds); 429 is waited out. The trigger is the Event Webhook, created through the API on activation with
 * signing turned on: each delivery is verified with ECDSA P-256 over `timestamp + raw body` against the public key
 * SendGrid returns, and each event of a batch is emitted once (by `sg_event_id`). Requests are checked against what
 * @sendgrid/client builds and the signature check against @sendgrid/eventwebhook (test/conformance/sendgrid-*).
 * Facts: /work/shared/reference/services.md § SendGrid, https://www.twilio.com/docs/sendgrid/api-reference.
 */
import { bodyParam, queryParam } from '../../lib/spec/params';
import type {
	OperationSpec,
	PaginationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import type { ErrorCodesSpec } from '../../lib/transport/error-codes';
import type { SignatureScheme } from '../../lib/webhooks/scheme';
import { sendGridHooks } from './SendGrid.hooks';

export const SENDGRID_CREDENTIAL = 'apiConnSendGridApi';
export const SENDGRID_GLOBAL_URL = 'https://api.sendgrid.com';
export const SENDGRID_EU_URL = 'https://api.eu.sendgrid.com';
const REF = 'https://www.twilio.com/docs/sendgrid/api-reference';

const query = queryParam;
const body = bodyParam;

/** `_metadata.next` is the next page's full URL on the same host (Marketing and template lists). */
const NEXT_URL = (pageSize: number): PaginationSpec => ({
	type: 'nextUrl',
	nextUrlPath: '_metadata.next',
	itemsPath: 'result',
	limitParam: 'page_size',
	pageSize,
});
/** Suppression lists page by `offset` and `limit` (at most 500 per page). */
const OFFSET: PaginationSpec = {
	type: 'offset',
	offsetParam: 'offset',
	limitParam: 'limit',
	pageSize: 500,
	itemsPath: '',
};

const pathId = (name: string, displayName: string, description: string): ParamSpec => ({
	displayName,
	name,
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	description,
});

const mailOps: OperationSpec[] = [
	{
		id: 'send',
		name: 'Send',
		action: 'Send an email',
		description:
			'Send one message (POST /v3/mail/send); SendGrid answers 202 and the message ID (the X-Message-ID header)',
		method: 'POST',
		path: '/v3/mail/send',
		body: 'json',
		hook: 'sendMail',
		idempotent: false,
		docsUrl: `${REF}/mail-send/mail-send`,
		params: [
			body('fromEmail', 'From Email', 'string', {
				default: '',
				required: true,
				placeholder: 'orders@example.com',
				description:
					'The sender (from.email): a verified sender or an address of an authenticated domain',
			}),
			body('toEmail', 'To Email', 'string', {
				default: '',
				required: true,
				placeholder: 'ada@example.com, grace@example.com',
				description:
					'Recipients (personalizations[0].to), comma-separated; each an address, or a name followed by the address in angle brackets',
			}),
			body('subject', 'Subject', 'string', {
				default: '',
				description: 'The subject (subject); a dynamic template sets its own subject from its data',
			}),
			body('fromName', 'From Name', 'string', {
				default: '',
				description: 'The sender name (from.name)',
			}),
			body('cc', 'CC', 'string', {
				default: '',
				description: 'Copy recipients (personalizations[0].cc), comma-separated',
			}),
			body('bcc', 'BCC', 'string', {
				default: '',
				description: 'Blind copy recipients (personalizations[0].bcc), comma-separated',
			}),
			body('replyTo', 'Reply To', 'string', {
				default: '',
				description: 'Where replies go (reply_to.email)',
			}),
			body('text', 'Text Content', 'string', {
				default: '',
				description: 'The plain-text body (content type text/plain)',
			}),
			body('html', 'HTML Content', 'string', {
				default: '',
				description: 'The HTML body (content type text/html)',
			}),
			body('templateId', 'Template ID', 'string', {
				default: '',
				placeholder: 'd-13b8f94fbcae4ec6b75270d6cb59f932',
				description: 'A dynamic template to send (template_id, d-…); then content is optional',
			}),
			body('dynamicTemplateData', 'Dynamic Template Data', 'json', {
				default: '{}',
				description:
					'Values for the template\'s Handlebars tags (personalizations[0].dynamic_template_data), e.g. {"first_name": "Ada"}',
			}),
			body('personalizations', 'Personalizations (JSON)', 'json', {
				default: '[]',
				description:
					'Several personalizations (personalizations), up to 1,000, each with its own to/cc/bcc/subject/dynamic_template_data; replaces the To, CC, BCC and Dynamic Template Data fields when not empty',
			}),
			body('categories', 'Categories', 'stringList', {
				default: '',
				description: 'Up to 10 categories to group the statistics by (categories)',
			}),
			body('sendAt', 'Send At', 'dateTime', {
				default: '',
				description: 'Schedule the send (send_at, up to 72 hours ahead); empty sends now',
			}),
			body('attachments', 'Attachments (Binary Properties)', 'string', {
				default: '',
				placeholder: 'data, invoice',
				description:
					'Names of the input binary properties to attach (attachments, base64), comma-separated; the whole message must stay under 30 MB',
			}),
			body('customArgs', 'Custom Arguments', 'json', {
				default: '{}',
				description:
					'Text values echoed back in the Event Webhook events of this message (custom_args), e.g. {"order_id": "1234"}',
			}),
			body('asmGroupId', 'Unsubscribe Group ID', 'number', {
				default: 0,
				description: 'The unsubscribe group the message belongs to (asm.group_id)',
			}),
			body('sandboxMode', 'Sandbox Mode', 'boolean', {
				default: false,
				description:
					'Whether SendGrid only validates the request and sends nothing (mail_settings.sandbox_mode.enable)',
			}),
		],
	},
];

const templateOps: OperationSpec[] = [
	{
		id: 'get',
		name: 'Get',
		action: 'Get a template',
		method: 'GET',
		path: '/v3/templates/{templateId}',
		docsUrl: `${REF}/transactional-templates/retrieve-a-single-transactional-template`,
		params: [pathId('templateId', 'Template ID', 'The template (template_id), e.g. d-13b8f94f…')],
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many templates',
		method: 'GET',
		path: '/v3/templates',
		paginate: NEXT_URL(200),
		docsUrl: `${REF}/transactional-templates/retrieve-paged-transactional-templates`,
		params: [
			query('generations', 'Generations', 'options', {
				default: 'dynamic',
				required: true,
				options: [
					{ name: 'Dynamic', value: 'dynamic', description: 'Dynamic templates (d-…)' },
					{ name: 'Legacy', value: 'legacy' },
					{ name: 'Legacy and Dynamic', value: 'legacy,dynamic' },
				],
				description: 'Which generation of templates to list (generations)',
			}),
		],
	},
];

const contactParams: ParamSpec[] = [
	body('email', 'Email', 'string', {
		default: '',
		required: true,
		placeholder: 'ada@example.com',
		description: "The contact's address (email); an existing contact with it is updated",
	}),
	body('listIds', 'List IDs', 'stringList', {
		default: '',
		description: 'Lists to add the contact to (list_ids), comma-separated',
	}),
	body('first_name', 'First Name', 'string', {
		default: '',
		description: "The contact's first name (first_name)",
	}),
	body('last_name', 'Last Name', 'string', {
		default: '',
		description: "The contact's last name (last_name)",
	}),
	body('phone_number', 'Phone Number', 'string', {
		default: '',
		description: "The contact's phone number (phone_number)",
	}),
	body('address_line_1', 'Address Line 1', 'string', {
		default: '',
		description: "The contact's first address line (address_line_1)",
	}),
	body('city', 'City', 'string', { default: '', description: "The contact's city (city)" }),
	body('state_province_region', 'State or Region', 'string', {
		default: '',
		description: "The contact's state, province or region (state_province_region)",
	}),
	body('postal_code', 'Postal Code', 'string', {
		default: '',
		description: "The contact's postal code (postal_code)",
	}),
	body('country', 'Country', 'string', {
		default: '',
		description: "The contact's country (country)",
	}),
	body('customFields', 'Custom Fields', 'json', {
		default: '{}',
		description:
			'Custom field values keyed by the field ID (custom_fields), e.g. {"e1_T": "gold"}; IDs from GET /v3/marketing/field_definitions',
	}),
	body('waitForImport', 'Wait for Import', 'boolean', {
		default: false,
		description:
			'Whether to poll the import job (Get Import Status) until it has finished, and output its result',
	}),
	body('maxWaitSeconds', 'Max Wait (Seconds)', 'number', {
		default: 120,
		description: 'How long to wait for the import job at most',
	}),
];

const contactOps: OperationSpec[] = [
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete contacts',
		description: 'Delete contacts by ID (asynchronous: SendGrid answers 202 with the job ID)',
		method: 'DELETE',
		path: '/v3/marketing/contacts',
		docsUrl: `${REF}/contacts/delete-contacts`,
		params: [
			query('ids', 'Contact IDs', 'stringList', {
				default: '',
				required: true,
				queryFormat: 'comma',
				description: 'IDs of the contacts to delete, comma-separated, up to 100',
			}),
		],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a contact',
		method: 'GET',
		path: '/v3/marketing/contacts/{id}',
		docsUrl: `${REF}/contacts/get-a-contact-by-id`,
		params: [pathId('id', 'Contact ID', "The contact's ID, as Search gives it")],
	},
	{
		id: 'getImportStatus',
		name: 'Get Import Status',
		action: 'Get the status of a contacts import',
		method: 'GET',
		path: '/v3/marketing/contacts/imports/{id}',
		docsUrl: `${REF}/contacts/import-contacts-status`,
		params: [pathId('id', 'Job ID', 'The job ID an upsert or delete answered (job_id)')],
	},
	{
		id: 'search',
		name: 'Search',
		action: 'Search contacts',
		description: 'Contacts matching an SGQL query (at most 50 are returned)',
		method: 'POST',
		path: '/v3/marketing/contacts/search',
		body: 'json',
		response: { path: 'result' },
		// SendGrid answers at most 50 matches, in one page: Return All / Limit keep the first Limit. Version 1
		// workflows were saved without them and keep getting every match.
		wholeList: true,
		listSince: 2,
		docsUrl: `${REF}/contacts/search-contacts`,
		params: [
			body('query', 'Query (SGQL)', 'string', {
				default: '',
				required: true,
				placeholder: "email LIKE 'ada%' AND CONTAINS(list_ids, '6eb9…')",
				description: 'The SGQL condition (query)',
			}),
		],
	},
	{
		id: 'upsert',
		name: 'Create or Update',
		action: 'Create or update a contact',
		description: 'Create a new record, or update the current one if it already exists (upsert)',
		method: 'PUT',
		path: '/v3/marketing/contacts',
		body: 'json',
		shape: 'shapeContact',
		// With Batch Items, items with the same lists go as one request (up to 30,000 contacts) and share its job.
		listBatch: {
			size: 30_000,
			in: 'body',
			list: 'contacts',
			answerList: '',
			job: {
				id: 'job_id',
				poll: { path: '/v3/marketing/contacts/imports/{id}' },
				status: 'status',
				done: ['completed', 'errored', 'failed'],
				failed: ['failed'],
				intervalMs: 2_000,
				maxWaitMs: 120_000,
				maxWaitParam: 'maxWaitSeconds',
				waitParam: 'waitForImport',
				noun: 'import job',
				timeoutHint:
					'Raise Max Wait, or turn Wait for Import off and read the job later with Contact → Get Import Status ({id}).',
				elementAs: 'contact',
			},
		},
		docsUrl: `${REF}/contacts/add-or-update-a-contact`,
		params: contactParams,
	},
];

const listOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a list',
		method: 'POST',
		path: '/v3/marketing/lists',
		body: 'json',
		idempotent: false,
		docsUrl: `${REF}/lists/create-list`,
		params: [
			body('name', 'Name', 'string', {
				default: '',
				required: true,
				description: 'The list name (name), up to 100 characters',
			}),
		],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a list',
		method: 'DELETE',
		path: '/v3/marketing/lists/{id}',
		response: { onEmpty: { deleted: true } },
		docsUrl: `${REF}/lists/delete-a-list`,
		params: [
			pathId('id', 'List ID', "The list's ID"),
			query('delete_contacts', 'Delete Contacts', 'boolean', {
				default: false,
				description: 'Whether to delete the contacts of the list as well (delete_contacts)',
			}),
		],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a list',
		method: 'GET',
		path: '/v3/marketing/lists/{id}',
		docsUrl: `${REF}/lists/get-a-list-by-id`,
		params: [
			pathId('id', 'List ID', "The list's ID"),
			query('contact_sample', 'Contact Sample', 'boolean', {
				default: false,
				description: 'Whether to include a sample of up to 50 of its contacts (contact_sample)',
			}),
		],
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many lists',
		method: 'GET',
		path: '/v3/marketing/lists',
		paginate: NEXT_URL(1000),
		docsUrl: `${REF}/lists/get-all-lists`,
	},
];

listOps.push({
	id: 'update',
	name: 'Update',
	action: 'Rename a list',
	method: 'PATCH',
	path: '/v3/marketing/lists/{id}',
	body: 'json',
	docsUrl: `${REF}/lists/update-list`,
	params: [
		pathId('id', 'List ID', "The list's ID"),
		body('name', 'Name', 'string', {
			default: '',
			required: true,
			description: 'The new name (name), up to 100 characters',
		}),
	],
});

const timeRange: ParamSpec[] = [
	query('start_time', 'Start Time', 'number', {
		default: 0,
		description: 'Only entries created at or after this Unix time in seconds (start_time)',
	}),
	query('end_time', 'End Time', 'number', {
		default: 0,
		description: 'Only entries created at or before this Unix time in seconds (end_time)',
	}),
];

/** One suppression list (bounces, blocks, spam reports, global unsubscribes): list it and remove an address from it. */
function suppressionOps(
	key: string,
	plural: string,
	listPath: string,
	deletePath: string,
	docs: { list: string; remove: string },
): OperationSpec[] {
	return [
		{
			id: `delete${key}`,
			name: `Delete ${plural.replace(/s$/, '')}`,
			action: `Remove an address from the ${plural.toLowerCase()}`,
			method: 'DELETE',
			path: `${deletePath}/{email}`,
			response: { onEmpty: { deleted: true } },
			docsUrl: `${REF}/${docs.remove}`,
			params: [
				{ ...pathId('email', 'Email', 'The address to remove'), placeholder: 'name@email.com' },
			],
		},
		{
			id: `get${key}s`,
			name: `Get ${plural}`,
			action: `Get the ${plural.toLowerCase()}`,
			method: 'GET',
			path: listPath,
			paginate: OFFSET,
			docsUrl: `${REF}/${docs.list}`,
			params: timeRange,
		},
	];
}

const suppressionOpList: OperationSpec[] = [
	...suppressionOps('Block', 'Blocks', '/v3/suppression/blocks', '/v3/suppression/blocks', {
		list: 'blocks-api/retrieve-all-blocks',
		remove: 'blocks-api/delete-a-specific-block',
	}),
	...suppressionOps('Bounce', 'Bounces', '/v3/suppression/bounces', '/v3/suppression/bounces', {
		list: 'bounces-api/retrieve-all-bounces',
		remove: 'bounces-api/delete-a-bounce',
	}),
	...suppressionOps(
		'GlobalUnsubscribe',
		'Global Unsubscribes',
		'/v3/suppression/unsubscribes',
		'/v3/asm/suppressions/global',
		{
			list: 'suppressions-global-suppressions/retrieve-all-global-suppressions',
			remove: 'suppressions-global-suppressions/delete-a-global-suppression',
		},
	),
	...suppressionOps(
		'SpamReport',
		'Spam Reports',
		'/v3/suppression/spam_reports',
		'/v3/suppression/spam_reports',
		{
			list: 'spam-reports-api/retrieve-all-spam-reports',
			remove: 'spam-reports-api/delete-a-specific-spam-report',
		},
	),
];

const statsOps: OperationSpec[] = [
	{
		id: 'get',
		name: 'Get',
		action: 'Get email statistics',
		description: 'Global email statistics per day, week or month (GET /v3/stats)',
		method: 'GET',
		path: '/v3/stats',
		docsUrl: `${REF}/stats/retrieve-global-email-statistics`,
		params: [
			query('start_date', 'Start Date', 'string', {
				default: '',
				required: true,
				placeholder: '2026-11-01',
				description: 'First day (start_date, YYYY-MM-DD)',
			}),
			query('end_date', 'End Date', 'string', {
				default: '',
				placeholder: '2026-11-30',
				description: 'Last day (end_date, YYYY-MM-DD); today when empty',
			}),
			query('aggregated_by', 'Aggregated By', 'options', {
				default: 'day',
				options: [
					{ name: 'Day', value: 'day' },
					{ name: 'Month', value: 'month' },
					{ name: 'Week', value: 'week' },
				],
				description: 'How the numbers are grouped (aggregated_by)',
			}),
		],
	},
];

/** SendGrid's error body: `{"errors":[{"field":"from.email","message":"…","help":"…"}]}`. */
export const SENDGRID_ERROR_CODES: ErrorCodesSpec = {
	codePath: 'errors.0.field',
	userMessagePath: 'errors.0.message',
	fieldPath: 'errors.0.field',
	rules: [
		{
			status: [401],
			category: 'auth',
			reason: 'SendGrid says "{message}": the API key is wrong, revoked or deleted',
			fix: 'Create an API key (Settings → API Keys) and paste it into the credential (it starts with SG.).',
		},
		{
			status: [403],
			category: 'permission',
			reason:
				'SendGrid says "{message}": the API key has no access to this endpoint, or the account is on the other data-residency host',
			fix: 'Give the API key the permission this operation needs (Settings → API Keys → Edit; see the doc page), or pick the right Data Residency in the credential.',
		},
		{ status: [404], category: 'notFound' },
		{
			status: [413],
			category: 'permanent',
			reason: 'SendGrid says "{message}": the message is larger than 30 MB',
			fix: 'Send smaller or fewer attachments (link to large files instead).',
		},
		{ status: [400], category: 'invalid', reason: 'SendGrid refused a field: "{message}"' },
	],
};

/**
 * The Signed Event Webhook: `X-Twilio-Email-Event-Webhook-Signature` is a base64 DER ECDSA P-256/SHA-256
 * signature of the `X-Twilio-Email-Event-Webhook-Timestamp` header followed by the raw body (which ends in
 * `\r\n`), verified with the webhook's public key (base64 DER SPKI). SendGrid sets no freshness rule: a delivery
 * whose timestamp is more than 10 minutes old is refused (documented on the doc page).
 */
export const sendGridSignature: SignatureScheme = {
	header: 'X-Twilio-Email-Event-Webhook-Signature',
	algorithm: 'ecdsa-p256-sha256',
	encoding: 'base64',
	timestampHeader: 'X-Twilio-Email-Event-Webhook-Timestamp',
	signedPayload: '{timestamp}{body}',
	toleranceSeconds: 600,
};

/** The Event Webhook's event types: the registration's flags (same names) and each event's `event` value. */
export const SENDGRID_EVENTS: Array<[string, string, string]> = [
	['bounce', 'Bounce', 'The receiving server refused the message for good'],
	['click', 'Click', 'A recipient clicked a tracked link'],
	['deferred', 'Deferred', 'The receiving server deferred the message for now'],
	['delivered', 'Delivered', 'The receiving server accepted the message'],
	['dropped', 'Dropped', 'SendGrid did not send the message (suppressed address, invalid…)'],
	['group_resubscribe', 'Group Resubscribe', 'A recipient resubscribed to an unsubscribe group'],
	['group_unsubscribe', 'Group Unsubscribe', 'A recipient unsubscribed from an unsubscribe group'],
	['open', 'Open', 'A recipient opened the message'],
	['processed', 'Processed', 'SendGrid accepted the message for delivery'],
	['spamreport', 'Spam Report', 'A recipient marked the message as spam'],
	['unsubscribe', 'Unsubscribe', 'A recipient unsubscribed from everything'],
];

export const sendGridSpec: ServiceSpec = {
	id: 'sendGrid',
	displayName: 'SendGrid',
	description:
		'Send email with Twilio SendGrid (templates, attachments, scheduling) and manage contacts, lists, suppressions and stats',
	docsUrl: REF,
	baseUrl: '{apiUrl}',
	auth: [{ kind: 'bearer', credentialType: SENDGRID_CREDENTIAL, displayName: 'API Key' }],
	// 2: Contact → Search has Return All / Limit (version 1 returns every match).
	versions: [1, 2],
	credentialTest: { path: '/v3/scopes' },
	// GET /v3/user/email: the account's address (the API key needs the user e-mail read permission).
	account: { path: '/v3/user/email', labelPath: 'email' },
	// Every v3 answer says its budget: X-RateLimit-Limit / -Remaining / -Reset (Unix epoch seconds). The limits are
	// per endpoint and not published; 600 per minute is the documented default of the older endpoints.
	rateLimit: {
		requests: 600,
		windowMs: 60_000,
		headers: [
			{
				format: 'fields',
				limit: 'x-ratelimit-limit',
				remaining: 'x-ratelimit-remaining',
				reset: 'x-ratelimit-reset',
				resetUnit: 'epoch-seconds',
			},
		],
		// 429 TOO MANY REQUESTS ({"errors":[{"message":"too many requests"}]}): wait for X-RateLimit-Reset.
		throttled: [{ status: [429] }],
	},
	errorCodes: SENDGRID_ERROR_CODES,
	resources: [
		{ id: 'contact', name: 'Contact', operations: contactOps },
		{ id: 'list', name: 'List', operations: listOps },
		{ id: 'mail', name: 'Mail', operations: mailOps },
		{ id: 'stats', name: 'Statistic', operations: statsOps },
		{ id: 'suppression', name: 'Suppression', operations: suppressionOpList },
		{ id: 'template', name: 'Template', operations: templateOps },
	],
	webhook: {
		signature: sendGridSignature,
		// Created on activation (POST /v3/user/webhooks/event/settings), signing turned on for it, which answers the
		// public key the deliveries are verified with; deleted on deactivation.
		register: 'api',
		params: [
			{
				displayName: 'Setup',
				name: 'setup',
				type: 'options',
				options: [
					{
						name: 'Automatic (Through the API)',
						value: 'api',
						description:
							'Activation creates the Event Webhook, turns signing on and keeps its verification key; deactivation deletes it (the API key needs the Event Webhook scopes)',
					},
					{
						name: 'Manual (Set up in SendGrid)',
						value: 'manual',
						description:
							'You add this URL as an Event Webhook in SendGrid (Settings → Mail Settings → Event Webhooks), turn Signature Verification on and paste its verification key below',
					},
				],
				default: 'api',
				description:
					'Whether activation creates the Event Webhook through the API, or you set it up in SendGrid yourself (an API key without the Event Webhook scopes)',
			},
			{
				displayName: 'Verification Key',
				name: 'verificationKey',
				type: 'string',
				default: '',
				// Needed for a manual setup only (activation says so); a required field is checked when hidden too.
				placeholder: 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE…',
				description:
					'The public key SendGrid shows under the Event Webhook’s Signature Verification (base64, or PEM): deliveries are verified with it. It is public; it cannot sign.',
				showWhen: { setup: ['manual'] },
			},
		],
		hooks: {
			checkExists: 'webhookExists',
			create: 'webhookCreate',
			delete: 'webhookDelete',
			deliver: 'webhookDeliver',
		},
		events: SENDGRID_EVENTS.map(([value, name, description]) => ({ name, value, description })),
		defaultEvents: ['bounce', 'delivered', 'dropped'],
		eventsNote:
			'One delivery carries a batch of events: each selected event is emitted as its own item, once (by sg_event_id)',
	},
};

export const sendGridDefinition: ServiceDefinition = { spec: sendGridSpec, hooks: sendGridHooks };
