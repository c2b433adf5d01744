/** Facebook Login for the Marketing API, apart from the spec so the credential class loads nothing else. */
import type { OAuth2Facts } from '../../lib/auth/kinds';
import { FACEBOOK_GRAPH_URL, GRAPH_VERSION } from '../Meta/meta';

/**
 * The union of what the node's operations need (docs/services/facebook-ads.md explains each):
 * `ads_read` for ad accounts, campaigns, ad sets, ads and insights; `ads_management` for creating,
 * updating, pausing and activating campaigns. Remove `ads_management` for a read-only connection.
 */
export const FACEBOOK_ADS_SCOPES = ['ads_read', 'ads_management'];

/** Facebook Login (the same dialog and token URLs as Facebook Pages, other scopes). */
export const FACEBOOK_ADS_OAUTH: OAuth2Facts = {
	grantType: 'authorizationCode',
	authUrl: `https://www.facebook.com/${GRAPH_VERSION}/dialog/oauth`,
	tokenUrl: `${FACEBOOK_GRAPH_URL}/oauth/access_token`,
	scopes: FACEBOOK_ADS_SCOPES,
};
