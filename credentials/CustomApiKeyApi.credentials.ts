import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import {
	apiKeyProperties,
	authenticateApiKey,
	baseUrlProperty,
	testFromFields,
	testPathProperty,
} from '../lib/auth/kinds';

/** The seed's "Custom REST API" key connection: Base URL + key in a header or the query. */
export class CustomApiKeyApi implements ICredentialType {
	name = 'customApiKeyApi';

	displayName = 'Custom Service (API Key) API';

	icon: Icon = { light: 'file:../icons/api.svg', dark: 'file:../icons/api.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/custom-api.md';

	properties: INodeProperties[] = [baseUrlProperty(), ...apiKeyProperties(), testPathProperty()];

	authenticate = authenticateApiKey;

	test: ICredentialTestRequest = testFromFields();
}
