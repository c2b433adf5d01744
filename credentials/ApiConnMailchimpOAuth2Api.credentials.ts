import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauth2Properties } from '../lib/auth/kinds';
import { MAILCHIMP_OAUTH } from '../nodes/Mailchimp/Mailchimp.oauth';

/** A Mailchimp OAuth2 app connection; client ID and secret come from the app, scopes default to the least needed. */
export class ApiConnMailchimpOAuth2Api implements ICredentialType {
	name = 'apiConnMailchimpOAuth2Api';

	displayName = 'Mailchimp (API Connections) OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = {
		light: 'file:../nodes/Mailchimp/mailchimp.svg',
		dark: 'file:../nodes/Mailchimp/mailchimp.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/mailchimp.md';

	properties: INodeProperties[] = oauth2Properties(MAILCHIMP_OAUTH);

	// The data center is only known from the token's metadata, so n8n's Test asks the metadata endpoint.
	test: ICredentialTestRequest = {
		request: {
			url: 'https://login.mailchimp.com/oauth2/metadata',
			headers: { Authorization: '=OAuth {{$credentials.oauthTokenData.access_token}}' },
		},
	};
}
