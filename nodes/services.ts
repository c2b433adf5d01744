/** Every service definition the package ships; the conformance tests run over this list. */
import type { ServiceDefinition } from '../lib/spec/types';
import { facebookPagesDefinition } from './FacebookPages/FacebookPages.service';
import { instagramDefinition } from './Instagram/Instagram.service';
import { customApiSpec } from './CustomApi/CustomApi.service';
import { facebookAdsDefinition } from './FacebookAds/FacebookAds.service';
import { githubDefinition } from './Github/Github.service';
import { graphQlSpec } from './GraphQl/GraphQl.service';
import { stripeDefinition } from './Stripe/Stripe.service';
import { pinterestDefinition } from './Pinterest/Pinterest.service';
import { gitlabDefinition } from './Gitlab/Gitlab.service';
import { xTwitterDefinition } from './XTwitter/XTwitter.service';
import { linkedInDefinition } from './LinkedIn/LinkedIn.service';
import { tikTokDefinition } from './TikTok/TikTok.service';
import { slackDefinition } from './Slack/Slack.service';
import { jiraDefinition } from './Jira/Jira.service';
import { notionDefinition } from './Notion/Notion.service';
import { outlookDefinition } from './Outlook/Outlook.service';
import { oneDriveDefinition } from './OneDrive/OneDrive.service';
import { excelDefinition } from './Excel/Excel.service';
import { wordDefinition } from './Word/Word.service';
import { googleSheetsDefinition } from './GoogleSheets/GoogleSheets.service';
import { googleDriveDefinition } from './GoogleDrive/GoogleDrive.service';
import { gmailDefinition } from './Gmail/Gmail.service';
import { googleDocsDefinition } from './GoogleDocs/GoogleDocs.service';
import { googleCalendarDefinition } from './GoogleCalendar/GoogleCalendar.service';
import { airtableDefinition } from './Airtable/Airtable.service';
import { trelloDefinition } from './Trello/Trello.service';
import { wooCommerceDefinition } from './WooCommerce/WooCommerce.service';
import { squareDefinition } from './Square/Square.service';
import { shopifyDefinition } from './Shopify/Shopify.service';
import { sendGridDefinition } from './SendGrid/SendGrid.service';
import { activeCampaignDefinition } from './ActiveCampaign/ActiveCampaign.service';
import { hubspotDefinition } from './Hubspot/Hubspot.service';
import { mailchimpDefinition } from './Mailchimp/Mailchimp.service';

export const services: ServiceDefinition[] = [
	{ spec: customApiSpec },
	{ spec: graphQlSpec },
	stripeDefinition,
	instagramDefinition,
	facebookPagesDefinition,
	facebookAdsDefinition,
	githubDefinition,
	pinterestDefinition,
	gitlabDefinition,
	xTwitterDefinition,
	linkedInDefinition,
	tikTokDefinition,
	slackDefinition,
	jiraDefinition,
	notionDefinition,
	outlookDefinition,
	oneDriveDefinition,
	excelDefinition,
	wordDefinition,
	googleSheetsDefinition,
	googleDriveDefinition,
	gmailDefinition,
	googleDocsDefinition,
	googleCalendarDefinition,
	airtableDefinition,
	trelloDefinition,
	wooCommerceDefinition,
	squareDefinition,
	shopifyDefinition,
	sendGridDefinition,
	activeCampaignDefinition,
	hubspotDefinition,
	mailchimpDefinition,
];
