import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { bearerAuthenticate } from '../lib/auth/kinds';

/**
 * An Airtable personal access token (airtable.com/create/tokens), sent as `Authorization: Bearer pat…`. Its
 * scopes and the bases it may reach are chosen when it is created; see docs/services/airtable.md.
 */
export class ApiConnAirtableApi implements ICredentialType {
	name = 'apiConnAirtableApi';

	displayName = 'Airtable Personal Access Token (API Connections) API';

	icon: Icon = {
		light: 'file:../nodes/Airtable/airtable.svg',
		dark: 'file:../nodes/Airtable/airtable.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/airtable.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Personal Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'patXXXXXXXXXXXXXX.XXXXXXXX',
			description:
				'From airtable.com/create/tokens, with the scopes data.records:read, data.records:write, schema.bases:read, schema.bases:write and webhook:manage (those the workflows use), and access to the bases they use',
		},
	];

	authenticate: IAuthenticateGeneric = bearerAuthenticate;

	// GET /v0/meta/whoami: the user the token belongs to, and its scopes.
	test: ICredentialTestRequest = {
		request: { baseURL: 'https://api.airtable.com', url: '/v0/meta/whoami' },
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Airtable rejected the token: copy it again from airtable.com/create/tokens, and check it has not been deleted or regenerated',
				},
			},
		],
	};
}
