import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The secret an API Webhook Trigger (version 2) verifies deliveries with. As a credential it is stored
 * encrypted by n8n and read only by the server, never sent to the editor or kept in the workflow.
 * Nothing is called with it, so the node tests it (`signingSecretTest`) instead of a request.
 */
export class ApiConnWebhookSigningSecretApi implements ICredentialType {
	name = 'apiConnWebhookSigningSecretApi';

	displayName = 'API Webhook Signing Secret API';

	icon: Icon = {
		light: 'file:../nodes/Webhook/webhook.svg',
		dark: 'file:../nodes/Webhook/webhook.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/api-webhook-trigger.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The signing secret shared with the sender (for example a whsec_… secret, or one you generated and gave the sender). Deliveries are rejected while it is empty.',
		},
	];
}
