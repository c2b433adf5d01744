/**
 * ActiveCampaign (API v3, `/api/3/…` on the account's own API URL) as data: contacts (create, sync by e-mail,
 * get, update, delete, search), their tags, list subscriptions, automations and custom field values; deals,
 * pipelines (dealGroups) and stages; campaigns and their report; accounts; webhooks registered through the API.
 * Every route is checked against the documented route table in test/conformance/activecampaign-routes.test.ts.
 * Reference: https://developers.activecampaign.com/reference
 */
import type { ErrorCodesSpec } from '../../lib/transport/error-codes';
import { bodyParam, pathNumber, queryParam } from '../../lib/spec/params';
import type {
	OperationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import { activeCampaignHooks } from './ActiveCampaign.hooks';

export const ACTIVE_CAMPAIGN_REF = 'https://developers.activecampaign.com/reference';
const doc = (slug: string) => `${ACTIVE_CAMPAIGN_REF}/${slug}`;
const V3 = '/api/3';

/** A body field inside the resource's wrapper (`{"contact": {"email": …}}`), named as n8n shows it. */
const inBody = (
	wrapper: string,
	wire: string,
	displayName: string,
	type: ParamSpec['type'],
	extra: Partial<ParamSpec> = {},
): ParamSpec => ({ ...bodyParam(`${wrapper}.${wire}`, displayName, type), name: wire, ...extra });

/** A numeric ID in the body (a contact, tag, list, automation or field the request links). */
const bodyId = (
	wrapper: string,
	wire: string,
	displayName: string,
	description: string,
): ParamSpec =>
	inBody(wrapper, wire, displayName, 'number', {
		required: true,
		default: 1,
		description,
		validate: { min: 1 },
	});

/** A numeric ID the operation's hook reads (it finds the link record, then deletes it by its own ID). */
const hookId = (name: string, displayName: string, description: string): ParamSpec => ({
	...pathNumber(name, displayName, description),
	in: 'query',
});

const contactIdPath = pathNumber('contactId', 'Contact ID', "The contact's ID");

/** The contact fields create, sync and update take (`contact.*`), the e-mail apart. */
const contactFields = (): ParamSpec[] => [
	inBody('contact', 'firstName', 'First Name', 'string', {
		default: '',
		description: 'Sent as contact.firstName',
	}),
	inBody('contact', 'lastName', 'Last Name', 'string', {
		default: '',
		description: 'Sent as contact.lastName',
	}),
	inBody('contact', 'phone', 'Phone', 'string', {
		default: '',
		description: 'Sent as contact.phone',
	}),
	inBody('contact', 'fieldValues', 'Custom Field Values (JSON)', 'json', {
		default: '',
		placeholder: '[{"field": "1", "value": "Blue"}]',
		description:
			'A list of {"field": custom field ID, "value": …} (IDs from Custom Field → Get Many); dates YYYY-MM-DD, several options as ||a||b|| (contact.fieldValues)',
	}),
];

const email = (required: boolean): ParamSpec =>
	inBody('contact', 'email', 'Email', 'string', {
		required,
		default: '',
		placeholder: 'name@email.com',
		description: "The contact's e-mail address (contact.email)",
	});

const listOf = (path: string, itemsKey: string): Pick<OperationSpec, 'path' | 'paginate'> => ({
	path,
	paginate: {
		type: 'offset',
		offsetParam: 'offset',
		limitParam: 'limit',
		pageSize: 100,
		itemsPath: itemsKey,
		totalPath: 'meta.total',
	},
});

const search = (description: string) =>
	queryParam('search', 'Search', 'string', { default: '', description });

const contactOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a contact',
		description:
			'Create a contact; fails (422 duplicate) when the e-mail already belongs to one: use Sync to create or update',
		method: 'POST',
		path: `${V3}/contacts`,
		docsUrl: doc('create-a-contact-new'),
		response: { path: 'contact' },
		params: [email(true), ...contactFields()],
	},
	{
		id: 'sync',
		name: 'Create or Update (Sync)',
		action: 'Create or update a contact',
		description: 'Create the contact, or update the one with this e-mail (POST /contact/sync)',
		method: 'POST',
		path: `${V3}/contact/sync`,
		docsUrl: doc('create-or-update-contact-new'),
		response: { path: 'contact' },
		params: [email(true), ...contactFields()],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a contact',
		method: 'GET',
		path: `${V3}/contacts/{contactId}`,
		docsUrl: doc('get-contact'),
		response: { path: 'contact' },
		params: [contactIdPath],
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a contact',
		method: 'PUT',
		path: `${V3}/contacts/{contactId}`,
		docsUrl: doc('update-a-contact-new'),
		response: { path: 'contact' },
		params: [contactIdPath, email(false), ...contactFields()],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a contact',
		method: 'DELETE',
		path: `${V3}/contacts/{contactId}`,
		docsUrl: doc('delete-contact'),
		response: { onEmpty: { deleted: true } },
		params: [contactIdPath],
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Search contacts',
		description: 'List contacts, filtered by e-mail, text, list, tag, status or dates (100 a page)',
		method: 'GET',
		...listOf(`${V3}/contacts`, 'contacts'),
		docsUrl: doc('list-all-contacts'),
		params: [
			queryParam('email', 'Email', 'string', {
				default: '',
				placeholder: 'name@email.com',
				description: 'Only the contact with this e-mail (email)',
			}),
			search('Contacts whose e-mail, name, phone or organization contain this text (search)'),
			queryParam('listid', 'List ID', 'number', {
				default: 0,
				description: 'Only contacts on this list (listid)',
			}),
			queryParam('tagid', 'Tag ID', 'number', {
				default: 0,
				description: 'Only contacts with this tag (tagid)',
			}),
			queryParam('status', 'Status', 'options', {
				default: -1,
				description: 'Only contacts of this status on the list (status; with List ID)',
				options: [
					{ name: 'Any', value: -1 },
					{ name: 'Unconfirmed', value: 0 },
					{ name: 'Active', value: 1 },
					{ name: 'Unsubscribed', value: 2 },
					{ name: 'Bounced', value: 3 },
				],
			}),
			queryParam('filters[created_after]', 'Created After', 'dateTime', {
				name: 'createdAfter',
				default: '',
				description: 'Only contacts created after this date (filters[created_after])',
			}),
			queryParam('filters[updated_after]', 'Updated After', 'dateTime', {
				name: 'updatedAfter',
				default: '',
				description: 'Only contacts updated after this date (filters[updated_after])',
			}),
		],
	},
];

const contactTagOps: OperationSpec[] = [
	{
		id: 'add',
		name: 'Add',
		action: 'Add a tag to a contact',
		method: 'POST',
		path: `${V3}/contactTags`,
		docsUrl: doc('create-contact-tag'),
		response: { path: 'contactTag' },
		params: [
			bodyId('contactTag', 'contact', 'Contact ID', 'The contact to tag (contactTag.contact)'),
			bodyId('contactTag', 'tag', 'Tag ID', 'The tag (IDs from Tag → Get Many) (contactTag.tag)'),
		],
	},
	{
		id: 'remove',
		name: 'Remove',
		action: 'Remove a tag from a contact',
		description:
			"Finds the contact's link to this tag (GET /contacts/{contact}/contactTags) and deletes that link by its own ID",
		method: 'DELETE',
		path: `${V3}/contactTags`, // the hook sends DELETE /contactTags/{id} (fixture contactTag.remove)
		docsUrl: doc('delete-contact-tag'),
		hook: 'removeContactTag',
		params: [
			hookId('contact', 'Contact ID', 'The contact to untag'),
			hookId('tag', 'Tag ID', 'The tag to remove (IDs from Tag → Get Many)'),
		],
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get the tags of a contact',
		method: 'GET',
		path: `${V3}/contacts/{contactId}/contactTags`,
		docsUrl: doc('retrieve-contact-tags'),
		response: { path: 'contactTags' },
		// The contact's whole list in one answer (no paging): Return All / Limit keep its first Limit. Version 1
		// workflows were saved without them and keep getting the whole list.
		wholeList: true,
		listSince: 2,
		params: [contactIdPath],
	},
];

const listStatus = (status: 1 | 2): OperationSpec => ({
	id: status === 1 ? 'subscribe' : 'unsubscribe',
	name: status === 1 ? 'Subscribe' : 'Unsubscribe',
	action: status === 1 ? 'Subscribe a contact to a list' : 'Unsubscribe a contact from a list',
	description: `Set the contact's status on the list to ${status === 1 ? 'active (1)' : 'unsubscribed (2)'}`,
	method: 'POST',
	path: `${V3}/contactLists`,
	docsUrl: doc('update-list-status-for-contact'),
	fixedBody: { contactList: { status } },
	response: { path: 'contactList' },
	params: [
		bodyId(
			'contactList',
			'list',
			'List ID',
			'The list (IDs from List → Get Many) (contactList.list)',
		),
		bodyId('contactList', 'contact', 'Contact ID', 'The contact (contactList.contact)'),
	],
});

const contactListOps: OperationSpec[] = [listStatus(1), listStatus(2)];

const contactAutomationOps: OperationSpec[] = [
	{
		id: 'add',
		name: 'Add',
		action: 'Add a contact to an automation',
		method: 'POST',
		path: `${V3}/contactAutomations`,
		docsUrl: doc('create-new-contactautomation'),
		response: { path: 'contactAutomation' },
		params: [
			bodyId(
				'contactAutomation',
				'contact',
				'Contact ID',
				'The contact (contactAutomation.contact)',
			),
			bodyId(
				'contactAutomation',
				'automation',
				'Automation ID',
				'The automation (IDs from Automation → Get Many) (contactAutomation.automation)',
			),
		],
	},
	{
		id: 'remove',
		name: 'Remove',
		action: 'Remove a contact from an automation',
		description:
			"Finds the contact's link to this automation (GET /contacts/{contact}/contactAutomations) and deletes that link by its own ID",
		method: 'DELETE',
		path: `${V3}/contactAutomations`, // the hook sends DELETE /contactAutomations/{id}
		docsUrl: doc('delete-a-contactautomation'),
		hook: 'removeContactAutomation',
		params: [
			hookId('contact', 'Contact ID', 'The contact to take out'),
			hookId('automation', 'Automation ID', 'The automation (IDs from Automation → Get Many)'),
		],
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get the automations of a contact',
		method: 'GET',
		path: `${V3}/contacts/{contactId}/contactAutomations`,
		docsUrl: doc('list-all-contactautomations-for-contact'),
		response: { path: 'contactAutomations' },
		// The contact's whole list in one answer (no paging): Return All / Limit keep its first Limit. Version 1
		// workflows were saved without them and keep getting the whole list.
		wholeList: true,
		listSince: 2,
		params: [contactIdPath],
	},
];

const fieldValueOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Set a custom field value of a contact',
		method: 'POST',
		path: `${V3}/fieldValues`,
		docsUrl: doc('create-fieldvalue'),
		response: { path: 'fieldValue' },
		params: [
			bodyId('fieldValue', 'contact', 'Contact ID', 'The contact (fieldValue.contact)'),
			bodyId(
				'fieldValue',
				'field',
				'Field ID',
				'The custom field (IDs from Custom Field → Get Many) (fieldValue.field)',
			),
			inBody('fieldValue', 'value', 'Value', 'string', {
				required: true,
				default: '',
				description: 'Dates YYYY-MM-DD, several options as ||a||b|| (fieldValue.value)',
			}),
		],
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a custom field value',
		method: 'PUT',
		path: `${V3}/fieldValues/{fieldValueId}`,
		docsUrl: doc('update-a-custom-field-value-for-contact'),
		response: { path: 'fieldValue' },
		params: [
			pathNumber(
				'fieldValueId',
				'Field Value ID',
				'The field value (IDs from Custom Field Value → Get Many)',
			),
			bodyId('fieldValue', 'contact', 'Contact ID', 'The contact (fieldValue.contact)'),
			bodyId('fieldValue', 'field', 'Field ID', 'The custom field (fieldValue.field)'),
			inBody('fieldValue', 'value', 'Value', 'string', {
				required: true,
				default: '',
				description: 'Sent as fieldValue.value',
			}),
		],
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get the custom field values of a contact',
		method: 'GET',
		path: `${V3}/contacts/{contactId}/fieldValues`,
		docsUrl: doc('list-all-custom-field-values-1'),
		response: { path: 'fieldValues' },
		// The contact's whole list in one answer (no paging): Return All / Limit keep its first Limit. Version 1
		// workflows were saved without them and keep getting the whole list.
		wholeList: true,
		listSince: 2,
		params: [contactIdPath],
	},
];

const dealFields = (create: boolean): ParamSpec[] => [
	inBody('deal', 'title', 'Title', 'string', {
		required: create,
		default: '',
		description: 'Sent as deal.title',
	}),
	inBody('deal', 'value', 'Value (Cents)', 'number', {
		required: create,
		default: 0,
		description: "The deal's value in cents (4500 = 45.00) (deal.value)",
		validate: { min: 0 },
	}),
	inBody('deal', 'currency', 'Currency', 'string', {
		required: create,
		default: create ? 'usd' : '',
		description: 'Three-letter code, lower case (usd, eur) (deal.currency)',
	}),
	inBody('deal', 'contact', 'Contact ID', 'number', {
		default: 0,
		description: 'The primary contact (deal.contact)',
	}),
	inBody('deal', 'account', 'Account ID', 'number', {
		default: 0,
		description: 'Sent as deal.account',
	}),
	inBody('deal', 'description', 'Description', 'string', {
		default: '',
		description: 'Sent as deal.description',
	}),
	inBody('deal', 'group', 'Pipeline ID', 'number', {
		default: 0,
		description: 'The pipeline (dealGroup) (deal.group)',
	}),
	inBody('deal', 'stage', 'Stage ID', 'number', {
		default: 0,
		description: 'The stage (dealStage) (deal.stage)',
	}),
	inBody('deal', 'owner', 'Owner User ID', 'number', {
		default: 0,
		description: 'The user who owns it (deal.owner)',
	}),
	inBody('deal', 'percent', 'Probability (%)', 'number', {
		default: 0,
		description: 'Chance of winning, 0–100 (deal.percent)',
		validate: { min: 0, max: 100 },
	}),
	inBody('deal', 'status', 'Status', 'options', {
		default: 0,
		description: 'Sent as deal.status',
		options: [
			{ name: 'Open', value: 0 },
			{ name: 'Won', value: 1 },
			{ name: 'Lost', value: 2 },
		],
	}),
];

const dealIdPath = pathNumber('dealId', 'Deal ID', "The deal's ID");

const dealOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a deal',
		method: 'POST',
		path: `${V3}/deals`,
		docsUrl: doc('create-a-deal-new'),
		response: { path: 'deal' },
		params: dealFields(true),
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a deal',
		method: 'GET',
		path: `${V3}/deals/{dealId}`,
		docsUrl: doc('retrieve-a-deal'),
		response: { path: 'deal' },
		params: [dealIdPath],
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a deal',
		method: 'PUT',
		path: `${V3}/deals/{dealId}`,
		docsUrl: doc('update-a-deal-new'),
		response: { path: 'deal' },
		params: [dealIdPath, ...dealFields(false)],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a deal',
		method: 'DELETE',
		path: `${V3}/deals/{dealId}`,
		docsUrl: doc('delete-a-deal'),
		params: [dealIdPath],
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many deals',
		method: 'GET',
		...listOf(`${V3}/deals`, 'deals'),
		docsUrl: doc('list-all-deals'),
		params: [
			queryParam('filters[search]', 'Search', 'string', {
				name: 'search',
				default: '',
				description:
					'Deals whose title, contact or organization contain this text (filters[search])',
			}),
			queryParam('filters[group]', 'Pipeline ID', 'number', {
				name: 'group',
				default: 0,
				description: 'Only deals in this pipeline (filters[group])',
			}),
			queryParam('filters[stage]', 'Stage ID', 'number', {
				name: 'stage',
				default: 0,
				description: 'Only deals in this stage (filters[stage])',
			}),
			queryParam('filters[status]', 'Status', 'options', {
				name: 'status',
				default: 0,
				description: 'Only deals of this status (filters[status])',
				options: [
					{ name: 'Open', value: 0 },
					{ name: 'Won', value: 1 },
					{ name: 'Lost', value: 2 },
				],
			}),
			queryParam('filters[owner]', 'Owner User ID', 'number', {
				name: 'owner',
				default: 0,
				description: 'Only deals of this user (filters[owner])',
			}),
		],
	},
];

const pipelineOps: OperationSpec[] = [
	{
		id: 'get',
		name: 'Get',
		action: 'Get a pipeline',
		method: 'GET',
		path: `${V3}/dealGroups/{pipelineId}`,
		docsUrl: doc('retrieve-a-pipeline'),
		response: { path: 'dealGroup' },
		params: [pathNumber('pipelineId', 'Pipeline ID', "The pipeline's (dealGroup's) ID")],
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many pipelines',
		method: 'GET',
		...listOf(`${V3}/dealGroups`, 'dealGroups'),
		docsUrl: doc('list-all-pipelines'),
		params: [
			queryParam('filters[title]', 'Title', 'string', {
				name: 'title',
				default: '',
				description: 'Only pipelines whose title contains this text (filters[title])',
			}),
		],
	},
];

const stageOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many stages',
		method: 'GET',
		...listOf(`${V3}/dealStages`, 'dealStages'),
		docsUrl: doc('list-all-deal-stages'),
		params: [
			queryParam('filters[d_groupid]', 'Pipeline ID', 'number', {
				name: 'pipelineId',
				default: 0,
				description: 'Only the stages of this pipeline (filters[d_groupid])',
			}),
			queryParam('filters[title]', 'Title', 'string', {
				name: 'title',
				default: '',
				description: 'Only stages whose title contains this text (filters[title])',
			}),
		],
	},
];

const campaignIdPath = pathNumber('campaignId', 'Campaign ID', "The campaign's ID");

const campaignOps: OperationSpec[] = [
	{
		id: 'get',
		name: 'Get',
		action: 'Get a campaign',
		method: 'GET',
		path: `${V3}/campaigns/{campaignId}`,
		docsUrl: doc('retrieve-a-campaign'),
		response: { path: 'campaign' },
		params: [campaignIdPath],
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many campaigns',
		method: 'GET',
		...listOf(`${V3}/campaigns`, 'campaigns'),
		docsUrl: doc('list-all-campaigns'),
		params: [],
	},
	{
		id: 'getReport',
		name: 'Get Report',
		action: 'Get the report of a campaign',
		description:
			"The campaign's delivery and engagement counts (sends, opens, clicks, bounces, unsubscribes…) and rates from them",
		method: 'GET',
		path: `${V3}/campaigns/{campaignId}`,
		docsUrl: doc('retrieve-a-campaign'),
		hook: 'campaignReport',
		params: [campaignIdPath],
	},
];

/** The account fields create and update take (`account.*`), the name apart. */
const accountFields = (): ParamSpec[] => [
	inBody('account', 'accountUrl', 'Account URL', 'string', {
		default: '',
		placeholder: 'https://www.example.com',
		description: "The company's website (account.accountUrl)",
	}),
	inBody('account', 'owner', 'Owner User ID', 'number', {
		default: 0,
		description: 'Sent as account.owner',
	}),
	inBody('account', 'fields', 'Custom Fields (JSON)', 'json', {
		default: '',
		placeholder: '[{"customFieldId": 9, "fieldValue": "500-1000"}]',
		description: 'A list of {"customFieldId", "fieldValue"} (account.fields)',
	}),
];

const accountName = (required: boolean): ParamSpec =>
	inBody('account', 'name', 'Name', 'string', {
		required,
		default: '',
		description: "The company's name (unique in ActiveCampaign) (account.name)",
	});

const accountIdPath = pathNumber('accountId', 'Account ID', "The account's ID");

const accountOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create an account',
		method: 'POST',
		path: `${V3}/accounts`,
		docsUrl: doc('create-an-account-new'),
		response: { path: 'account' },
		params: [accountName(true), ...accountFields()],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get an account',
		method: 'GET',
		path: `${V3}/accounts/{accountId}`,
		docsUrl: doc('retrieve-an-account'),
		response: { path: 'account' },
		params: [accountIdPath],
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update an account',
		method: 'PUT',
		path: `${V3}/accounts/{accountId}`,
		docsUrl: doc('update-an-account-new'),
		response: { path: 'account' },
		params: [accountIdPath, accountName(false), ...accountFields()],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete an account',
		method: 'DELETE',
		path: `${V3}/accounts/{accountId}`,
		docsUrl: doc('delete-an-account'),
		params: [accountIdPath],
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many accounts',
		method: 'GET',
		...listOf(`${V3}/accounts`, 'accounts'),
		docsUrl: doc('list-all-accounts'),
		params: [search('Accounts whose name contains this text (search)')],
	},
];

const lookupOps = (r: {
	one: string;
	path: string;
	key: string;
	slug: string;
	search?: string;
}): OperationSpec[] => [
	{
		id: 'getMany',
		name: 'Get Many',
		action: `Get many ${r.one}s`,
		method: 'GET',
		...listOf(r.path, r.key),
		docsUrl: doc(r.slug),
		params: r.search ? [search(r.search)] : [],
	},
];

export const ACTIVE_CAMPAIGN_WEBHOOK_EVENTS: Array<[string, string]> = [
	['subscribe', 'Contact Subscribed to a List'],
	['unsubscribe', 'Contact Unsubscribed'],
	['update', 'Contact Updated'],
	['contact_add', 'Contact Added'],
	['contact_tag_added', 'Contact Tag Added'],
	['contact_tag_removed', 'Contact Tag Removed'],
	['contact_note_add', 'Contact Note Added'],
	['contact_task_add', 'Contact Task Added'],
	['sent', 'Campaign Sent'],
	['open', 'Campaign Opened'],
	['click', 'Link Clicked'],
	['reply', 'Campaign Replied To'],
	['forward', 'Campaign Forwarded'],
	['share', 'Campaign Shared'],
	['bounce', 'Campaign Bounced'],
	['list_add', 'List Added'],
	['deal_add', 'Deal Added'],
	['deal_update', 'Deal Updated'],
	['deal_note_add', 'Deal Note Added'],
	['deal_pipeline_add', 'Deal Pipeline Added'],
	['deal_stage_add', 'Deal Stage Added'],
	['deal_task_add', 'Deal Task Added'],
	['deal_task_complete', 'Deal Task Completed'],
	['deal_tasktype_add', 'Deal Task Type Added'],
	['account_add', 'Account Added'],
	['account_update', 'Account Updated'],
	['account_contact_add', 'Account Contact Added'],
	['sms_sent', 'SMS Sent'],
	['sms_reply', 'SMS Replied To'],
	['sms_unsub', 'SMS Unsubscribed'],
];

/**
 * ActiveCampaign's errors: `{"errors": [{"title", "detail", "code", "source": {"pointer"}}]}` (422 and most 4xx)
 * or `{"message": …}` (403, 404).
 */
export const ACTIVE_CAMPAIGN_ERROR_CODES: ErrorCodesSpec = {
	codePath: 'errors.0.code',
	fieldPath: 'errors.0.source.pointer',
	rules: [
		{
			codes: ['duplicate'],
			category: 'permanent',
			reason: 'ActiveCampaign says "{errors.0.title}": a record with this value already exists',
			fix: 'Use Contact → Create or Update (Sync) to update the contact with this e-mail, or change the value.',
		},
		{
			status: [401, 403],
			body: { path: 'message', matches: 'permission' },
			category: 'permission',
			reason: 'ActiveCampaign says "{message}": the API token\'s user may not do this',
			fix: "Give the token's user the permission in ActiveCampaign (Settings → Users → the user's group), or use an admin's token.",
		},
		{
			status: [401, 403],
			category: 'auth',
			reason: 'ActiveCampaign rejected the API token ("{message}")',
			fix: 'Copy the API URL and key again from ActiveCampaign → Settings → Developer into {$credential} (the key belongs to one user; a reset key replaces the old one).',
		},
		{ status: [404], category: 'notFound' },
		{ status: [400, 422], category: 'invalid' },
	],
};

export const activeCampaignSpec: ServiceSpec = {
	id: 'activeCampaign',
	displayName: 'ActiveCampaign',
	description:
		'Work with ActiveCampaign contacts, tags, lists, automations, custom fields, deals, pipelines, campaigns and accounts',
	docsUrl: ACTIVE_CAMPAIGN_REF,
	// The account's own API URL (https://<account>.api-us1.com), checked by the credential before any key is sent.
	baseUrl: '{apiUrl}',
	auth: [{ kind: 'apiKey', credentialType: 'apiConnActiveCampaignApi', displayName: 'API Key' }],
	// 2: a contact's tags, automations and custom field values have Return All / Limit (version 1 lists all).
	versions: [1, 2],
	credentialTest: { path: `${V3}/users/me` },
	account: { path: `${V3}/users/me`, labelPath: ['user.email', 'user.username'] },
	errorCodes: ACTIVE_CAMPAIGN_ERROR_CODES,
	// 5 requests per second per account, whatever the key: the connection's own budget and one shared by every
	// connection to the same API URL. A 429 carries Retry-After (seconds); answers carry RateLimit-Limit/-Remaining.
	rateLimit: {
		requests: 5,
		windowMs: 1_000,
		headers: [
			{
				format: 'fields',
				limit: 'ratelimit-limit',
				remaining: 'ratelimit-remaining',
				reset: 'ratelimit-reset',
				resetUnit: 'delta-seconds',
			},
		],
		shared: [{ name: 'account', credentialField: 'apiUrl', requests: 5, windowMs: 1_000 }],
	},
	resources: [
		{ id: 'account', name: 'Account', operations: accountOps },
		{
			id: 'automation',
			name: 'Automation',
			operations: lookupOps({
				one: 'automation',
				path: `${V3}/automations`,
				key: 'automations',
				slug: 'list-all-automations',
			}),
		},
		{ id: 'campaign', name: 'Campaign', operations: campaignOps },
		{ id: 'contact', name: 'Contact', operations: contactOps },
		{ id: 'contactAutomation', name: 'Contact Automation', operations: contactAutomationOps },
		{ id: 'contactList', name: 'Contact List', operations: contactListOps },
		{ id: 'contactTag', name: 'Contact Tag', operations: contactTagOps },
		{
			id: 'customField',
			name: 'Custom Field',
			operations: lookupOps({
				one: 'custom field',
				path: `${V3}/fields`,
				key: 'fields',
				slug: 'retrieve-fields-1',
			}),
		},
		{ id: 'fieldValue', name: 'Custom Field Value', operations: fieldValueOps },
		{ id: 'deal', name: 'Deal', operations: dealOps },
		{
			id: 'list',
			name: 'List',
			operations: lookupOps({
				one: 'list',
				path: `${V3}/lists`,
				key: 'lists',
				slug: 'retrieve-all-lists',
			}),
		},
		{ id: 'pipeline', name: 'Pipeline', operations: pipelineOps },
		{ id: 'stage', name: 'Stage', operations: stageOps },
		{
			id: 'tag',
			name: 'Tag',
			operations: [
				{
					id: 'create',
					name: 'Create',
					action: 'Create a tag',
					method: 'POST',
					path: `${V3}/tags`,
					docsUrl: doc('create-a-new-tag'),
					response: { path: 'tag' },
					fixedBody: { tag: { tagType: 'contact' } },
					params: [
						inBody('tag', 'tag', 'Name', 'string', {
							name: 'name',
							required: true,
							default: '',
							description: "The tag's name (tag.tag)",
						}),
						inBody('tag', 'description', 'Description', 'string', {
							default: '',
							description: 'Sent as tag.description',
						}),
					],
				},
				...lookupOps({
					one: 'tag',
					path: `${V3}/tags`,
					key: 'tags',
					slug: 'retrieve-all-tags',
					search: 'Tags whose name contains this text (search)',
				}),
			],
		},
		{
			id: 'user',
			name: 'User',
			operations: [
				{
					id: 'getMe',
					name: 'Get Me',
					action: 'Get the connected user',
					description: 'The user the API key belongs to',
					method: 'GET',
					path: `${V3}/users/me`,
					docsUrl: doc('get-user-loggedin'),
					response: { path: 'user' },
				},
			],
		},
	],
	webhook: {
		register: 'api',
		hooks: { checkExists: 'webhookExists', create: 'webhookCreate', delete: 'webhookDelete' },
		// ActiveCampaign signs nothing: the registered URL carries a random secret, checked in constant time.
		urlSecret: true,
		// `type=subscribe&contact[email]=…&contact[fields][1]=…`: bracketed keys as nested objects.
		formBodies: { nested: true },
		eventPath: 'type',
		defaultEvents: ['subscribe'],
		events: ACTIVE_CAMPAIGN_WEBHOOK_EVENTS.map(([value, name]) => ({ name, value })),
		eventsNote: 'One ActiveCampaign webhook is registered with every event picked',
		params: [
			{
				displayName: 'Sources',
				name: 'sources',
				type: 'multiOptions',
				required: true,
				default: ['public', 'admin', 'api', 'system'],
				description: 'Who made the change that fires the webhook (webhook.sources)',
				options: [
					{ name: 'Admin (a User in ActiveCampaign)', value: 'admin' },
					{ name: 'API', value: 'api' },
					{ name: 'Public (the Contact, e.g. a Form)', value: 'public' },
					{ name: 'System (Automations, Imports)', value: 'system' },
				],
			},
		],
	},
};

export const activeCampaignDefinition: ServiceDefinition = {
	spec: activeCampaignSpec,
	hooks: activeCampaignHooks,
};
