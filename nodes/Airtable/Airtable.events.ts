/** The Airtable trigger's events, apart from the spec so the hooks and the spec share them without a cycle. */

/** Change events the trigger emits, and the webhook data type each needs (airtable.com/developers/web/api/model/webhooks-specification). */
export const AIRTABLE_EVENTS: Array<{
	value: string;
	name: string;
	dataType: string;
	description: string;
}> = [
	{
		value: 'record.created',
		name: 'Record Created',
		dataType: 'tableData',
		description: 'A record was added',
	},
	{
		value: 'record.updated',
		name: 'Record Updated',
		dataType: 'tableData',
		description: 'Cells of a record changed',
	},
	{
		value: 'record.deleted',
		name: 'Record Deleted',
		dataType: 'tableData',
		description: 'A record was deleted',
	},
	{
		value: 'field.created',
		name: 'Field Created',
		dataType: 'tableFields',
		description: 'A field was added to a table',
	},
	{
		value: 'field.updated',
		name: 'Field Updated',
		dataType: 'tableFields',
		description: 'A field was renamed or its type or options changed',
	},
	{
		value: 'field.deleted',
		name: 'Field Deleted',
		dataType: 'tableFields',
		description: 'A field was deleted',
	},
	{
		value: 'table.created',
		name: 'Table Created',
		dataType: 'tableMetadata',
		description: 'A table was added to the base',
	},
	{
		value: 'table.updated',
		name: 'Table Updated',
		dataType: 'tableMetadata',
		description: 'A table was renamed or its description changed',
	},
	{
		value: 'table.deleted',
		name: 'Table Deleted',
		dataType: 'tableMetadata',
		description: 'A table was deleted',
	},
];
