/** Webhook signature verification, shared by every trigger; schemes are data (see `scheme.ts`). */
export {
	DEFAULT_SIGNED_PAYLOAD,
	DEFAULT_TOLERANCE_SECONDS,
	isPublicKeyScheme,
	isSharedTokenScheme,
	isJwtScheme,
	parseTemplate,
	schemeHasTimestamp,
	schemeProblems,
	UNSIGNED_TIMESTAMP_PROBLEM,
} from './scheme';
export type {
	EcdsaSignatureFormat,
	HmacAlgorithm,
	PublicKeyAlgorithm,
	SignatureAlgorithm,
	SecretKeyHandling,
	SharedTokenAlgorithm,
	JwtAlgorithm,
	SignatureEncoding,
	SignatureScheme,
	StructuredSignatureHeader,
	TemplatePart,
	TimestampUnit,
	TimestampWindow,
} from './scheme';
export {
	buildSignedBytes,
	checkDelivery,
	generateWebhookSecret,
	headerValues,
	publicKeyOf,
	signJwt,
	signPayload,
	verifySignature,
} from './signature';
export type {
	CheckedDelivery,
	DeliveryFingerprint,
	SignedBytesInput,
	SignInput,
	VerifyFailureReason,
	VerifyInput,
	VerifyResult,
	WebhookHeaders,
} from './signature';
export {
	defaultReplayFile,
	MemoryReplayStore,
	RedisReplayStore,
	REPLAY_FILE_NAME,
	ReplayStoreError,
	replayStoreFromEnv,
	SqliteReplayStore,
	sharedReplayStore,
} from './replay-store';
export type { ReplayStore } from './replay-store';
export {
	clearTriggerCredentials,
	CREDENTIAL_CACHE_MS,
	readTriggerCredential,
	SECRET_DEPENDENT,
} from './credential-cache';
export type { CredentialReader, CredentialReadOptions } from './credential-cache';
export { decodeBody, getRawBody, mediaType, REDACTED_HEADER_VALUE, redactHeaders } from './request';
export type { DecodedBody } from './request';
export { nestFormFields } from './form-fields';
export {
	checkWebhookRequest,
	claimDelivery,
	defaultReplayScope,
	rejectionStatus,
	rejectWebhook,
	verifyWebhookRequest,
} from './respond';
export type { VerifyRequestOptions } from './respond';
