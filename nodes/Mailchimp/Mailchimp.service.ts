/**
 * Mailchimp Marketing API 3.0 (https://<dc>.api.mailchimp.com/3.0) as data: audiences, members (added or updated
 * by the MD5 of the lower-cased e-mail, computed for the user), tags, merge fields, segments, campaigns (create,
 * content, send, schedule, test, replicate), reports and customer journeys. Two credentials: an API key (its
 * `-us6` suffix is the data center; HTTP Basic with any user name) and OAuth2 (the data center comes from
 * login.mailchimp.com's metadata after authorisation). Mailchimp limits each user to 10 simultaneous connections
 * (no per-window count, no rate-limit headers, 429 otherwise): a concurrency budget. The trigger registers a list
 * webhook through the API; Mailchimp signs nothing, so the URL carries a random secret. Methods and paths are
 * checked against @mailchimp/mailchimp_marketing (test/conformance/mailchimp-sdk.test.ts). Facts:
 * /work/shared/reference/services.md § Mailchimp Marketing API.
 */
import { bodyParam, enumOptions, queryParam } from '../../lib/spec/params';
import type {
	OperationSpec,
	PaginationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import type { ErrorCodesSpec } from '../../lib/transport/error-codes';
import { MAX_BATCH_OPERATIONS, mailchimpHooks } from './Mailchimp.hooks';
import { MAILCHIMP_METADATA_URL, MAILCHIMP_OAUTH } from './Mailchimp.oauth';

export const MAILCHIMP_API_KEY_CREDENTIAL = 'apiConnMailchimpApi';
export const MAILCHIMP_APP_CREDENTIAL = 'apiConnMailchimpOAuth2Api';
const REF = 'https://mailchimp.com/developer/marketing/api';
const BASE = 'https://{value}.api.mailchimp.com/3.0';

/**
 * Mailchimp pages by `count` (at most 1000) and `offset`; `total_items` says how many there are, so paging stops at
 * the last full page instead of asking for an empty one after it.
 */
const paged = (itemsPath: string): PaginationSpec => ({
	type: 'offset',
	offsetParam: 'offset',
	limitParam: 'count',
	pageSize: 1000,
	itemsPath,
	totalPath: 'total_items',
});

const listId: ParamSpec = {
	displayName: 'Audience ID',
	name: 'listId',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	description: "The audience's ID (list_id), in Audience → Settings → Audience name and defaults",
};
const member: ParamSpec = {
	displayName: 'Email or Subscriber Hash',
	name: 'subscriberHash',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'name@example.com',
	description:
		"The member's e-mail address (its subscriber_hash, the MD5 of the lower-cased address, is computed for you) or the hash itself",
};
const campaignId: ParamSpec = {
	displayName: 'Campaign ID',
	name: 'campaignId',
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	description: "The campaign's ID (campaign_id)",
};

const MEMBER_STATUSES = ['subscribed', 'unsubscribed', 'cleaned', 'pending', 'transactional'];
const status = (wire: string, displayName: string, description: string, required = false) =>
	bodyParam(wire, displayName, 'options', {
		options: enumOptions(MEMBER_STATUSES),
		default: 'subscribed',
		required,
		description,
	});

const memberFields: ParamSpec[] = [
	bodyParam('merge_fields', 'Merge Fields', 'json', {
		default: '{}',
		description:
			'Values of the audience\'s merge fields by tag (merge_fields), e.g. {"FNAME": "Ann"}',
	}),
	bodyParam('email_type', 'Email Type', 'options', {
		options: [
			{ name: 'HTML', value: 'html' },
			{ name: 'Text', value: 'text' },
		],
		default: 'html',
		description: 'The kind of e-mail the member receives (email_type)',
	}),
	bodyParam('language', 'Language', 'string', {
		default: '',
		description: "The member's language code (language), e.g. en or fr",
	}),
	bodyParam('vip', 'VIP', 'boolean', {
		default: false,
		description: 'Whether the member is a VIP (vip)',
	}),
	bodyParam('tags', 'Tags', 'stringList', {
		default: '',
		description: 'Tags for a new member (tags); change the tags of an existing one with Add Tags',
	}),
	bodyParam('ip_signup', 'Signup IP', 'string', {
		default: '',
		description: 'IP address the member signed up from (ip_signup)',
	}),
	queryParam('skip_merge_validation', 'Skip Merge Validation', 'boolean', {
		default: false,
		description:
			'Whether to accept the member without required merge fields (skip_merge_validation)',
	}),
];

const tagsParam: ParamSpec = bodyParam('tags', 'Tags', 'stringList', {
	required: true,
	default: '',
	description: 'Tag names (tags[].name); a tag that does not exist yet is created',
});

const audienceOps: OperationSpec[] = [
	{
		id: 'get',
		name: 'Get',
		action: 'Get an audience',
		method: 'GET',
		path: '/lists/{listId}',
		params: [listId],
		docsUrl: `${REF}/lists/get-list-info/`,
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many audiences',
		method: 'GET',
		path: '/lists',
		paginate: paged('lists'),
		docsUrl: `${REF}/lists/get-lists-info/`,
	},
];

const memberOps: OperationSpec[] = [
	{
		id: 'upsert',
		name: 'Create or Update',
		action: 'Create or update a member',
		description: 'Create a new record, or update the current one if it already exists (upsert)',
		method: 'PUT',
		path: '/lists/{listId}/members/{subscriberHash}',
		body: 'json',
		shape: 'shapeRequest',
		// With Batch Items, many items go as one batch operation (ServiceSpec.batch).
		batchable: true,
		params: [
			listId,
			{
				...member,
				displayName: 'Email',
				description: "The member's e-mail address (email_address)",
			},
			status(
				'status_if_new',
				'Status If New',
				'Status of a member who is not in the audience yet (status_if_new); pending sends a confirmation e-mail',
				true,
			),
			status('status', 'Status', 'Status to set on an existing member too (status)'),
			...memberFields,
		],
		docsUrl: `${REF}/lists/add-or-update-list-member/`,
	},
	{
		id: 'upsertMany',
		name: 'Create or Update Many',
		action: 'Create or update many members',
		description:
			'Many members in one batch operation (POST /batches), waited for until Mailchimp finished it; one item per member',
		method: 'POST',
		path: '/batches',
		hook: 'upsertMembersBatch',
		params: [
			{ ...listId, in: 'body' },
			{
				displayName: 'Members',
				name: 'members',
				in: 'body',
				type: 'json',
				required: true,
				default: '[]',
				description:
					'JSON list (at most 1000) of e-mail addresses, or of objects with email_address and the fields of Create or Update (status_if_new, merge_fields, tags, …). For one member per input item, use Create or Update with Options → Batch Items instead (one batch, each item its own result).',
			},
			status(
				'status_if_new',
				'Status If New',
				'Status of members who are not in the audience yet (status_if_new), unless a member gives its own',
				true,
			),
			{
				displayName: 'Max Wait (Seconds)',
				name: 'maxWaitSeconds',
				in: 'body',
				type: 'number',
				default: 600,
				description: 'How long to wait for Mailchimp to finish the batch (checked every 5 s)',
				validate: { min: 5 },
			},
		],
		docsUrl: `${REF}/batch-operations/start-batch-operation/`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a member',
		method: 'GET',
		path: '/lists/{listId}/members/{subscriberHash}',
		shape: 'shapeRequest',
		params: [listId, member],
		docsUrl: `${REF}/lists/get-member-info/`,
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many members',
		method: 'GET',
		path: '/lists/{listId}/members',
		paginate: paged('members'),
		params: [
			listId,
			queryParam('status', 'Status', 'options', {
				options: enumOptions([...MEMBER_STATUSES, 'archived']),
				default: 'subscribed',
				description: 'Only members with this status (status)',
			}),
			queryParam('since_last_changed', 'Changed Since', 'dateTime', {
				default: '',
				description: 'Only members changed after this time (since_last_changed)',
			}),
		],
		docsUrl: `${REF}/lists/list-members-info/`,
	},
	{
		id: 'archive',
		name: 'Archive',
		action: 'Archive a member',
		description: 'Archives the member; Add or Update brings it back',
		method: 'DELETE',
		path: '/lists/{listId}/members/{subscriberHash}',
		shape: 'shapeRequest',
		params: [listId, member],
		response: { onEmpty: { archived: true } },
		docsUrl: `${REF}/lists/archive-list-member/`,
	},
	{
		id: 'deletePermanently',
		name: 'Delete Permanently',
		action: 'Delete a member permanently',
		description: 'Erases the member and its data; the address cannot be added back by the API',
		method: 'POST',
		path: '/lists/{listId}/members/{subscriberHash}/actions/delete-permanent',
		shape: 'shapeRequest',
		params: [listId, member],
		response: { onEmpty: { deleted: true } },
		docsUrl: `${REF}/lists/delete-list-member/`,
	},
	{
		id: 'addTags',
		name: 'Add Tags',
		action: 'Add tags to a member',
		method: 'POST',
		path: '/lists/{listId}/members/{subscriberHash}/tags',
		body: 'json',
		shape: 'shapeRequest',
		params: [listId, member, tagsParam],
		response: { onEmpty: { success: true } },
		docsUrl: `${REF}/lists/add-or-remove-member-tags/`,
	},
	{
		id: 'removeTags',
		name: 'Remove Tags',
		action: 'Remove tags from a member',
		method: 'POST',
		path: '/lists/{listId}/members/{subscriberHash}/tags',
		body: 'json',
		shape: 'shapeRequest',
		params: [listId, member, tagsParam],
		response: { onEmpty: { success: true } },
		docsUrl: `${REF}/lists/add-or-remove-member-tags/`,
	},
];

const mergeFieldOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many merge fields',
		method: 'GET',
		path: '/lists/{listId}/merge-fields',
		paginate: paged('merge_fields'),
		params: [listId],
		docsUrl: `${REF}/lists/list-merge-fields/`,
	},
];

const segmentOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many segments',
		description: 'Segments and tags of an audience',
		method: 'GET',
		path: '/lists/{listId}/segments',
		paginate: paged('segments'),
		params: [
			listId,
			queryParam('type', 'Type', 'options', {
				options: enumOptions(['saved', 'static', 'fuzzy']),
				default: 'saved',
				description: 'Only segments of this type (type); static segments are tags',
			}),
		],
		docsUrl: `${REF}/lists/list-segments/`,
	},
];

const campaignAction = (
	id: string,
	name: string,
	action: string,
	path: string,
	docs: string,
	params: ParamSpec[] = [],
	onEmpty: Record<string, boolean> = { success: true },
): OperationSpec => ({
	id,
	name,
	action,
	method: 'POST',
	path: `/campaigns/{campaignId}/actions/${path}`,
	...(params.length > 0 ? { body: 'json' as const } : {}),
	params: [campaignId, ...params],
	response: { onEmpty },
	docsUrl: `${REF}/campaigns/${docs}/`,
});

const campaignOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a campaign',
		method: 'POST',
		path: '/campaigns',
		body: 'json',
		params: [
			bodyParam('type', 'Type', 'options', {
				options: enumOptions(['regular', 'plaintext', 'rss', 'variate']),
				default: 'regular',
				required: true,
				description: 'The kind of campaign (type)',
			}),
			bodyParam('recipients.list_id', 'Audience ID', 'string', {
				required: true,
				default: '',
				description: 'The audience the campaign goes to (recipients.list_id)',
			}),
			bodyParam('settings.subject_line', 'Subject Line', 'string', {
				default: '',
				description: "The e-mail's subject (settings.subject_line)",
			}),
			bodyParam('settings.preview_text', 'Preview Text', 'string', {
				default: '',
				description: 'Text shown after the subject in inboxes (settings.preview_text)',
			}),
			bodyParam('settings.title', 'Title', 'string', {
				default: '',
				description: "The campaign's name in Mailchimp (settings.title)",
			}),
			bodyParam('settings.from_name', 'From Name', 'string', {
				default: '',
				description: "The sender's name (settings.from_name)",
			}),
			bodyParam('settings.reply_to', 'Reply-To', 'string', {
				default: '',
				placeholder: 'name@example.com',
				description: 'The reply-to address, a verified domain (settings.reply_to)',
			}),
			bodyParam('recipients.segment_opts.saved_segment_id', 'Segment ID', 'number', {
				default: 0,
				description:
					'Send only to this saved segment or tag (recipients.segment_opts.saved_segment_id)',
			}),
		],
		docsUrl: `${REF}/campaigns/add-campaign/`,
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a campaign',
		method: 'GET',
		path: '/campaigns/{campaignId}',
		params: [campaignId],
		docsUrl: `${REF}/campaigns/get-campaign-info/`,
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many campaigns',
		method: 'GET',
		path: '/campaigns',
		paginate: paged('campaigns'),
		params: [
			queryParam('status', 'Status', 'options', {
				options: enumOptions(['save', 'paused', 'schedule', 'sending', 'sent']),
				default: 'sent',
				description: 'Only campaigns with this status (status)',
			}),
			queryParam('list_id', 'Audience ID', 'string', {
				default: '',
				description: 'Only campaigns sent to this audience (list_id)',
			}),
			queryParam('since_create_time', 'Created Since', 'dateTime', {
				default: '',
				description: 'Only campaigns created after this time (since_create_time)',
			}),
		],
		docsUrl: `${REF}/campaigns/list-campaigns/`,
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a campaign',
		method: 'DELETE',
		path: '/campaigns/{campaignId}',
		params: [campaignId],
		response: { onEmpty: { deleted: true } },
		docsUrl: `${REF}/campaigns/delete-campaign/`,
	},
	{
		id: 'setContent',
		name: 'Set Content',
		action: 'Set the content of a campaign',
		description: 'The HTML, or a template and its sections',
		method: 'PUT',
		path: '/campaigns/{campaignId}/content',
		body: 'json',
		params: [
			campaignId,
			bodyParam('html', 'HTML', 'string', {
				default: '',
				description: 'The whole HTML of the e-mail (html); leave empty to use a template',
			}),
			bodyParam('plain_text', 'Plain Text', 'string', {
				default: '',
				description: 'The plain-text version (plain_text)',
			}),
			bodyParam('template.id', 'Template ID', 'number', {
				default: 0,
				description: 'A saved template to use instead of HTML (template.id)',
			}),
			bodyParam('template.sections', 'Template Sections', 'json', {
				default: '{}',
				description:
					'Content of the template\'s editable sections by name (template.sections), e.g. {"body": "<p>Hi</p>"}',
			}),
			bodyParam('url', 'URL', 'string', {
				default: '',
				description: 'A page to import the HTML from (url)',
			}),
		],
		docsUrl: `${REF}/campaigns/set-campaign-content/`,
	},
	campaignAction('send', 'Send', 'Send a campaign', 'send', 'send-campaign', [], { sent: true }),
	campaignAction(
		'schedule',
		'Schedule',
		'Schedule a campaign',
		'schedule',
		'schedule-campaign',
		[
			bodyParam('schedule_time', 'Schedule Time', 'dateTime', {
				required: true,
				default: '',
				description: 'When to send, UTC, on a quarter hour (schedule_time)',
			}),
			bodyParam('timewarp', 'Timewarp', 'boolean', {
				default: false,
				description: "Whether to send at that time in each recipient's time zone (timewarp)",
			}),
		],
		{ scheduled: true },
	),
	campaignAction(
		'unschedule',
		'Unschedule',
		'Unschedule a campaign',
		'unschedule',
		'unschedule-campaign',
		[],
		{ unscheduled: true },
	),
	campaignAction(
		'sendTest',
		'Send Test',
		'Send a test email of a campaign',
		'test',
		'send-test-email',
		[
			bodyParam('test_emails', 'Test Emails', 'stringList', {
				required: true,
				default: '',
				description: 'Addresses to send the test to (test_emails)',
			}),
			bodyParam('send_type', 'Send Type', 'options', {
				options: [
					{ name: 'HTML', value: 'html' },
					{ name: 'Plain Text', value: 'plaintext' },
				],
				required: true,
				default: 'html',
				description: 'Which version to send (send_type)',
			}),
		],
	),
	{
		id: 'replicate',
		name: 'Replicate',
		action: 'Replicate a campaign',
		description: 'A copy of the campaign, saved as a draft',
		method: 'POST',
		path: '/campaigns/{campaignId}/actions/replicate',
		params: [campaignId],
		docsUrl: `${REF}/campaigns/replicate-campaign/`,
	},
];

const reportOps: OperationSpec[] = [
	{
		id: 'get',
		name: 'Get',
		action: 'Get the report of a campaign',
		method: 'GET',
		path: '/reports/{campaignId}',
		params: [campaignId],
		docsUrl: `${REF}/reports/get-campaign-report/`,
	},
	{
		id: 'getOpens',
		name: 'Get Opens',
		action: 'Get the opens of a campaign',
		description: 'The members who opened the campaign',
		method: 'GET',
		path: '/reports/{campaignId}/open-details',
		paginate: paged('members'),
		params: [campaignId],
		docsUrl: `${REF}/reports/list-campaign-open-details/`,
	},
	{
		id: 'getClicks',
		name: 'Get Clicks',
		action: 'Get the clicks of a campaign',
		description: 'The links of the campaign and their clicks',
		method: 'GET',
		path: '/reports/{campaignId}/click-details',
		paginate: paged('urls_clicked'),
		params: [campaignId],
		docsUrl: `${REF}/reports/list-campaign-details/`,
	},
];

const customerJourneyOps: OperationSpec[] = [
	{
		id: 'trigger',
		name: 'Trigger Step',
		action: 'Trigger a customer journey step for a contact',
		description: 'Starts the journey step whose starting point is "API call" for the contact',
		method: 'POST',
		path: '/customer-journeys/journeys/{journeyId}/steps/{stepId}/actions/trigger',
		body: 'json',
		params: [
			{
				displayName: 'Journey ID',
				name: 'journeyId',
				in: 'path',
				type: 'string',
				default: '',
				required: true,
				description: 'The journey (journey_id), shown in the journey\'s "API call" starting point',
			},
			{
				displayName: 'Step ID',
				name: 'stepId',
				in: 'path',
				type: 'string',
				default: '',
				required: true,
				description: 'The step (step_id), shown beside the journey ID',
			},
			bodyParam('email_address', 'Email', 'string', {
				required: true,
				default: '',
				placeholder: 'name@example.com',
				description:
					"The contact's e-mail address (email_address), a member of the journey's audience",
			}),
		],
		response: { onEmpty: { triggered: true } },
		docsUrl: `${REF}/customer-journeys/customer-journeys-api-trigger-for-a-contact/`,
	},
];

const accountOps: OperationSpec[] = [
	{
		id: 'getMe',
		name: 'Get Me',
		action: 'Get the connected account',
		description: 'The account the credential belongs to (API root)',
		method: 'GET',
		path: '/',
		docsUrl: `${REF}/root/list-api-root-resources/`,
	},
];

/** Mailchimp's errors are problem+json (`type`, `title`, `status`, `detail`, `instance`, `errors[]`). */
const MAILCHIMP_ERROR_CODES: ErrorCodesSpec = {
	codePath: 'title',
	userMessagePath: 'detail',
	fieldPath: 'errors.0.field',
	rules: [
		{
			codes: ['API Key Invalid', 'API Key Missing'],
			category: 'auth',
			reason: 'the API key or token was refused, or belongs to another data center',
		},
		{
			codes: ['Member In Compliance State'],
			category: 'permanent',
			reason: 'the address unsubscribed, bounced or is under compliance review',
			fix: 'Set Status If New to pending so the member confirms by e-mail, or ask the person to sign up again through a Mailchimp form.',
		},
		{
			codes: ['Forgotten Email Not Subscribed'],
			category: 'permanent',
			reason: 'the address was deleted permanently and cannot be added back by the API',
			fix: 'The person must sign up again through a Mailchimp form.',
		},
		{
			status: [403],
			codes: ['User Disabled', 'Forbidden', 'Wrong Datacenter'],
			category: 'permanent',
			reason: 'the account or user may not do this',
			fix: "Check in Mailchimp that the account is active and the user may do this, and that the credential's data center matches the account.",
		},
	],
};

export const mailchimpSpec: ServiceSpec = {
	id: 'mailchimp',
	displayName: 'Mailchimp',
	description:
		'Manage Mailchimp audiences, members, tags, campaigns, reports and customer journeys',
	docsUrl: REF,
	// The data center is filled per credential (baseUrlDiscovery below): the key's suffix, or the token's metadata.
	baseUrl: 'https://us1.api.mailchimp.com/3.0',
	auth: [
		{
			kind: 'apiKey',
			credentialType: MAILCHIMP_API_KEY_CREDENTIAL,
			displayName: 'API Key',
			baseUrlDiscovery: {
				valueFrom: {
					field: 'apiKey',
					fieldName: 'API Key',
					pattern: '^[0-9a-f]+-([a-z]+[0-9]+)$',
					example: '0123456789abcdef0123456789abcdef-us6',
				},
				noun: 'data center',
				baseUrl: BASE,
			},
		},
		{
			kind: 'oauth2',
			credentialType: MAILCHIMP_APP_CREDENTIAL,
			displayName: 'OAuth2',
			oauth2: MAILCHIMP_OAUTH,
			// The token's account and data center: `{"dc": "us6", "api_endpoint": "https://us6.api.mailchimp.com", …}`.
			baseUrlDiscovery: {
				url: MAILCHIMP_METADATA_URL,
				valuePath: 'dc',
				tokenScheme: 'OAuth',
				noun: 'data center',
				baseUrl: BASE,
			},
		},
	],
	credentialTest: { path: '/ping' },
	account: { path: '/', labelPath: ['email', 'account_name'] },
	headers: { Accept: 'application/json' },
	// At most 10 simultaneous connections per user, across apps; no per-window count and no rate-limit headers.
	// A 429 (no Retry-After) backs off exponentially. The request count only stands for "no window".
	rateLimit: { requests: 100, windowMs: 1_000, maxConcurrency: 10, headers: [] },
	errorCodes: MAILCHIMP_ERROR_CODES,
	// Batch operations (https://mailchimp.com/developer/marketing/guides/run-async-requests-batch-endpoint/): at most
	// 1000 operations, each `{method, path, params, body (JSON text), operation_id}`; the batch runs later, so its
	// answer is a job (pending → preprocessing → started → finalizing → finished) whose results are a .tar.gz of
	// JSON lists of `{status_code, operation_id, response (JSON text)}` at `response_body_url`.
	batch: {
		size: MAX_BATCH_OPERATIONS,
		method: 'POST',
		path: '/batches',
		request: {
			list: 'operations',
			id: 'operation_id',
			method: 'method',
			url: 'path',
			query: 'params',
			body: 'body',
			bodyText: true,
		},
		response: {
			list: '',
			id: 'operation_id',
			status: 'status_code',
			body: 'response',
			bodyText: true,
		},
		job: {
			id: 'id',
			poll: { path: '/batches/{id}' },
			status: 'status',
			done: ['finished'],
			intervalMs: 5_000,
			maxWaitMs: 600_000,
			maxWaitParam: 'maxWaitSeconds',
			noun: 'batch',
			timeoutHint:
				"Mailchimp goes on with it: read its result later with Custom Request GET /batches/{id}, or raise 'Max Wait (Seconds)' where the operation has it.",
			results: 'response_body_url',
		},
	},
	resources: [
		{ id: 'audience', name: 'Audience', operations: audienceOps },
		{ id: 'campaign', name: 'Campaign', operations: campaignOps },
		{ id: 'customerJourney', name: 'Customer Journey', operations: customerJourneyOps },
		{ id: 'member', name: 'Member', operations: memberOps },
		{ id: 'mergeField', name: 'Merge Field', operations: mergeFieldOps },
		{ id: 'report', name: 'Report', operations: reportOps },
		{ id: 'segment', name: 'Segment', operations: segmentOps },
		{ id: 'account', name: 'Account', operations: accountOps },
	],
	webhook: {
		register: 'api',
		hooks: { checkExists: 'webhookExists', create: 'webhookCreate', delete: 'webhookDelete' },
		// Mailchimp signs nothing: the registered URL carries a random secret (?secret=…), checked in constant time.
		urlSecret: true,
		// Mailchimp checks the URL with a GET when the webhook is saved: answered 200, nothing starts.
		setupMethod: 'GET',
		handshakes: [{ methods: ['GET'], answer: { type: 'empty' } }],
		// `type=subscribe&fired_at=…&data[email]=…&data[merges][FNAME]=…`, nested into objects without prototypes.
		formBodies: { nested: true },
		eventPath: 'type',
		events: [
			{
				name: 'Campaign Sent',
				value: 'campaign',
				description: 'A campaign was sent to the audience',
			},
			{ name: 'Cleaned', value: 'cleaned', description: 'An address bounced and was cleaned' },
			{ name: 'Email Changed', value: 'upemail', description: "A member's address changed" },
			{ name: 'Profile Update', value: 'profile', description: "A member's profile changed" },
			{ name: 'Subscribe', value: 'subscribe', description: 'A member subscribed' },
			{ name: 'Unsubscribe', value: 'unsubscribe', description: 'A member unsubscribed' },
		],
		defaultEvents: ['subscribe'],
		eventsNote: 'One list webhook is registered on the audience with these events',
		params: [
			{
				displayName: 'Audience ID',
				name: 'listId',
				type: 'string',
				default: '',
				required: true,
				description: 'The audience (list_id) whose changes start the workflow',
			},
			{
				displayName: 'Sources',
				name: 'sources',
				type: 'multiOptions',
				options: [
					{ name: 'User', value: 'user', description: 'The member, through a form or a link' },
					{ name: 'Admin', value: 'admin', description: 'An account user, in Mailchimp' },
					{ name: 'API', value: 'api', description: 'An app through the API (this node too)' },
				],
				default: ['user', 'admin'],
				description: 'Whose changes are sent (sources)',
			},
		],
	},
};

export const mailchimpDefinition: ServiceDefinition = {
	spec: mailchimpSpec,
	hooks: mailchimpHooks,
};
