/**
 * Trello REST API (https://api.trello.com/1) as data: boards, lists, cards, comments, checklists and their check
 * items, labels, members, attachments (from binary data as multipart, or from a URL; downloads as binary) and
 * search. The API key and token go in Trello's `Authorization: OAuth oauth_consumer_key="…", oauth_token="…"`
 * header, never in a URL. Two budgets at once: 100 requests per 10 s per token (the connection) and 300 per 10 s
 * per API key (shared by every connection with the same key). Errors are Trello's plain-text bodies
 * (`invalid id`, `unauthorized permission requested`). A trigger on webhooks created through the API (HEAD check
 * answered, `X-Trello-Webhook` verified). Methods, paths and query keys are checked against trello.js
 * (test/conformance/trello-sdk.test.ts). Facts: /work/shared/reference/services.md § Trello,
 * https://developer.atlassian.com/cloud/trello/rest/.
 */
import { binaryFieldParam, enumOptions, queryParam } from '../../lib/spec/params';
import type {
	OperationSpec,
	PaginationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import type { ErrorCodesSpec } from '../../lib/transport/error-codes';
import type { SignatureScheme } from '../../lib/webhooks/scheme';
import { trelloHooks } from './Trello.hooks';

export const TRELLO_CREDENTIAL = 'apiConnTrelloApi';
const REF = 'https://developer.atlassian.com/cloud/trello/rest';

const query = queryParam;

/** A Trello id (24 hex digits) or, for boards and cards, the short link; always one encoded path segment. */
const idIn = (name: string, displayName: string, description: string): ParamSpec => ({
	displayName,
	name,
	in: 'path',
	type: 'string',
	default: '',
	required: true,
	description,
});
const boardId = (name = 'id') =>
	idIn(
		name,
		'Board ID',
		'The board: its ID, or the short link in its URL (dQHqCohZ in trello.com/b/dQHqCohZ/…)',
	);
const listId = (name = 'id') => idIn(name, 'List ID', 'The ID of the list');
const cardId = (name = 'id') =>
	idIn(
		name,
		'Card ID',
		'The card: its ID, or the short link in its URL (H0TZyzbK in trello.com/c/H0TZyzbK/…)',
	);

/** Trello answers these lists whole (no paging): Return All keeps every item, Limit the first ones. */
const WHOLE: PaginationSpec = { type: 'linkHeader' };

const pos = query('pos', 'Position', 'string', {
	default: '',
	placeholder: 'top',
	description: 'Where it goes (pos): top, bottom, or a positive number',
});
const fields = query('fields', 'Fields', 'string', {
	default: '',
	placeholder: 'name,desc,url',
	description: 'The fields to return, comma-separated (fields); all or empty for the defaults',
});
/** `GET /{plural}/{id}`: one object by its ID, with the fields to return. */
const getById = (plural: string, what: string, id: ParamSpec): OperationSpec => ({
	id: 'get',
	name: 'Get',
	action: `Get ${what}`,
	method: 'GET',
	path: `/${plural}/{id}`,
	docsUrl: `${REF}/api-group-${plural}/#api-${plural}-id-get`,
	params: [id, fields],
});
/** `DELETE /{plural}/{id}`: one object for good. */
const deleteById = (
	plural: string,
	what: string,
	id: ParamSpec,
	description?: string,
): OperationSpec => ({
	id: 'delete',
	name: 'Delete',
	action: `Delete ${what}`,
	...(description ? { description } : {}),
	method: 'DELETE',
	path: `/${plural}/{id}`,
	response: { onEmpty: { deleted: true } },
	docsUrl: `${REF}/api-group-${plural}/#api-${plural}-id-delete`,
	params: [id],
});
const name = (what: string, required: boolean): ParamSpec =>
	query('name', 'Name', 'string', {
		default: '',
		required,
		description: `The name of the ${what}`,
	});
const desc = query('desc', 'Description', 'string', {
	default: '',
	description: 'The description (desc), up to 16,384 characters, Markdown',
});
const closed = query('closed', 'Closed', 'boolean', {
	default: false,
	description: 'Whether it is closed (archived) (closed)',
});
const subscribed = query('subscribed', 'Subscribed', 'boolean', {
	default: false,
	description: 'Whether the member is subscribed to it (subscribed)',
});
const due = query('due', 'Due Date', 'dateTime', {
	default: '',
	description: 'When the card is due (due)',
});
const start = query('start', 'Start Date', 'dateTime', {
	default: '',
	description: 'When work on the card starts (start)',
});
const dueComplete = query('dueComplete', 'Due Complete', 'boolean', {
	default: false,
	description: 'Whether the due date is marked complete (dueComplete)',
});
const idMembers = query('idMembers', 'Member IDs', 'stringList', {
	default: '',
	queryFormat: 'comma',
	description: 'IDs of the members on the card, comma-separated (idMembers)',
});
const idLabels = query('idLabels', 'Label IDs', 'stringList', {
	default: '',
	queryFormat: 'comma',
	description: 'IDs of the labels on the card, comma-separated (idLabels)',
});
const idBoardQuery = (required: boolean, description: string) =>
	query('idBoard', 'Board ID', 'string', { default: '', required, description });
const value = (displayName: string, description: string): ParamSpec =>
	query('value', displayName, 'string', { default: '', required: true, description });

const LABEL_COLORS = [
	'black',
	'black_dark',
	'black_light',
	'blue',
	'blue_dark',
	'blue_light',
	'green',
	'green_dark',
	'green_light',
	'lime',
	'lime_dark',
	'lime_light',
	'orange',
	'orange_dark',
	'orange_light',
	'pink',
	'pink_dark',
	'pink_light',
	'purple',
	'purple_dark',
	'purple_light',
	'red',
	'red_dark',
	'red_light',
	'sky',
	'sky_dark',
	'sky_light',
	'yellow',
	'yellow_dark',
	'yellow_light',
];
const color = (required: boolean): ParamSpec =>
	query('color', 'Color', 'options', {
		default: required ? 'green' : '',
		required,
		options: [...(required ? [] : [{ name: 'No Color', value: '' }]), ...enumOptions(LABEL_COLORS)],
		description: 'The colour of the label (color)',
	});
const BACKGROUNDS = ['blue', 'green', 'grey', 'lime', 'orange', 'pink', 'purple', 'red', 'sky'];
const permissionLevel = (wire: string): ParamSpec =>
	query(wire, 'Permission Level', 'options', {
		name: 'permissionLevel',
		default: 'private',
		options: [
			{ name: 'Organization', value: 'org', description: 'Members of the Workspace see it' },
			{ name: 'Private', value: 'private', description: 'Only board members see it' },
			{ name: 'Public', value: 'public', description: 'Anyone with the link sees it' },
		],
		description: `Who can see the board (${wire})`,
	});
const background = (wire: string): ParamSpec =>
	query(wire, 'Background', 'options', {
		name: 'background',
		default: 'blue',
		options: enumOptions(BACKGROUNDS),
		description: `The board's background colour (${wire})`,
	});

const boardOps: OperationSpec[] = [
	{
		id: 'close',
		name: 'Close',
		action: 'Close a board',
		description: 'Close (archive) the board; it can be reopened with Update (Closed off)',
		method: 'PUT',
		path: '/boards/{id}',
		query: { closed: true },
		docsUrl: `${REF}/api-group-boards/#api-boards-id-put`,
		params: [boardId()],
	},
	{
		id: 'create',
		name: 'Create',
		action: 'Create a board',
		method: 'POST',
		path: '/boards',
		docsUrl: `${REF}/api-group-boards/#api-boards-post`,
		params: [
			name('board', true),
			desc,
			query('idOrganization', 'Workspace ID', 'string', {
				default: '',
				description: 'The ID or name of the Workspace the board belongs to (idOrganization)',
			}),
			query('defaultLabels', 'Default Labels', 'boolean', {
				default: true,
				description: 'Whether to add the six default labels (defaultLabels)',
			}),
			query('defaultLists', 'Default Lists', 'boolean', {
				default: true,
				description: 'Whether to add the default lists To Do, Doing and Done (defaultLists)',
			}),
			query('idBoardSource', 'Copy From Board ID', 'string', {
				default: '',
				description: 'The ID of a board to copy into the new one (idBoardSource)',
			}),
			query('keepFromSource', 'Keep From Source', 'options', {
				default: 'none',
				options: [
					{ name: 'Cards', value: 'cards' },
					{ name: 'None', value: 'none' },
				],
				description: 'What to keep of the copied board (keepFromSource)',
			}),
			permissionLevel('prefs_permissionLevel'),
			background('prefs_background'),
		],
	},
	deleteById(
		'boards',
		'a board',
		boardId(),
		'Delete the board for good (Close archives it instead)',
	),
	getById('boards', 'a board', boardId()),
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get many boards of a member',
		description: 'The boards a member belongs to (by default the connected account)',
		method: 'GET',
		path: '/members/{id}/boards',
		paginate: WHOLE,
		docsUrl: `${REF}/api-group-members/#api-members-id-boards-get`,
		params: [
			{
				...idIn('id', 'Member', 'The member: me (the connected account), an ID or a username'),
				default: 'me',
			},
			query('filter', 'Filter', 'options', {
				default: 'all',
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Closed', value: 'closed' },
					{ name: 'Members', value: 'members' },
					{ name: 'Open', value: 'open' },
					{ name: 'Organization', value: 'organization' },
					{ name: 'Public', value: 'public' },
					{ name: 'Starred', value: 'starred' },
				],
				description: 'Which boards (filter)',
			}),
			fields,
		],
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a board',
		method: 'PUT',
		path: '/boards/{id}',
		docsUrl: `${REF}/api-group-boards/#api-boards-id-put`,
		params: [
			boardId(),
			name('board', false),
			desc,
			closed,
			subscribed,
			query('idOrganization', 'Workspace ID', 'string', {
				default: '',
				description: 'The ID of the Workspace to move the board to (idOrganization)',
			}),
			permissionLevel('prefs/permissionLevel'),
			background('prefs/background'),
		],
	},
];

const listOps: OperationSpec[] = [
	{
		id: 'archive',
		name: 'Archive',
		action: 'Archive a list',
		method: 'PUT',
		path: '/lists/{id}/closed',
		query: { value: true },
		docsUrl: `${REF}/api-group-lists/#api-lists-id-closed-put`,
		params: [listId()],
	},
	{
		id: 'create',
		name: 'Create',
		action: 'Create a list',
		method: 'POST',
		path: '/lists',
		docsUrl: `${REF}/api-group-lists/#api-lists-post`,
		params: [
			name('list', true),
			idBoardQuery(true, 'The ID of the board the list goes on (idBoard)'),
			query('idListSource', 'Copy From List ID', 'string', {
				default: '',
				description: 'The ID of a list to copy into the new one (idListSource)',
			}),
			pos,
		],
	},
	getById('lists', 'a list', listId()),
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get the lists of a board',
		method: 'GET',
		path: '/boards/{id}/lists',
		paginate: WHOLE,
		docsUrl: `${REF}/api-group-boards/#api-boards-id-lists-get`,
		params: [
			boardId(),
			query('filter', 'Filter', 'options', {
				default: 'open',
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Closed', value: 'closed' },
					{ name: 'None', value: 'none' },
					{ name: 'Open', value: 'open' },
				],
				description: 'Which lists (filter)',
			}),
			fields,
		],
	},
	{
		id: 'move',
		name: 'Move',
		action: 'Move a list to another board',
		method: 'PUT',
		path: '/lists/{id}/idBoard',
		docsUrl: `${REF}/api-group-lists/#api-lists-id-idboard-put`,
		params: [listId(), value('Board ID', 'The ID of the board to move the list to (value)')],
	},
	{
		id: 'unarchive',
		name: 'Unarchive',
		action: 'Unarchive a list',
		method: 'PUT',
		path: '/lists/{id}/closed',
		query: { value: false },
		docsUrl: `${REF}/api-group-lists/#api-lists-id-closed-put`,
		params: [listId()],
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a list',
		method: 'PUT',
		path: '/lists/{id}',
		docsUrl: `${REF}/api-group-lists/#api-lists-id-put`,
		params: [
			listId(),
			name('list', false),
			closed,
			idBoardQuery(false, 'The ID of the board to move the list to (idBoard)'),
			pos,
			subscribed,
		],
	},
];

const cardFields = (create: boolean): ParamSpec[] => [
	name('card', false),
	desc,
	pos,
	due,
	start,
	dueComplete,
	idMembers,
	idLabels,
	...(create
		? [
				query('urlSource', 'Source URL', 'string', {
					default: '',
					description: 'A URL starting with http:// or https:// attached to the card (urlSource)',
				}),
				query('idCardSource', 'Copy From Card ID', 'string', {
					default: '',
					description: 'The ID of a card to copy into the new one (idCardSource)',
				}),
				query('keepFromSource', 'Keep From Source', 'string', {
					default: '',
					placeholder: 'attachments,checklists,comments',
					description:
						'What to keep of the copied card, comma-separated: all, attachments, checklists, comments, customFields, due, start, labels, members, stickers (keepFromSource)',
				}),
			]
		: [
				closed,
				query('idList', 'List ID', 'string', {
					default: '',
					description: 'The ID of the list to move the card to (idList)',
				}),
				idBoardQuery(false, 'The ID of the board to move the card to (idBoard)'),
				subscribed,
			]),
];

const cardOps: OperationSpec[] = [
	{
		id: 'archive',
		name: 'Archive',
		action: 'Archive a card',
		method: 'PUT',
		path: '/cards/{id}',
		query: { closed: true },
		docsUrl: `${REF}/api-group-cards/#api-cards-id-put`,
		params: [cardId()],
	},
	{
		id: 'create',
		name: 'Create',
		action: 'Create a card',
		method: 'POST',
		path: '/cards',
		docsUrl: `${REF}/api-group-cards/#api-cards-post`,
		params: [
			query('idList', 'List ID', 'string', {
				default: '',
				required: true,
				description: 'The ID of the list the card goes in (idList)',
			}),
			...cardFields(true),
		],
	},
	deleteById('cards', 'a card', cardId(), 'Delete the card for good (Archive keeps it)'),
	getById('cards', 'a card', cardId()),
	{
		id: 'getManyOnBoard',
		name: 'Get Many on Board',
		action: 'Get the cards of a board',
		description: 'The open cards of a board',
		method: 'GET',
		path: '/boards/{id}/cards',
		paginate: WHOLE,
		docsUrl: `${REF}/api-group-boards/#api-boards-id-cards-get`,
		params: [boardId()],
	},
	{
		id: 'getManyInList',
		name: 'Get Many in List',
		action: 'Get the cards in a list',
		method: 'GET',
		path: '/lists/{id}/cards',
		paginate: WHOLE,
		docsUrl: `${REF}/api-group-lists/#api-lists-id-cards-get`,
		params: [listId()],
	},
	{
		id: 'move',
		name: 'Move',
		action: 'Move a card to another list',
		method: 'PUT',
		path: '/cards/{id}',
		docsUrl: `${REF}/api-group-cards/#api-cards-id-put`,
		params: [
			cardId(),
			query('idList', 'List ID', 'string', {
				default: '',
				required: true,
				description: 'The ID of the list to move the card to (idList)',
			}),
			idBoardQuery(
				false,
				'The ID of the board of that list, when it is on another board (idBoard)',
			),
			pos,
		],
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a card',
		method: 'PUT',
		path: '/cards/{id}',
		docsUrl: `${REF}/api-group-cards/#api-cards-id-put`,
		params: [cardId(), ...cardFields(false)],
	},
];

const commentText = query('text', 'Text', 'string', {
	default: '',
	required: true,
	description: 'The text of the comment, 1 to 16,384 characters (text)',
});
const actionId = idIn('idAction', 'Comment ID', 'The ID of the comment action');

const commentOps: OperationSpec[] = [
	{
		id: 'add',
		name: 'Add',
		action: 'Add a comment to a card',
		method: 'POST',
		path: '/cards/{id}/actions/comments',
		docsUrl: `${REF}/api-group-cards/#api-cards-id-actions-comments-post`,
		params: [cardId(), commentText],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a comment',
		method: 'DELETE',
		path: '/cards/{id}/actions/{idAction}/comments',
		response: { onEmpty: { deleted: true } },
		docsUrl: `${REF}/api-group-cards/#api-cards-id-actions-idaction-comments-delete`,
		params: [cardId(), actionId],
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get the comments on a card',
		description: 'The commentCard actions of the card, newest first',
		method: 'GET',
		path: '/cards/{id}/actions',
		query: { filter: 'commentCard' },
		// Older pages: `before` the last action's ID, up to 1,000 per page.
		paginate: {
			type: 'cursor',
			cursorParam: 'before',
			cursorFromLastItem: 'id',
			itemsPath: '',
			limitParam: 'limit',
			pageSize: 1000,
		},
		docsUrl: `${REF}/api-group-cards/#api-cards-id-actions-get`,
		params: [cardId()],
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a comment',
		method: 'PUT',
		path: '/cards/{id}/actions/{idAction}/comments',
		docsUrl: `${REF}/api-group-cards/#api-cards-id-actions-idaction-comments-put`,
		params: [cardId(), actionId, commentText],
	},
];

const checklistId = (n = 'id') => idIn(n, 'Checklist ID', 'The ID of the checklist');
const checklistOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Create a checklist on a card',
		method: 'POST',
		path: '/cards/{id}/checklists',
		docsUrl: `${REF}/api-group-cards/#api-cards-id-checklists-post`,
		params: [
			cardId(),
			name('checklist', false),
			query('idChecklistSource', 'Copy From Checklist ID', 'string', {
				default: '',
				description: 'The ID of a checklist to copy into the new one (idChecklistSource)',
			}),
			pos,
		],
	},
	deleteById('checklists', 'a checklist', checklistId()),
	getById('checklists', 'a checklist', checklistId()),
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get the checklists on a card',
		method: 'GET',
		path: '/cards/{id}/checklists',
		paginate: WHOLE,
		docsUrl: `${REF}/api-group-cards/#api-cards-id-checklists-get`,
		params: [cardId(), fields],
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a checklist',
		method: 'PUT',
		path: '/checklists/{id}',
		docsUrl: `${REF}/api-group-checklists/#api-checklists-id-put`,
		params: [checklistId(), name('checklist', false), pos],
	},
];

const checkItemId = idIn('idCheckItem', 'Check Item ID', 'The ID of the check item');
const checkItemOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Add an item to a checklist',
		method: 'POST',
		path: '/checklists/{id}/checkItems',
		docsUrl: `${REF}/api-group-checklists/#api-checklists-id-checkitems-post`,
		params: [
			checklistId(),
			name('check item', true),
			pos,
			query('checked', 'Checked', 'boolean', {
				default: false,
				description: 'Whether the item starts checked (checked)',
			}),
			query('due', 'Due Date', 'dateTime', {
				default: '',
				description: 'When the item is due (due)',
			}),
			query('idMember', 'Member ID', 'string', {
				default: '',
				description: 'The ID of the member the item is assigned to (idMember)',
			}),
		],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete a check item',
		method: 'DELETE',
		path: '/checklists/{id}/checkItems/{idCheckItem}',
		response: { onEmpty: { deleted: true } },
		docsUrl: `${REF}/api-group-checklists/#api-checklists-id-checkitems-idcheckitem-delete`,
		params: [checklistId(), checkItemId],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a check item of a card',
		method: 'GET',
		path: '/cards/{id}/checkItem/{idCheckItem}',
		docsUrl: `${REF}/api-group-cards/#api-cards-id-checkitem-idcheckitem-get`,
		params: [cardId(), checkItemId, fields],
	},
	{
		id: 'getCompleted',
		name: 'Get Completed',
		action: 'Get the completed check items of a card',
		description: 'The check items of the card that are checked (their IDs and state)',
		method: 'GET',
		path: '/cards/{id}/checkItemStates',
		paginate: WHOLE,
		docsUrl: `${REF}/api-group-cards/#api-cards-id-checkitemstates-get`,
		params: [cardId(), fields],
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get the items of a checklist',
		method: 'GET',
		path: '/checklists/{id}/checkItems',
		paginate: WHOLE,
		docsUrl: `${REF}/api-group-checklists/#api-checklists-id-checkitems-get`,
		params: [
			checklistId(),
			query('filter', 'Filter', 'options', {
				default: 'all',
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'None', value: 'none' },
				],
				description: 'Which items (filter)',
			}),
			fields,
		],
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a check item',
		description: 'Check or uncheck an item, rename it, or move it to another checklist of the card',
		method: 'PUT',
		path: '/cards/{id}/checkItem/{idCheckItem}',
		docsUrl: `${REF}/api-group-cards/#api-cards-id-checkitem-idcheckitem-put`,
		params: [
			cardId(),
			checkItemId,
			query('state', 'State', 'options', {
				default: 'complete',
				options: [
					{ name: 'Complete', value: 'complete' },
					{ name: 'Incomplete', value: 'incomplete' },
				],
				description: 'Whether the item is checked (state)',
			}),
			name('check item', false),
			query('idChecklist', 'Checklist ID', 'string', {
				default: '',
				description: 'The ID of the checklist to move the item to (idChecklist)',
			}),
			pos,
		],
	},
];

const labelId = (n = 'id') => idIn(n, 'Label ID', 'The ID of the label');
const labelOps: OperationSpec[] = [
	{
		id: 'addToCard',
		name: 'Add to Card',
		action: 'Add a label to a card',
		method: 'POST',
		path: '/cards/{id}/idLabels',
		docsUrl: `${REF}/api-group-cards/#api-cards-id-idlabels-post`,
		params: [cardId(), value('Label ID', 'The ID of the label to add (value)')],
	},
	{
		id: 'create',
		name: 'Create',
		action: 'Create a label on a board',
		method: 'POST',
		path: '/labels',
		docsUrl: `${REF}/api-group-labels/#api-labels-post`,
		params: [
			name('label', true),
			color(true),
			idBoardQuery(true, 'The ID of the board the label belongs to (idBoard)'),
		],
	},
	deleteById('labels', 'a label', labelId()),
	getById('labels', 'a label', labelId()),
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get the labels of a board',
		method: 'GET',
		path: '/boards/{id}/labels',
		paginate: { type: 'linkHeader', limitParam: 'limit', pageSize: 1000 },
		docsUrl: `${REF}/api-group-boards/#api-boards-id-labels-get`,
		params: [boardId(), fields],
	},
	{
		id: 'removeFromCard',
		name: 'Remove From Card',
		action: 'Remove a label from a card',
		method: 'DELETE',
		path: '/cards/{id}/idLabels/{idLabel}',
		response: { onEmpty: { removed: true } },
		docsUrl: `${REF}/api-group-cards/#api-cards-id-idlabels-idlabel-delete`,
		params: [cardId(), labelId('idLabel')],
	},
	{
		id: 'update',
		name: 'Update',
		action: 'Update a label',
		method: 'PUT',
		path: '/labels/{id}',
		docsUrl: `${REF}/api-group-labels/#api-labels-id-put`,
		params: [labelId(), name('label', false), color(false)],
	},
];

const memberId = (n: string) => idIn(n, 'Member ID', 'The member: an ID or a username (idMember)');
const memberOps: OperationSpec[] = [
	{
		id: 'addToBoard',
		name: 'Add to Board',
		action: 'Add a member to a board',
		description: 'Add a member to the board, or change their role on it',
		method: 'PUT',
		path: '/boards/{id}/members/{idMember}',
		docsUrl: `${REF}/api-group-boards/#api-boards-id-members-idmember-put`,
		params: [
			boardId(),
			memberId('idMember'),
			query('type', 'Type', 'options', {
				default: 'normal',
				required: true,
				options: [
					{ name: 'Admin', value: 'admin' },
					{ name: 'Normal', value: 'normal' },
					{ name: 'Observer', value: 'observer' },
				],
				description: 'The role on the board (type)',
			}),
		],
	},
	{
		id: 'addToCard',
		name: 'Add to Card',
		action: 'Add a member to a card',
		method: 'POST',
		path: '/cards/{id}/idMembers',
		docsUrl: `${REF}/api-group-cards/#api-cards-id-idmembers-post`,
		params: [cardId(), value('Member ID', 'The ID of the member to add (value)')],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get a member',
		method: 'GET',
		path: '/members/{id}',
		docsUrl: `${REF}/api-group-members/#api-members-id-get`,
		params: [
			{
				...idIn('id', 'Member', 'The member: me (the connected account), an ID or a username'),
				default: 'me',
			},
			fields,
		],
	},
	{
		id: 'getManyOnBoard',
		name: 'Get Many on Board',
		action: 'Get the members of a board',
		method: 'GET',
		path: '/boards/{id}/members',
		paginate: WHOLE,
		docsUrl: `${REF}/api-group-boards/#api-boards-id-members-get`,
		params: [boardId()],
	},
	{
		id: 'getManyOnCard',
		name: 'Get Many on Card',
		action: 'Get the members of a card',
		method: 'GET',
		path: '/cards/{id}/members',
		paginate: WHOLE,
		docsUrl: `${REF}/api-group-cards/#api-cards-id-members-get`,
		params: [cardId(), fields],
	},
	{
		id: 'inviteToBoard',
		name: 'Invite to Board',
		action: 'Invite someone to a board by email',
		description:
			'Invite a person by e-mail address; Trello creates a member for an address it does not know',
		method: 'PUT',
		path: '/boards/{id}/members',
		body: 'json',
		docsUrl: `${REF}/api-group-boards/#api-boards-id-members-put`,
		params: [
			boardId(),
			query('email', 'Email', 'string', {
				default: '',
				required: true,
				placeholder: 'name@email.com',
				description: 'The e-mail address of the person to invite (email)',
			}),
			query('type', 'Type', 'options', {
				default: 'normal',
				options: [
					{ name: 'Admin', value: 'admin' },
					{ name: 'Normal', value: 'normal' },
					{ name: 'Observer', value: 'observer' },
				],
				description: 'The role on the board (type)',
			}),
			{
				displayName: 'Full Name',
				name: 'fullName',
				in: 'body',
				type: 'string',
				default: '',
				description:
					'The name of a person Trello does not know yet, at least one character not a space (fullName)',
			},
		],
	},
	{
		id: 'removeFromBoard',
		name: 'Remove From Board',
		action: 'Remove a member from a board',
		method: 'DELETE',
		path: '/boards/{id}/members/{idMember}',
		docsUrl: `${REF}/api-group-boards/#api-boards-id-members-idmember-delete`,
		params: [boardId(), memberId('idMember')],
	},
	{
		id: 'removeFromCard',
		name: 'Remove From Card',
		action: 'Remove a member from a card',
		method: 'DELETE',
		path: '/cards/{id}/idMembers/{idMember}',
		docsUrl: `${REF}/api-group-cards/#api-cards-id-idmembers-idmember-delete`,
		params: [cardId(), memberId('idMember')],
	},
];

const attachmentId = idIn('idAttachment', 'Attachment ID', 'The ID of the attachment');
const attachmentOps: OperationSpec[] = [
	{
		id: 'create',
		name: 'Create',
		action: 'Attach a file or a link to a card',
		description: 'Upload the binary data of the item (multipart) or attach a URL',
		method: 'POST',
		path: '/cards/{id}/attachments',
		hook: 'createAttachment',
		docsUrl: `${REF}/api-group-cards/#api-cards-id-attachments-post`,
		params: [
			cardId(),
			{
				displayName: 'Source',
				name: 'source',
				in: 'body',
				type: 'options',
				default: 'binary',
				required: true,
				options: [
					{ name: 'Binary Data', value: 'binary', description: 'A file of the input item (file)' },
					{ name: 'URL', value: 'url', description: 'A link Trello attaches (URL)' },
				],
				description: 'What to attach',
			},
			binaryFieldParam(
				'The binary field of the input item holding the file (Source: Binary Data), up to 250 MB (10 MB on free Workspaces)',
			),
			query('url', 'URL', 'string', {
				default: '',
				placeholder: 'https://example.com/spec.pdf',
				description: 'The link to attach (Source: URL), starting with http:// or https://',
			}),
			query('name', 'Name', 'string', {
				default: '',
				description: 'The name of the attachment, up to 256 characters (name)',
			}),
			query('mimeType', 'MIME Type', 'string', {
				default: '',
				placeholder: 'application/pdf',
				description: 'The MIME type of the attachment (mimeType)',
			}),
			query('setCover', 'Set as Cover', 'boolean', {
				default: false,
				description: 'Whether the image becomes the card cover (setCover)',
			}),
		],
	},
	{
		id: 'delete',
		name: 'Delete',
		action: 'Delete an attachment',
		method: 'DELETE',
		path: '/cards/{id}/attachments/{idAttachment}',
		docsUrl: `${REF}/api-group-cards/#api-cards-id-attachments-idattachment-delete`,
		params: [cardId(), attachmentId],
	},
	{
		id: 'download',
		name: 'Download',
		action: 'Download an attachment',
		description:
			'The uploaded file as binary data (in the "data" property); links attached by URL have no file',
		method: 'GET',
		// The file's name follows as one more segment: …/download/{fileName}.
		path: '/cards/{id}/attachments/{idAttachment}/download',
		hook: 'downloadAttachment',
		docsUrl: 'https://developer.atlassian.com/cloud/trello/guides/rest-api/attachments/',
		params: [cardId(), attachmentId],
	},
	{
		id: 'get',
		name: 'Get',
		action: 'Get an attachment',
		method: 'GET',
		path: '/cards/{id}/attachments/{idAttachment}',
		docsUrl: `${REF}/api-group-cards/#api-cards-id-attachments-idattachment-get`,
		params: [cardId(), attachmentId, fields],
	},
	{
		id: 'getMany',
		name: 'Get Many',
		action: 'Get the attachments of a card',
		method: 'GET',
		path: '/cards/{id}/attachments',
		paginate: WHOLE,
		docsUrl: `${REF}/api-group-cards/#api-cards-id-attachments-get`,
		params: [cardId(), fields],
	},
];

const MODEL_TYPES = ['actions', 'boards', 'cards', 'members', 'organizations'];
const searchOps: OperationSpec[] = [
	{
		id: 'search',
		name: 'Search',
		action: 'Search boards and cards',
		description:
			'Search boards, cards, members, Workspaces and actions (Trello search operators work)',
		method: 'GET',
		path: '/search',
		docsUrl: `${REF}/api-group-search/#api-search-get`,
		params: [
			query('query', 'Query', 'string', {
				default: '',
				required: true,
				placeholder: 'is:open label:urgent',
				description: 'What to search for, 1 to 16,384 characters (query)',
			}),
			query('modelTypes', 'Model Types', 'multiOptions', {
				default: [],
				queryFormat: 'comma',
				options: enumOptions(MODEL_TYPES),
				description: 'What kinds of object to search (modelTypes); empty: all',
			}),
			query('idBoards', 'Board IDs', 'stringList', {
				default: '',
				queryFormat: 'comma',
				description: 'Search only these boards, comma-separated IDs, or mine (idBoards)',
			}),
			query('cards_limit', 'Cards Limit', 'number', {
				default: 10,
				validate: { min: 1, max: 1000 },
				description: 'The most cards to return, 1 to 1,000 (cards_limit)',
			}),
			query('boards_limit', 'Boards Limit', 'number', {
				default: 10,
				validate: { min: 1, max: 1000 },
				description: 'The most boards to return, 1 to 1,000 (boards_limit)',
			}),
			query('partial', 'Partial', 'boolean', {
				default: false,
				description: 'Whether a word also matches the words it begins (partial)',
			}),
		],
	},
	{
		id: 'searchMembers',
		name: 'Search Members',
		action: 'Search members',
		description: 'Find members by name, username or e-mail',
		method: 'GET',
		path: '/search/members',
		docsUrl: `${REF}/api-group-search/#api-search-members-get`,
		params: [
			query('query', 'Query', 'string', {
				default: '',
				required: true,
				description: 'A name, username or e-mail to search for (query)',
			}),
			query('limit', 'Max Results', 'number', {
				name: 'maxResults',
				wireName: 'limit',
				default: 8,
				validate: { min: 1, max: 20 },
				description: 'The most members to return, 1 to 20 (limit)',
			}),
			query('idBoard', 'Board ID', 'string', {
				default: '',
				description: 'Prefer members of this board (idBoard)',
			}),
		],
	},
];

/**
 * Trello's errors are plain text (`invalid id`, `unauthorized permission requested`), JSON only for a few
 * (`{"message": …, "error": "API_TOKEN_LIMIT_EXCEEDED"}`): the engine offers the text as `message`.
 */
export const TRELLO_ERROR_CODES: ErrorCodesSpec = {
	codePath: 'error',
	textAs: 'message',
	rules: [
		{
			codes: ['API_TOKEN_LIMIT_EXCEEDED', 'API_KEY_LIMIT_EXCEEDED'],
			category: 'rateLimit',
			reason: 'Trello says the rate limit is exceeded ({error})',
		},
		{
			status: [401],
			body: { path: 'message', matches: '^invalid (key|token)|expired token|token not found' },
			category: 'auth',
			reason:
				'Trello refused the API key or token ("{message}"): the token expired (its expiration was chosen when it was authorized), was revoked, or belongs to another key',
			fix: 'Authorize a new token for the same API key (expiration=never for a token that lasts) and paste it into {$credential}.',
		},
		{
			status: [401],
			body: { path: 'message', matches: 'permission' },
			category: 'permission',
			reason:
				'Trello says "{message}": the token was authorized without write access (scope=read), or the member may not do this on that board',
			fix: 'Authorize a token with scope=read,write for a member of that board, or ask a board admin to add the member.',
		},
		{ status: [401], category: 'auth' },
		{
			status: [400],
			body: { path: 'message', matches: '^invalid (id|objectId)' },
			category: 'notFound',
			reason: 'Trello says "{message}": that is not the ID of a Trello object of this kind',
			fix: 'Copy the ID from the object (a 24-character ID, or the short link of a board or card in its URL).',
		},
		{
			status: [400],
			body: {
				path: 'message',
				matches: 'webhook with that callback, model, and token already exists',
			},
			category: 'permanent',
			reason:
				'a webhook for this callback URL and model already exists under this token (left by an activation whose state was lost)',
			fix: 'Delete it (Custom Request: GET /members/me/tokens?webhooks=true shows it, DELETE /webhooks/<its id> removes it), then activate the workflow again.',
		},
		{ status: [400], category: 'invalid', reason: 'Trello refused a field: "{message}"' },
		{ status: [404], category: 'notFound' },
	],
};

/** `X-Trello-Webhook`: base64 HMAC-SHA1 of the raw body followed by the callback URL, keyed with the app secret. */
export const trelloSignature: SignatureScheme = {
	header: 'X-Trello-Webhook',
	algorithm: 'sha1',
	encoding: 'base64',
	signedPayload: '{body}{url}',
	// Trello retries a delivery it got no 2xx for with the same bytes, and turns off a webhook that keeps failing.
	resendsSameBytes: true,
};

/** Action types a webhook delivers (`action.type`), the ones n8n users pick most; Any Event takes every type. */
const EVENTS: Array<[string, string]> = [
	['addAttachmentToCard', 'Attachment Added to Card'],
	['addChecklistToCard', 'Checklist Added to Card'],
	['addLabelToCard', 'Label Added to Card'],
	['addMemberToBoard', 'Member Added to Board'],
	['addMemberToCard', 'Member Added to Card'],
	['commentCard', 'Comment Added'],
	['convertToCardFromCheckItem', 'Check Item Converted to Card'],
	['copyCard', 'Card Copied'],
	['createBoard', 'Board Created'],
	['createCard', 'Card Created'],
	['createCheckItem', 'Check Item Created'],
	['createLabel', 'Label Created'],
	['createList', 'List Created'],
	['deleteAttachmentFromCard', 'Attachment Deleted From Card'],
	['deleteCard', 'Card Deleted'],
	['deleteCheckItem', 'Check Item Deleted'],
	['deleteComment', 'Comment Deleted'],
	['deleteLabel', 'Label Deleted'],
	['emailCard', 'Card Created by Email'],
	['moveCardFromBoard', 'Card Moved From Board'],
	['moveCardToBoard', 'Card Moved to Board'],
	['moveListFromBoard', 'List Moved From Board'],
	['moveListToBoard', 'List Moved to Board'],
	['removeChecklistFromCard', 'Checklist Removed From Card'],
	['removeLabelFromCard', 'Label Removed From Card'],
	['removeMemberFromBoard', 'Member Removed From Board'],
	['removeMemberFromCard', 'Member Removed From Card'],
	['updateBoard', 'Board Updated'],
	['updateCard', 'Card Updated (Moved, Renamed, Archived, Due Date…)'],
	['updateCheckItem', 'Check Item Updated'],
	['updateCheckItemStateOnCard', 'Check Item Checked or Unchecked'],
	['updateChecklist', 'Checklist Updated'],
	['updateComment', 'Comment Edited'],
	['updateLabel', 'Label Updated'],
	['updateList', 'List Updated'],
];

export const trelloSpec: ServiceSpec = {
	id: 'trello',
	displayName: 'Trello',
	description:
		'Work with Trello boards, lists, cards, comments, checklists, labels, members, attachments and search',
	docsUrl: REF,
	baseUrl: 'https://api.trello.com/1',
	auth: [{ kind: 'apiKey', credentialType: TRELLO_CREDENTIAL, displayName: 'API Key and Token' }],
	credentialTest: { path: '/members/me' },
	account: { path: '/members/me', labelPath: 'username' },
	connection: {
		// Disconnect revokes the token (`DELETE /1/tokens/{token}`, signed with it): the one request that names the
		// token in its path, sent once, and the token is dead once it is answered.
		revoke: { method: 'DELETE', path: '/tokens/{apiToken}', tokenIn: 'none' },
		// A token lives as long as chosen when it was made (1 hour, 1 day, 30 days or never): Trello tells when.
		tokenExpiry: {
			path: '/tokens/{apiToken}',
			expiresAtPath: 'dateExpires',
			warnMs: 7 * 86_400_000,
		},
	},
	// 100 requests per 10 s per token (this connection) and 300 per 10 s per API key, shared by every connection
	// authorized with the same key: both budgets at once. Trello sends no budget headers and no Retry-After; a
	// 429 says which budget ran out in its JSON body.
	rateLimit: {
		requests: 100,
		windowMs: 10_000,
		headers: [],
		shared: [{ name: 'apiKey', credentialField: 'apiKey', requests: 300, windowMs: 10_000 }],
		throttled: [
			{
				status: [429],
				body: { path: 'error', in: ['API_TOKEN_LIMIT_EXCEEDED', 'API_KEY_LIMIT_EXCEEDED'] },
				pauseMs: 10_000,
			},
		],
	},
	requestIdHeader: 'x-trello-request-id',
	errorCodes: TRELLO_ERROR_CODES,
	// Alphabetical, as n8n's lint wants resource lists.
	resources: [
		{ id: 'attachment', name: 'Attachment', operations: attachmentOps },
		{ id: 'board', name: 'Board', operations: boardOps },
		{ id: 'card', name: 'Card', operations: cardOps },
		{ id: 'checkItem', name: 'Check Item', operations: checkItemOps },
		{ id: 'checklist', name: 'Checklist', operations: checklistOps },
		{ id: 'comment', name: 'Comment', operations: commentOps },
		{ id: 'label', name: 'Label', operations: labelOps },
		{ id: 'list', name: 'List', operations: listOps },
		{ id: 'member', name: 'Member', operations: memberOps },
		{ id: 'search', name: 'Search', operations: searchOps },
	],
	webhook: {
		signature: trelloSignature,
		// The app secret of the API key (trello.com/power-ups/admin → API key → Secret), pasted into the credential.
		secretCredentialField: 'apiSecret',
		register: 'api',
		hooks: { checkExists: 'webhookExists', create: 'webhookCreate', delete: 'webhookDelete' },
		// POST /1/webhooks first sends HEAD to the callback URL, which must answer 200.
		setupMethod: 'HEAD',
		handshakes: [{ methods: ['HEAD'], answer: { type: 'empty' } }],
		eventPath: 'action.type',
		// One action, one delivery: the action's ID stays the same across Trello's retries.
		deliveryIdPath: 'action.id',
		allEvents: '*',
		defaultEvents: ['*'],
		events: [
			{ name: 'Any Event', value: '*', description: 'Every action on the model' },
			...EVENTS.map(([value, name]) => ({ name, value })).sort((a, b) =>
				a.name.localeCompare(b.name),
			),
		],
		eventsNote:
			'Trello sends every action on the model: actions of other types are answered and start nothing.',
		params: [
			{
				displayName: 'Model ID',
				name: 'idModel',
				type: 'string',
				default: '',
				required: true,
				placeholder: '5abbe4b7ddc1b351ef961414',
				description:
					'The ID of the board, list, card or member to watch (idModel): every action on it and inside it is delivered',
			},
		],
	},
};

export const trelloDefinition: ServiceDefinition = { spec: trelloSpec, hooks: trelloHooks };
