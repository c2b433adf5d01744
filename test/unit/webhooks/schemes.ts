/**
 * Vendor schemes written as data, as the service specs will write them. The test vectors that use
 * them come from shared/reference/services.md (each vector names its source there).
 */
import type { SignatureScheme } from '../../../lib/webhooks';

export const githubScheme: SignatureScheme = {
	header: 'X-Hub-Signature-256',
	algorithm: 'sha256',
	encoding: 'hex',
	prefix: 'sha256=',
};

export const githubWithDeliveryId: SignatureScheme = {
	...githubScheme,
	deliveryIdHeader: 'X-GitHub-Delivery',
};

export const metaScheme: SignatureScheme = githubScheme;

export const stripeScheme: SignatureScheme = {
	header: 'Stripe-Signature',
	algorithm: 'sha256',
	encoding: 'hex',
	structured: { timestampKey: 't', signatureKey: 'v1' },
	signedPayload: '{timestamp}.{body}',
	toleranceSeconds: 300,
	timestampWindow: 'one-sided',
};

export const slackScheme: SignatureScheme = {
	header: 'X-Slack-Signature',
	algorithm: 'sha256',
	encoding: 'hex',
	prefix: 'v0=',
	timestampHeader: 'X-Slack-Request-Timestamp',
	signedPayload: 'v0:{timestamp}:{body}',
	toleranceSeconds: 300,
	timestampWindow: 'two-sided',
};

export const shopifyScheme: SignatureScheme = {
	header: 'X-Shopify-Hmac-Sha256',
	algorithm: 'sha256',
	encoding: 'base64',
};

export const trelloScheme: SignatureScheme = {
	header: 'X-Trello-Webhook',
	algorithm: 'sha1',
	encoding: 'base64',
	signedPayload: '{body}{url}',
};

export const airtableScheme: SignatureScheme = {
	header: 'X-Airtable-Content-MAC',
	algorithm: 'sha256',
	encoding: 'hex',
	prefix: 'hmac-sha256=',
	secretKey: 'base64',
};

export const squareScheme: SignatureScheme = {
	header: 'x-square-hmacsha256-signature',
	algorithm: 'sha256',
	encoding: 'base64',
	signedPayload: '{url}{body}',
};

export const hubspotV3Scheme: SignatureScheme = {
	header: 'X-HubSpot-Signature-v3',
	algorithm: 'sha256',
	encoding: 'base64',
	timestampHeader: 'X-HubSpot-Request-Timestamp',
	timestampUnit: 'ms',
	signedPayload: '{method}{url}{body}{timestamp}',
	toleranceSeconds: 300,
};

export const tiktokScheme: SignatureScheme = {
	header: 'TikTok-Signature',
	algorithm: 'sha256',
	encoding: 'hex',
	structured: { timestampKey: 't', signatureKey: 's' },
	signedPayload: '{timestamp}.{body}',
};

export const xScheme: SignatureScheme = {
	header: 'x-twitter-webhooks-signature',
	algorithm: 'sha256',
	encoding: 'base64',
	prefix: 'sha256=',
};

export const linkedinScheme: SignatureScheme = {
	header: 'X-LI-Signature',
	algorithm: 'sha256',
	encoding: 'hex',
	signedPayload: 'hmacsha256={body}',
};

export const wooCommerceScheme: SignatureScheme = {
	header: 'X-WC-Webhook-Signature',
	algorithm: 'sha256',
	encoding: 'base64',
};

export const notionScheme: SignatureScheme = {
	header: 'X-Notion-Signature',
	algorithm: 'sha256',
	encoding: 'hex',
	prefix: 'sha256=',
};
