import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/**
 * A Stripe secret key (`sk_…`) or restricted key (`rk_…`), sent as `Authorization: Bearer <key>`. The key's
 * prefix says the mode: `…_test_` keys see only test data and move no money, `…_live_` keys move real money.
 */
export class ApiConnStripeApi implements ICredentialType {
	name = 'apiConnStripeApi';

	displayName = 'Stripe (API Connections) API';

	icon: Icon = {
		light: 'file:../nodes/Stripe/stripe.svg',
		dark: 'file:../nodes/Stripe/stripe.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/stripe.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret or Restricted Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'rk_test_…',
			description:
				'From the Stripe Dashboard → Developers → API keys. Prefer a restricted key (rk_…) with only the permissions your workflows use. Test-mode keys (sk_test_… or rk_test_…) work on test data only; live-mode keys (sk_live_… or rk_live_…) move real money.',
		},
		{
			displayName: 'Test mode key: requests see test data only and move no real money',
			name: 'testModeNotice',
			type: 'notice',
			default: '',
			// Prefix conditions, not `regex`: n8n evaluates a regex condition in a VM with a 250 ms timeout on every
			// credential load, which a busy server can exceed.
			displayOptions: {
				show: {
					secretKey: [{ _cnd: { startsWith: 'sk_test_' } }, { _cnd: { startsWith: 'rk_test_' } }],
				},
			},
		},
		{
			displayName: 'Live mode key: payments, refunds and payouts made with it move real money',
			name: 'liveModeNotice',
			type: 'notice',
			default: '',
			displayOptions: {
				show: {
					secretKey: [{ _cnd: { startsWith: 'sk_live_' } }, { _cnd: { startsWith: 'rk_live_' } }],
				},
			},
		},
		{
			displayName:
				'This is a publishable key (pk_…), which cannot call these endpoints: use a secret (sk_…) or restricted (rk_…) key',
			name: 'publishableKeyNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { secretKey: [{ _cnd: { startsWith: 'pk_' } }] } },
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.secretKey}}' } },
	};

	// GET /v1/balance: the smallest read every account has (a restricted key needs "Balance: Read").
	test: ICredentialTestRequest = {
		request: { baseURL: 'https://api.stripe.com/v1', url: '/balance', method: 'GET' },
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Stripe rejected the key: copy the whole secret (sk_…) or restricted (rk_…) key again, and check it was not rolled or deleted',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The key is valid but may not read the balance: give the restricted key the "Balance: Read" permission (this test uses it)',
				},
			},
		],
	};
}
