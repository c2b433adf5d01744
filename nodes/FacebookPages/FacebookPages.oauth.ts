/** Facebook Login, apart from the spec so the credential class loads nothing else. */
import type { OAuth2Facts } from '../../lib/auth/kinds';
import { FACEBOOK_GRAPH_URL, GRAPH_VERSION } from '../Meta/meta';

/** Least privilege for what this node does; each one is explained in the README. */
export const FACEBOOK_PAGES_SCOPES = [
	'pages_show_list',
	'pages_read_engagement',
	'pages_read_user_content',
	'pages_manage_posts',
	'pages_manage_engagement',
	'pages_manage_metadata',
	'pages_messaging',
	'read_insights',
];

/** Facebook Login; the credential class and the spec both read these. */
export const FACEBOOK_PAGES_OAUTH: OAuth2Facts = {
	grantType: 'authorizationCode',
	authUrl: `https://www.facebook.com/${GRAPH_VERSION}/dialog/oauth`,
	tokenUrl: `${FACEBOOK_GRAPH_URL}/oauth/access_token`,
	scopes: FACEBOOK_PAGES_SCOPES,
};
