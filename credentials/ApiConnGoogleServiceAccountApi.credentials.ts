import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { authenticateJwtBearerTest } from '../lib/auth/jwt-bearer';
import {
	GOOGLE_SERVICE_ACCOUNT,
	GOOGLE_TOKEN_URL,
	googleScopeProperties,
} from '../nodes/Google/Google.oauth';

const signTest = authenticateJwtBearerTest(GOOGLE_SERVICE_ACCOUNT);

/**
 * A Google Cloud service account for unattended workflows: its JSON key signs a JWT bearer grant (RS256) that
 * the nodes exchange for 1-hour access tokens, kept and renewed by the engine. With "Act as User" (domain-wide
 * delegation) the token acts for that Workspace user; without it, for the service account itself (share the
 * spreadsheets and folders with its e-mail address).
 */
export class ApiConnGoogleServiceAccountApi implements ICredentialType {
	name = 'apiConnGoogleServiceAccountApi';

	displayName = 'Google Workspace (API Connections) Service Account API';

	icon: Icon = {
		light: 'file:../nodes/Google/google.svg',
		dark: 'file:../nodes/Google/google.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/google-workspace.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Service Account Key (JSON)',
			name: 'privateKeyFile',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			required: true,
			placeholder: '{"type": "service_account", "client_email": "…", "private_key": "…"}',
			description:
				'The whole JSON key file of the service account (Google Cloud → IAM & Admin → Service Accounts → Keys → Add key → JSON)',
		},
		{
			displayName: 'Act as User',
			name: 'delegatedUser',
			type: 'string',
			default: '',
			placeholder: 'name@example.com',
			description:
				'Optional: the Workspace user to act for (domain-wide delegation, granted for these scopes in the Admin console). Empty: the service account acts as itself.',
		},
		...googleScopeProperties(),
	];

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => await signTest(credentials, requestOptions);

	// The grant itself: Google accepts the key, the delegated user and the scopes (the nodes then use the token).
	test: ICredentialTestRequest = {
		request: { method: 'POST', url: GOOGLE_TOKEN_URL },
	};
}
