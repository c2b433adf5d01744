/**
 * Package entry: every node and credential class, and the engine's public API, so other packages and
 * tests can build on the same engine. n8n itself loads the files listed in package.json's `n8n` section.
 */
export { CustomApiKeyApi } from './credentials/CustomApiKeyApi.credentials';
export { CustomApiBasicAuthApi } from './credentials/CustomApiBasicAuthApi.credentials';
export { CustomApiBearerApi } from './credentials/CustomApiBearerApi.credentials';
export { CustomApiOAuth2Api } from './credentials/CustomApiOAuth2Api.credentials';
export { ApiConnStripeApi } from './credentials/ApiConnStripeApi.credentials';
export { ApiConnInstagramOAuth2Api } from './credentials/ApiConnInstagramOAuth2Api.credentials';
export { ApiConnFacebookPagesOAuth2Api } from './credentials/ApiConnFacebookPagesOAuth2Api.credentials';
export { ApiConnFacebookAdsOAuth2Api } from './credentials/ApiConnFacebookAdsOAuth2Api.credentials';
export { ApiConnGithubApi } from './credentials/ApiConnGithubApi.credentials';
export { ApiConnGithubOAuth2Api } from './credentials/ApiConnGithubOAuth2Api.credentials';
export { ApiConnWebhookSigningSecretApi } from './credentials/ApiConnWebhookSigningSecretApi.credentials';
export { ApiConnPinterestOAuth2Api } from './credentials/ApiConnPinterestOAuth2Api.credentials';
export { ApiConnGitlabApi } from './credentials/ApiConnGitlabApi.credentials';
export { ApiConnGitlabOAuth2Api } from './credentials/ApiConnGitlabOAuth2Api.credentials';
export { ApiConnXTwitterApi } from './credentials/ApiConnXTwitterApi.credentials';
export { ApiConnXTwitterOAuth2Api } from './credentials/ApiConnXTwitterOAuth2Api.credentials';
export { ApiConnLinkedInOAuth2Api } from './credentials/ApiConnLinkedInOAuth2Api.credentials';
export { ApiConnTikTokOAuth2Api } from './credentials/ApiConnTikTokOAuth2Api.credentials';
export { ApiConnSlackOAuth2Api } from './credentials/ApiConnSlackOAuth2Api.credentials';
export { ApiConnSlackApi } from './credentials/ApiConnSlackApi.credentials';
export { ApiConnJiraApi } from './credentials/ApiConnJiraApi.credentials';
export { ApiConnJiraOAuth2Api } from './credentials/ApiConnJiraOAuth2Api.credentials';
export { ApiConnMicrosoft365OAuth2Api } from './credentials/ApiConnMicrosoft365OAuth2Api.credentials';
export { ApiConnMicrosoft365AppOAuth2Api } from './credentials/ApiConnMicrosoft365AppOAuth2Api.credentials';
export { ApiConnTrelloApi } from './credentials/ApiConnTrelloApi.credentials';

export { CustomApi } from './nodes/CustomApi/CustomApi.node';
export { GraphQlApi } from './nodes/GraphQl/GraphQlApi.node';
export { ApiWebhookTrigger } from './nodes/Webhook/ApiWebhookTrigger.node';
export { Connections } from './nodes/Connections/Connections.node';
export { ConnectionsMonitorTrigger } from './nodes/Connections/ConnectionsMonitorTrigger.node';
export { Stripe } from './nodes/Stripe/Stripe.node';
export { StripeTrigger } from './nodes/Stripe/StripeTrigger.node';
export { Instagram } from './nodes/Instagram/Instagram.node';
export { InstagramTrigger } from './nodes/Instagram/InstagramTrigger.node';
export { FacebookPages } from './nodes/FacebookPages/FacebookPages.node';
export { FacebookPagesTrigger } from './nodes/FacebookPages/FacebookPagesTrigger.node';
export { FacebookAds } from './nodes/FacebookAds/FacebookAds.node';
export { Github } from './nodes/Github/Github.node';
export { GithubTrigger } from './nodes/Github/GithubTrigger.node';
export { Pinterest } from './nodes/Pinterest/Pinterest.node';
export { PinterestTrigger } from './nodes/Pinterest/PinterestTrigger.node';
export { Gitlab } from './nodes/Gitlab/Gitlab.node';
export { GitlabTrigger } from './nodes/Gitlab/GitlabTrigger.node';
export { XTwitter } from './nodes/XTwitter/XTwitter.node';
export { XTwitterTrigger } from './nodes/XTwitter/XTwitterTrigger.node';
export { LinkedIn } from './nodes/LinkedIn/LinkedIn.node';
export { LinkedInTrigger } from './nodes/LinkedIn/LinkedInTrigger.node';
export { TikTok } from './nodes/TikTok/TikTok.node';
export { TikTokTrigger } from './nodes/TikTok/TikTokTrigger.node';
export { Slack } from './nodes/Slack/Slack.node';
export { SlackTrigger } from './nodes/Slack/SlackTrigger.node';
export { Jira } from './nodes/Jira/Jira.node';
export { JiraTrigger } from './nodes/Jira/JiraTrigger.node';
export { Outlook } from './nodes/Outlook/Outlook.node';
export { OneDrive } from './nodes/OneDrive/OneDrive.node';
export { Trello } from './nodes/Trello/Trello.node';
export { TrelloTrigger } from './nodes/Trello/TrelloTrigger.node';

export * from './lib';
