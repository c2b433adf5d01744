/**
 * Slack's Web API as data: every method is `https://slack.com/api/<method>`, reads as GET with a query, writes
 * as POST with a JSON body; errors arrive as HTTP 200 `{ ok: false, error }` (`errorsInBody`); cursor paging
 * through `response_metadata.next_cursor`; limits per method tier (Tier 1–4, per workspace per app: one budget
 * per method) and `chat.postMessage`'s one message per second per channel; the Events API, slash commands and
 * interactivity through one signed trigger. Method names are checked against `@slack/web-api`
 * (test/conformance/slack-web-api.test.ts). Facts: /work/shared/reference/services.md § Slack,
 * https://docs.slack.dev/reference/methods.
 */
import { binaryFieldParam, bodyParam, queryParam } from '../../lib/spec/params';
import type {
	HandshakeMatch,
	OperationSpec,
	ParamSpec,
	ServiceDefinition,
	ServiceSpec,
} from '../../lib/spec/types';
import type { TierPolicy } from '../../lib/limits/policy';
import { slackHooks } from './Slack.hooks';
import { SLACK_OAUTH } from './Slack.oauth';

export const SLACK_CREDENTIAL = 'apiConnSlackOAuth2Api';
export const SLACK_BOT_TOKEN_CREDENTIAL = 'apiConnSlackApi';
const REF = 'https://docs.slack.dev/reference/methods';

/** Slack's method tiers (docs.slack.dev/apis/web-api/rate-limits): the least each tier allows per minute. */
const TIER: Record<1 | 2 | 3 | 4, TierPolicy> = {
	1: { requests: 1, windowMs: 60_000 },
	2: { requests: 20, windowMs: 60_000 },
	3: { requests: 50, windowMs: 60_000 },
	4: { requests: 100, windowMs: 60_000 },
};

/** `chat.postMessage`: about one message per second per channel, short bursts allowed. */
const POST_PER_CHANNEL: TierPolicy = { requests: 1, windowMs: 1000 };

/** Each method's tier, as its reference page gives it; the budget is per method (the tier's name is the method). */
const METHOD_TIERS: Record<string, TierPolicy> = {};

type Read = Partial<ParamSpec>;
const q = (wire: string, displayName: string, type: ParamSpec['type'], extra: Read = {}) =>
	queryParam(wire, displayName, type, { default: defaultOf(type), ...extra });
const b = (wire: string, displayName: string, type: ParamSpec['type'], extra: Read = {}) =>
	bodyParam(wire, displayName, type, { default: defaultOf(type), ...extra });

function defaultOf(type: ParamSpec['type']): ParamSpec['default'] {
	if (type === 'boolean') return false;
	if (type === 'number') return 0;
	if (type === 'multiOptions') return [];
	return '';
}

const CHANNEL_HINT = {
	pattern: '^[CGD][A-Z0-9]{2,}$',
	patternHint:
		'Slack channel IDs start with C, G or D (e.g. C0123456789); a #name is not accepted by this method. Conversation → Get Many lists the IDs.',
};
const USER_HINT = {
	pattern: '^[UW][A-Z0-9]{2,}$',
	patternHint:
		'Slack user IDs start with U or W (e.g. U0123456789); User → Get Many or Lookup by Email gives them.',
};
const TS_HINT = {
	pattern: '^\\d{10}\\.\\d{6}$',
	patternHint:
		"A message timestamp looks like 1733140800.123456: the 'ts' of the message, as Slack returns it.",
};

/** The conversation (channel_id): in the query for reads, in the body for writes. */
const channel = (
	where: 'query' | 'body',
	description = 'The conversation (channel ID, e.g. C0123456789)',
): ParamSpec =>
	(where === 'query' ? q : b)('channel', 'Channel ID', 'string', {
		required: true,
		placeholder: 'C0123456789',
		description,
		validate: CHANNEL_HINT,
	});
const user = (where: 'query' | 'body', description: string): ParamSpec =>
	(where === 'query' ? q : b)('user', 'User ID', 'string', {
		required: true,
		placeholder: 'U0123456789',
		description,
		validate: USER_HINT,
	});
const messageTs = (wire: string, where: 'query' | 'body', description: string): ParamSpec =>
	(where === 'query' ? q : b)(wire, 'Message Timestamp', 'string', {
		required: true,
		placeholder: '1733140800.123456',
		description,
		validate: TS_HINT,
	});

/** Block Kit and attachments: JSON arrays, as Slack's Block Kit Builder gives them. */
const blocks = b('blocks', 'Blocks', 'json', {
	description:
		'Block Kit blocks (blocks), a JSON array as the Block Kit Builder gives it; the Text is then the notification fallback',
	placeholder: '[{"type": "section", "text": {"type": "mrkdwn", "text": "*Hello*"}}]',
});
const attachments = b('attachments', 'Attachments', 'json', {
	description: 'Legacy secondary attachments (attachments), a JSON array',
});
const threadTs = b('thread_ts', 'Thread Timestamp', 'string', {
	placeholder: '1733140800.123456',
	description:
		"Reply in this thread: the 'ts' of the thread's parent message (thread_ts); never a reply's own ts",
	validate: TS_HINT,
});
const replyBroadcast = b('reply_broadcast', 'Also Send to Channel', 'boolean', {
	description: 'Whether a thread reply is also shown in the channel (reply_broadcast)',
});
const text = (required: boolean, description: string) =>
	b('text', 'Text', 'string', { required, description });
const messageOptions: ParamSpec[] = [
	b('mrkdwn', 'Markdown', 'boolean', {
		default: true,
		description: 'Whether Slack formats the text as mrkdwn (mrkdwn)',
	}),
	b('unfurl_links', 'Unfurl Links', 'boolean', {
		description: 'Whether Slack previews links to text-based content (unfurl_links)',
	}),
	b('unfurl_media', 'Unfurl Media', 'boolean', {
		default: true,
		description: 'Whether Slack previews links to media (unfurl_media)',
	}),
	b('link_names', 'Link Names', 'boolean', {
		description:
			'Whether @names and #channels in the text are turned into mentions and links (link_names)',
	}),
	b('metadata', 'Metadata', 'json', {
		description:
			'Message metadata (metadata): a JSON object {"event_type": "…", "event_payload": {…}}',
	}),
];

const cursorPaging = (itemsPath: string, pageSize = 200) => ({
	paginate: {
		type: 'cursor' as const,
		cursorParam: 'cursor',
		nextCursorPath: 'response_metadata.next_cursor',
		itemsPath,
		limitParam: 'limit',
		pageSize,
	},
});

const oldest = q('oldest', 'Oldest', 'string', {
	placeholder: '1733140800.000000',
	description: 'Only messages after this Unix timestamp (oldest)',
});
const latest = q('latest', 'Latest', 'string', {
	placeholder: '1733227200.000000',
	description: 'Only messages before this Unix timestamp (latest)',
});
const inclusive = q('inclusive', 'Inclusive', 'boolean', {
	description: 'Whether messages exactly at Oldest or Latest are included (inclusive)',
});
const teamId = (where: 'query' | 'body', what: string) =>
	(where === 'query' ? q : b)('team_id', 'Team ID', 'string', {
		placeholder: 'T0123456789',
		description: `${what} (team_id); only for org-wide apps on Enterprise Grid`,
	});

/**
 * One Slack method as an operation: GET with a query for reads, POST with a JSON body for writes, its tier's
 * budget (one per method), its reference page.
 */
function method(
	slackMethod: string,
	tier: 1 | 2 | 3 | 4 | 'postPerChannel',
	op: Omit<OperationSpec, 'path' | 'docsUrl' | 'method'> & {
		method?: 'GET' | 'POST';
		keyParam?: string;
	},
): OperationSpec {
	const { keyParam, method: verb = 'GET', ...rest } = op;
	METHOD_TIERS[slackMethod] = tier === 'postPerChannel' ? POST_PER_CHANNEL : TIER[tier];
	return {
		...rest,
		method: verb,
		path: `/${slackMethod}`,
		// Slack reads a JSON body as UTF-8 without a `missing_charset` warning only when the charset is given.
		...(verb === 'POST'
			? { body: 'json' as const, headers: { 'Content-Type': 'application/json; charset=utf-8' } }
			: {}),
		rateLimit: { tier: slackMethod, ...(keyParam ? { keyParam } : {}) },
		docsUrl: `${REF}/${slackMethod.toLowerCase()}`,
	};
}

// The upload's third request (Slack.hooks.ts) has its own Tier 4 budget.
METHOD_TIERS['files.completeUploadExternal'] = TIER[4];

const CHANNELS_READ = ['channels:read'];
const CHANNELS_HISTORY = ['channels:history'];
const CHANNELS_MANAGE = ['channels:manage'];
const CHAT_WRITE = ['chat:write'];

const messageResource = {
	id: 'message',
	name: 'Message',
	operations: [
		method('chat.postMessage', 'postPerChannel', {
			id: 'post',
			name: 'Post',
			action: 'Post a message',
			description: 'Post a message (text or Block Kit blocks) to a channel, a DM or a thread',
			method: 'POST',
			keyParam: 'channel',
			scopes: CHAT_WRITE,
			params: [
				b('channel', 'Channel', 'string', {
					required: true,
					placeholder: 'C0123456789',
					description:
						'Where to post (channel): a channel ID (C…), a DM ID (D…) or a user ID (U…) for a DM from the app',
				}),
				text(
					true,
					'The message (text), in mrkdwn; with Blocks it is the notification and screen-reader fallback',
				),
				blocks,
				attachments,
				threadTs,
				replyBroadcast,
				...messageOptions,
			],
		}),
		method('chat.postEphemeral', 4, {
			id: 'postEphemeral',
			name: 'Post Ephemeral',
			action: 'Post an ephemeral message',
			description: 'Post a message only one member of the channel sees, until they reload Slack',
			method: 'POST',
			scopes: CHAT_WRITE,
			params: [
				channel('body', 'The conversation the member is in (channel)'),
				user('body', 'The member who sees the message (user)'),
				text(true, 'The message (text); with Blocks it is the fallback'),
				blocks,
				attachments,
				threadTs,
				b('link_names', 'Link Names', 'boolean', {
					description: 'Whether @names and #channels become mentions and links (link_names)',
				}),
			],
		}),
		method('chat.update', 3, {
			id: 'update',
			name: 'Update',
			action: 'Update a message',
			description: 'Change the text or blocks of a message the app posted',
			method: 'POST',
			scopes: CHAT_WRITE,
			params: [
				channel('body', 'The conversation of the message (channel)'),
				messageTs('ts', 'body', "The message's 'ts' (ts)"),
				text(false, 'The new text (text); with Blocks it is the fallback'),
				blocks,
				attachments,
				replyBroadcast,
				b('link_names', 'Link Names', 'boolean', {
					description: 'Whether @names and #channels become mentions and links (link_names)',
				}),
				b('metadata', 'Metadata', 'json', {
					description: 'New message metadata (metadata), a JSON object',
				}),
			],
		}),
		method('chat.delete', 3, {
			id: 'delete',
			name: 'Delete',
			action: 'Delete a message',
			description: 'Delete a message the app posted',
			method: 'POST',
			scopes: CHAT_WRITE,
			params: [
				channel('body', 'The conversation of the message (channel)'),
				messageTs('ts', 'body', "The message's 'ts' (ts)"),
			],
		}),
		method('chat.scheduleMessage', 3, {
			id: 'schedule',
			name: 'Schedule',
			action: 'Schedule a message',
			description: 'Schedule a message to be posted later (up to 120 days ahead)',
			method: 'POST',
			scopes: CHAT_WRITE,
			params: [
				channel('body', 'Where to post (channel)'),
				b('post_at', 'Post At (Unix Seconds)', 'number', {
					required: true,
					default: 0,
					placeholder: '1733227200',
					description:
						'When to post, as a Unix time in seconds (post_at), e.g. {{ Math.floor($now.plus({ hours: 1 }).toSeconds()) }}',
					validate: { min: 1 },
				}),
				text(true, 'The message (text); with Blocks it is the fallback'),
				blocks,
				attachments,
				threadTs,
				replyBroadcast,
				...messageOptions,
			],
		}),
		method('chat.scheduledMessages.list', 3, {
			id: 'getManyScheduled',
			name: 'Get Many Scheduled',
			action: 'Get many scheduled messages',
			description: 'List the messages the app has scheduled and not yet posted',
			scopes: CHAT_WRITE,
			...cursorPaging('scheduled_messages', 100),
			params: [
				q('channel', 'Channel ID', 'string', {
					placeholder: 'C0123456789',
					description: 'Only messages scheduled in this conversation (channel)',
					validate: CHANNEL_HINT,
				}),
				oldest,
				latest,
			],
		}),
		method('chat.deleteScheduledMessage', 3, {
			id: 'deleteScheduled',
			name: 'Delete Scheduled',
			action: 'Delete a scheduled message',
			description: 'Cancel a message scheduled with Schedule',
			method: 'POST',
			scopes: CHAT_WRITE,
			params: [
				channel('body', 'The conversation it was scheduled in (channel)'),
				b('scheduled_message_id', 'Scheduled Message ID', 'string', {
					required: true,
					placeholder: 'Q1298393284',
					description: 'The scheduled_message_id that Schedule returned (scheduled_message_id)',
				}),
			],
		}),
		method('chat.getPermalink', 4, {
			id: 'getPermalink',
			name: 'Get Permalink',
			action: 'Get the link to a message',
			description: 'The permanent URL of a message',
			params: [
				channel('query', 'The conversation of the message (channel)'),
				messageTs('message_ts', 'query', "The message's 'ts' (message_ts)"),
			],
		}),
	],
};

const conversationResource = {
	id: 'conversation',
	name: 'Conversation',
	description: 'Channels, private channels, DMs and group DMs',
	operations: [
		method('conversations.list', 2, {
			id: 'getMany',
			name: 'Get Many',
			action: 'Get many conversations',
			description:
				'List the channels of the workspace (and, with their scopes, private channels and DMs)',
			scopes: CHANNELS_READ,
			...cursorPaging('channels'),
			params: [
				q('types', 'Types', 'multiOptions', {
					default: ['public_channel'],
					queryFormat: 'comma',
					description:
						'Kinds of conversation to list (types); private channels need groups:read, DMs im:read, group DMs mpim:read',
					options: [
						{ name: 'Public Channel', value: 'public_channel' },
						{ name: 'Private Channel', value: 'private_channel' },
						{ name: 'Group DM', value: 'mpim' },
						{ name: 'DM', value: 'im' },
					],
				}),
				q('exclude_archived', 'Exclude Archived', 'boolean', {
					description: 'Whether archived channels are left out (exclude_archived)',
				}),
				teamId('query', 'The workspace to list'),
			],
		}),
		method('conversations.info', 3, {
			id: 'get',
			name: 'Get',
			action: 'Get a conversation',
			scopes: CHANNELS_READ,
			response: { path: 'channel' },
			params: [
				channel('query'),
				q('include_locale', 'Include Locale', 'boolean', {
					description: "Whether the conversation's locale is included (include_locale)",
				}),
				q('include_num_members', 'Include Member Count', 'boolean', {
					description: 'Whether the number of members is included (include_num_members)',
				}),
			],
		}),
		method('conversations.history', 3, {
			id: 'history',
			name: 'Get History',
			action: 'Get the messages of a conversation',
			description: 'Messages of a conversation, newest first (thread replies: Get Replies)',
			scopes: CHANNELS_HISTORY,
			...cursorPaging('messages'),
			params: [
				channel('query'),
				oldest,
				latest,
				inclusive,
				q('include_all_metadata', 'Include All Metadata', 'boolean', {
					description: 'Whether message metadata is included (include_all_metadata)',
				}),
			],
		}),
		method('conversations.replies', 3, {
			id: 'replies',
			name: 'Get Replies',
			action: 'Get the replies of a thread',
			description: 'A thread: its parent message, then the replies',
			scopes: CHANNELS_HISTORY,
			...cursorPaging('messages'),
			params: [
				channel('query'),
				messageTs('ts', 'query', "The thread's parent message 'ts' (ts)"),
				oldest,
				latest,
				inclusive,
			],
		}),
		method('conversations.create', 2, {
			id: 'create',
			name: 'Create',
			action: 'Create a channel',
			method: 'POST',
			scopes: CHANNELS_MANAGE,
			response: { path: 'channel' },
			params: [
				b('name', 'Name', 'string', {
					required: true,
					placeholder: 'project-apollo',
					description:
						'The channel name (name): lowercase letters, digits, hyphens and underscores, at most 80 characters',
				}),
				b('is_private', 'Private', 'boolean', {
					description: 'Whether the channel is private (is_private); needs groups:write',
				}),
				teamId('body', 'The workspace to create it in'),
			],
		}),
		method('conversations.invite', 3, {
			id: 'invite',
			name: 'Invite',
			action: 'Invite users to a conversation',
			method: 'POST',
			scopes: CHANNELS_MANAGE,
			response: { path: 'channel' },
			params: [
				channel('body'),
				b('users', 'User IDs', 'string', {
					required: true,
					placeholder: 'U0123456789,U0987654321',
					description: 'Up to 100 user IDs, comma-separated (users)',
					validate: {
						pattern: '^[UW][A-Z0-9]{2,}(,[UW][A-Z0-9]{2,}){0,99}$',
						patternHint: 'Comma-separated user IDs without spaces, e.g. U0123456789,U0987654321.',
					},
				}),
				b('force', 'Force', 'boolean', {
					description:
						'Whether the valid users are invited even when some of the IDs are not (force)',
				}),
			],
		}),
		method('conversations.kick', 3, {
			id: 'kick',
			name: 'Kick',
			action: 'Remove a user from a conversation',
			method: 'POST',
			scopes: CHANNELS_MANAGE,
			params: [channel('body'), user('body', 'The member to remove (user)')],
		}),
		method('conversations.join', 3, {
			id: 'join',
			name: 'Join',
			action: 'Join a conversation',
			description:
				'The app joins a public channel (it must be a member to post history reads or posts there)',
			method: 'POST',
			scopes: ['channels:join'],
			response: { path: 'channel' },
			params: [channel('body')],
		}),
		method('conversations.leave', 3, {
			id: 'leave',
			name: 'Leave',
			action: 'Leave a conversation',
			method: 'POST',
			scopes: CHANNELS_MANAGE,
			params: [channel('body')],
		}),
		method('conversations.archive', 2, {
			id: 'archive',
			name: 'Archive',
			action: 'Archive a conversation',
			method: 'POST',
			scopes: CHANNELS_MANAGE,
			params: [channel('body')],
		}),
		method('conversations.unarchive', 2, {
			id: 'unarchive',
			name: 'Unarchive',
			action: 'Unarchive a conversation',
			method: 'POST',
			scopes: CHANNELS_MANAGE,
			params: [channel('body')],
		}),
		method('conversations.rename', 2, {
			id: 'rename',
			name: 'Rename',
			action: 'Rename a conversation',
			method: 'POST',
			scopes: CHANNELS_MANAGE,
			response: { path: 'channel' },
			params: [
				channel('body'),
				b('name', 'Name', 'string', {
					required: true,
					placeholder: 'project-apollo-2',
					description: 'The new name (name), same rules as Create',
				}),
			],
		}),
		method('conversations.setTopic', 2, {
			id: 'setTopic',
			name: 'Set Topic',
			action: 'Set the topic of a conversation',
			method: 'POST',
			scopes: CHANNELS_MANAGE,
			response: { path: 'channel' },
			params: [
				channel('body'),
				b('topic', 'Topic', 'string', {
					required: true,
					description: 'The new topic (topic), up to 250 characters; no formatting',
				}),
			],
		}),
		method('conversations.setPurpose', 2, {
			id: 'setPurpose',
			name: 'Set Purpose',
			action: 'Set the purpose of a conversation',
			method: 'POST',
			scopes: CHANNELS_MANAGE,
			response: { path: 'channel' },
			params: [
				channel('body'),
				b('purpose', 'Purpose', 'string', {
					required: true,
					description: 'The new description (purpose), up to 250 characters',
				}),
			],
		}),
		method('conversations.members', 4, {
			id: 'getMembers',
			name: 'Get Members',
			action: 'Get the members of a conversation',
			description: 'The user IDs of the members, one item each ({ "data": "U…" })',
			scopes: CHANNELS_READ,
			...cursorPaging('members'),
			params: [channel('query')],
		}),
		method('conversations.open', 3, {
			id: 'open',
			name: 'Open DM',
			action: 'Open a direct message',
			description:
				'Open (or find) the DM with one user, or a group DM with up to 8: gives its channel ID',
			method: 'POST',
			scopes: ['im:write'],
			response: { path: 'channel' },
			params: [
				b('users', 'User IDs', 'string', {
					required: true,
					placeholder: 'U0123456789',
					description:
						'One user ID, or up to 8 comma-separated for a group DM (users; group DMs need mpim:write)',
					validate: {
						pattern: '^[UW][A-Z0-9]{2,}(,[UW][A-Z0-9]{2,}){0,7}$',
						patternHint: 'One to eight comma-separated user IDs, e.g. U0123456789,U0987654321.',
					},
				}),
				b('return_im', 'Return Full DM', 'boolean', {
					description: 'Whether the whole DM object is returned (return_im)',
				}),
			],
		}),
	],
};

const userResource = {
	id: 'user',
	name: 'User',
	operations: [
		method('users.list', 2, {
			id: 'getMany',
			name: 'Get Many',
			action: 'Get many users',
			scopes: ['users:read'],
			...cursorPaging('members'),
			params: [
				q('include_locale', 'Include Locale', 'boolean', {
					description: "Whether each user's locale is included (include_locale)",
				}),
				teamId('query', 'The workspace to list'),
			],
		}),
		method('users.info', 4, {
			id: 'get',
			name: 'Get',
			action: 'Get a user',
			scopes: ['users:read'],
			response: { path: 'user' },
			params: [
				user('query', 'The user (user)'),
				q('include_locale', 'Include Locale', 'boolean', {
					description: "Whether the user's locale is included (include_locale)",
				}),
			],
		}),
		method('users.lookupByEmail', 3, {
			id: 'lookupByEmail',
			name: 'Lookup by Email',
			action: 'Find a user by email',
			scopes: ['users:read', 'users:read.email'],
			response: { path: 'user' },
			params: [
				q('email', 'Email', 'string', {
					required: true,
					placeholder: 'name@email.com',
					description: "The member's email address (email)",
					validate: {
						pattern: '^[^\\s@]+@[^\\s@]+$',
						patternHint: 'An email address, e.g. ada@example.com.',
					},
				}),
			],
		}),
		method('users.getPresence', 3, {
			id: 'getPresence',
			name: 'Get Presence',
			action: 'Get the presence of a user',
			description: 'Whether the user is active or away',
			scopes: ['users:read'],
			params: [user('query', 'The user (user)')],
		}),
	],
};

const reactionTarget = (where: 'query' | 'body') => [
	channel(where, 'The conversation of the message (channel)'),
	messageTs('timestamp', where, "The message's 'ts' (timestamp)"),
];
const emoji = b('name', 'Emoji Name', 'string', {
	required: true,
	placeholder: 'thumbsup',
	description: 'The emoji, without colons (name), e.g. thumbsup or white_check_mark',
	validate: { pattern: '^[^:\\s]+$', patternHint: 'The emoji name without colons, e.g. thumbsup.' },
});

const reactionResource = {
	id: 'reaction',
	name: 'Reaction',
	operations: [
		method('reactions.add', 3, {
			id: 'add',
			name: 'Add',
			action: 'Add a reaction',
			method: 'POST',
			scopes: ['reactions:write'],
			params: [...reactionTarget('body'), emoji],
		}),
		method('reactions.remove', 2, {
			id: 'remove',
			name: 'Remove',
			action: 'Remove a reaction',
			method: 'POST',
			scopes: ['reactions:write'],
			params: [...reactionTarget('body'), emoji],
		}),
		method('reactions.get', 3, {
			id: 'get',
			name: 'Get',
			action: 'Get the reactions of a message',
			scopes: ['reactions:read'],
			response: { path: 'message' },
			params: [
				...reactionTarget('query'),
				q('full', 'Full', 'boolean', {
					description: 'Whether every reacting user is listed (full)',
				}),
			],
		}),
	],
};

const fileId = (where: 'query' | 'body') =>
	(where === 'query' ? q : b)('file', 'File ID', 'string', {
		required: true,
		placeholder: 'F0123456789',
		description: 'The file (file), as Upload or Get Many return it',
		validate: {
			pattern: '^F[A-Z0-9]{2,}$',
			patternHint: 'Slack file IDs start with F, e.g. F0123456789.',
		},
	});

const fileResource = {
	id: 'file',
	name: 'File',
	operations: [
		method('files.getUploadURLExternal', 4, {
			id: 'upload',
			name: 'Upload',
			action: 'Upload a file',
			description:
				"Upload the item's binary file (files.getUploadURLExternal, the bytes to the upload URL, files.completeUploadExternal), optionally shared in a channel or thread",
			method: 'POST',
			scopes: ['files:write'],
			hook: 'uploadFile',
			params: [
				binaryFieldParam('The binary field of the input item that holds the file'),
				b('channel_id', 'Channel ID', 'string', {
					placeholder: 'C0123456789',
					description: 'Share the file in this conversation (channel_id); the app must be a member',
					validate: CHANNEL_HINT,
				}),
				b('thread_ts', 'Thread Timestamp', 'string', {
					placeholder: '1733140800.123456',
					description: 'Share it in this thread of the channel (thread_ts)',
					validate: TS_HINT,
				}),
				b('initial_comment', 'Initial Comment', 'string', {
					description: 'The message posted with the file (initial_comment)',
				}),
				b('title', 'Title', 'string', { description: "The file's title (title)" }),
				b('filename', 'File Name', 'string', {
					description: "The file's name (filename); default: the binary field's file name",
				}),
				b('alt_text', 'Alt Text', 'string', {
					description: 'Description of an image for screen readers (alt_text)',
				}),
				b('snippet_type', 'Snippet Type', 'string', {
					placeholder: 'python',
					description: 'For a text file shown as a code snippet: its syntax (snippet_type)',
				}),
			],
		}),
		method('files.info', 4, {
			id: 'get',
			name: 'Get',
			action: 'Get a file',
			scopes: ['files:read'],
			response: { path: 'file' },
			params: [fileId('query')],
		}),
		method('files.info', 4, {
			id: 'download',
			name: 'Download',
			action: 'Download a file',
			description:
				"The file's bytes as binary data: files.info, then its url_private_download on files.slack.com with the app's token",
			scopes: ['files:read'],
			hook: 'downloadFile',
			params: [
				fileId('query'),
				{
					...binaryFieldParam('The binary field of the output item that gets the file', 'query'),
					displayName: 'Put Output File in Field',
				},
			],
		}),
		method('files.list', 3, {
			id: 'getMany',
			name: 'Get Many',
			action: 'Get many files',
			scopes: ['files:read'],
			paginate: {
				type: 'page',
				pageParam: 'page',
				limitParam: 'count',
				pageSize: 100,
				itemsPath: 'files',
			},
			params: [
				q('channel', 'Channel ID', 'string', {
					placeholder: 'C0123456789',
					description: 'Only files shared in this conversation (channel)',
					validate: CHANNEL_HINT,
				}),
				q('user', 'User ID', 'string', {
					placeholder: 'U0123456789',
					description: 'Only files created by this user (user)',
					validate: USER_HINT,
				}),
				q('types', 'Types', 'multiOptions', {
					queryFormat: 'comma',
					description: 'Only these kinds of file (types)',
					options: [
						{ name: 'Google Docs', value: 'gdocs' },
						{ name: 'Images', value: 'images' },
						{ name: 'PDFs', value: 'pdfs' },
						{ name: 'Snippets', value: 'snippets' },
						{ name: 'Spaces (Posts)', value: 'spaces' },
						{ name: 'Zips', value: 'zips' },
					],
				}),
				q('ts_from', 'Created After', 'string', {
					placeholder: '1733140800',
					description: 'Only files created after this Unix time in seconds (ts_from)',
				}),
				q('ts_to', 'Created Before', 'string', {
					placeholder: '1733227200',
					description: 'Only files created before this Unix time in seconds (ts_to)',
				}),
			],
		}),
		method('files.delete', 3, {
			id: 'delete',
			name: 'Delete',
			action: 'Delete a file',
			method: 'POST',
			scopes: ['files:write'],
			params: [fileId('body')],
		}),
	],
};

const pinResource = {
	id: 'pin',
	name: 'Pin',
	operations: [
		method('pins.add', 2, {
			id: 'add',
			name: 'Add',
			action: 'Pin a message',
			method: 'POST',
			scopes: ['pins:write'],
			params: reactionTarget('body'),
		}),
		method('pins.remove', 2, {
			id: 'remove',
			name: 'Remove',
			action: 'Unpin a message',
			method: 'POST',
			scopes: ['pins:write'],
			params: reactionTarget('body'),
		}),
		method('pins.list', 2, {
			id: 'getMany',
			name: 'Get Many',
			action: 'Get the pinned items of a conversation',
			scopes: ['pins:read'],
			response: { path: 'items' },
			// Slack answers these lists whole: Return All / Limit keep the first Limit of the answer. Version 1
			// workflows were saved without them and keep getting the whole list.
			wholeList: true,
			listSince: 2,
			params: [channel('query')],
		}),
	],
};

const teamResource = {
	id: 'team',
	name: 'Team',
	description: 'The workspace',
	operations: [
		method('team.info', 3, {
			id: 'get',
			name: 'Get',
			action: 'Get the workspace',
			description: "The workspace's name, domain, email domain and icon",
			scopes: ['team:read'],
			response: { path: 'team' },
			params: [
				q('team', 'Team ID', 'string', {
					placeholder: 'T0123456789',
					description: "Another workspace shared with this one (team); default: the app's own",
				}),
			],
		}),
	],
};

const userGroup = (where: 'query' | 'body') =>
	(where === 'query' ? q : b)('usergroup', 'User Group ID', 'string', {
		required: true,
		placeholder: 'S0614TZR7',
		description: 'The user group (usergroup), as Get Many returns it',
		validate: {
			pattern: '^S[A-Z0-9]{2,}$',
			patternHint: 'Slack user group IDs start with S, e.g. S0614TZR7.',
		},
	});
const groupFields = [
	b('handle', 'Handle', 'string', {
		placeholder: 'marketing-team',
		description: 'The @mention handle (handle), unique among users, channels and groups',
	}),
	b('description', 'Description', 'string', { description: 'A short description (description)' }),
	b('channels', 'Default Channel IDs', 'string', {
		placeholder: 'C0123456789,C0987654321',
		description: 'Channels new members join, comma-separated (channels)',
	}),
	b('include_count', 'Include Count', 'boolean', {
		description: 'Whether the number of members is returned (include_count)',
	}),
];

const userGroupResource = {
	id: 'userGroup',
	name: 'User Group',
	operations: [
		method('usergroups.list', 2, {
			id: 'getMany',
			name: 'Get Many',
			action: 'Get many user groups',
			scopes: ['usergroups:read'],
			response: { path: 'usergroups' },
			wholeList: true,
			listSince: 2,
			params: [
				q('include_users', 'Include Users', 'boolean', {
					description: "Whether each group's member IDs are included (include_users)",
				}),
				q('include_count', 'Include Count', 'boolean', {
					description: 'Whether the number of members is included (include_count)',
				}),
				q('include_disabled', 'Include Disabled', 'boolean', {
					description: 'Whether disabled groups are included (include_disabled)',
				}),
				teamId('query', 'The workspace'),
			],
		}),
		method('usergroups.create', 2, {
			id: 'create',
			name: 'Create',
			action: 'Create a user group',
			method: 'POST',
			scopes: ['usergroups:write'],
			response: { path: 'usergroup' },
			params: [
				b('name', 'Name', 'string', {
					required: true,
					placeholder: 'Marketing Team',
					description: 'A unique name (name)',
				}),
				...groupFields,
				teamId('body', 'The workspace'),
			],
		}),
		method('usergroups.update', 2, {
			id: 'update',
			name: 'Update',
			action: 'Update a user group',
			method: 'POST',
			scopes: ['usergroups:write'],
			response: { path: 'usergroup' },
			params: [
				userGroup('body'),
				b('name', 'Name', 'string', { description: 'A new unique name (name)' }),
				...groupFields,
			],
		}),
		method('usergroups.disable', 2, {
			id: 'disable',
			name: 'Disable',
			action: 'Disable a user group',
			method: 'POST',
			scopes: ['usergroups:write'],
			response: { path: 'usergroup' },
			params: [userGroup('body')],
		}),
		method('usergroups.enable', 2, {
			id: 'enable',
			name: 'Enable',
			action: 'Enable a user group',
			method: 'POST',
			scopes: ['usergroups:write'],
			response: { path: 'usergroup' },
			params: [userGroup('body')],
		}),
		method('usergroups.users.list', 2, {
			id: 'getUsers',
			name: 'Get Users',
			action: 'Get the members of a user group',
			description: 'The user IDs of the members, one item each ({ "data": "U…" })',
			scopes: ['usergroups:read'],
			response: { path: 'users' },
			wholeList: true,
			listSince: 2,
			params: [
				userGroup('query'),
				q('include_disabled', 'Include Disabled', 'boolean', {
					description: 'Whether members of a disabled group are listed (include_disabled)',
				}),
			],
		}),
		method('usergroups.users.update', 2, {
			id: 'updateUsers',
			name: 'Update Users',
			action: 'Set the members of a user group',
			description: 'Replace the members of a user group with these users',
			method: 'POST',
			scopes: ['usergroups:write'],
			response: { path: 'usergroup' },
			params: [
				userGroup('body'),
				b('users', 'User IDs', 'string', {
					required: true,
					placeholder: 'U0123456789,U0987654321',
					description: 'Every member of the group, comma-separated (users)',
					validate: {
						pattern: '^[UW][A-Z0-9]{2,}(,[UW][A-Z0-9]{2,})*$',
						patternHint: 'Comma-separated user IDs without spaces, e.g. U0123456789,U0987654321.',
					},
				}),
			],
		}),
	],
};

const accountResource = {
	id: 'account',
	name: 'Account',
	operations: [
		method('auth.test', 4, {
			id: 'getMe',
			name: 'Get Me',
			action: 'Get the connected app and workspace',
			description: 'The workspace, bot user and app the token belongs to (auth.test)',
		}),
	],
};

// In alphabetical order, as n8n's lint wants the Resource options.
const resources = [
	accountResource,
	conversationResource,
	fileResource,
	messageResource,
	pinResource,
	reactionResource,
	teamResource,
	userResource,
	userGroupResource,
];

/** A handshake's body condition (a helper, not a literal: the node lint would take `{ name, value }` for an option). */
const bodyHolds = (name: string, value: string): HandshakeMatch => ({ in: 'body', name, value });

export const slackSpec: ServiceSpec = {
	id: 'slack',
	displayName: 'Slack',
	description: 'Send messages, read channels and manage a Slack workspace',
	docsUrl: REF,
	baseUrl: 'https://slack.com/api',
	auth: [
		{
			kind: 'oauth2',
			credentialType: SLACK_CREDENTIAL,
			displayName: 'OAuth2 (Slack App)',
			oauth2: SLACK_OAUTH,
		},
		// The Bot User OAuth Token pasted from the app's settings (one workspace, no OAuth flow).
		{ kind: 'bearer', credentialType: SLACK_BOT_TOKEN_CREDENTIAL, displayName: 'Bot Token' },
	],
	credentialTest: { path: '/auth.test' },
	// auth.test: `{ ok, url, team, user, team_id, user_id, bot_id }`; the label is "<bot user> @ <workspace>" → the workspace URL.
	account: { path: '/auth.test', labelPath: 'url' },
	rateLimit: {
		// Methods without a tier of their own (Custom Request): Tier 3.
		...TIER[3],
		// Slack reports no remaining budget; only 429 with Retry-After (seconds).
		headers: [],
		tiers: METHOD_TIERS,
	},
	errorsInBody: {
		okPath: 'ok',
		codePath: 'error',
		messagePath: 'response_metadata.messages[0]',
		codes: {
			not_in_channel: {
				kind: 'permanent',
				cause: 'The app is not a member of this conversation.',
				fix: 'Invite the app to the channel (type /invite @YourApp in it, or run Conversation → Join for a public channel), then run the workflow again.',
			},
			channel_not_found: {
				kind: 'permanent',
				cause: 'Slack found no conversation with this ID that the app can see.',
				fix: 'Check the Channel ID (Conversation → Get Many lists them); a private channel needs the app invited and the groups:read scope.',
			},
			missing_scope: {
				kind: 'auth',
				cause:
					"The connection's token lacks the scope '{needed}' this method needs (it has: {provided}).",
				fix: "Add '{needed}' to the app's scopes (api.slack.com/apps → OAuth & Permissions) and to the credential's Scope field, then reconnect {$credential}.",
			},
			not_authed: {
				kind: 'auth',
				cause: 'The request carried no token.',
				fix: 'Reconnect {$credential}.',
			},
			invalid_auth: {
				kind: 'auth',
				cause: 'Slack does not accept the token (invalid, or from another workspace).',
				fix: 'Reconnect {$credential}.',
			},
			token_revoked: {
				kind: 'auth',
				cause: 'The token was revoked (the app was uninstalled or its access removed).',
				fix: 'Reinstall the app in the workspace and reconnect {$credential}.',
			},
			token_expired: {
				kind: 'auth',
				cause: 'The token has expired (token rotation is on and it was not refreshed).',
				fix: 'Reconnect {$credential}; with token rotation on, the credential must have been connected with a refresh token.',
			},
			account_inactive: {
				kind: 'auth',
				cause: 'The token belongs to a deactivated user or a deleted workspace.',
				fix: 'Reconnect {$credential} with an active account.',
			},
			no_permission: {
				kind: 'permanent',
				cause:
					'The workspace does not let this app do that (admin settings or channel permissions).',
				fix: 'Ask a workspace admin to allow it, or use a conversation the app may manage.',
			},
			restricted_action: {
				kind: 'permanent',
				cause: "A workspace preference forbids this action for the app's user.",
				fix: 'Ask a workspace admin to change the preference.',
			},
			ekm_access_denied: {
				kind: 'permanent',
				cause: "The workspace's Enterprise Key Management has revoked access to this content.",
				fix: 'Ask a workspace admin.',
			},
			is_archived: {
				kind: 'permanent',
				cause: 'The conversation is archived.',
				fix: 'Unarchive it first (Conversation → Unarchive) or use another conversation.',
			},
			message_not_found: {
				kind: 'permanent',
				cause: 'No message with this timestamp exists in the conversation.',
				fix: "Check the Message Timestamp: the message's 'ts' in this channel.",
			},
			thread_not_found: {
				kind: 'permanent',
				cause: 'No thread has this parent timestamp in the conversation.',
				fix: "Use the 'ts' of the thread's parent message.",
			},
			cant_update_message: {
				kind: 'permanent',
				cause: 'The app may only change messages it posted.',
				fix: "Pick a message the app posted (its 'ts' from Message → Post).",
			},
			cant_delete_message: {
				kind: 'permanent',
				cause: 'The app may only delete messages it posted.',
				fix: "Pick a message the app posted (its 'ts' from Message → Post).",
			},
			no_text: {
				kind: 'permanent',
				cause: 'The message has no text, blocks or attachments.',
				fix: 'Fill in Text (or Blocks).',
			},
			msg_too_long: {
				kind: 'permanent',
				cause: 'The text is too long (Slack truncates at 40,000 characters and refuses longer).',
				fix: 'Shorten the text, or post it as a file.',
			},
			invalid_blocks: {
				kind: 'permanent',
				cause: 'Slack refused the Block Kit blocks.',
				fix: 'Check the Blocks JSON in the Block Kit Builder (app.slack.com/block-kit-builder).',
			},
			invalid_blocks_format: {
				kind: 'permanent',
				cause: 'Blocks must be a JSON array of block objects.',
				fix: 'Give Blocks as an array, e.g. [{"type": "section", …}].',
			},
			user_not_found: {
				kind: 'permanent',
				cause: 'Slack found no user with this ID.',
				fix: 'Check the User ID (User → Get Many or Lookup by Email).',
			},
			users_not_found: {
				kind: 'permanent',
				cause: 'Slack found no user with this email address or ID.',
				fix: 'Check the address (a user must be a member of this workspace) or the User IDs.',
			},
			user_not_in_channel: {
				kind: 'permanent',
				cause: 'The user is not a member of the conversation.',
				fix: 'Invite the user first (Conversation → Invite).',
			},
			already_in_channel: {
				kind: 'permanent',
				cause: 'The user is already a member of the conversation.',
				fix: 'Nothing to do; turn on Continue On Fail to ignore it.',
			},
			cant_invite_self: {
				kind: 'permanent',
				cause: 'The app cannot invite itself.',
				fix: 'Use Conversation → Join for a public channel, or invite the app from Slack.',
			},
			cant_kick_self: {
				kind: 'permanent',
				cause: 'The app cannot remove itself.',
				fix: 'Use Conversation → Leave.',
			},
			name_taken: {
				kind: 'permanent',
				cause: 'A conversation (or user group) with this name already exists.',
				fix: 'Pick another name.',
			},
			invalid_name_specials: {
				kind: 'permanent',
				cause: 'The name has characters Slack does not allow.',
				fix: 'Use lowercase letters, digits, hyphens and underscores only.',
			},
			already_archived: {
				kind: 'permanent',
				cause: 'The conversation is already archived.',
				fix: 'Nothing to do.',
			},
			not_archived: {
				kind: 'permanent',
				cause: 'The conversation is not archived.',
				fix: 'Nothing to do.',
			},
			already_reacted: {
				kind: 'permanent',
				cause: 'The app already added this reaction to the message.',
				fix: 'Nothing to do; turn on Continue On Fail to ignore it.',
			},
			no_reaction: {
				kind: 'permanent',
				cause: 'The app has not added this reaction to the message.',
				fix: 'Nothing to remove.',
			},
			invalid_name: {
				kind: 'permanent',
				cause: 'The name is not valid here (an unknown emoji, or a name Slack refuses).',
				fix: 'Check the name: an emoji without colons, or a channel name in lowercase.',
			},
			already_pinned: {
				kind: 'permanent',
				cause: 'The message is already pinned.',
				fix: 'Nothing to do.',
			},
			not_pinned: {
				kind: 'permanent',
				cause: 'The message is not pinned.',
				fix: 'Nothing to remove.',
			},
			time_in_past: {
				kind: 'permanent',
				cause: 'Post At is in the past.',
				fix: 'Give a future Unix time in seconds.',
			},
			time_too_far: {
				kind: 'permanent',
				cause: 'Post At is more than 120 days ahead.',
				fix: 'Schedule it within 120 days.',
			},
			invalid_time: {
				kind: 'permanent',
				cause: 'Post At is not a valid Unix time.',
				fix: 'Give the time in seconds since 1970 (10 digits).',
			},
			file_not_found: {
				kind: 'permanent',
				cause: 'Slack found no file with this ID that the app can see.',
				fix: 'Check the File ID (File → Get Many).',
			},
			invalid_arguments: {
				kind: 'permanent',
				cause: 'Slack refused an argument of the request.',
				fix: "Check the fields against the method's reference page (the message names the argument).",
			},
			invalid_cursor: {
				kind: 'permanent',
				cause: 'The page cursor is not valid (expired or for another list).',
				fix: 'Run the list again from the start.',
			},
			ratelimited: { kind: 'rateLimit' },
			rate_limited: { kind: 'rateLimit' },
			internal_error: { kind: 'transient' },
			fatal_error: { kind: 'transient' },
			service_unavailable: { kind: 'transient' },
			request_timeout: { kind: 'transient' },
			team_added_to_org: { kind: 'transient' },
		},
	},
	connection: {
		// Disconnect: auth.revoke with the token itself (Slack revokes the token the request is signed with). Only
		// the OAuth2 connection's token: a pasted bot token is the app installation's own, revoked in Slack's settings.
		revoke: {
			method: 'POST',
			path: '/auth.revoke',
			tokenIn: 'none',
			credentialTypes: [SLACK_CREDENTIAL],
		},
	},
	// 2: the lists Slack answers whole (pins, user groups, group members) have Return All / Limit.
	versions: [1, 2],
	resources,
	webhook: {
		// Registered by hand: Event Subscriptions → Request URL, Slash Commands → Request URL, Interactivity &
		// Shortcuts → Request URL (docs/services/slack.md); the app's Signing Secret is pasted into the trigger.
		register: 'manual',
		signature: {
			header: 'X-Slack-Signature',
			algorithm: 'sha256',
			encoding: 'hex',
			prefix: 'v0=',
			timestampHeader: 'X-Slack-Request-Timestamp',
			signedPayload: 'v0:{timestamp}:{body}',
			toleranceSeconds: 300,
			// python-slack-sdk rejects |now − ts| > 300 s, both ways: a future timestamp is no fresher.
			timestampWindow: 'two-sided',
		},
		handshakes: [
			// Events API: a signed POST {"type": "url_verification", "challenge": …} → {"challenge": …}.
			{
				methods: ['POST'],
				match: [bodyHolds('type', 'url_verification')],
				challenge: { in: 'body', name: 'challenge' },
				signed: true,
				answer: { type: 'json', fields: { challenge: 'challenge' } },
			},
			// Slash commands: Slack's SSL check (form `ssl_check=1`), answered with an empty 200, as Bolt does.
			{
				methods: ['POST'],
				match: [bodyHolds('ssl_check', '1')],
				answer: { type: 'empty' },
			},
		],
		// Slash commands and interactivity are forms; interactivity's JSON is in the `payload` field.
		formBodies: { jsonField: 'payload' },
		// Events API: the inner event's type; interactivity: the payload's type; slash commands: the command.
		eventPath: ['event.type', 'type', 'command'],
		// Events API retries (X-Slack-Retry-Num) carry the same event_id; interactions a unique trigger_id.
		deliveryIdPath: ['event_id', 'trigger_id'],
		// A command or an interaction shows a JSON answer to the user: acknowledge with an empty 200.
		acknowledgeEmpty: true,
		events: [
			{ name: 'Any Event', value: '*', description: 'Every verified delivery' },
			{ name: 'App Home Opened', value: 'app_home_opened' },
			{
				name: 'App Mention',
				value: 'app_mention',
				description: 'The app was @mentioned in a channel',
			},
			{
				name: 'App Rate Limited',
				value: 'app_rate_limited',
				description: 'Slack is dropping events for this app',
			},
			{ name: 'App Uninstalled', value: 'app_uninstalled' },
			{
				name: 'Block Actions (Interactivity)',
				value: 'block_actions',
				description: 'A button, menu or other interactive element was used',
			},
			{ name: 'Channel Archive', value: 'channel_archive' },
			{ name: 'Channel Created', value: 'channel_created' },
			{ name: 'Channel Rename', value: 'channel_rename' },
			{ name: 'Emoji Changed', value: 'emoji_changed' },
			{ name: 'File Shared', value: 'file_shared' },
			{ name: 'Global Shortcut (Interactivity)', value: 'shortcut' },
			{ name: 'Member Joined Channel', value: 'member_joined_channel' },
			{ name: 'Member Left Channel', value: 'member_left_channel' },
			{
				name: 'Message',
				value: 'message',
				description: 'A message in a conversation the app is in (message.channels etc.)',
			},
			{ name: 'Message Shortcut (Interactivity)', value: 'message_action' },
			{ name: 'Pin Added', value: 'pin_added' },
			{ name: 'Pin Removed', value: 'pin_removed' },
			{ name: 'Reaction Added', value: 'reaction_added' },
			{ name: 'Reaction Removed', value: 'reaction_removed' },
			{
				name: 'Slash Command',
				value: '/*',
				description: 'Any slash command whose Request URL is this trigger',
			},
			{ name: 'Team Join', value: 'team_join', description: 'A new member joined the workspace' },
			{ name: 'Tokens Revoked', value: 'tokens_revoked' },
			{ name: 'User Change', value: 'user_change' },
			{ name: 'View Closed (Interactivity)', value: 'view_closed' },
			{
				name: 'View Submission (Interactivity)',
				value: 'view_submission',
				description: 'A modal was submitted',
			},
		],
		allEvents: '*',
		defaultEvents: ['app_mention'],
		eventsNote:
			'Slack sends only the events the app subscribes to (Event Subscriptions → Subscribe to bot events), each needing its scope.',
	},
};

export const slackDefinition: ServiceDefinition = { spec: slackSpec, hooks: slackHooks };
