/**
 * HubSpot as data: the CRM v3 objects (contacts, companies, deals, tickets) with search and the batch endpoints,
 * associations v4, properties, owners, pipelines, notes and tasks, workflow enrolment, form submissions and
 * marketing e-mail statistics, on api.hubapi.com with a private app token or an OAuth2 app; the burst, daily and
 * search budgets as data; the trigger verifies HubSpot's v3 (or v1/v2) request signatures and emits each event of
 * a batched delivery once. Facts: /work/shared/reference/services.md § HubSpot, @hubspot/api-client 14.0.1.
 */
import { bodyParam, queryParam } from '../../lib/spec/params';
import type {
	OperationSpec,
	PaginationSpec,
	ParamSpec,
	ResourceSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import type { ErrorCodesSpec } from '../../lib/transport/error-codes';
import type { SignatureScheme } from '../../lib/webhooks/scheme';
import { hubspotHooks } from './Hubspot.hooks';
import { HUBSPOT_API, HUBSPOT_OAUTH } from './Hubspot.oauth';

export const HUBSPOT_CREDENTIAL = 'apiConnHubspotApi';
export const HUBSPOT_APP_CREDENTIAL = 'apiConnHubspotOAuth2Api';

const REF = 'https://developers.hubspot.com/docs/api-reference';

const body = bodyParam;
const query = queryParam;

/** GET lists: `limit` and `after` in the query, the next `after` at `paging.next.after`. */
const listPages: PaginationSpec = {
	type: 'cursor',
	cursorParam: 'after',
	nextCursorPath: 'paging.next.after',
	itemsPath: 'results',
	limitParam: 'limit',
	pageSize: 100,
};
/** POST searches: `limit` and `after` in the JSON body (at most 200 per page). */
const searchPages: PaginationSpec = { ...listPages, pageSize: 200, paramsIn: 'body' };

interface CrmObject {
	/** Resource id and name. */
	id: string;
	name: string;
	/** The object type in the path (`contacts`). */
	type: string;
	/** The id field's display name and an example. */
	idName: string;
	example: string;
	read: string[];
	write: string[];
	/** Properties HubSpot returns by default, listed in the Properties help. */
	typical: string;
}

const OBJECTS: CrmObject[] = [
	{
		id: 'contact',
		name: 'Contact',
		type: 'contacts',
		idName: 'Contact ID',
		example: '512',
		read: ['crm.objects.contacts.read'],
		write: ['crm.objects.contacts.write'],
		typical: 'email, firstname, lastname, phone, company, lifecyclestage',
	},
	{
		id: 'company',
		name: 'Company',
		type: 'companies',
		idName: 'Company ID',
		example: '2210001',
		read: ['crm.objects.companies.read'],
		write: ['crm.objects.companies.write'],
		typical: 'name, domain, industry, phone, city',
	},
	{
		id: 'deal',
		name: 'Deal',
		type: 'deals',
		idName: 'Deal ID',
		example: '8430112',
		read: ['crm.objects.deals.read'],
		write: ['crm.objects.deals.write'],
		typical: 'dealname, amount, dealstage, pipeline, closedate',
	},
	{
		id: 'ticket',
		name: 'Ticket',
		type: 'tickets',
		idName: 'Ticket ID',
		example: '1188223',
		read: ['tickets'],
		write: ['tickets'],
		typical: 'subject, content, hs_pipeline, hs_pipeline_stage, hs_ticket_priority',
	},
];

const propertiesField = (o: CrmObject, required: boolean): ParamSpec =>
	body('properties', 'Properties', 'keyValue', {
		required,
		description: `Property values by internal name (e.g. ${o.typical}); Property → Get Many lists the ${o.type}' properties`,
	});

const readFields = (o: CrmObject): ParamSpec[] => [
	query('properties', 'Properties', 'stringList', {
		description: `Properties to return, by internal name (default: a few, e.g. ${o.typical})`,
	}),
	query('associations', 'Associations', 'stringList', {
		description:
			'Object types whose associated IDs to return with each record, e.g. companies, deals, tickets',
	}),
	query('archived', 'Archived', 'boolean', {
		default: false,
		description: 'Whether to return archived (deleted) records only',
	}),
];

/** HubSpot's search filter operators (https://developers.hubspot.com/docs/api-reference/search/guide#filter-search-results). */
const OPERATORS: Array<[string, string]> = [
	['BETWEEN', 'Between (Value and High Value)'],
	['CONTAINS_TOKEN', 'Contains Token'],
	['EQ', 'Equal To'],
	['GT', 'Greater Than'],
	['GTE', 'Greater Than or Equal To'],
	['HAS_PROPERTY', 'Has a Value'],
	['IN', 'In (Comma-Separated Values)'],
	['LT', 'Less Than'],
	['LTE', 'Less Than or Equal To'],
	['NEQ', 'Not Equal To'],
	['NOT_CONTAINS_TOKEN', 'Does Not Contain Token'],
	['NOT_HAS_PROPERTY', 'Has No Value'],
	['NOT_IN', 'Not In (Comma-Separated Values)'],
];

/**
 * One filter and one sort as fields with HubSpot's enums as option lists; the `searchFields` hook writes them into
 * `filterGroups` (the filter joins every group, AND) and `sorts` (unless Sorts (JSON) is given).
 */
const searchFields: ParamSpec[] = [
	body('filterProperty', 'Filter Property', 'string', {
		placeholder: 'lifecyclestage',
		description: 'A property to filter on (filters[].propertyName), by internal name',
	}),
	body('filterOperator', 'Filter Operator', 'options', {
		default: 'EQ',
		options: OPERATORS.map(([value, name]) => ({ name, value })).sort((a, b) =>
			a.name.localeCompare(b.name),
		),
		description: 'How the Filter Property is compared (filters[].operator)',
	}),
	body('filterValue', 'Filter Value', 'string', {
		description:
			'The value compared (filters[].value; for In / Not In the comma-separated values[]); not sent for Has a Value / Has No Value',
	}),
	body('filterHighValue', 'Filter High Value', 'string', {
		description: 'The upper bound of Between (filters[].highValue)',
	}),
	body('sortBy', 'Sort By', 'string', {
		placeholder: 'createdate',
		description: 'A property to sort by (sorts[].propertyName); Sorts (JSON) wins when given',
	}),
	body('sortDirection', 'Sort Direction', 'options', {
		default: 'DESCENDING',
		options: [
			{ name: 'Ascending', value: 'ASCENDING' },
			{ name: 'Descending', value: 'DESCENDING' },
		],
		description: 'The order of Sort By (sorts[].direction)',
	}),
];

const objectOps = (o: CrmObject): OperationSpec[] => {
	const base = `/crm/v3/objects/${o.type}`;
	const docs = `${REF}/crm/objects/${o.type}`;
	const idParam: ParamSpec = {
		displayName: o.idName,
		name: 'objectId',
		in: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: o.example,
		description: `ID of the ${o.name.toLowerCase()} (hs_object_id), e.g. ${o.example}`,
	};
	return [
		{
			id: 'create',
			name: 'Create',
			action: `Create a ${o.name.toLowerCase()}`,
			description: `Create a ${o.name.toLowerCase()}; with Batch Items on, up to 100 items go in one batch/create request`,
			method: 'POST',
			path: base,
			params: [
				propertiesField(o, true),
				body('associations', 'Associations (JSON)', 'json', {
					description:
						'Records to associate on creation, e.g. [{"to": {"id": "2210001"}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 1}]}]',
				}),
			],
			// Batch create takes each item's body as one input; the results carry the trace id the engine gives each input.
			listBatch: {
				size: 100,
				in: 'body',
				list: 'inputs',
				answerList: 'results',
				path: `${base}/batch/create`,
				matchBy: { element: 'objectWriteTraceId', answer: 'objectWriteTraceId', generate: true },
			},
			scopes: o.write,
			docsUrl: `${docs}/post-crm-v3-objects-${o.type}`,
		},
		{
			id: 'get',
			name: 'Get',
			action: `Get a ${o.name.toLowerCase()}`,
			description: 'One record with the properties and associations asked for',
			method: 'GET',
			path: `${base}/{objectId}`,
			params: [
				idParam,
				...readFields(o),
				query('idProperty', 'ID Property', 'string', {
					placeholder: o.id === 'contact' ? 'email' : '',
					description:
						'A unique property the ID is a value of (e.g. email for contacts); empty: the ID is hs_object_id',
				}),
			],
			scopes: o.read,
			docsUrl: `${docs}/get-crm-v3-objects-${o.type}-${o.id}Id`,
		},
		{
			id: 'getMany',
			name: 'Get Many',
			action: `Get many ${o.type}`,
			method: 'GET',
			path: base,
			paginate: listPages,
			params: readFields(o),
			scopes: o.read,
			docsUrl: `${docs}/get-crm-v3-objects-${o.type}`,
		},
		{
			id: 'update',
			name: 'Update',
			action: `Update a ${o.name.toLowerCase()}`,
			description:
				'Change properties of one record; with Batch Items on, up to 100 items go in one batch/update request',
			method: 'PATCH',
			path: `${base}/{objectId}`,
			params: [idParam, propertiesField(o, true)],
			// Batch update: `{"inputs": [{"id", "properties"}]}`; results come back in any order, matched by id.
			listBatch: {
				size: 100,
				in: 'body',
				list: 'inputs',
				answerList: 'results',
				path: `${base}/batch/update`,
				method: 'POST',
				fromPath: { id: 'objectId' },
				matchBy: { element: 'id', answer: 'id', errors: { list: 'errors', keys: 'context.ids' } },
			},
			scopes: o.write,
			docsUrl: `${docs}/patch-crm-v3-objects-${o.type}-${o.id}Id`,
		},
		{
			id: 'archive',
			name: 'Archive',
			action: `Archive a ${o.name.toLowerCase()}`,
			description: 'Move the record to the recycle bin (HubSpot keeps it 90 days)',
			method: 'DELETE',
			path: `${base}/{objectId}`,
			params: [idParam],
			scopes: o.write,
			docsUrl: `${docs}/delete-crm-v3-objects-${o.type}-${o.id}Id`,
		},
		{
			id: 'search',
			name: 'Search',
			action: `Search ${o.type}`,
			description: `Filter groups (OR) of filters (AND), sorted, paged by after; the search endpoint has its own limit of ${SEARCH_PER_SECOND} requests per second`,
			method: 'POST',
			path: `${base}/search`,
			paginate: searchPages,
			rateLimit: { tier: 'search' },
			params: [
				body('filterGroups', 'Filter Groups (JSON)', 'json', {
					default: '[]',
					description:
						'Up to 5 groups of up to 6 filters: [{"filters": [{"propertyName": "lifecyclestage", "operator": "EQ", "value": "lead"}]}] (operators EQ, NEQ, LT, LTE, GT, GTE, BETWEEN, IN, NOT_IN, HAS_PROPERTY, NOT_HAS_PROPERTY, CONTAINS_TOKEN, NOT_CONTAINS_TOKEN)',
				}),
				body('query', 'Query', 'string', {
					description: 'Text searched in the default searchable properties',
				}),
				body('sorts', 'Sorts (JSON)', 'json', {
					description: 'One sort, e.g. [{"propertyName": "createdate", "direction": "DESCENDING"}]',
				}),
				...searchFields,
				body('properties', 'Properties', 'stringList', {
					description: `Properties to return, by internal name (e.g. ${o.typical})`,
				}),
			],
			shape: 'searchFields',
			scopes: o.read,
			docsUrl: `${docs}/post-crm-v3-objects-${o.type}-search`,
		},
		{
			id: 'getBatch',
			name: 'Get Batch',
			action: `Get a batch of ${o.type} by ID`,
			description:
				'Up to 100 records by ID in one batch/read request; each record is one output item',
			method: 'POST',
			path: `${base}/batch/read`,
			params: [
				body('inputs', 'IDs', 'stringList', {
					required: true,
					description: 'The records to read (1 to 100 IDs)',
				}),
				body('properties', 'Properties', 'stringList', {
					description: `Properties to return, by internal name (e.g. ${o.typical})`,
				}),
				body('idProperty', 'ID Property', 'string', {
					description: 'A unique property the IDs are values of (e.g. email); empty: hs_object_id',
				}),
			],
			shape: 'batchReadInputs',
			response: { path: 'results' },
			scopes: o.read,
			docsUrl: `${docs}/post-crm-v3-objects-${o.type}-batch-read`,
		},
	];
};

const SEARCH_PER_SECOND = 4;

const OBJECT_TYPES = OBJECTS.map((o) => ({ name: o.name, value: o.type }));
const ENGAGED_TYPES = [...OBJECT_TYPES];

const objectTypeParam = (name: string, displayName: string, description: string): ParamSpec => ({
	displayName,
	name,
	in: 'path',
	type: 'options',
	options: OBJECT_TYPES,
	default: 'contacts',
	required: true,
	description,
});

const ALL_READ = OBJECTS.flatMap((o) => o.read);

/** A record's ID in the path (always percent-encoded by the engine). */
const recordId = (name: string, displayName: string, description: string): ParamSpec => ({
	displayName,
	name,
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	description,
});

const associationOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Associate two records',
		description:
			"Associate two records with the default (unlabeled) association of HubSpot's v4 API",
		method: 'PUT',
		path: '/crm/v4/objects/{fromObjectType}/{fromObjectId}/associations/default/{toObjectType}/{toObjectId}',
		params: [
			objectTypeParam('fromObjectType', 'From Object Type', 'Type of the first record'),
			recordId('fromObjectId', 'From Object ID', 'ID of the first record'),
			objectTypeParam('toObjectType', 'To Object Type', 'Type of the record to associate'),
			recordId('toObjectId', 'To Object ID', 'ID of the record to associate'),
		],
		// Writing an association changes both records: the write scopes of the objects involved.
		scopes: OBJECTS.flatMap((o) => o.write),
		docsUrl: `${REF}/crm/associations/association-details/put-crm-v4-objects-fromObjectType-fromObjectId-associations-default-toObjectType-toObjectId`,
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'List associations of a record',
		description: 'The records of one type associated with a record, with their association types',
		method: 'GET',
		path: '/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}',
		paginate: { ...listPages, pageSize: 500 },
		params: [
			objectTypeParam('objectType', 'Object Type', 'Type of the record'),
			recordId('objectId', 'Object ID', 'ID of the record'),
			objectTypeParam('toObjectType', 'To Object Type', 'Type of the associated records to list'),
		],
		scopes: ALL_READ,
		docsUrl: `${REF}/crm/associations/association-details/get-crm-v4-objects-objectType-objectId-associations-toObjectType`,
	},
];

const propertyOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'List the properties of an object type',
		description: 'Internal names, labels, types and options of every property of the object type',
		method: 'GET',
		path: '/crm/v3/properties/{objectType}',
		params: [
			objectTypeParam('objectType', 'Object Type', 'Whose properties to list'),
			query('archived', 'Archived', 'boolean', {
				default: false,
				description: 'Whether to list archived properties only',
			}),
		],
		response: { path: 'results' },
		wholeList: true,
		scopes: ALL_READ,
		docsUrl: `${REF}/crm/properties/core/get-crm-v3-properties-objectType`,
	},
];

const ownerOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'List owners',
		description: 'The users records can be assigned to (hubspot_owner_id)',
		method: 'GET',
		path: '/crm/v3/owners',
		paginate: { ...listPages, pageSize: 500 },
		params: [
			query('email', 'Email', 'string', {
				placeholder: 'name@email.com',
				description: 'Only the owner with this e-mail address',
			}),
			query('archived', 'Archived', 'boolean', {
				default: false,
				description: 'Whether to list archived (deactivated) owners only',
			}),
		],
		scopes: ['crm.objects.owners.read'],
		docsUrl: `${REF}/crm/owners/get-crm-v3-owners`,
	},
];

const PIPELINE_TYPES = [
	{ name: 'Deals', value: 'deals' },
	{ name: 'Tickets', value: 'tickets' },
];
const pipelineType: ParamSpec = {
	displayName: 'Object Type',
	name: 'objectType',
	in: 'path',
	type: 'options',
	options: PIPELINE_TYPES,
	default: 'deals',
	required: true,
	description: 'Deal or ticket pipelines',
};
const PIPELINE_READ = ['crm.objects.deals.read', 'tickets'];

const pipelineOps: OperationSpec[] = [
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'List pipelines with their stages',
		method: 'GET',
		path: '/crm/v3/pipelines/{objectType}',
		params: [pipelineType],
		response: { path: 'results' },
		wholeList: true,
		scopes: PIPELINE_READ,
		docsUrl: `${REF}/crm/pipelines/get-crm-v3-pipelines-objectType`,
	},
	{
		id: 'getStages',
		name: 'Get Stages',
		action: 'List the stages of a pipeline',
		method: 'GET',
		path: '/crm/v3/pipelines/{objectType}/{pipelineId}/stages',
		params: [
			pipelineType,
			{
				displayName: 'Pipeline ID',
				name: 'pipelineId',
				in: 'path',
				type: 'string',
				default: 'default',
				required: true,
				description: 'ID of the pipeline (default: the account’s first deal pipeline)',
			},
		],
		response: { path: 'results' },
		wholeList: true,
		scopes: PIPELINE_READ,
		docsUrl: `${REF}/crm/pipelines/get-crm-v3-pipelines-objectType-pipelineId-stages`,
	},
];

/** An engagement associated on creation with one record (HubSpot's default association of that pair). */
const engagementTarget = (what: string): ParamSpec[] => [
	body('associateType', 'Associate With', 'options', {
		options: ENGAGED_TYPES,
		default: 'contacts',
		description: `Type of the record the ${what} is attached to`,
	}),
	body('associateId', 'Associate With ID', 'string', {
		description: `ID of the record the ${what} is attached to (empty: not attached)`,
	}),
];

const engagementOps = (kind: 'note' | 'task'): OperationSpec[] => [
	{
		id: 'create',
		name: 'Create',
		action: kind === 'note' ? 'Create a note' : 'Create a task',
		method: 'POST',
		path: `/crm/v3/objects/${kind}s`,
		params:
			kind === 'note'
				? [
						body('properties.hs_note_body', 'Body', 'string', {
							required: true,
							default: '',
							description: 'The note’s text (HTML allowed, up to 65,536 characters)',
						}),
						body('properties.hs_timestamp', 'Timestamp', 'string', {
							required: true,
							default: '',
							placeholder: '2026-12-03T10:00:00Z',
							description: 'When the note happened (ISO 8601 or epoch milliseconds)',
						}),
						body('properties.hubspot_owner_id', 'Owner ID', 'string', {
							description: 'The owner of the note (Owner → Get Many)',
						}),
						...engagementTarget('note'),
					]
				: [
						body('properties.hs_task_subject', 'Subject', 'string', {
							required: true,
							default: '',
							description: 'The task’s title',
						}),
						body('properties.hs_timestamp', 'Due Date', 'string', {
							required: true,
							default: '',
							placeholder: '2026-12-10T09:00:00Z',
							description: 'When the task is due (ISO 8601 or epoch milliseconds)',
						}),
						body('properties.hs_task_body', 'Body', 'string', {
							description: 'The task’s notes',
						}),
						body('properties.hs_task_status', 'Status', 'options', {
							options: [
								{ name: 'Not Started', value: 'NOT_STARTED' },
								{ name: 'Completed', value: 'COMPLETED' },
							],
							default: 'NOT_STARTED',
							description: 'The task’s status',
						}),
						body('properties.hs_task_priority', 'Priority', 'options', {
							options: [
								{ name: 'Low', value: 'LOW' },
								{ name: 'Medium', value: 'MEDIUM' },
								{ name: 'High', value: 'HIGH' },
							],
							default: 'MEDIUM',
							description: 'The task’s priority',
						}),
						body('properties.hs_task_type', 'Type', 'options', {
							options: [
								{ name: 'To-Do', value: 'TODO' },
								{ name: 'Call', value: 'CALL' },
								{ name: 'Email', value: 'EMAIL' },
							],
							default: 'TODO',
							description: 'The kind of task',
						}),
						body('properties.hubspot_owner_id', 'Owner ID', 'string', {
							description: 'Who the task is assigned to (Owner → Get Many)',
						}),
						...engagementTarget('task'),
					],
		shape: 'engagementAssociation',
		// Notes and tasks are written under the contacts write scope (HubSpot's scope table for engagements).
		scopes: ['crm.objects.contacts.write'],
		docsUrl: `${REF}/crm/objects/${kind}s/post-crm-v3-objects-${kind}s`,
	},
];

const workflowOps: OperationSpec[] = [
	{
		id: 'enrollContact',
		name: 'Enroll Contact',
		action: 'Enroll a contact in a workflow',
		description:
			'Enrol a contact, by e-mail address, in a contact-based workflow (the Automation API v2 enrolment endpoint)',
		method: 'POST',
		path: '/automation/v2/workflows/{workflowId}/enrollments/contacts/{email}',
		params: [
			{
				displayName: 'Workflow ID',
				name: 'workflowId',
				in: 'path',
				type: 'string',
				default: '',
				required: true,
				placeholder: '5084719',
				description: 'ID of the workflow (the number in its URL in HubSpot)',
			},
			{
				displayName: 'Email',
				name: 'email',
				in: 'path',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'name@email.com',
				description: 'E-mail address of the contact to enrol',
			},
		],
		response: { onEmpty: { enrolled: true } },
		scopes: ['automation'],
		docsUrl: 'https://legacydocs.hubspot.com/docs/methods/workflows/add_contact',
	},
];

const formOps: OperationSpec[] = [
	{
		id: 'submit',
		name: 'Submit',
		action: 'Submit a form',
		description:
			'Send a submission to a HubSpot form through the Forms API on api.hsforms.com (the connection’s token is not sent there)',
		method: 'POST',
		path: '/submissions/v3/integration/submit/{portalId}/{formGuid}',
		params: [
			{
				displayName: 'Portal ID',
				name: 'portalId',
				in: 'path',
				type: 'string',
				default: '',
				required: true,
				placeholder: '62515',
				description: 'The HubSpot account (Hub) ID the form belongs to',
			},
			{
				displayName: 'Form GUID',
				name: 'formGuid',
				in: 'path',
				type: 'string',
				default: '',
				required: true,
				placeholder: '9d1d2a2e-7b4e-4a1c-9c1f-1d2a3b4c5d6e',
				description: 'The form’s ID (in the form editor’s URL)',
			},
			body('fields', 'Fields', 'keyValue', {
				required: true,
				description: 'Form fields by internal name, e.g. email, firstname',
			}),
			body('context.pageUri', 'Page URI', 'string', {
				description: 'The page the form was submitted on',
			}),
			body('context.pageName', 'Page Name', 'string', {
				description: 'Title of that page',
			}),
			body('context.hutk', 'HubSpot Cookie', 'string', {
				description:
					'The visitor’s hubspotutk cookie (hutk), to tie the submission to their visits',
			}),
		],
		hook: 'submitForm',
		docsUrl: 'https://legacydocs.hubspot.com/docs/methods/forms/submit_form',
	},
];

const emailOps: OperationSpec[] = [
	{
		id: 'getStatistics',
		name: 'Get Statistics',
		action: 'Get marketing email statistics',
		description:
			'Aggregated statistics (sent, delivered, opened, clicked, bounced) of the marketing e-mails sent in a time span',
		method: 'GET',
		path: '/marketing/v3/emails/statistics/list',
		params: [
			query('startTimestamp', 'Start Time', 'string', {
				required: true,
				default: '',
				placeholder: '2026-11-01T00:00:00Z',
				description: 'Start of the span (ISO 8601)',
			}),
			query('endTimestamp', 'End Time', 'string', {
				required: true,
				default: '',
				placeholder: '2026-12-01T00:00:00Z',
				description: 'End of the span (ISO 8601)',
			}),
			query('emailIds', 'Email IDs', 'stringList', {
				description: 'Only these marketing e-mails (empty: all)',
			}),
		],
		scopes: ['content'],
		docsUrl: `${REF}/marketing/emails/statistics/get-marketing-v3-emails-statistics-list`,
	},
];

const accountOps: OperationSpec[] = [
	{
		id: 'getMe',
		name: 'Get Me',
		action: 'Get the connected account',
		description:
			'The HubSpot account (portal) the credential belongs to: its ID, type, time zone and currency',
		method: 'GET',
		path: '/account-info/v3/details',
		scopes: ['oauth'],
		docsUrl: `${REF}/settings/account-information/get-account-info-v3-details`,
	},
];

/**
 * HubSpot's error answer: `{"status": "error", "message", "correlationId", "category", "errors": [{"message",
 * "context": {"propertyName": [...]}}], "policyName"?}`; categories from the SDK's error models and the docs.
 */
const HUBSPOT_ERROR_CODES: ErrorCodesSpec = {
	codePath: 'category',
	userMessagePath: 'message',
	fieldPath: 'errors.0.context.propertyName.0',
	rules: [
		{
			codes: ['EXPIRED_AUTHENTICATION'],
			category: 'auth',
			reason: 'the access token expired (HubSpot access tokens last 30 minutes)',
		},
		{ codes: ['INVALID_AUTHENTICATION'], category: 'auth' },
		{
			codes: ['MISSING_SCOPES'],
			category: 'permission',
			reason: 'the token lacks a scope this needs ({message})',
		},
		{
			body: { path: 'policyName', in: ['DAILY'] },
			category: 'permanent',
			reason: 'the account’s daily API limit is spent ({message})',
			fix: 'Run the workflow again after midnight in the HubSpot account’s time zone, or buy HubSpot’s API limit increase.',
		},
		{ codes: ['RATE_LIMITS'], category: 'rateLimit' },
		{ codes: ['OBJECT_NOT_FOUND'], category: 'notFound' },
		{
			codes: ['CONFLICT'],
			category: 'permanent',
			reason: 'a record with that unique value already exists ({message})',
			fix: 'Update the existing record instead, or change the unique value (e.g. the e-mail address).',
		},
		{ codes: ['VALIDATION_ERROR', 'INVALID_PARAMS'], category: 'invalid' },
		{ status: [401], category: 'auth' },
		{ status: [403], category: 'permission' },
		{ status: [404], category: 'notFound' },
	],
};

/**
 * HubSpot's v3 request signature (services.md § HubSpot): base64 HMAC-SHA256 under the app's client secret of
 * method + URI + raw body + timestamp (milliseconds), older than 5 minutes refused.
 */
export const hubspotSignatureV3: SignatureScheme = {
	header: 'x-hubspot-signature-v3',
	algorithm: 'sha256',
	encoding: 'base64',
	timestampHeader: 'x-hubspot-request-timestamp',
	timestampUnit: 'ms',
	toleranceSeconds: 300,
	signedPayload: '{method}{url}{body}{timestamp}',
};
/** v2: hex SHA-256 (not an HMAC) of client secret + method + URI + body; no timestamp. */
export const hubspotSignatureV2: SignatureScheme = {
	header: 'x-hubspot-signature',
	algorithm: 'sha256-digest',
	encoding: 'hex',
	signedPayload: '{secret}{method}{url}{body}',
};
/** v1 (the Webhooks API's CRM subscriptions): hex SHA-256 of client secret + body; no timestamp. */
export const hubspotSignatureV1: SignatureScheme = {
	header: 'x-hubspot-signature',
	algorithm: 'sha256-digest',
	encoding: 'hex',
	signedPayload: '{secret}{body}',
};

/** Webhooks API subscription types (`subscriptionType` of each event). */
const EVENTS: Array<[string, string]> = [
	['contact.creation', 'A contact was created'],
	['contact.propertyChange', 'A property of a contact changed'],
	['contact.deletion', 'A contact was deleted'],
	['contact.merge', 'Contacts were merged'],
	['contact.associationChange', 'An association of a contact changed'],
	['company.creation', 'A company was created'],
	['company.propertyChange', 'A property of a company changed'],
	['company.deletion', 'A company was deleted'],
	['deal.creation', 'A deal was created'],
	['deal.propertyChange', 'A property of a deal changed'],
	['deal.deletion', 'A deal was deleted'],
	['ticket.creation', 'A ticket was created'],
	['ticket.propertyChange', 'A property of a ticket changed'],
	['ticket.deletion', 'A ticket was deleted'],
	['conversation.creation', 'A conversation thread was created'],
	['conversation.newMessage', 'A message was added to a thread'],
];

const resources: ResourceSpec[] = [
	...OBJECTS.map((o) => ({ id: o.id, name: o.name, operations: objectOps(o) })),
	{ id: 'association', name: 'Association', operations: associationOps },
	{ id: 'note', name: 'Note', operations: engagementOps('note') },
	{ id: 'task', name: 'Task', operations: engagementOps('task') },
	{ id: 'owner', name: 'Owner', operations: ownerOps },
	{ id: 'pipeline', name: 'Pipeline', operations: pipelineOps },
	{ id: 'property', name: 'Property', operations: propertyOps },
	{ id: 'workflow', name: 'Workflow', operations: workflowOps },
	{ id: 'form', name: 'Form', operations: formOps },
	{ id: 'marketingEmail', name: 'Marketing Email', operations: emailOps },
	{ id: 'account', name: 'Account', operations: accountOps },
];

export const hubspotSpec: ServiceSpec = {
	id: 'hubspot',
	displayName: 'HubSpot',
	description:
		'Contacts, companies, deals, tickets, associations, notes and tasks, owners, pipelines, workflows, forms and marketing e-mail statistics in HubSpot',
	docsUrl: REF,
	baseUrl: HUBSPOT_API,
	auth: [
		{ kind: 'bearer', credentialType: HUBSPOT_CREDENTIAL, displayName: 'Private App Token' },
		{
			kind: 'oauth2',
			credentialType: HUBSPOT_APP_CREDENTIAL,
			displayName: 'OAuth2',
			oauth2: HUBSPOT_OAUTH,
		},
	],
	credentialTest: { path: '/account-info/v3/details' },
	account: { path: '/account-info/v3/details', labelPath: 'portalId' },
	connection: {
		// Disconnect deletes an app's refresh token (`DELETE /oauth/v1/refresh-tokens/{token}`, no auth header):
		// its access tokens lapse within 30 minutes and no new one can be had. A private app token has no endpoint.
		revoke: {
			method: 'DELETE',
			path: '/oauth/v1/refresh-tokens/{token}',
			token: 'refresh',
			tokenIn: 'path',
			authenticated: false,
			credentialTypes: [HUBSPOT_APP_CREDENTIAL],
		},
	},
	rateLimit: {
		// Burst: 100 requests per rolling 10 s (Free and Starter private apps, and every public OAuth app per
		// installed account); Professional and Enterprise allow 190, which the X-HubSpot-RateLimit-Max header reports.
		requests: 100,
		windowMs: 10_000,
		tiers: {
			// The CRM search endpoints' own limit, counted apart from the burst budget.
			search: { requests: SEARCH_PER_SECOND, windowMs: 1000 },
		},
		headers: [
			{
				format: 'fields',
				limit: 'x-hubspot-ratelimit-max',
				remaining: 'x-hubspot-ratelimit-remaining',
				// A rolling window: at most one interval (10000 ms) until requests are counted out again.
				reset: 'x-hubspot-ratelimit-interval-milliseconds',
				resetUnit: 'epoch-ms',
			},
			{
				// Private apps' daily cap (250,000 to 1,000,000 by tier), reset at midnight in the account's time
				// zone, which the headers do not say: once spent, requests wait an hour (or fail at once past Max Queue
				// Wait) instead of each being refused; a request then sees whether the cap is back.
				format: 'fields',
				limit: 'x-hubspot-ratelimit-daily',
				remaining: 'x-hubspot-ratelimit-daily-remaining',
				spentPauseMs: 3_600_000,
			},
		],
		throttled: [
			{
				status: [429],
				body: { path: 'policyName', in: ['TEN_SECONDLY_ROLLING'] },
				pauseMs: 10_000,
			},
			{ status: [429], body: { path: 'message', matches: 'secondly limit' }, pauseMs: 1000 },
		],
	},
	errorCodes: HUBSPOT_ERROR_CODES,
	resources,
	webhook: {
		register: 'manual',
		signature: hubspotSignatureV3,
		signatureByParam: {
			param: 'signatureVersion',
			schemes: { v1: hubspotSignatureV1, v2: hubspotSignatureV2 },
		},
		notificationUrlField: true,
		secretLabel: 'Client Secret',
		params: [
			{
				displayName: 'Signature Version',
				name: 'signatureVersion',
				type: 'options',
				options: [
					{
						name: 'Version 3 (Recommended)',
						value: 'v3',
						description:
							'X-HubSpot-Signature-v3: HMAC-SHA256 with a timestamp; deliveries older than 5 minutes are refused',
					},
					{
						name: 'Version 2',
						value: 'v2',
						description:
							'X-HubSpot-Signature v2: SHA-256 of secret, method, URL and body (workflow webhooks, CRM cards)',
					},
					{
						name: 'Version 1',
						value: 'v1',
						description:
							'X-HubSpot-Signature v1: SHA-256 of secret and body (the Webhooks API’s legacy header)',
					},
				],
				default: 'v3',
				description:
					'Which of HubSpot’s signatures to verify; every app request carries v3, so keep it unless the sender signs only v1 or v2',
			},
		],
		eventList: { path: '' },
		eventPath: 'subscriptionType',
		deliveryIdPath: 'eventId',
		events: EVENTS.map(([value, description]) => ({ name: value, value, description })),
		defaultEvents: ['contact.creation'],
		byAuth: {
			// An OAuth2 app's client secret signs its webhooks: taken from the credential, nothing to paste.
			[HUBSPOT_APP_CREDENTIAL]: { secretCredentialField: 'clientSecret' },
		},
	},
};

export const hubspotDefinition: ServiceDefinition = { spec: hubspotSpec, hooks: hubspotHooks };
