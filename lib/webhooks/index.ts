/** Webhook signature verification, shared by every trigger; schemes are data (see `scheme.ts`). */
export {
	DEFAULT_SIGNED_PAYLOAD,
	DEFAULT_TOLERANCE_SECONDS,
	parseTemplate,
	schemeHasTimestamp,
	schemeProblems,
} from './scheme';
export type {
	HmacAlgorithm,
	SecretKeyHandling,
	SignatureEncoding,
	SignatureScheme,
	StructuredSignatureHeader,
	TemplatePart,
	TimestampUnit,
	TimestampWindow,
} from './scheme';
export {
	buildSignedBytes,
	generateWebhookSecret,
	headerValues,
	signPayload,
	verifySignature,
} from './signature';
export type {
	SignedBytesInput,
	SignInput,
	VerifyFailureReason,
	VerifyInput,
	VerifyResult,
	WebhookHeaders,
} from './signature';
export {
	DEFAULT_REPLAY_GUARD_MAX_ENTRIES,
	ReplayGuard,
	sharedReplayGuard,
} from './replay-guard';
export type { ReplayGuardOptions } from './replay-guard';
export {
	decodeBody,
	getRawBody,
	mediaType,
	REDACTED_HEADER_VALUE,
	redactHeaders,
} from './request';
export type { DecodedBody } from './request';
export { defaultReplayScope, rejectWebhook, verifyWebhookRequest } from './respond';
export type { VerifyRequestOptions } from './respond';
