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
	LINKEDIN_CLIENT_ID,
	LINKEDIN_CLIENT_SECRET,
	LINKEDIN_ORG,
	LINKEDIN_TOKEN,
	PINTEREST_APP_ID,
	PINTEREST_APP_SECRET,
	PINTEREST_BOARD,
	PINTEREST_TOKEN,
	STRIPE_KEY,
} from './service-fakes';
import {
	SLACK_CHANNEL,
	SLACK_CLIENT_ID,
	SLACK_CLIENT_SECRET,
	SLACK_SIGNING_SECRET,
	SLACK_TOKEN,
} from './slack-fake';
import { TIKTOK_CLIENT_KEY, TIKTOK_CLIENT_SECRET, TIKTOK_TOKEN } from './tiktok-fake';
import {
	JIRA_API_TOKEN,
	JIRA_CLIENT_SECRET,
	JIRA_OAUTH_TOKEN,
	JIRA_SITE,
	JIRA_WEBHOOK_SECRET,
} from './jira-fake';
import {
	MICROSOFT_CLIENT_SECRET,
	MICROSOFT_REFRESH_TOKEN,
	MICROSOFT_TOKEN,
	REPORTS_FOLDER,
} from './microsoft-fake';
import { GOOGLE_SA_KEY_FILE, GOOGLE_SHEET_ID } from './google-fake';
import { TRELLO_BOARD, TRELLO_KEY, TRELLO_LIST, TRELLO_SECRET, TRELLO_TOKEN } from './trello-fake';
import { SQUARE_LOCATION, SQUARE_TOKEN } from './square-fake';
import { NOTION_DATABASE, NOTION_TOKEN, NOTION_VERIFICATION_TOKEN } from './notion-fake';
import { AIRTABLE_BASE, AIRTABLE_TOKEN } from './airtable-fake';
import { SHOPIFY_CLIENT_SECRET, SHOPIFY_SHOP, SHOPIFY_TOKEN } from './shopify-fake';
import { WOO_KEY, WOO_SECRET, WOO_STORE } from './woocommerce-fake';
import { SENDGRID_KEY } from './sendgrid-fake';
import { AC_KEY, AC_URL } from './activecampaign-fake';
import { HUBSPOT_CLIENT_SECRET, HUBSPOT_FORM, HUBSPOT_PORTAL, HUBSPOT_TOKEN } from './hubspot-fake';
import { MAILCHIMP_KEY, MAILCHIMP_LIST } from './mailchimp-fake';
import { PKG } from './workflows';
import {
	X_APP_BEARER,
	X_CLIENT_ID,
	X_CLIENT_SECRET,
	X_CONSUMER_SECRET,
	X_REFRESH_TOKEN,
	X_USER_TOKEN,
} from './x-fake';

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
	linkedIn: { id: 'e2eCredLinkedIn1', name: 'E2E LinkedIn', type: 'apiConnLinkedInOAuth2Api' },
	facebookAds: {
		id: 'e2eCredFbAds0001',
		name: 'E2E Facebook Ads',
		type: 'apiConnFacebookAdsOAuth2Api',
	},
	pinterest: { id: 'e2eCredPinterest', name: 'E2E Pinterest', type: 'apiConnPinterestOAuth2Api' },
	x: { id: 'e2eCredXUser0001', name: 'E2E X user', type: 'apiConnXTwitterOAuth2Api' },
	xApp: { id: 'e2eCredXApp00001', name: 'E2E X app', type: 'apiConnXTwitterApi' },
	tikTok: { id: 'e2eCredTikTok001', name: 'E2E TikTok', type: 'apiConnTikTokOAuth2Api' },
	slack: { id: 'e2eCredSlack0001', name: 'E2E Slack', type: 'apiConnSlackOAuth2Api' },
	jiraApp: { id: 'e2eCredJiraOAuth', name: 'E2E Jira', type: 'apiConnJiraOAuth2Api' },
	microsoft: {
		id: 'e2eCredMicrosoft',
		name: 'E2E Microsoft 365',
		type: 'apiConnMicrosoft365OAuth2Api',
	},
	// One Google connection per workspace: the service account (its OAuth2 sibling is proven in test/nodes).
	googleSa: {
		id: 'e2eCredGoogleSA1',
		name: 'E2E Google service account',
		type: 'apiConnGoogleServiceAccountApi',
	},
	jiraToken: { id: 'e2eCredJiraApiTk', name: 'E2E Jira API token', type: 'apiConnJiraApi' },
	trello: { id: 'e2eCredTrello001', name: 'E2E Trello', type: 'apiConnTrelloApi' },
	notion: { id: 'e2eCredNotion001', name: 'E2E Notion', type: 'apiConnNotionApi' },
	airtable: { id: 'e2eCredAirtable1', name: 'E2E Airtable', type: 'apiConnAirtableApi' },
	shopify: { id: 'e2eCredShopify01', name: 'E2E Shopify', type: 'apiConnShopifyApi' },
	square: { id: 'e2eCredSquare001', name: 'E2E Square', type: 'apiConnSquareApi' },
	wooCommerce: { id: 'e2eCredWooComm01', name: 'E2E WooCommerce', type: 'apiConnWooCommerceApi' },
	sendGrid: { id: 'e2eCredSendGrid1', name: 'E2E SendGrid', type: 'apiConnSendGridApi' },
	activeCampaign: {
		id: 'e2eCredActiveCp1',
		name: 'E2E ActiveCampaign',
		type: 'apiConnActiveCampaignApi',
	},
	hubspot: { id: 'e2eCredHubspot01', name: 'E2E HubSpot', type: 'apiConnHubspotApi' },
	mailchimp: { id: 'e2eCredMailchmp1', name: 'E2E Mailchimp', type: 'apiConnMailchimpApi' },
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
	instagramOps: 'e2eWfInstaOps001',
	facebook: 'e2eWfFacebook001',
	facebookTrigger: 'e2eWfFbTrigger01',
	facebookAds: 'e2eWfFbAds000001',
	facebookConversations: 'e2eWfFbConvers01',
	linkedIn: 'e2eWfLinkedIn001',
	linkedInTrigger: 'e2eWfLinkedInTr1',
	pinterest: 'e2eWfPinterest01',
	pinterestTrigger: 'e2eWfPinTrigger1',
	x: 'e2eWfXTwitter001',
	xTrigger: 'e2eWfXTrigger001',
	tikTok: 'e2eWfTikTok00001',
	tikTokTrigger: 'e2eWfTikTokTrig1',
	slack: 'e2eWfSlack000001',
	slackTrigger: 'e2eWfSlackTrig01',
	jira: 'e2eWfJira00000001',
	jiraTrigger: 'e2eWfJiraTrigger1',
	microsoft: 'e2eWfMicrosoft01',
	microsoftTrigger: 'e2eWfMicrosoftT1',
	microsoftExcel: 'e2eWfM365Excel01',
	google: 'e2eWfGoogleSa001',
	googleCalendar: 'e2eWfGoogleCal01',
	googleDriveTrigger: 'e2eWfGoogleDrTr1',
	googleDocs: 'e2eWfGoogleDocs1',
	gmail: 'e2eWfGmailSend01',
	gmailTrigger: 'e2eWfGmailTrig01',
	jiraDynamicTrigger: 'e2eWfJiraDynamic1',
	trello: 'e2eWfTrello00001',
	trelloTrigger: 'e2eWfTrelloTrig1',
	notion: 'e2eWfNotion00001',
	/** Before the verification token is pasted: Notion's verification request shows it. */
	notionVerify: 'e2eWfNotionVrfy1',
	notionTrigger: 'e2eWfNotionTrig1',
	airtable: 'e2eWfAirtable001',
	airtableTrigger: 'e2eWfAirtableTr1',
	shopify: 'e2eWfShopify0001',
	shopifyTrigger: 'e2eWfShopifyTrg1',
	square: 'e2eWfSquare00001',
	squareTrigger: 'e2eWfSquareTrig1',
	wooCommerce: 'e2eWfWooComm0001',
	wooCommerceTrigger: 'e2eWfWooCommTrg1',
	sendGrid: 'e2eWfSendGrid001',
	sendGridTrigger: 'e2eWfSendGridTr1',
	activeCampaign: 'e2eWfActiveCp001',
	activeCampaignTrigger: 'e2eWfActiveCpTr1',
	hubspot: 'e2eWfHubspot0001',
	hubspotTrigger: 'e2eWfHubspotTrg1',
	mailchimp: 'e2eWfMailchimp01',
	mailchimpTrigger: 'e2eWfMailchTrg01',
} as const;

/** Trigger webhook ids: the production URL is /webhook/<id>/webhook. */
export const HOOK_ID = {
	stripe: '3a1f0c55-5c0e-4b7a-9d3e-000000000001',
	github: '3a1f0c55-5c0e-4b7a-9d3e-000000000002',
	gitlab: '3a1f0c55-5c0e-4b7a-9d3e-000000000012',
	instagram: '3a1f0c55-5c0e-4b7a-9d3e-000000000003',
	facebook: '3a1f0c55-5c0e-4b7a-9d3e-000000000004',
	x: '3a1f0c55-5c0e-4b7a-9d3e-000000000016',
	tikTok: '3a1f0c55-5c0e-4b7a-9d3e-000000000017',
	slack: '3a1f0c55-5c0e-4b7a-9d3e-0000000051ac',
	jira: '3a1f0c55-5c0e-4b7a-9d3e-000000000018',
	jiraDynamic: '3a1f0c55-5c0e-4b7a-9d3e-000000000026',
	trello: '3a1f0c55-5c0e-4b7a-9d3e-000000000023',
	notion: '3a1f0c55-5c0e-4b7a-9d3e-000000000021',
	notionVerify: '3a1f0c55-5c0e-4b7a-9d3e-00000000021a',
	airtable: '3a1f0c55-5c0e-4b7a-9d3e-000000000022',
	shopify: '3a1f0c55-5c0e-4b7a-9d3e-000000000036',
	square: '3a1f0c55-5c0e-4b7a-9d3e-000000000038',
	wooCommerce: '3a1f0c55-5c0e-4b7a-9d3e-000000000037',
	sendGrid: '3a1f0c55-5c0e-4b7a-9d3e-000000000042',
	activeCampaign: '3a1f0c55-5c0e-4b7a-9d3e-000000000043',
	hubspot: '3a1f0c55-5c0e-4b7a-9d3e-000000000041',
	mailchimp: '3a1f0c55-5c0e-4b7a-9d3e-000000000040',
	googleDrive: '3a1f0c55-5c0e-4b7a-9d3e-000000000032',
	microsoft: '3a1f0c55-5c0e-4b7a-9d3e-000000000034',
} as const;

export const FACEBOOK_VERIFY_TOKEN = 'e2e-fb-verify-91ce';

export function serviceCredentials(): unknown[] {
	// OAuth2 credentials come connected: the token data n8n keeps after the authorization-code flow.
	return [
		{
			...SERVICE_CRED.slack,
			data: {
				clientId: SLACK_CLIENT_ID,
				clientSecret: SLACK_CLIENT_SECRET,
				// Slack's oauth.v2.access answer: the bot token, token_type "bot".
				oauthTokenData: {
					ok: true,
					access_token: SLACK_TOKEN,
					token_type: 'bot',
					scope: 'chat:write,channels:history',
					bot_user_id: 'U0E2EBOT01',
					app_id: 'A0E2E00001',
					team: { id: 'T0E2E00001', name: 'E2E Team' },
				},
			},
		},
		{
			...SERVICE_CRED.x,
			data: {
				clientId: X_CLIENT_ID,
				clientSecret: X_CLIENT_SECRET,
				oauthTokenData: {
					access_token: X_USER_TOKEN,
					refresh_token: X_REFRESH_TOKEN,
					token_type: 'bearer',
					scope:
						'tweet.read tweet.write users.read like.write follows.write media.write offline.access',
				},
			},
		},
		{
			// Most LinkedIn apps get no refresh token: a 60-day access token only.
			...SERVICE_CRED.linkedIn,
			data: {
				clientId: LINKEDIN_CLIENT_ID,
				clientSecret: LINKEDIN_CLIENT_SECRET,
				oauthTokenData: { access_token: LINKEDIN_TOKEN, expires_in: 5184000 },
			},
		},
		{
			...SERVICE_CRED.xApp,
			data: { accessToken: X_APP_BEARER, consumerSecret: X_CONSUMER_SECRET },
		},
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
		{
			...SERVICE_CRED.tikTok,
			data: {
				clientId: TIKTOK_CLIENT_KEY,
				clientSecret: TIKTOK_CLIENT_SECRET,
				authentication: 'body',
				oauthTokenData: {
					access_token: TIKTOK_TOKEN,
					token_type: 'Bearer',
					scope: 'user.info.basic,user.info.stats,video.publish,video.upload,video.list',
				},
			},
		},
		{
			// The JSON key file and the products: n8n resolves the hidden Scope expression from them itself.
			...SERVICE_CRED.googleSa,
			data: {
				privateKeyFile: JSON.stringify(GOOGLE_SA_KEY_FILE),
				delegatedUser: 'e2e.ops@acme.example',
				products: ['sheets', 'drive', 'docs', 'gmail', 'calendar'],
				driveAccess: 'all',
				mailAccess: ['send', 'read'],
			},
		},
		{
			...SERVICE_CRED.notion,
			data: { accessToken: NOTION_TOKEN },
		},
		{
			// No Cloud ID: the node finds it through accessible-resources (the token's only site).
			...SERVICE_CRED.jiraApp,
			data: {
				clientId: 'e2eFakeJiraClientId',
				clientSecret: JIRA_CLIENT_SECRET,
				oauthTokenData: {
					access_token: JIRA_OAUTH_TOKEN,
					token_type: 'Bearer',
					expires_in: 3600,
					scope: 'read:jira-work write:jira-work read:jira-user manage:jira-webhook offline_access',
				},
			},
		},
		{
			// Only for the admin-webhook trigger, which never calls Jira (so it is no second Jira connection).
			...SERVICE_CRED.jiraToken,
			data: { apiUrl: JIRA_SITE, email: 'e2e.ops@acme.example', apiToken: JIRA_API_TOKEN },
		},
		{
			// One Microsoft 365 connection for Outlook and OneDrive: the tenant fills the v2 endpoints' URLs.
			...SERVICE_CRED.microsoft,
			data: {
				tenantId: 'organizations',
				clientId: '6731de76-14a6-49ae-97bc-6eba6914391e',
				clientSecret: MICROSOFT_CLIENT_SECRET,
				oauthTokenData: {
					access_token: MICROSOFT_TOKEN,
					refresh_token: MICROSOFT_REFRESH_TOKEN,
					token_type: 'Bearer',
					expires_in: 3600,
					scope: 'User.Read Mail.ReadWrite Mail.Send Files.ReadWrite',
				},
			},
		},
		{
			...SERVICE_CRED.trello,
			data: { apiKey: TRELLO_KEY, apiToken: TRELLO_TOKEN, apiSecret: TRELLO_SECRET },
		},
		{ ...SERVICE_CRED.airtable, data: { accessToken: AIRTABLE_TOKEN } },
		{
			...SERVICE_CRED.shopify,
			data: {
				shop: `${SHOPIFY_SHOP}.myshopify.com`,
				apiVersion: '2026-01',
				accessToken: SHOPIFY_TOKEN,
				clientSecret: SHOPIFY_CLIENT_SECRET,
			},
		},
		{
			...SERVICE_CRED.square,
			data: { environment: 'https://connect.squareup.com', accessToken: SQUARE_TOKEN },
		},
		{ ...SERVICE_CRED.hubspot, data: { accessToken: HUBSPOT_TOKEN } },
		{
			...SERVICE_CRED.wooCommerce,
			data: {
				url: WOO_STORE,
				consumerKey: WOO_KEY,
				consumerSecret: WOO_SECRET,
				keysIn: 'header',
				plainHttp: 'refuse',
			},
		},
		{ ...SERVICE_CRED.mailchimp, data: { apiKey: MAILCHIMP_KEY } },
		{
			...SERVICE_CRED.sendGrid,
			data: { accessToken: SENDGRID_KEY, apiUrl: 'https://api.sendgrid.com', onBehalfOf: '' },
		},
		{ ...SERVICE_CRED.activeCampaign, data: { apiUrl: AC_URL, apiKey: AC_KEY } },
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
	const {
		stripe,
		github,
		gitlab,
		instagram,
		facebook,
		facebookAds,
		pinterest,
		x,
		xApp,
		linkedIn,
		tikTok,
		slack,
		jiraApp,
		microsoft,
		googleSa,
		jiraToken,
		trello,
		notion,
	} = SERVICE_CRED;
	return [
		chain(SERVICE_WF.slack, 'E2E: Slack', [
			manualTrigger(),
			node(
				'Post',
				'slack',
				{
					resource: 'message',
					operation: 'post',
					channel: SLACK_CHANNEL,
					text: 'Deploy finished',
					additionalFields: {
						blocks:
							'[{"type": "section", "text": {"type": "mrkdwn", "text": "*Deploy* finished"}}]',
					},
				},
				[260, 0],
				slack,
			),
			node(
				'History',
				'slack',
				{ resource: 'conversation', operation: 'history', channel: SLACK_CHANNEL, returnAll: true },
				[520, 0],
				slack,
			),
		]),
		// Square: a card payment (idempotency_key in the body), then the seller the token acts for.
		chain(SERVICE_WF.square, 'E2E: Square', [
			manualTrigger(),
			node(
				'Create payment',
				'square',
				{
					resource: 'payment',
					operation: 'create',
					sourceId: 'cnon:card-nonce-ok',
					amountMoneyAmount: 1250,
					amountMoneyCurrency: 'USD',
					additionalFields: { locationId: SQUARE_LOCATION, note: 'Two flat whites' },
				},
				[260, 0],
				SERVICE_CRED.square,
			),
			node(
				'Seller',
				'square',
				{ resource: 'merchant', operation: 'getMe' },
				[520, 0],
				SERVICE_CRED.square,
			),
		]),
		chain(SERVICE_WF.squareTrigger, 'E2E: Square Trigger', [
			node(
				'Square Trigger',
				'squareTrigger',
				{ events: ['payment.created', 'refund.created'] },
				[0, 0],
				SERVICE_CRED.square,
				HOOK_ID.square,
			),
		]),
		// HubSpot: leads searched, then updated in one batch/update (Batch Items), then a form submitted per contact
		// on api.hsforms.com (without the token), then the account.
		chain(SERVICE_WF.hubspot, 'E2E: HubSpot', [
			manualTrigger(),
			node(
				'Search leads',
				'hubspot',
				{
					resource: 'contact',
					operation: 'search',
					returnAll: true,
					additionalFields: {
						filterGroups:
							'[{"filters": [{"propertyName": "lifecyclestage", "operator": "EQ", "value": "lead"}]}]',
						properties: ['email', 'lifecyclestage'],
					},
				},
				[260, 0],
				SERVICE_CRED.hubspot,
			),
			node(
				'Make customers',
				'hubspot',
				{
					resource: 'contact',
					operation: 'update',
					objectId: '={{ $json.id }}',
					properties: { pairs: [{ key: 'lifecyclestage', value: 'customer' }] },
					options: { batchItems: true },
				},
				[520, 0],
				SERVICE_CRED.hubspot,
			),
			node(
				'Submit form',
				'hubspot',
				{
					resource: 'form',
					operation: 'submit',
					portalId: String(HUBSPOT_PORTAL),
					formGuid: HUBSPOT_FORM,
					fields: { pairs: [{ key: 'email', value: '={{ $json.properties.email }}' }] },
				},
				[780, 0],
				SERVICE_CRED.hubspot,
			),
			node(
				'Account',
				'hubspot',
				{ resource: 'account', operation: 'getMe' },
				[1040, 0],
				SERVICE_CRED.hubspot,
			),
		]),
		chain(SERVICE_WF.hubspotTrigger, 'E2E: HubSpot Trigger', [
			node(
				'HubSpot Trigger',
				'hubspotTrigger',
				{ events: ['contact.creation'], signingSecret: HUBSPOT_CLIENT_SECRET },
				[0, 0],
				SERVICE_CRED.hubspot,
				HOOK_ID.hubspot,
			),
		]),
		// WooCommerce: the processing orders over two Link pages (Return All), the keys as HTTP Basic.
		chain(SERVICE_WF.wooCommerce, 'E2E: WooCommerce', [
			manualTrigger(),
			node(
				'Orders',
				'wooCommerce',
				{
					resource: 'order',
					operation: 'getMany',
					returnAll: true,
					additionalFields: { status: ['processing'] },
				},
				[260, 0],
				SERVICE_CRED.wooCommerce,
			),
		]),
		chain(SERVICE_WF.wooCommerceTrigger, 'E2E: WooCommerce Trigger', [
			node(
				'WooCommerce Trigger',
				'wooCommerceTrigger',
				{ events: ['order.created'] },
				[0, 0],
				SERVICE_CRED.wooCommerce,
				HOOK_ID.wooCommerce,
			),
		]),
		// Mailchimp, the seed's guide: add a member (PUT by the MD5 of the lower-cased e-mail), create a campaign
		// for the audience, send it.
		chain(SERVICE_WF.mailchimp, 'E2E: Mailchimp', [
			manualTrigger(),
			node(
				'Add member',
				'mailchimp',
				{
					resource: 'member',
					operation: 'upsert',
					listId: MAILCHIMP_LIST,
					subscriberHash: 'E2E.Reader@Example.com',
					statusIfNew: 'subscribed',
					additionalFields: { mergeFields: '{"FNAME": "E2E"}' },
				},
				[260, 0],
				SERVICE_CRED.mailchimp,
			),
			node(
				'Create campaign',
				'mailchimp',
				{
					resource: 'campaign',
					operation: 'create',
					type: 'regular',
					recipientsListId: '={{ $json.list_id }}',
					additionalFields: { settingsSubjectLine: 'E2E news', settingsFromName: 'E2E' },
				},
				[520, 0],
				SERVICE_CRED.mailchimp,
			),
			node(
				'Send campaign',
				'mailchimp',
				{ resource: 'campaign', operation: 'send', campaignId: '={{ $json.id }}' },
				[780, 0],
				SERVICE_CRED.mailchimp,
			),
		]),
		chain(SERVICE_WF.mailchimpTrigger, 'E2E: Mailchimp Trigger', [
			node(
				'Mailchimp Trigger',
				'mailchimpTrigger',
				{ listId: MAILCHIMP_LIST, events: ['subscribe'], sources: ['user', 'admin'] },
				[0, 0],
				SERVICE_CRED.mailchimp,
				HOOK_ID.mailchimp,
			),
		]),
		// SendGrid: a templated message with a binary attachment (the item as a JSON file; 202 + X-Message-Id), a contact upserted and its
		// import job waited for.
		chain(SERVICE_WF.sendGrid, 'E2E: SendGrid', [
			manualTrigger(),
			{
				id: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
				name: 'Attachment',
				type: 'n8n-nodes-base.convertToFile',
				typeVersion: 1.1,
				position: [130, 0],
				parameters: {
					operation: 'toJson',
					mode: 'each',
					binaryPropertyName: 'data',
					options: { fileName: 'order-1234.json' },
				},
			},
			node(
				'Send',
				'sendGrid',
				{
					resource: 'mail',
					operation: 'send',
					fromEmail: 'orders@example.com',
					toEmail: 'Ada Lovelace <ada@example.com>',
					additionalFields: {
						templateId: 'd-13b8f94fbcae4ec6b75270d6cb59f932',
						dynamicTemplateData: '{"order_id":"1234"}',
						categories: 'orders',
						attachments: 'data',
					},
				},
				[260, 0],
				SERVICE_CRED.sendGrid,
			),
			node(
				'Contact',
				'sendGrid',
				{
					resource: 'contact',
					operation: 'upsert',
					email: 'ada@example.com',
					additionalFields: { firstName: 'Ada', waitForImport: true, maxWaitSeconds: 30 },
				},
				[520, 0],
				SERVICE_CRED.sendGrid,
			),
		]),
		chain(SERVICE_WF.sendGridTrigger, 'E2E: SendGrid Trigger', [
			node(
				'SendGrid Trigger',
				'sendGridTrigger',
				{ events: ['delivered', 'bounce'] },
				[0, 0],
				SERVICE_CRED.sendGrid,
				HOOK_ID.sendGrid,
			),
		]),
		// ActiveCampaign: a contact synced by e-mail, tagged (its ID from the sync), then every contact (Return All).
		chain(SERVICE_WF.activeCampaign, 'E2E: ActiveCampaign', [
			manualTrigger(),
			node(
				'Sync contact',
				'activeCampaign',
				{
					resource: 'contact',
					operation: 'sync',
					email: 'johndoe@example.com',
					additionalFields: { firstName: 'John' },
				},
				[260, 0],
				SERVICE_CRED.activeCampaign,
			),
			node(
				'Tag contact',
				'activeCampaign',
				{ resource: 'contactTag', operation: 'add', contact: '={{ $json.id }}', tag: 20 },
				[520, 0],
				SERVICE_CRED.activeCampaign,
			),
			node(
				'Contacts',
				'activeCampaign',
				{ resource: 'contact', operation: 'getMany', returnAll: true },
				[780, 0],
				SERVICE_CRED.activeCampaign,
			),
		]),
		chain(SERVICE_WF.activeCampaignTrigger, 'E2E: ActiveCampaign Trigger', [
			node(
				'ActiveCampaign Trigger',
				'activeCampaignTrigger',
				{ events: ['subscribe'], sources: ['admin', 'api'] },
				[0, 0],
				SERVICE_CRED.activeCampaign,
				HOOK_ID.activeCampaign,
			),
		]),
		// A Calendar event with a guest and a Google Meet link, on the same Google connection.
		chain(SERVICE_WF.googleCalendar, 'E2E: Google Calendar', [
			manualTrigger(),
			node(
				'Create event',
				'googleCalendar',
				{
					authentication: 'apiConnGoogleServiceAccountApi',
					resource: 'event',
					operation: 'create',
					calendarId: 'primary',
					additionalFields: {
						summary: 'Stock review',
						start: '2026-12-14T10:00:00+01:00',
						end: '2026-12-14T10:30:00+01:00',
						timeZone: 'Europe/Berlin',
						attendees: 'ben@acme.example',
						addMeet: true,
						sendUpdates: 'all',
					},
				},
				[260, 0],
				googleSa,
			),
		]),
		chain(SERVICE_WF.googleDriveTrigger, 'E2E: Google Drive Trigger', [
			node(
				'Google Drive Trigger',
				'googleDriveTrigger',
				{ authentication: 'apiConnGoogleServiceAccountApi', events: ['change'] },
				[0, 0],
				googleSa,
				HOOK_ID.googleDrive,
			),
		]),
		// Google Docs on the same connection: a document created in a Drive folder, a line appended, read back as text.
		chain(SERVICE_WF.googleDocs, 'E2E: Google Docs', [
			manualTrigger(),
			node(
				'New doc',
				'googleDocs',
				{
					authentication: 'apiConnGoogleServiceAccountApi',
					resource: 'document',
					operation: 'create',
					title: 'Stock report',
					additionalFields: { folderId: '1e2eNewFolder' },
				},
				[260, 0],
				googleSa,
			),
			node(
				'Append',
				'googleDocs',
				{
					authentication: 'apiConnGoogleServiceAccountApi',
					resource: 'document',
					operation: 'appendText',
					documentId: '={{ $json.documentId }}',
					text: 'Seats in stock: 0\n',
					additionalFields: { requiredRevisionId: '={{ $json.revisionId }}' },
				},
				[520, 0],
				googleSa,
			),
			node(
				'Read',
				'googleDocs',
				{
					authentication: 'apiConnGoogleServiceAccountApi',
					resource: 'document',
					operation: 'get',
					documentId: '={{ $json.documentId }}',
				},
				[780, 0],
				googleSa,
			),
		]),
		chain(SERVICE_WF.slackTrigger, 'E2E: Slack Trigger', [
			node(
				'Slack Trigger',
				'slackTrigger',
				{ events: ['app_mention', '/*'], signingSecret: SLACK_SIGNING_SECRET },
				[0, 0],
				slack,
				HOOK_ID.slack,
			),
		]),
		chain(SERVICE_WF.linkedIn, 'E2E: LinkedIn', [
			manualTrigger(),
			node('Me', 'linkedIn', { resource: 'account', operation: 'getMe' }, [260, 0], linkedIn),
			node(
				'Create post',
				'linkedIn',
				{
					resource: 'post',
					operation: 'create',
					author: '={{ "urn:li:person:" + $json.sub }}',
					commentary: '={{ "Hello from " + $json.name }}',
					visibility: 'PUBLIC',
				},
				[520, 0],
				linkedIn,
			),
			node(
				'My posts',
				'linkedIn',
				{
					resource: 'post',
					operation: 'getMany',
					author: '={{ "urn:li:person:" + $("Me").item.json.sub }}',
					returnAll: true,
				},
				[780, 0],
				linkedIn,
			),
		]),
		chain(SERVICE_WF.linkedInTrigger, 'E2E: LinkedIn Trigger', [
			node(
				'LinkedIn Trigger',
				'linkedInTrigger',
				{
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					event: 'newSocialAction',
					organizationalEntity: LINKEDIN_ORG,
					actions: ['COMMENT', 'SHARE_MENTION'],
				},
				[0, 0],
				linkedIn,
			),
		]),
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
		// X (Twitter): who am I → a post (the seed's POST /2/tweets) → the user's posts, all of them (two pages).
		chain(SERVICE_WF.x, 'E2E: X (Twitter)', [
			manualTrigger(),
			node('Me', 'xTwitter', { resource: 'user', operation: 'getMe' }, [260, 0], x),
			node(
				'Post',
				'xTwitter',
				{
					resource: 'post',
					operation: 'create',
					text: '={{ "Hello from @" + $json.data.username }}',
				},
				[520, 0],
				x,
			),
			node(
				'My posts',
				'xTwitter',
				{
					resource: 'post',
					operation: 'getUserPosts',
					userId: "={{ $('Me').item.json.data.id }}",
					returnAll: true,
				},
				[780, 0],
				x,
			),
		]),
		// The Account Activity webhook: registered with the app-only Bearer Token, verified with the consumer secret.
		chain(SERVICE_WF.xTrigger, 'E2E: X (Twitter) Trigger', [
			node(
				'X Trigger',
				'xTwitterTrigger',
				{ authentication: xApp.type, events: ['favorite_events'] },
				[0, 0],
				xApp,
				HOOK_ID.x,
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
		// Issue 15's Instagram operations in one run; each answers one item, so each node runs once.
		chain(SERVICE_WF.instagramOps, 'E2E: Instagram operations', [
			manualTrigger(),
			node(
				'Comment',
				'instagram',
				{
					resource: 'comment',
					operation: 'create',
					mediaId: '17920238422030506',
					message: 'Thanks for reading!',
				},
				[260, 0],
				instagram,
			),
			node(
				'Stories',
				'instagram',
				{ resource: 'media', operation: 'getStories', accountId: 'me', returnAll: true },
				[520, 0],
				instagram,
			),
			node(
				'Tagged',
				'instagram',
				{ resource: 'media', operation: 'getTagged', accountId: 'me', returnAll: true },
				[780, 0],
				instagram,
			),
			node(
				'Mentioned media',
				'instagram',
				{ resource: 'mention', operation: 'getMedia', accountId: 'me', mediaId: '={{ $json.id }}' },
				[1040, 0],
				instagram,
			),
			node(
				'Reply to mention',
				'instagram',
				{
					resource: 'mention',
					operation: 'reply',
					accountId: 'me',
					media_id: '={{ $json.id }}',
					message: 'Thank you!',
				},
				[1300, 0],
				instagram,
			),
			node(
				'Carousel',
				'instagram',
				{
					resource: 'media',
					operation: 'publishCarousel',
					accountId: 'me',
					mediaUrls: 'https://cdn.example.com/e2e-1.jpg,https://cdn.example.com/e2e-2.mp4',
					additionalFields: { caption: 'Two of a kind' },
				},
				[1560, 0],
				instagram,
			),
			{
				id: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
				name: 'Video file',
				type: 'n8n-nodes-base.convertToFile',
				typeVersion: 1.1,
				position: [1820, 0],
				parameters: {
					operation: 'toJson',
					mode: 'each',
					binaryPropertyName: 'data',
					options: { fileName: 'reel.mp4' },
				},
			},
			node(
				'Upload reel',
				'instagram',
				{
					resource: 'media',
					operation: 'uploadAndPublish',
					accountId: 'me',
					binaryPropertyName: 'data',
					media_type: 'REELS',
					additionalFields: { caption: 'Uploaded from n8n', pollIntervalSeconds: 1 },
				},
				[2080, 0],
				instagram,
			),
			node(
				'Publishing limit',
				'instagram',
				{ resource: 'media', operation: 'getPublishingLimit', accountId: 'me' },
				[2340, 0],
				instagram,
			),
		]),
		chain(SERVICE_WF.instagramTrigger, 'E2E: Instagram Trigger', [
			node(
				'Instagram Trigger',
				'instagramTrigger',
				// No Verify Token: the node makes one and gives it to Meta when it registers.
				{ events: ['comments'] },
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
		chain(SERVICE_WF.tikTok, 'E2E: TikTok', [
			manualTrigger(),
			node('Me', 'tikTok', { resource: 'user', operation: 'getInfo' }, [260, 0], tikTok),
			node(
				'Post video',
				'tikTok',
				{
					resource: 'video',
					operation: 'postFromUrl',
					videoUrl: 'https://media.example.com/e2e/latte-art.mp4',
					privacyLevel: 'SELF_ONLY',
					additionalFields: {
						title: '={{ "Latte art by " + $json.display_name + " #barista" }}',
						pollIntervalSeconds: 2,
					},
				},
				[520, 0],
				tikTok,
			),
		]),
		chain(SERVICE_WF.tikTokTrigger, 'E2E: TikTok Trigger', [
			node(
				'TikTok Trigger',
				'tikTokTrigger',
				{ events: ['post.publish.*', 'authorization.removed'] },
				[0, 0],
				tikTok,
				HOOK_ID.tikTok,
			),
		]),
		// One Jira connection per workspace: the OAuth 2.0 (3LO) app; its cloud id comes from accessible-resources.
		chain(SERVICE_WF.jira, 'E2E: Jira', [
			manualTrigger(),
			node(
				'Sites',
				'jira',
				{ authentication: 'apiConnJiraOAuth2Api', resource: 'site', operation: 'getAccessible' },
				[260, 0],
				jiraApp,
			),
			node(
				'Create issue',
				'jira',
				{
					authentication: 'apiConnJiraOAuth2Api',
					resource: 'issue',
					operation: 'create',
					projectKey: 'E2E',
					issueType: 'Bug',
					summary: 'Espresso machine leaks',
					additionalFields: {
						description: 'Water under the machine.\n\nSeen twice this week.',
						labels: 'kitchen,e2e',
					},
				},
				[520, 0],
				jiraApp,
			),
			node(
				'Search',
				'jira',
				{
					authentication: 'apiConnJiraOAuth2Api',
					resource: 'issue',
					operation: 'search',
					jql: 'project = E2E',
					returnAll: true,
				},
				[780, 0],
				jiraApp,
			),
		]),
		// Outlook and OneDrive on the one Microsoft 365 connection; the download's SharePoint URL gets no token.
		chain(SERVICE_WF.microsoft, 'E2E: Microsoft 365', [
			manualTrigger(),
			node(
				'Send mail',
				'outlook',
				{
					resource: 'message',
					operation: 'send',
					user: 'me',
					toRecipients: 'Adele Vance <adele@contoso.example>',
					subject: 'Q1 budget',
					bodyContent: '<p>The numbers are <b>final</b>.</p>',
					bodyContentType: 'HTML',
				},
				[260, 0],
				microsoft,
			),
			node(
				'Get by path',
				'oneDrive',
				{ resource: 'item', operation: 'getByPath', user: 'me', itemPath: 'Reports/Q1 budget.csv' },
				[520, 0],
				microsoft,
			),
			node(
				'Download',
				'oneDrive',
				{ resource: 'file', operation: 'download', user: 'me', itemId: '={{ $json.id }}' },
				[780, 0],
				microsoft,
			),
			node(
				'Unread',
				'outlook',
				{
					resource: 'message',
					operation: 'getManyInFolder',
					user: 'me',
					folderId: 'inbox',
					returnAll: true,
					additionalFields: { filter: 'isRead eq false' },
				},
				[1040, 0],
				microsoft,
			),
		]),
		// A folder's files through Graph's $batch, then a row per file into an Excel table in one workbook session.
		chain(SERVICE_WF.microsoftExcel, 'E2E: Microsoft 365 Excel and $batch', [
			manualTrigger(),
			node(
				'Reports',
				'oneDrive',
				{
					resource: 'folder',
					operation: 'getChildren',
					user: 'me',
					itemId: REPORTS_FOLDER,
					returnAll: true,
				},
				[260, 0],
				microsoft,
			),
			node(
				'Get batched',
				'oneDrive',
				{
					resource: 'item',
					operation: 'get',
					user: 'me',
					itemId: '={{ $json.id }}',
					options: { batchItems: true },
				},
				[520, 0],
				microsoft,
			),
			node(
				'Add rows',
				'excel',
				{
					resource: 'table',
					operation: 'addRows',
					user: 'me',
					workbookBy: 'path',
					workbookPath: 'Reports/Q1 budget.xlsx',
					table: 'Sales',
					values: '={{ JSON.stringify([[$json.name, $json.size]]) }}',
				},
				[780, 0],
				microsoft,
			),
		]),
		// Google Sheets and Google Drive on one Google connection, a service account's JWT bearer grant.
		chain(SERVICE_WF.google, 'E2E: Google Workspace', [
			manualTrigger(),
			node(
				'Append row',
				'googleSheets',
				{
					authentication: 'apiConnGoogleServiceAccountApi',
					resource: 'row',
					operation: 'append',
					spreadsheetId: GOOGLE_SHEET_ID,
					sheetName: 'Inventory',
					row: '{"Item": "Seat", "Stocked": 0, "Cost": "$35"}',
				},
				[260, 0],
				googleSa,
			),
			node(
				'Look up',
				'googleSheets',
				{
					authentication: 'apiConnGoogleServiceAccountApi',
					resource: 'row',
					operation: 'lookup',
					spreadsheetId: GOOGLE_SHEET_ID,
					sheetName: 'Inventory',
					lookupColumn: 'Item',
					lookupValue: 'Seat',
				},
				[520, 0],
				googleSa,
			),
			node(
				'New folder',
				'googleDrive',
				{
					authentication: 'apiConnGoogleServiceAccountApi',
					resource: 'folder',
					operation: 'create',
					name: '={{ "Stock " + $json.Item }}',
				},
				[780, 0],
				googleSa,
			),
			node(
				'Search files',
				'googleDrive',
				{
					authentication: 'apiConnGoogleServiceAccountApi',
					resource: 'file',
					operation: 'getMany',
					returnAll: true,
					additionalFields: { q: "name contains 'Invoice' and trashed = false" },
				},
				[1040, 0],
				googleSa,
			),
		]),
		// Gmail on the same Google connection: send a message (the RFC 2822 message built by the node), read one.
		chain(SERVICE_WF.gmail, 'E2E: Gmail', [
			manualTrigger(),
			node(
				'Send',
				'gmail',
				{
					authentication: 'apiConnGoogleServiceAccountApi',
					resource: 'message',
					operation: 'send',
					to: 'Zoë Müller <zoe@example.com>',
					subject: 'Grüße from n8n',
					additionalFields: {
						cc: 'ops@example.com',
						text: 'Plain hello',
						html: '<p>HTML <b>hello</b></p>',
					},
				},
				[260, 0],
				googleSa,
			),
			node(
				'Get',
				'gmail',
				{
					authentication: 'apiConnGoogleServiceAccountApi',
					resource: 'message',
					operation: 'get',
					messageId: 'e2eInbox0',
				},
				[520, 0],
				googleSa,
			),
		]),
		chain(SERVICE_WF.gmailTrigger, 'E2E: Gmail Trigger', [
			node(
				'Gmail Trigger',
				'gmailTrigger',
				{
					authentication: 'apiConnGoogleServiceAccountApi',
					labelIds: 'INBOX',
					pollTimes: { item: [{ mode: 'everyMinute' }] },
				},
				[0, 0],
				googleSa,
			),
		]),
		chain(SERVICE_WF.jiraTrigger, 'E2E: Jira Trigger', [
			node(
				'Jira Trigger',
				'jiraTrigger',
				{
					authentication: 'apiConnJiraApi',
					events: ['jira:issue_created'],
					signingSecret: JIRA_WEBHOOK_SECRET,
				},
				[0, 0],
				jiraToken,
				HOOK_ID.jira,
			),
		]),
		chain(SERVICE_WF.jiraDynamicTrigger, 'E2E: Jira Trigger (OAuth2 dynamic webhook)', [
			node(
				'Jira Trigger',
				'jiraTrigger',
				{
					authentication: 'apiConnJiraOAuth2Api',
					events: ['jira:issue_created', 'comment_created'],
					jqlFilter: 'project = E2E',
				},
				[0, 0],
				jiraApp,
				HOOK_ID.jiraDynamic,
			),
		]),
		// Trello: a card created in a list, a comment on it, the list's cards; key and token in the OAuth header.
		chain(SERVICE_WF.trello, 'E2E: Trello', [
			manualTrigger(),
			node(
				'Create card',
				'trello',
				{
					resource: 'card',
					operation: 'create',
					idList: TRELLO_LIST,
					additionalFields: {
						name: 'Descale the espresso machine',
						desc: 'Every Friday',
						pos: 'top',
					},
				},
				[260, 0],
				trello,
			),
			node(
				'Comment',
				'trello',
				{
					resource: 'comment',
					operation: 'add',
					id: '={{ $json.id }}',
					text: 'Done for this week',
				},
				[520, 0],
				trello,
			),
			node(
				'Cards',
				'trello',
				{ resource: 'card', operation: 'getManyInList', id: TRELLO_LIST, returnAll: true },
				[780, 0],
				trello,
			),
		]),
		chain(SERVICE_WF.trelloTrigger, 'E2E: Trello Trigger', [
			node(
				'Trello Trigger',
				'trelloTrigger',
				{ idModel: TRELLO_BOARD, events: ['createCard', 'updateCard'] },
				[0, 0],
				trello,
				HOOK_ID.trello,
			),
		]),
		chain(SERVICE_WF.airtable, 'E2E: Airtable', [
			manualTrigger(),
			node(
				'List',
				'airtable',
				{
					resource: 'record',
					operation: 'getMany',
					baseId: AIRTABLE_BASE,
					tableIdOrName: 'Drinks',
					returnAll: true,
				},
				[260, 0],
				SERVICE_CRED.airtable,
			),
			node(
				'Copy',
				'airtable',
				{
					resource: 'record',
					operation: 'create',
					baseId: AIRTABLE_BASE,
					tableIdOrName: 'Drinks',
					fields: '={{ JSON.stringify({ Name: $json.fields.Name + " (copy)" }) }}',
					additionalFields: { typecast: true },
					options: { batchItems: true },
				},
				[520, 0],
				SERVICE_CRED.airtable,
			),
		]),
		// A product with an option and two variants in one productSet mutation, then a metafield on it.
		chain(SERVICE_WF.shopify, 'E2E: Shopify', [
			manualTrigger(),
			node(
				'Create product',
				'shopify',
				{
					resource: 'product',
					operation: 'create',
					title: 'E2E Tee',
					additionalFields: {
						status: 'DRAFT',
						productOptions: '[{"name": "Size", "values": [{"name": "S"}, {"name": "M"}]}]',
						variants:
							'[{"optionValues": [{"optionName": "Size", "name": "S"}], "price": "19.99", "sku": "E2E-S"}, {"optionValues": [{"optionName": "Size", "name": "M"}], "price": "21.99", "sku": "E2E-M"}]',
					},
				},
				[260, 0],
				SERVICE_CRED.shopify,
			),
			// A metafield on the product just made (metafieldsSet, the owner's global ID from the item).
			node(
				'Set care guide',
				'shopify',
				{
					resource: 'metafield',
					operation: 'set',
					ownerId: '={{ $json.id }}',
					key: 'care_guide',
					value: 'Wash cold',
					additionalFields: { namespace: 'custom', type: 'single_line_text_field' },
					options: { batchItems: true },
				},
				[520, 0],
				SERVICE_CRED.shopify,
			),
		]),
		// The seed's "Shopify order created".
		chain(SERVICE_WF.shopifyTrigger, 'E2E: Shopify Trigger', [
			node(
				'Shopify Trigger',
				'shopifyTrigger',
				{ events: ['orders/create'] },
				[0, 0],
				SERVICE_CRED.shopify,
				HOOK_ID.shopify,
			),
		]),
		// Graph change notifications on the inbox: a subscription the Graph fake validates, notifications with clientState.
		chain(SERVICE_WF.microsoftTrigger, 'E2E: Microsoft 365 Trigger', [
			node(
				'Microsoft 365 Trigger',
				'outlookTrigger',
				{ watch: 'messages', user: 'me', folderId: 'inbox', events: ['created'] },
				[0, 0],
				microsoft,
				HOOK_ID.microsoft,
			),
		]),
		chain(SERVICE_WF.airtableTrigger, 'E2E: Airtable Trigger', [
			node(
				'Airtable Trigger',
				'airtableTrigger',
				{ baseId: AIRTABLE_BASE, events: ['record.created'] },
				[0, 0],
				SERVICE_CRED.airtable,
				HOOK_ID.airtable,
			),
		]),
		// A page in a database (resolved to its data source) with typed properties and content, then the query.
		chain(SERVICE_WF.notion, 'E2E: Notion', [
			manualTrigger(),
			node(
				'Create page',
				'notion',
				{
					authentication: 'apiConnNotionApi',
					resource: 'page',
					operation: 'create',
					parentType: 'database',
					parentId: `https://www.notion.so/e2e/${NOTION_DATABASE}?v=1`,
					additionalFields: {
						title: 'Tuscan kale',
						properties: {
							pairs: [
								{ key: 'Price', value: '2.5' },
								{ key: 'In stock', value: 'true' },
							],
						},
						content: `# Recipe\n[ ] Buy garlic\n${'k'.repeat(2500)}`,
					},
				},
				[260, 0],
				notion,
			),
			node(
				'Query',
				'notion',
				{
					authentication: 'apiConnNotionApi',
					resource: 'database',
					operation: 'query',
					idType: 'database',
					data_source_id: NOTION_DATABASE,
					returnAll: true,
					additionalFields: { sortProperty: 'Price', sortDirection: 'descending', simplify: true },
				},
				[520, 0],
				notion,
			),
		]),
		chain(SERVICE_WF.notionVerify, 'E2E: Notion Trigger (before verification)', [
			node(
				'Notion Trigger',
				'notionTrigger',
				{ authentication: 'apiConnNotionApi', events: ['page.*'], signingSecret: '' },
				[0, 0],
				notion,
				HOOK_ID.notionVerify,
			),
		]),
		chain(SERVICE_WF.notionTrigger, 'E2E: Notion Trigger', [
			node(
				'Notion Trigger',
				'notionTrigger',
				{
					authentication: 'apiConnNotionApi',
					events: ['page.*'],
					signingSecret: NOTION_VERIFICATION_TOKEN,
				},
				[0, 0],
				notion,
				HOOK_ID.notion,
			),
		]),
	];
}
