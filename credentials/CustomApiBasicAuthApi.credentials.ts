import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	basicAuthenticate,
	basicAuthProperties,
	baseUrlProperty,
	testFromFields,
	testPathProperty,
} from '../lib/auth/kinds';

/** Base URL + username and password, sent as `Authorization: Basic base64(username:password)`. */
export class CustomApiBasicAuthApi implements ICredentialType {
	name = 'customApiBasicAuthApi';

	displayName = 'Custom Service (Basic Auth) API';

	icon: Icon = { light: 'file:../icons/api.svg', dark: 'file:../icons/api.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/custom-api.md';

	properties: INodeProperties[] = [baseUrlProperty(), ...basicAuthProperties(), testPathProperty()];

	authenticate: IAuthenticateGeneric = basicAuthenticate;

	test: ICredentialTestRequest = testFromFields();
}
