import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import { FACEBOOK_GRAPH_URL } from '../nodes/Meta/meta';
import { FACEBOOK_ADS_OAUTH } from '../nodes/FacebookAds/FacebookAds.oauth';

/**
 * Facebook Login for the Marketing API: a user token with ads_read / ads_management for the ad accounts the
 * person can use. Client ID/secret are the Meta app's App ID and App Secret.
 */
export class ApiConnFacebookAdsOAuth2Api implements ICredentialType {
	name = 'apiConnFacebookAdsOAuth2Api';

	displayName = 'Facebook Ads Meta App (API Connections) OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = {
		light: 'file:../nodes/FacebookAds/facebookAds.svg',
		dark: 'file:../nodes/FacebookAds/facebookAds.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/facebook-ads.md';

	properties: INodeProperties[] = oauth2Properties(FACEBOOK_ADS_OAUTH);

	// GET /me answers with the user's id and name.
	test: ICredentialTestRequest = {
		request: { baseURL: FACEBOOK_GRAPH_URL, url: '/me', qs: { fields: 'id,name' } },
	};
}
