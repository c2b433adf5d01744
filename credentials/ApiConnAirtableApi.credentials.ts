import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { bearerAuthenticate, bearerTokenProperties } from '../lib/auth/kinds';

/** Airtable: An access token, sent as `Authorization: Bearer <token>`. */
export class ApiConnAirtableApi implements ICredentialType {
	name = 'apiConnAirtableApi';

	displayName = 'Airtable (API Connections) API';

	icon: Icon = {
		light: 'file:../nodes/Airtable/airtable.svg',
		dark: 'file:../nodes/Airtable/airtable.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/airtable.md';

	properties: INodeProperties[] = bearerTokenProperties();

	authenticate: IAuthenticateGeneric = bearerAuthenticate;

	// GET /v0/meta/whoami: who the credential belongs to.
	test: ICredentialTestRequest = {
		request: { baseURL: 'https://api.airtable.com', url: '/v0/meta/whoami' },
	};
}
