import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	baseUrlProperty,
	bearerAuthenticate,
	bearerTokenProperties,
	testFromFields,
	testPathProperty,
} from '../lib/auth/kinds';

/** Base URL + a token sent as `Authorization: Bearer <token>`. */
export class CustomApiBearerApi implements ICredentialType {
	name = 'customApiBearerApi';

	displayName = 'Custom Service (Bearer Token) API';

	icon: Icon = { light: 'file:../icons/api.svg', dark: 'file:../icons/api.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/custom-api.md';

	properties: INodeProperties[] = [
		baseUrlProperty(),
		...bearerTokenProperties(),
		testPathProperty(),
	];

	authenticate: IAuthenticateGeneric = bearerAuthenticate;

	test: ICredentialTestRequest = testFromFields();
}
