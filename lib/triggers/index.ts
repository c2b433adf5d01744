/** Service triggers built from a spec's `webhook` section (see README.md beside this file). */
export {
	buildTriggerDescription,
	webhookOf,
	TRIGGER_WEBHOOK_PATH,
	type TriggerLook,
} from './description';
export { triggerCheckExists, triggerCreate, triggerDelete } from './lifecycle';
export { triggerWebhook, answerHandshake, type TriggerWebhookOptions } from './webhook';
export {
	answerDataHandshake,
	queryChallengeHandshake,
	type DataHandshakeOptions,
	type QueryChallengeOptions,
} from './handshake';
export {
	constantTimeEqual,
	eventSelected,
	ifFound,
	loadState,
	registrationUrl,
	sameEvents,
	saveState,
	stateKey,
	unlessGone,
	type TriggerFunctions,
} from './common';
export {
	buildPollDescription,
	pollTrigger,
	pollOf,
	pollOperation,
	POLL_EVENT_FIELD,
	POLL_MAX_PAGES,
	POLL_MAX_SEEN,
	type PollLook,
	type PollState,
} from './poll';
