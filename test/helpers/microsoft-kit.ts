/** The service kit of the Microsoft 365 node suites: Graph's origin, both credentials, a delegated connection. */
import type { INodeType } from 'n8n-workflow';

import { ApiConnMicrosoft365AppOAuth2Api } from '../../credentials/ApiConnMicrosoft365AppOAuth2Api.credentials';
import { ApiConnMicrosoft365OAuth2Api } from '../../credentials/ApiConnMicrosoft365OAuth2Api.credentials';
import { serviceKit } from '../kit';

export const GRAPH = 'https://graph.microsoft.com';
export const MICROSOFT_TEST_TOKEN = 'EwBwA8l6-access-1';

export const microsoftKit = (nodeTypes: INodeType[]) =>
	serviceKit({
		origin: GRAPH,
		nodeTypes,
		credentialTypes: [new ApiConnMicrosoft365OAuth2Api(), new ApiConnMicrosoft365AppOAuth2Api()],
		credentials: {
			apiConnMicrosoft365OAuth2Api: {
				tenantId: 'organizations',
				clientId: '6731de76-14a6-49ae-97bc-6eba6914391e',
				clientSecret: 'Nse8Q~delegated-secret-value',
				accessTokenUrl: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/token',
				authentication: 'body',
				grantType: 'authorizationCode',
				oauthTokenData: {
					access_token: MICROSOFT_TEST_TOKEN,
					token_type: 'Bearer',
					expires_in: 3600,
				},
			},
		},
	});
