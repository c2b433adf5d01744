/**
 * What the HubSpot spec cannot say as data: the batch read's `{"inputs": [{"id"}]}`, a note's or task's
 * association with the record it is about (HubSpot's default association type of that pair), and the form
 * submission, which goes to another host (api.hsforms.com) without the connection's token.
 */
import type { IDataObject } from 'n8n-workflow';

import { identityOf } from '../../lib/spec/identity';
import type { HookContext } from '../../lib/spec/types';
import { callContext } from '../../lib/transport/context';
import { send } from '../../lib/transport/pipeline';
import { makeRedactor } from '../../lib/transport/redact';
import type { EngineRequest } from '../../lib/transport/types';

/** HubSpot's Forms submission host: public, takes no token (the form's own settings decide what it accepts). */
export const HSFORMS_ORIGIN = 'https://api.hsforms.com';

/** Batch read: the IDs field becomes `inputs: [{"id": …}]`; an empty ID property is not sent. */
function batchReadInputs(req: EngineRequest): EngineRequest {
	const body = { ...((req.body ?? {}) as IDataObject) };
	const ids = Array.isArray(body.inputs) ? body.inputs : [];
	body.inputs = ids.map((id) => ({ id: String(id) }));
	if (!Array.isArray(body.properties)) body.properties = [];
	return { ...req, body };
}

const SEARCH_FIELDS = [
	'filterProperty',
	'filterOperator',
	'filterValue',
	'filterHighValue',
	'sortBy',
	'sortDirection',
];

/**
 * Search's Filter and Sort fields into HubSpot's body: the filter is added to every filter group (one group when
 * there is none), In / Not In split their comma-separated values into `values`, Has (No) Value sends no value;
 * Sort By becomes `sorts` unless Sorts (JSON) is given.
 */
function searchFields(req: EngineRequest): EngineRequest {
	const body = { ...((req.body ?? {}) as IDataObject) };
	const text = (key: string) => (typeof body[key] === 'string' ? body[key].trim() : '');
	const [property, sortBy] = [text('filterProperty'), text('sortBy')];
	const operator = text('filterOperator') || 'EQ';
	const direction = text('sortDirection') || 'DESCENDING';
	const [value, high] = [text('filterValue'), text('filterHighValue')];
	for (const key of SEARCH_FIELDS) delete body[key];
	if (property !== '') {
		const filter: IDataObject = { propertyName: property, operator };
		if (operator === 'IN' || operator === 'NOT_IN')
			filter.values = value
				.split(',')
				.map((v) => v.trim())
				.filter((v) => v !== '');
		else if (!operator.endsWith('HAS_PROPERTY')) filter.value = value;
		if (operator === 'BETWEEN') filter.highValue = high;
		const groups = Array.isArray(body.filterGroups) ? (body.filterGroups as IDataObject[]) : [];
		body.filterGroups = (groups.length > 0 ? groups : [{ filters: [] }]).map((g) => ({
			...g,
			filters: [...((g.filters as IDataObject[] | undefined) ?? []), filter],
		}));
	}
	const sorts = body.sorts;
	if (sortBy !== '' && !(Array.isArray(sorts) && sorts.length > 0))
		body.sorts = [{ propertyName: sortBy, direction }];
	return { ...req, body };
}

/**
 * HUBSPOT_DEFINED association type ids of a note or task with each object type
 * (https://developers.hubspot.com/docs/api-reference/crm/associations/guide, "Association type IDs").
 */
const ENGAGEMENT_TYPE_IDS: Record<string, Record<string, number>> = {
	notes: { contacts: 202, companies: 190, deals: 214, tickets: 228 },
	tasks: { contacts: 204, companies: 192, deals: 216, tickets: 230 },
};

/** "Associate With" and its ID become the create body's `associations` (nothing when no ID is given). */
function engagementAssociation(req: EngineRequest): EngineRequest {
	const body = { ...((req.body ?? {}) as IDataObject) };
	const type = String(body.associateType ?? 'contacts');
	const id = body.associateId;
	delete body.associateType;
	delete body.associateId;
	const kind = req.path.endsWith('/notes') ? 'notes' : 'tasks';
	const typeId = ENGAGEMENT_TYPE_IDS[kind][type];
	if (id !== undefined && id !== '' && typeId !== undefined)
		body.associations = [
			{
				to: { id: String(id) },
				types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }],
			},
		];
	return { ...req, body };
}

/**
 * `POST https://api.hsforms.com/submissions/v3/integration/submit/{portalId}/{formGuid}` through the engine
 * (queue, retries, errors) but without the credential: the token is HubSpot's API credential and this public
 * endpoint neither needs nor gets it. The fields become `[{"name", "value"}]`.
 */
async function submitForm(ctx: HookContext): Promise<IDataObject> {
	const { portalId, formGuid } = ctx.params;
	const fields = (ctx.params.fields ?? {}) as IDataObject;
	const context: IDataObject = {};
	for (const [key, name] of [
		['contextPageUri', 'pageUri'],
		['contextPageName', 'pageName'],
		['contextHutk', 'hutk'],
	] as const) {
		const value = ctx.params[key];
		if (typeof value === 'string' && value !== '') context[name] = value;
	}
	const anonymous = callContext({
		engine: ctx.engine,
		fn: ctx.fn,
		itemIndex: ctx.itemIndex,
		// Another host: none of the API's headers or budgets, and no credential.
		service: { ...identityOf(ctx.spec), headers: undefined, rateLimit: undefined },
		redact: makeRedactor([]),
	});
	const res = await send(anonymous, {
		method: 'POST',
		baseUrl: HSFORMS_ORIGIN,
		path: '/submissions/v3/integration/submit/{portalId}/{formGuid}',
		pathParams: { portalId: String(portalId), formGuid: String(formGuid) },
		body: {
			fields: Object.entries(fields).map(([name, value]) => ({ name, value: String(value) })),
			...(Object.keys(context).length > 0 ? { context } : {}),
		},
		bodyEncoding: 'json',
		responseFormat: 'json',
		idempotent: false,
	});
	return (res.body ?? {}) as IDataObject;
}

export const hubspotHooks = { batchReadInputs, engagementAssociation, searchFields, submitForm };
