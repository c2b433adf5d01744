/**
 * Credentials and workflows of the four services (Stripe, GitHub, Instagram, Facebook Pages): for each,
 * one workflow Manual Trigger → the service node, and one with the service's trigger, as n8n exports
 * them. One credential per service (the Connections node's one-per-workspace rule for services).
 * The nodes talk to the vendors' real origins; the operator origin map sends them to the fakes.
 */
import {
	FACEBOOK_AD_ACCOUNT,
	FACEBOOK_ADS_TOKEN,
	FACEBOOK_APP_ID,
	FACEBOOK_APP_SECRET,
	FACEBOOK_PAGE,
	FACEBOOK_USER_TOKEN,
	GITHUB_OWNER,
	GITHUB_REPO,
	GITHUB_TOKEN,
	GITLAB_PROJECT,
	GITLAB_TOKEN,
	INSTAGRAM_APP_ID,
	INSTAGRAM_APP_SECRET,
	INSTAGRAM_TOKEN,
	PINTEREST_APP_ID,
	PINTEREST_APP_SECRET,
	PINTEREST_BOARD,
	PINTEREST_TOKEN,
	STRIPE_KEY,
} from './service-fakes';
import { PKG } from './workflows';

export const SERVICE_CRED = {
	stripe: { id: 'e2eCredStripe001', name: 'E2E Stripe', type: 'apiConnStripeApi' },
	github: { id: 'e2eCredGithub001', name: 'E2E GitHub', type: 'apiConnGithubApi' },
	gitlab: { id: 'e2eCredGitlab001', name: 'E2E GitLab', type: 'apiConnGitlabApi' },
	instagram: { id: 'e2eCredInstagram', name: 'E2E Instagram', type: 'apiConnInstagramOAuth2Api' },
	facebook: {
		id: 'e2eCredFacebook1',
		name: 'E2E Facebook Pages',
		type: 'apiConnFacebookPagesOAuth2Api',
	},
	facebookAds: {
		id: 'e2eCredFbAds0001',
		name: 'E2E Facebook Ads',
		type: 'apiConnFacebookAdsOAuth2Api',
	},
	pinterest: { id: 'e2eCredPinterest', name: 'E2E Pinterest', type: 'apiConnPinterestOAuth2Api' },
} as const;

export const SERVICE_WF = {
	stripe: 'e2eWfStripe00001',
	stripeTrigger: 'e2eWfStripeTrig1',
	stripeObjects: 'e2eWfStripeObj01',
	github: 'e2eWfGithub00001',
	githubTrigger: 'e2eWfGithubTrig1',
	githubResources: 'e2eWfGithubRes01',
	gitlab: 'e2eWfGitlab00001',
	gitlabTrigger: 'e2eWfGitlabTrig1',
	instagram: 'e2eWfInstagram01',
	instagramTrigger: 'e2eWfInstaTrig01',
	facebook: 'e2eWfFacebook001',
	facebookTrigger: 'e2eWfFbTrigger01',
	facebookAds: 'e2eWfFbAds000001',
	facebookConversations: 'e2eWfFbConvers01',
	pinterest: 'e2eWfPinterest01',
	pinterestTrigger: 'e2eWfPinTrigger1',
} as const;

/** Trigger webhook ids: the production URL is /webhook/<id>/webhook. */
export const HOOK_ID = {
	stripe: '3a1f0c55-5c0e-4b7a-9d3e-000000000001',
	github: '3a1f0c55-5c0e-4b7a-9d3e-000000000002',
	gitlab: '3a1f0c55-5c0e-4b7a-9d3e-000000000012',
	instagram: '3a1f0c55-5c0e-4b7a-9d3e-000000000003',
	facebook: '3a1f0c55-5c0e-4b7a-9d3e-000000000004',
} as const;

export const INSTAGRAM_VERIFY_TOKEN = 'e2e-ig-verify-4b2d';
export const FACEBOOK_VERIFY_TOKEN = 'e2e-fb-verify-91ce';

export function serviceCredentials(): unknown[] {
	// OAuth2 credentials come connected: the token data n8n keeps after the authorization-code flow.
	return [
		{ ...SERVICE_CRED.stripe, data: { secretKey: STRIPE_KEY } },
		{
			...SERVICE_CRED.github,
			data: { server: 'https://api.github.com', accessToken: GITHUB_TOKEN },
		},
		{
			...SERVICE_CRED.gitlab,
			data: { server: 'https://gitlab.com', accessToken: GITLAB_TOKEN },
		},
		{
			...SERVICE_CRED.instagram,
			data: {
				clientId: INSTAGRAM_APP_ID,
				clientSecret: INSTAGRAM_APP_SECRET,
				oauthTokenData: { access_token: INSTAGRAM_TOKEN, token_type: 'bearer' },
			},
		},
		{
			...SERVICE_CRED.facebook,
			data: {
				clientId: FACEBOOK_APP_ID,
				clientSecret: FACEBOOK_APP_SECRET,
				oauthTokenData: { access_token: FACEBOOK_USER_TOKEN, token_type: 'bearer' },
			},
		},
		{
			...SERVICE_CRED.pinterest,
			data: {
				clientId: PINTEREST_APP_ID,
				clientSecret: PINTEREST_APP_SECRET,
				oauthTokenData: {
					access_token: PINTEREST_TOKEN,
					token_type: 'bearer',
					expires_in: 2592000,
					refresh_token: 'pinr_E2EFAKEREFRESHTOKEN9f8e7d',
					refresh_token_expires_in: 5184000,
				},
			},
		},
		{
			...SERVICE_CRED.facebookAds,
			data: {
				clientId: FACEBOOK_APP_ID,
				clientSecret: FACEBOOK_APP_SECRET,
				oauthTokenData: { access_token: FACEBOOK_ADS_TOKEN, token_type: 'bearer' },
			},
		},
	];
}

interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
}

let counter = 1000;
function node(
	name: string,
	type: string,
	parameters: Record<string, unknown>,
	at: [number, number],
	cred?: { id: string; name: string; type: string },
	webhookId?: string,
): WorkflowNode {
	counter++;
	return {
		id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
		name,
		type: `${PKG}.${type}`,
		typeVersion: 1,
		position: at,
		parameters,
		...(cred ? { credentials: { [cred.type]: { id: cred.id, name: cred.name } } } : {}),
		...(webhookId ? { webhookId } : {}),
	};
}

/** Nodes run in a chain, in the order given. */
function chain(id: string, name: string, nodes: WorkflowNode[]): Record<string, unknown> {
	const connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: string; index: number }>> }
	> = {};
	for (let i = 0; i + 1 < nodes.length; i++)
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections,
		pinData: {},
	};
}

function manualTrigger(): WorkflowNode {
	return {
		id: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

export function serviceWorkflows(): Array<Record<string, unknown>> {
	const { stripe, github, gitlab, instagram, facebook, facebookAds, pinterest } = SERVICE_CRED;
	return [
		chain(SERVICE_WF.pinterest, 'E2E: Pinterest', [
			manualTrigger(),
			node(
				'Create pin',
				'pinterest',
				{
					resource: 'pin',
					operation: 'create',
					boardId: PINTEREST_BOARD,
					url: 'https://cdn.example.com/e2e-salad.jpg',
					additionalFields: { title: 'Made in n8n', link: 'https://www.example.com/salad' },
				},
				[260, 0],
				pinterest,
			),
			node(
				'Pins on board',
				'pinterest',
				{ resource: 'pin', operation: 'getManyOnBoard', boardId: PINTEREST_BOARD, returnAll: true },
				[520, 0],
				pinterest,
			),
		]),
		chain(SERVICE_WF.pinterestTrigger, 'E2E: Pinterest Trigger', [
			node(
				'New Pin',
				'pinterestTrigger',
				{ boardId: PINTEREST_BOARD, pollTimes: { item: [{ mode: 'everyMinute' }] } },
				[0, 0],
				pinterest,
			),
		]),
		chain(SERVICE_WF.stripe, 'E2E: Stripe', [
			manualTrigger(),
			node(
				'Create customer',
				'stripe',
				{
					resource: 'customer',
					operation: 'create',
					additionalFields: {
						email: 'jenny@example.com',
						name: 'Jenny Rosen',
						metadata: { pairs: [{ key: 'source', value: 'n8n e2e' }] },
					},
				},
				[260, 0],
				stripe,
			),
			node(
				'All customers',
				'stripe',
				{ resource: 'customer', operation: 'getMany', returnAll: true },
				[520, 0],
				stripe,
			),
		]),
		// Issue 15's objects in one run: each node reads what the one before it answered.
		chain(SERVICE_WF.stripeObjects, 'E2E: Stripe objects', [
			manualTrigger(),
			node(
				'Create coupon',
				'stripe',
				{
					resource: 'coupon',
					operation: 'create',
					duration: 'repeating',
					additionalFields: {
						percentOff: 25,
						durationInMonths: 3,
						id: 'E2ESUMMER',
						name: 'Summer sale',
					},
				},
				[260, 0],
				stripe,
			),
			node(
				'Create promotion code',
				'stripe',
				{
					resource: 'promotionCode',
					operation: 'create',
					promotionType: 'coupon',
					promotionCoupon: '={{ $json.id }}',
					additionalFields: { code: 'SUMMER25OFF', restrictionsFirstTimeTransaction: true },
				},
				[520, 0],
				stripe,
			),
			node(
				'Create payment link',
				'stripe',
				{
					resource: 'paymentLink',
					operation: 'create',
					lineItems: '[{"price": "price_E2eGold", "quantity": 1}]',
					additionalFields: {
						allowPromotionCodes: true,
						metadata: { pairs: [{ key: 'promotion', value: '={{ $json.code }}' }] },
					},
				},
				[780, 0],
				stripe,
			),
			node(
				'Portal session',
				'stripe',
				{
					resource: 'customerPortalSession',
					operation: 'create',
					customer: 'cus_E2eSeed0001',
					additionalFields: { returnUrl: 'https://example.com/account', locale: 'de' },
				},
				[1040, 0],
				stripe,
			),
			node(
				'Create payout',
				'stripe',
				{
					resource: 'payout',
					operation: 'create',
					amount: 1100,
					currency: 'usd',
					additionalFields: { description: 'E2E payout', method: 'standard' },
				},
				[1300, 0],
				stripe,
			),
			node(
				'Cancel payout',
				'stripe',
				{ resource: 'payout', operation: 'cancel', payoutId: '={{ $json.id }}' },
				[1560, 0],
				stripe,
			),
			node(
				'Invoice events',
				'stripe',
				{
					resource: 'event',
					operation: 'getMany',
					returnAll: true,
					additionalFields: { type: 'invoice.*' },
				},
				[1820, 0],
				stripe,
			),
		]),
		chain(SERVICE_WF.stripeTrigger, 'E2E: Stripe Trigger', [
			node(
				'Stripe Trigger',
				'stripeTrigger',
				{ events: ['customer.created', 'invoice.paid'] },
				[0, 0],
				stripe,
				HOOK_ID.stripe,
			),
		]),
		chain(SERVICE_WF.github, 'E2E: GitHub', [
			manualTrigger(),
			node(
				'Get repository',
				'github',
				{
					authentication: github.type,
					resource: 'repository',
					operation: 'get',
					owner: GITHUB_OWNER,
					repo: GITHUB_REPO,
				},
				[260, 0],
				github,
			),
			node(
				'Create issue',
				'github',
				{
					authentication: github.type,
					resource: 'issue',
					operation: 'create',
					owner: GITHUB_OWNER,
					repo: '={{ $json.name }}',
					title: '={{ "Check " + $json.full_name }}',
					additionalFields: { body: 'Opened by the e2e suite ✓', labels: 'e2e, bot' },
				},
				[520, 0],
				github,
			),
		]),
		// One node per resource added for issue 15, each fed by the one before (one item each).
		chain(SERVICE_WF.githubResources, 'E2E: GitHub resources', [
			manualTrigger(),
			...(
				[
					['Branches', 'branch', 'getMany', { limit: 1 }],
					['Commit', 'commit', 'get', { ref: '={{ $json.commit.sha }}' }],
					[
						'Status',
						'commit',
						'createStatus',
						{ sha: '={{ $json.sha }}', state: 'success', additionalFields: { context: 'e2e' } },
					],
					['Label', 'label', 'create', { name: 'e2e', additionalFields: { color: 'f29513' } }],
					['Check runs', 'checkRun', 'getManyForRef', { ref: 'main', limit: 1 }],
					['Workflows', 'workflow', 'getMany', { limit: 1 }],
					['Runs', 'workflowRun', 'getMany', { limit: 1 }],
					['Run logs', 'workflowRun', 'getLogs', { runId: '={{ $json.id }}' }],
				] as const
			).map(([name, resource, operation, rest], i) =>
				node(
					name,
					'github',
					{
						authentication: github.type,
						resource,
						operation,
						owner: GITHUB_OWNER,
						repo: GITHUB_REPO,
						...rest,
					},
					[260 * (i + 1), 0],
					github,
				),
			),
			node(
				'Search',
				'github',
				{
					authentication: github.type,
					resource: 'search',
					operation: 'issues',
					q: `repo:${GITHUB_OWNER}/${GITHUB_REPO} is:open`,
					limit: 1,
				},
				[260 * 9, 0],
				github,
			),
			node(
				'Members',
				'github',
				{
					authentication: github.type,
					resource: 'organization',
					operation: 'getMembers',
					org: GITHUB_OWNER,
					limit: 1,
				},
				[260 * 10, 0],
				github,
			),
			node(
				'Gist',
				'github',
				{
					authentication: github.type,
					resource: 'gist',
					operation: 'create',
					files: '{"e2e.md": {"content": "made by the e2e suite"}}',
					additionalFields: { description: 'e2e' },
				},
				[260 * 11, 0],
				github,
			),
		]),
		chain(SERVICE_WF.githubTrigger, 'E2E: GitHub Trigger', [
			node(
				'GitHub Trigger',
				'githubTrigger',
				{
					authentication: github.type,
					owner: GITHUB_OWNER,
					repository: GITHUB_REPO,
					events: ['push', 'issues'],
				},
				[0, 0],
				github,
				HOOK_ID.github,
			),
		]),
		chain(SERVICE_WF.gitlab, 'E2E: GitLab', [
			manualTrigger(),
			node(
				'Get project',
				'gitlab',
				{
					authentication: gitlab.type,
					resource: 'project',
					operation: 'get',
					projectId: GITLAB_PROJECT,
				},
				[260, 0],
				gitlab,
			),
			node(
				'Create issue',
				'gitlab',
				{
					authentication: gitlab.type,
					resource: 'issue',
					operation: 'create',
					projectId: '={{ $json.path_with_namespace }}',
					title: '={{ "Check " + $json.name }}',
					additionalFields: { description: 'Opened by the e2e suite ✓', labels: 'e2e,bot' },
				},
				[520, 0],
				gitlab,
			),
			node(
				'Run pipeline',
				'gitlab',
				{
					authentication: gitlab.type,
					resource: 'pipeline',
					operation: 'create',
					projectId: GITLAB_PROJECT,
					ref: 'main',
					additionalFields: { variables: { pairs: [{ key: 'DEPLOY_ENV', value: 'staging' }] } },
				},
				[780, 0],
				gitlab,
			),
			node(
				'Pipelines',
				'gitlab',
				{
					authentication: gitlab.type,
					resource: 'pipeline',
					operation: 'getMany',
					projectId: GITLAB_PROJECT,
					returnAll: true,
					additionalFields: { ref: 'main' },
				},
				[1040, 0],
				gitlab,
			),
		]),
		chain(SERVICE_WF.gitlabTrigger, 'E2E: GitLab Trigger', [
			node(
				'GitLab Trigger',
				'gitlabTrigger',
				{
					authentication: gitlab.type,
					scope: 'project',
					target: GITLAB_PROJECT,
					events: ['Push Hook', 'Issue Hook'],
				},
				[0, 0],
				gitlab,
				HOOK_ID.gitlab,
			),
		]),
		chain(SERVICE_WF.instagram, 'E2E: Instagram', [
			manualTrigger(),
			node('Me', 'instagram', { resource: 'user', operation: 'getMe' }, [260, 0], instagram),
			node(
				'Post photo',
				'instagram',
				{
					resource: 'media',
					operation: 'createAndPublish',
					accountId: 'me',
					additionalFields: {
						image_url: 'https://cdn.example.com/e2e.jpg',
						caption: '={{ "Hello from @" + $json.username }}',
					},
				},
				[520, 0],
				instagram,
			),
		]),
		chain(SERVICE_WF.instagramTrigger, 'E2E: Instagram Trigger', [
			node(
				'Instagram Trigger',
				'instagramTrigger',
				{ verifyToken: INSTAGRAM_VERIFY_TOKEN, events: ['comments'] },
				[0, 0],
				instagram,
				HOOK_ID.instagram,
			),
		]),
		chain(SERVICE_WF.facebook, 'E2E: Facebook Pages', [
			manualTrigger(),
			node(
				'Create post',
				'facebookPages',
				{
					resource: 'post',
					operation: 'create',
					pageId: FACEBOOK_PAGE,
					message: 'Hello from the e2e suite',
				},
				[260, 0],
				facebook,
			),
			node(
				'All posts',
				'facebookPages',
				{ resource: 'post', operation: 'getMany', pageId: FACEBOOK_PAGE, returnAll: true },
				[520, 0],
				facebook,
			),
		]),
		chain(SERVICE_WF.facebookAds, 'E2E: Facebook Ads', [
			manualTrigger(),
			node(
				'Create campaign',
				'facebookAds',
				{
					resource: 'campaign',
					operation: 'create',
					adAccountId: FACEBOOK_AD_ACCOUNT,
					name: 'E2E spring sale',
					objective: 'OUTCOME_TRAFFIC',
					specialAdCategories: ['NONE'],
					additionalFields: { dailyBudget: 5000 },
				},
				[260, 0],
				facebookAds,
			),
			node(
				'Activate',
				'facebookAds',
				{ resource: 'campaign', operation: 'activate', campaignId: '={{ $json.id }}' },
				[520, 0],
				facebookAds,
			),
			node(
				'Ad accounts',
				'facebookAds',
				{ resource: 'adAccount', operation: 'getMany', returnAll: true },
				[520, 200],
				facebookAds,
			),
			node(
				'Ad sets',
				'facebookAds',
				{
					resource: 'adSet',
					operation: 'getMany',
					parentId: "={{ $('Create campaign').item.json.id }}",
					returnAll: true,
				},
				[780, 200],
				facebookAds,
			),
			node(
				'Ads',
				'facebookAds',
				{ resource: 'ad', operation: 'getMany', parentId: FACEBOOK_AD_ACCOUNT, returnAll: true },
				[1040, 200],
				facebookAds,
			),
			node(
				'Insights',
				'facebookAds',
				{
					resource: 'insights',
					operation: 'get',
					objectId: "={{ $('Create campaign').item.json.id }}",
					fields: ['campaign_name', 'impressions', 'spend'],
					returnAll: true,
					additionalFields: { datePreset: 'last_7d', breakdowns: ['gender'] },
				},
				[780, 0],
				facebookAds,
			),
		]),
		chain(SERVICE_WF.facebookConversations, 'E2E: Facebook Pages conversations', [
			manualTrigger(),
			node(
				'Conversations',
				'facebookPages',
				{ resource: 'conversation', operation: 'getMany', pageId: FACEBOOK_PAGE, returnAll: true },
				[260, 0],
				facebook,
			),
			node(
				'Reply',
				'facebookPages',
				{
					resource: 'conversation',
					operation: 'sendMessage',
					pageId: FACEBOOK_PAGE,
					recipientId: '={{ $json.participants.data[0].id }}',
					text: 'Yes, we are open on Sunday.',
					messagingType: 'RESPONSE',
				},
				[520, 0],
				facebook,
			),
		]),
		chain(SERVICE_WF.facebookTrigger, 'E2E: Facebook Pages Trigger', [
			node(
				'Facebook Pages Trigger',
				'facebookPagesTrigger',
				{ pageId: FACEBOOK_PAGE, verifyToken: FACEBOOK_VERIFY_TOKEN, events: ['feed'] },
				[0, 0],
				facebook,
				HOOK_ID.facebook,
			),
		]),
	];
}
