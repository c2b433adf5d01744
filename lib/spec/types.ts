/**
 * The service spec: everything the engine needs to know about one external service, as data.
 * Nodes, credentials tests, pagination and the generic router are built from it; code appears
 * only as named hooks (see `ServiceDefinition.hooks`), and a conformance test proves each named hook exists.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { RateLimitPolicy } from '../limits/policy';
import type { ErrorCodesSpec } from '../transport/error-codes';
import type { ErrorsInBodySpec } from '../transport/reported-error';
import type { SignatureScheme } from '../webhooks/signature';
import type { ConnectionSpec } from '../connections/types';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/** How a request body is encoded on the wire. */
export type BodyEncoding = 'json' | 'form' | 'multipart' | 'raw' | 'none';

/**
 * `keyValue`: free-form pairs the user adds one by one (a fixed collection of key/value rows), sent as an
 * object, e.g. `metadata` → `metadata[plan]=pro` in a form body.
 */
export type ParamType =
	| 'string'
	| 'number'
	| 'boolean'
	| 'json'
	| 'options'
	| 'multiOptions'
	| 'dateTime'
	| 'stringList'
	| 'keyValue';

export interface ParamOption {
	name: string;
	value: string | number | boolean;
	description?: string;
}

/** One field of an operation: where it goes in the request and how the user edits it. */
export interface ParamSpec {
	/** Key on the wire: path variable, query key, header name or body key. */
	name: string;
	displayName: string;
	in: 'path' | 'query' | 'header' | 'body';
	type: ParamType;
	required?: boolean;
	default?: string | number | boolean | string[];
	description?: string;
	placeholder?: string;
	/** `password`: a secret the user types (e.g. a webhook verify token), masked in the editor. */
	typeOptions?: { password?: boolean };
	options?: ParamOption[];
	/** Path (lib/transport/path.ts dialect) inside the body where the value goes, e.g. `settings.title` or `items[0][price]`. Defaults to `name`. */
	bodyPath?: string;
	/**
	 * Query or header key on the wire when it cannot be the field's name, e.g. `expand[]` or `created[gte]`
	 * (brackets do not belong in n8n parameter names). Defaults to `name`. Body params use `bodyPath`. A dot is
	 * literal (`tweet.fields`) except with `queryFormat: 'restli'`, where it names a record member.
	 */
	wireName?: string;
	/**
	 * How a list or object value of a query param goes on the wire: `repeat` (default: `k=a&k=b`, objects in
	 * bracket syntax), `comma` (`k=a,b`) or `json` (`k=["a","b"]`, `k={"since":"…"}`), for APIs that read one key once.
	 * `restli`: the Rest.li 2.0 protocol's encoding (`k=List(a,b)`, `k=(start:1,end:2)`, reserved `,()':` escaped
	 * inside values, see lib/transport/restli.ts); a dotted `wireName` (`timeIntervals.timeRange.start`) puts the
	 * value inside one record shared by the params of the same first step.
	 */
	queryFormat?: 'repeat' | 'comma' | 'json' | 'restli';
	/**
	 * A path param whose value stands for a shorter path the vendor documents as the same resource (an API whose
	 * `/users/{user}` is `/me` for the signed-in user): when the value equals `value`, the operation's path
	 * up to and including this placeholder is replaced by `path`, e.g. `/users/{user}/messages` → `/me/messages`.
	 */
	pathAlias?: { value: string; path: string };
	/**
	 * An options field that picks one of the vendor's equivalent addresses of a resource: with the value `V`, the
	 * text `replace` in the operation's path becomes `choices[V]`, whose `{placeholders}` are other path params of
	 * the operation (shown with `showWhen` for that value); a value without an entry keeps the path. E.g. a drive
	 * as `/users/{user}/drive`, `/drives/{driveId}` or `/sites/{siteId}/drive`. Applied before `pathAlias`.
	 */
	pathChoice?: { replace: string; choices: Record<string, string> };
	/**
	 * A path value whose `/` separate path segments (a folder path `Reports/2026/Q1.xlsx`): each segment is
	 * percent-encoded on its own and dot segments are refused, instead of the value being one segment.
	 */
	segments?: boolean;
	/** Shown (and read) only while other fields of the operation have one of these values (`{ drive: ['site'] }`). */
	showWhen?: Record<string, Array<string | number | boolean>>;
	/** Validation applied before any request is sent; a failure names the field and the fix. */
	validate?: { pattern?: string; patternHint?: string; min?: number; max?: number };
	/** First node version that shows the field (default: every version). */
	since?: number;
	/**
	 * Last node version that shows the field: a replaced field stays for saved workflows of older versions
	 * (n8n drops a saved value whose field the node no longer has).
	 */
	until?: number;
}

/** How a list endpoint pages. The engine runs all of these; a service only picks one and names its fields. */
export type PaginationSpec =
	| {
			type: 'cursor';
			/** Query (or body) parameter that carries the cursor. */
			cursorParam: string;
			/** Where the next cursor is found in the response body (a path: docs/engine.md, "Paths into a body"). */
			nextCursorPath?: string;
			/** Use this field of the last item as the cursor instead (e.g. `id` for `starting_after`). */
			cursorFromLastItem?: string;
			/** Body flag that says whether there is another page; when absent, "no cursor" ends paging. */
			hasMorePath?: string;
			itemsPath: string;
			limitParam?: string;
			pageSize?: number;
			/**
			 * The smallest page size the API accepts (X: `max_results` of 5 or 10 at least): a smaller Limit still
			 * asks for this many, and the items beyond the Limit are dropped.
			 */
			minPageSize?: number;
			/**
			 * Where the cursor and the page size go: the query (default) or the JSON body (a list read with
			 * `POST`, e.g. `{"cursor": …, "max_count": 20}`; the cursor is sent as the answer gave it).
			 */
			paramsIn?: 'query' | 'body';
	  }
	| {
			type: 'offset';
			offsetParam: string;
			limitParam: string;
			pageSize: number;
			itemsPath: string;
			/** Path of the answer's total count (e.g. `meta.total`): paging stops once the offset reaches it. */
			totalPath?: string;
	  }
	| {
			type: 'page';
			pageParam: string;
			limitParam?: string;
			pageSize: number;
			firstPage?: number;
			itemsPath: string;
	  }
	| {
			type: 'nextUrl';
			nextUrlPath: string;
			itemsPath: string;
			limitParam?: string;
			pageSize?: number;
	  }
	| { type: 'linkHeader'; itemsPath?: string; limitParam?: string; pageSize?: number };

export interface ResponseSpec {
	/** Dotted path to the interesting part of the body (e.g. `data`); the whole body when absent. */
	path?: string;
	/** Split an array result into one item per element (default true for arrays). */
	split?: boolean;
	/** Item returned when the service answers 204 / empty body (e.g. `{ deleted: true }`). */
	onEmpty?: IDataObject;
	/** Integers beyond 2^53 in the answer (64-bit ids) come out as strings of their exact digits, not rounded. */
	exactIntegers?: boolean;
}

export interface OperationSpec {
	/** Operation value, `camelCase` verb first: `create`, `getMany`, `publish`. */
	id: string;
	name: string;
	/** The sentence n8n shows in the node picker, e.g. "Create a customer". */
	action: string;
	description?: string;
	method: HttpMethod;
	/** Path template relative to the base URL; `{name}` placeholders are filled from `in: 'path'` params and always percent-encoded. */
	path: string;
	params?: ParamSpec[];
	body?: BodyEncoding;
	/** Fixed query values every call sends (e.g. `{ fields: 'id,name' }`). */
	query?: IDataObject;
	/** Fixed headers this operation sends (e.g. a protocol's method header); the service's `headers` add to them. */
	headers?: Record<string, string>;
	/** Fixed body values every call sends (e.g. `{ status: 'PAUSED' }` for a "Pause" operation); params add to them. */
	fixedBody?: IDataObject;
	response?: ResponseSpec;
	/** Paged list: the node gets "Return All" and "Limit". `true` uses the service default. */
	paginate?: PaginationSpec | true;
	/**
	 * A list the vendor answers whole, in one request without paging (a spreadsheet's rows): the node gets
	 * "Return All" and "Limit" all the same, and keeps the first Limit items of the answer (or of its hook's).
	 */
	wholeList?: boolean;
	/**
	 * First node version that shows "Return All" and "Limit" (`paginate`/`wholeList`), for a list given them after
	 * release: older versions keep returning the whole list, as their saved workflows did. Default: every version.
	 */
	listSince?: number;
	/**
	 * A GraphQL operation: the request is `{"query": document, "variables": {…}}` sent as JSON to `path`, each body
	 * param written at its `bodyPath` (default its name) inside `variables`; `response.path` picks the result
	 * (`data.productCreate.product`) and a non-empty `userErrorsPath` list fails the item naming the field.
	 */
	graphql?: GraphqlOperationSpec;
	/** Run this named hook instead of the generic request (for non-REST flows such as create-then-publish). */
	hook?: string;
	/**
	 * A named hook (`RequestShapeHook`) that reshapes the generic request before it is sent (rich text built from
	 * plain text, fields merged): unlike `hook` it only shapes, so the request still pages, batches and answers
	 * as the spec says.
	 */
	shape?: string;
	/** Override whether the request may be retried after it may have reached the server. */
	idempotent?: boolean;
	/**
	 * The API takes its idempotency key in the JSON body (e.g. `idempotency_key`) rather than in a header: the
	 * engine writes the item's key (the one `idempotencyHeader` would carry, the same on every retry and re-run)
	 * at this body path when the item did not set one, and the write may then be retried.
	 */
	idempotencyKeyPath?: string;
	/** GET responses may be cached when the user enables caching (never writes). Default: true for GET. */
	cacheable?: boolean;
	/**
	 * Items of this operation may be grouped through the service's batch endpoint (`ServiceSpec.batch`).
	 * `'inOrder'`: each sub-request depends on the previous one of its batch (`batch.request.dependsOn`), so the
	 * service runs them one after the other in item order (writes to one workbook or table).
	 */
	batchable?: boolean | 'inOrder';
	/**
	 * The operation runs inside the service's session (`ServiceSpec.session`): the node shows "Use Session"
	 * (on by default for writes, off for reads), and with it on, the items' calls carry the session header.
	 */
	session?: boolean;
	/**
	 * Items of this operation may be sent together through the same endpoint, whose request takes a list (a
	 * record API's `{"records": [...]}` or `?records[]=a&records[]=b`), when the user turns batching on.
	 */
	listBatch?: ListBatchSpec;
	/** The operation's place in the service's rate limit (`ServiceSpec.rateLimit`). */
	rateLimit?: OperationLimitSpec;
	/**
	 * The OAuth2 scopes (permissions) this operation needs, all of them, as the vendor names them. A refused
	 * permission names those the token lacks; the credential's default scopes are the union over the operations.
	 */
	scopes?: string[];
	docsUrl?: string;
	/**
	 * What differs when the item uses another credential type (key: its `credentialType`): another path or
	 * paging (an edition without the endpoint the others use). The rest of the operation stays as it is.
	 */
	byAuth?: Record<string, OperationVariant>;
}

/** A GraphQL operation as data (`OperationSpec.graphql`): its document; variables come from the body params. */
export interface GraphqlOperationSpec {
	/** The query or mutation document, sent as `query`; its variables are the operation's body params. */
	document: string;
	/**
	 * Where a mutation's user errors are (`data.productCreate.userErrors`: `[{ field: ["product", "title"],
	 * message, code? }]`): a non-empty list fails the item with the first error's message, code and field.
	 */
	userErrorsPath?: string;
}

/** The parts of an operation that may differ per credential type (`OperationSpec.byAuth`). */
export interface OperationVariant {
	path?: string;
	paginate?: PaginationSpec | true;
	docsUrl?: string;
}

/** Which budget an operation counts against, per (connection, tier, key), and what it costs. */
export interface OperationLimitSpec {
	/** A tier of `rateLimit.tiers` (e.g. a vendor's per-method tier): that tier's own budget. */
	tier?: string;
	/** A field (param name) whose value keys the budget: one budget per channel, base or shop. */
	keyParam?: string;
	/** Cost-based budgets: the cost expected before the first answer reports one. */
	cost?: number;
}

/**
 * A batch endpoint (the seed's "strategy 2"): many items in one request. The envelope is described as
 * data — body `{ [list]: [{ [id], [method], [url], [body] }] }`, answer `{ [list]: [{ [id], [status], [body] }] }`
 * — which covers `$batch`-style APIs; an empty answer list path means the answer body is the array itself.
 */
export interface BatchSpec {
	/** Most sub-requests per batch request (the service's documented maximum). */
	size: number;
	method: HttpMethod;
	path: string;
	request: {
		list: string;
		id: string;
		method: string;
		url: string;
		body?: string;
		/** Where a sub-request's headers go (its own headers, the session's, and `Content-Type` with a body). */
		headers?: string;
		/** Where an `'inOrder'` sub-request lists the ids it depends on (`dependsOn`: the previous item's). */
		dependsOn?: string;
		/** Where a sub-request's query goes as an object (`params`) when the envelope keeps it out of `url`. */
		query?: string;
		/** Each sub-request's body written as JSON text (an envelope that takes the body as a string). */
		bodyText?: boolean;
	};
	/**
	 * `headers`: where a sub-answer's headers are (a 429's `Retry-After` inside the batch answer). `bodyText`: each
	 * sub-answer's body is JSON written as a string (read as JSON). With `job`, these paths read the entries of the
	 * finished job's results, not the batch answer.
	 */
	response: {
		list: string;
		id?: string;
		status: string;
		body: string;
		headers?: string;
		bodyText?: boolean;
	};
	/** The batch answer is a job to wait for; the sub-answers are in its results (`job.results`). */
	job?: JobSpec;
}

/**
 * An asynchronous job a request answers with (a batch operation, an import): its id in that answer, the request
 * that reads its state, polled every `intervalMs` until the state at `status` is one of `done`, at most
 * `maxWaitMs` (or the item's `maxWaitParam`, in seconds); `failed` states fail it. `results`: where the finished
 * job names its results archive (a URL elsewhere, fetched without the credential: a tar(.gz) of JSON lists whose
 * entries are joined into one list). `lib/builder/job.ts`.
 */
export interface JobSpec {
	/** Path of the job's id in the answer that started it (`id`, `job_id`). */
	id: string;
	/** The request that reads the job (`GET`), `{id}` in its path. */
	poll: { path: string };
	status: string;
	done: string[];
	failed?: string[];
	intervalMs: number;
	maxWaitMs: number;
	/** A field (seconds) that bounds the wait instead of `maxWaitMs`. */
	maxWaitParam?: string;
	/** A boolean field: when off, the job is not waited for (the answer that started it is the result). */
	waitParam?: string;
	/** What the service calls the job in a time-out message (`batch`, `import job`). */
	noun: string;
	/** What to do about a time-out (`{id}`: the job's id), e.g. where to read the job later. */
	timeoutHint: string;
	results?: string;
}

/**
 * A session around the calls of one run (a workbook session): opened before the first call that needs it,
 * its id carried in a header on every call, closed after the last item (also when an item failed). Items on the
 * same thing share one session: what an operation's filled path names up to and including `scope`.
 */
export interface SessionSpec {
	/** The end of the path part that names the session's object (`/workbook`: the workbook of the item). */
	scope: string;
	/** Opens it: appended to the scoped path (`/createSession`), with a JSON body (`{ persistChanges: true }`). */
	open: { method: HttpMethod; path: string; body?: IDataObject };
	/** Where the open answer holds the session id (`id`). */
	idPath: string;
	/** The header each call carries the id in (`workbook-session-id`). */
	header: string;
	/** Closes it: appended to the scoped path (`/closeSession`), sent with the header. */
	close: { method: HttpMethod; path: string; body?: IDataObject };
}

/** A list batch's job (`ListBatchSpec.job`): where each item's output carries its own elements (`contact`). */
export interface ListJobSpec extends JobSpec {
	elementAs: string;
}

/**
 * Batching by list (the seed's "strategy 2" for APIs whose own endpoint takes many records): each item's request
 * carries a list of one record at `list`; items whose requests are otherwise the same (method, path, query,
 * headers, the rest of the body) go together, up to `size` per request, and the answer's list at `answerList`
 * is handed back in the order sent, each item getting as many elements as it sent.
 */
export interface ListBatchSpec {
	/** Most list elements per request (the service's documented maximum). */
	size: number;
	/** Where the list is: a body path (`records`) or a query key whose value repeats (`records[]`). */
	in: 'body' | 'query';
	list: string;
	/** Path of the answer's list, in the order of the request's (`records`). */
	answerList: string;
	/**
	 * A bulk endpoint other than the operation's own (`/issue/bulk` beside `/issue`): each item's request body
	 * becomes one element of `list` (in the body) in a request of the operation's method to this path; the item's
	 * query is not sent there.
	 */
	path?: string;
	/** The bulk endpoint's method when it is not the operation's (a `PATCH` whose bulk twin is a `POST`). */
	method?: HttpMethod;
	/**
	 * Elements the service refused while it accepted the others (a partial success, or the whole request
	 * refused element by element): the answer's list of failures (`list`), each naming the refused element by
	 * its 0-based place in the request's list (`index`) and carrying its own status (`status`) and error answer
	 * (`body`, read like the service's error answers; the whole entry if not given); `answerList` then lists only
	 * the accepted elements, in order. Each refused element is its own item's error.
	 */
	failures?: { list: string; index: string; status?: string; body?: string };
	/**
	 * An answer element that failed on its own (the request as a whole succeeded): an element with something at
	 * `path` is that item's error, the value there read like an error answer (the spec's `errorCodes`), with the
	 * HTTP status at `statusPath` inside the element (default 400). Checked with and without batching.
	 */
	elementError?: { path: string; statusPath?: string };
	/**
	 * With `path`: path values of the item's request written into its element (`{ id: 'objectId' }`: the element
	 * gets `id` = the item's `objectId`), so items addressed by different paths share one bulk request.
	 */
	fromPath?: Record<string, string>;
	/**
	 * The answer is a job, not a list (an import): no `answerList`; each item's output is the answer, the finished
	 * job's state (when waited for) and its own elements at `job.elementAs`. A failed job is each item's error.
	 */
	job?: ListJobSpec;
	/**
	 * The answer's list is in no particular order: each answer element belongs to the request element whose value at
	 * `element` equals its own at `answer` (`id`). `generate`: the engine writes a fresh unique value at `element`
	 * of each element that has none (a trace id the service echoes). A request element without an answer element
	 * is its item's error.
	 */
	matchBy?: {
		element: string;
		answer: string;
		generate?: boolean;
		/**
		 * The answer's list of refused elements (`errors`), each naming the keys it concerns at `keys` (a value or
		 * a list, e.g. `context.ids`) and its HTTP status at `status` (default 400): an item whose element has no
		 * result fails with that entry, read like the service's error answers.
		 */
		errors?: { list: string; keys: string; status?: string };
	};
}

export interface ResourceSpec {
	id: string;
	name: string;
	description?: string;
	operations: OperationSpec[];
}

export type AuthKind = 'oauth2' | 'apiKey' | 'basic' | 'bearer' | 'jwtBearer';

export interface AuthSpec {
	kind: AuthKind;
	/** The n8n credential type name that implements it (must exist in this package). */
	credentialType: string;
	displayName: string;
	/** OAuth2 facts repeated here so the conformance test can check the credential class against them. */
	oauth2?: OAuth2Facts;
	/** `jwtBearer`: how the credential's key signs the assertion the engine exchanges for access tokens. */
	jwtBearer?: JwtBearerFacts;
	/**
	 * A connection of its own for the workspace rule (a family beside the service's): an app's own token used
	 * beside its users' tokens (an app-only bearer token for a trigger's registration while a user's OAuth2
	 * token posts). Requests with this credential bind and count under this family; no "who am I" is asked.
	 */
	family?: string;
	/**
	 * The Connections node's Test request for this credential, when the service's own cannot be answered with it
	 * (X: an app-only token cannot call `/2/users/me`). Mirrors the credential class's `test`.
	 */
	credentialTest?: { method?: HttpMethod; path: string };
	/**
	 * Requests with this credential send paths starting with `from` as starting with `to` instead (a self-managed
	 * edition that serves an older API version at another prefix, e.g. `/rest/api/3/` → `/rest/api/2/`). Applies to
	 * every request of the service made with this credential: operations, hooks, "who am I" and Custom Request.
	 */
	pathPrefix?: { from: string; to: string };
	/** The base URL is found after authorisation, from a list of what the token may reach (lib/execution/discovery.ts). */
	baseUrlDiscovery?: BaseUrlDiscovery;
	/**
	 * `oauth2`: the access token is also sent in this header (an API that reads its own header instead of
	 * `Authorization`, e.g. `X-Store-Access-Token`); n8n's `keyToIncludeInAccessTokenHeader`.
	 */
	tokenHeader?: string;
}

/**
 * How a gateway token's tenant is found: a GET (with the credential) lists what the token may reach; the only entry,
 * or the one whose address matches a credential field, gives the base URL.
 */
export interface BaseUrlDiscovery {
	/** Absolute URL of the listing request (not with `valueFrom`). */
	url?: string;
	/** Path of the list in the answer (default: the answer is the list; an object answer is a list of one). */
	listPath?: string;
	/** Path of each entry's value, put into `baseUrl` as `{value}` (percent-encoded). */
	valuePath?: string;
	/** Path of each entry's address, compared by origin with the credential field `matchField`. */
	matchPath?: string;
	/** The credential field that chooses an entry when the token reaches several (optional for the user). */
	matchField?: string;
	/** That field's display name, for messages. */
	matchFieldName?: string;
	/** A credential field whose value, when set, is used as `{value}` without asking (e.g. an id pasted earlier). */
	valueField?: string;
	/**
	 * The listing is sent with the OAuth2 credential's access token after this Authorization scheme (`OAuth`)
	 * instead of n8n's Bearer signing, for an identity endpoint that reads its own scheme.
	 */
	tokenScheme?: string;
	/**
	 * No request: `{value}` is the first group of `pattern` matched on the credential field `field` (an API key's
	 * data-center suffix, `…-us6` → `us6`). A value without a match fails before anything is sent, naming
	 * `fieldName` and the `example` of a value that fits.
	 */
	valueFrom?: { field: string; fieldName: string; pattern: string; example: string };
	/** What an entry is called in messages (e.g. `site` or `workspace`). */
	noun: string;
	/** The base URL with `{value}`, e.g. `https://gateway.example.com/ex/{value}`. */
	baseUrl: string;
}

/** A provider's OAuth2 facts: the one OAuth type, read by the spec and by the credential class (`oauth2Properties`). */
export interface OAuth2Facts {
	grantType: 'authorizationCode' | 'clientCredentials' | 'pkce';
	authUrl?: string;
	tokenUrl: string;
	/** Least-privilege default scopes. */
	scopes: string[];
	/** Extra query of the authorization URL (e.g. `access_type=offline`). */
	authQueryParameters?: string;
	/** How the client id/secret reach the token endpoint. */
	clientAuthentication?: 'header' | 'body';
	scopeSeparator?: string;
	/**
	 * The provider's name for the client id when it is not `client_id` (e.g. `client_key`): sent besides n8n's
	 * `client_id` in the authorization URL and the code exchange (expressions on the credential's own client
	 * id), and used by the revocation. n8n's own refresh cannot send it: pair it with a
	 * `connection.tokenRenewal` with `refreshToken: true`.
	 */
	clientIdParam?: string;
	/**
	 * The credential offers n8n's "Use PKCE" switch (off by default), for a provider that requires PKCE for some
	 * kinds of app only (e.g. desktop apps).
	 */
	pkceOption?: boolean;
}

/**
 * A JWT bearer grant (RFC 7523) as data: the credential holds a private key (inside a JSON key file), the
 * engine signs a short assertion with it (RS256), exchanges it at the token endpoint for an access token and
 * keeps that token until shortly before it expires. Used by unattended "service account" connections.
 */
export interface JwtBearerFacts {
	/** The token endpoint: the assertion's `aud`, and where it is sent (never a URL from the key file). */
	tokenUrl: string;
	algorithm: 'RS256';
	/** The credential field holding the JSON key file (pasted as text). */
	keyFileField: string;
	/** Paths (lib/transport/path.ts dialect) into the key file: the issuer (`iss`), the PEM private key, its key id (`kid`). */
	issuerPath: string;
	privateKeyPath: string;
	keyIdPath?: string;
	/** The credential field naming whom to act for (the `sub` claim, e.g. a domain-wide delegated user); empty: none. */
	subjectField?: string;
	/** The credential field holding the space-separated scopes (the `scope` claim). */
	scopeField?: string;
	/** The assertion's lifetime in seconds (the provider's maximum, e.g. 3600). */
	lifetimeSeconds: number;
	/** Get a new access token this long before the current one expires (default 300). */
	refreshMarginSeconds?: number;
	/**
	 * The token endpoint's `error` codes with their cause and fix in the provider's words (what the credential
	 * must change); `{description}` is the answer's `error_description`.
	 */
	errorFixes?: Record<string, { cause: string; fix: string }>;
}

/** A field of a trigger node (e.g. the repository to watch); its value reaches the trigger hooks. */
export interface TriggerParamSpec extends Omit<
	ParamSpec,
	'in' | 'bodyPath' | 'wireName' | 'queryFormat' | 'type' | 'pathAlias' | 'pathChoice' | 'segments'
> {
	/** Trigger fields are read as they are (no key/value rows, no wire name: they reach hooks, not a request). */
	type: Exclude<ParamType, 'keyValue'>;
}

/** An event a trigger can listen to; its value is what the service sends (compared as text). */
export interface WebhookEventOption {
	name: string;
	value: string;
	description?: string;
}

/** Where a handshake reads a value: a query parameter, a request header, or a path into the decoded body. */
export interface HandshakeLocation {
	in: 'query' | 'header' | 'body';
	/** Query key, header name (any case) or body path (lib/transport/path.ts dialect, e.g. `challenge`). */
	name: string;
}

/** A value the request must carry to be the handshake. */
export interface HandshakeMatch extends HandshakeLocation {
	value: string;
}

/** Where the verify token is, and what it must equal. */
export interface HandshakeVerifyToken extends HandshakeLocation {
	from: { param: string } | { credentialField: string } | { state: string };
}

/** One field of a JSON handshake answer: the challenge as received, or an HMAC of it keyed with the signing secret. */
export type HandshakeValue =
	'challenge' | { hmac: 'sha1' | 'sha256' | 'sha512'; encoding: 'hex' | 'base64'; prefix?: string };

/** How the handshake is answered (always 200; `text` and `header` echo the challenge, `empty` only acknowledges). */
export type HandshakeAnswerSpec =
	/** The challenge as `text/plain` (with `nosniff`, so an echoed value is never rendered). */
	| { type: 'text' }
	/** A JSON object, e.g. `{ challenge: 'challenge' }` or `{ response_token: { hmac, encoding, prefix } }`. */
	| { type: 'json'; fields: Record<string, HandshakeValue> }
	/** An empty 200 with the challenge in this response header. */
	| { type: 'header'; header: string }
	/** An empty 200: the service only checks that the URL answers (a HEAD or GET probe). */
	| { type: 'empty' }
	/**
	 * An empty 200, and the challenge is a token the user must copy (a verification token to paste back into
	 * the vendor's settings and into this trigger as its signing secret): while the trigger has no signing secret,
	 * the handshake also starts one execution whose item (`event` = this `event`, the body, redacted headers)
	 * shows it. Once a secret is set, it is answered and starts nothing.
	 */
	| { type: 'show'; event: string };

/**
 * A handshake described as data: a request that matches it is answered in the vendor's format and starts no
 * execution. Checked before the signature of deliveries; a `signed` one is verified with the spec's scheme first.
 */
export interface HandshakeSpec {
	/** Methods it arrives with; GET or HEAD also need `setupMethod` (the unsigned setup webhook). */
	methods: HttpMethod[];
	/** Where the challenge is; a request without it is not this handshake. Not used by `empty` answers. */
	challenge?: HandshakeLocation;
	/** Further values the request must carry to be this handshake, e.g. body `type` = `url_verification`. */
	match?: HandshakeMatch[];
	/**
	 * A verify token the service sends with the challenge, compared in constant time with a trigger field (`param`),
	 * a credential field or a value the create hook stored (`state`, a key of its `data`); a mismatch gets 403.
	 */
	verifyToken?: HandshakeVerifyToken;
	/** The service signs the handshake like a delivery: verified with `signature` before answering (401 if not). */
	signed?: boolean;
	answer: HandshakeAnswerSpec;
}

/** How a webhook of this service is registered, answered and verified (see lib/triggers/README.md). */
export interface WebhookSpec {
	signature?: SignatureScheme;
	/** Handshakes answered from data, checked in order before the `handshake` hook. */
	handshakes?: HandshakeSpec[];
	/**
	 * The trigger gets an optional "Notification URL" field: the exact URL the service was given, for a
	 * manually registered URL that differs from this node's (a proxy that rewrites the path). The signature's
	 * `{url}` uses it; empty means this node's URL. Only with `register: 'manual'` and a `{url}` template.
	 */
	notificationUrlField?: boolean;
	/**
	 * The sender signs with one of several schemes (signature versions) and the user says which: a trigger field
	 * (`param`, one of `params`) whose value names a scheme of `schemes`; any other value keeps `signature`.
	 */
	signatureByParam?: { param: string; schemes: Record<string, SignatureScheme> };
	/**
	 * A delivery is a list of events (at `path` of the body; `''`: the body is the list): each element is one
	 * event, read with `eventPath` and `deliveryIdPath`; only the selected events are emitted, one item each, and
	 * each delivery id once (a re-sent batch emits only what was not emitted yet). None left: 200, no execution.
	 */
	eventList?: { path: string };
	/** Services that do not sign get an unguessable secret in the URL instead. */
	urlSecret?: boolean;
	/** Query parameter that carries the URL secret (default `secret`). */
	urlSecretParam?: string;
	events: WebhookEventOption[];
	/** Events selected when the node is added. */
	defaultEvents?: string[];
	/** The event value that stands for "every event" (e.g. `*`). */
	allEvents?: string;
	/** A sentence added to the Events field's help, e.g. which API version the event list belongs to. */
	eventsNote?: string;
	register: 'api' | 'manual';
	/** Hooks for registration at the service (checkExists / create / delete) and handshakes. */
	/**
	 * Hook names per slot; every service uses `webhookExists`, `webhookCreate`, `webhookDelete`, `webhookHandshake`,
	 * `webhookDeliver` (a test checks). `deliver` turns a verified delivery into the items to emit, for a vendor
	 * whose delivery only says that something changed (the changes are fetched from its API).
	 */
	hooks?: {
		checkExists?: string;
		create?: string;
		delete?: string;
		handshake?: string;
		deliver?: string;
	};
	/** Request header carrying the event name (wins over `eventPath`). */
	eventHeader?: string;
	/**
	 * Path of the event name in the decoded body; a list is tried in order, the first path holding a text wins
	 * (a service that sends several kinds of delivery to one URL, each naming its event elsewhere).
	 */
	eventPath?: string | string[];
	/**
	 * The event name is the first top-level key of the body that is one of `events`' values (a body such as
	 * `{"for_user_id": "…", "favorite_events": […]}` names its event by its key); used when no header or path says it.
	 */
	eventKeys?: true;
	/** Request header carrying the delivery id (wins over `deliveryIdPath`). */
	deliveryIdHeader?: string;
	/** Path of the delivery id in the decoded body; a list is tried in order, like `eventPath`. */
	deliveryIdPath?: string | string[];
	/**
	 * The event time inside the (signed) body: a delivery older than `maxAgeSeconds` is refused (401, no execution),
	 * so a copy replayed after the replay store forgot its id (`UNTIMED_MEMORY_SECONDS`) cannot pass. Keep the window
	 * longer than the vendor's retries and shorter than that memory. A delivery without it is refused too.
	 */
	bodyTimestamp?: { path: string; unit: 's' | 'ms'; maxAgeSeconds: number };
	/**
	 * The secret travels in the body, in each notification of a batch (a vendor's `clientState`): the delivery is a
	 * JSON object whose `items` key holds the notifications, and each one's `field` must equal the trigger's stored
	 * secret (constant time). A notification whose secret is wrong or missing is dropped; a delivery none of whose
	 * notifications passes is refused (401) and starts nothing. The secret is removed from the notifications passed on.
	 */
	bodySecret?: { items: string; field: string };
	/**
	 * Deliveries may also be form-encoded (`application/x-www-form-urlencoded`, verified over the raw bytes like
	 * JSON ones): the form's fields are the body, or, when the form has the field `jsonField` holding a JSON
	 * object, that object (e.g. a `payload=<JSON>` form). `nested`: bracketed keys (`data[merges][FNAME]`,
	 * `tags[]`) become nested objects and lists, every object without a prototype (lib/webhooks/form-fields.ts).
	 */
	formBodies?: { jsonField?: string; nested?: boolean };
	/**
	 * An accepted delivery is answered 200 with an empty body instead of n8n's "Workflow was started" JSON
	 * (for senders that read the answer, e.g. as a reply to show the user).
	 */
	acknowledgeEmpty?: boolean;
	/**
	 * The sender's answer deadline for a delivery whose changes a `deliver` hook fetches: when fetching takes
	 * longer than this (ms), the delivery is answered 202 then, and the changes are still fetched and emitted
	 * (a fetch that fails after that answer is logged: the sender no longer retries it).
	 */
	answerWithinMs?: number;
	/** Verified deliveries of these events are answered 200 and start no execution (e.g. a registration ping). */
	pingEvents?: string[];
	/**
	 * Deliveries carry no body, only headers (a watch channel's notification): a delivery with a body is refused
	 * (400), and no replay claim is made for the delivery itself (the `deliver` hook claims each change it emits).
	 */
	headersOnly?: true;
	/**
	 * Request header naming the registration the delivery belongs to (a channel id): it must be this trigger's
	 * registration, or one being replaced that is not stopped yet (`renewal.kind: 'replace'`); otherwise 403 and
	 * nothing runs. Checked after the signature, before anything else.
	 */
	registrationIdHeader?: string;
	/** Adds an unsigned `setup` webhook on the same path for handshakes (GET challenge, HEAD check). */
	setupMethod?: 'GET' | 'HEAD';
	/** The signing secret is this credential field (pasted by the user) instead of a generated one. */
	secretCredentialField?: string;
	/** The credential field used when `secretCredentialField` is empty (an optional field with a default elsewhere). */
	secretCredentialFallback?: string;
	/**
	 * The vendor's name for the signing secret in the trigger's field (default "Signing Secret"), e.g.
	 * "Verification Token"; with `register: 'manual'` and no `secretCredentialField`.
	 */
	secretLabel?: string;
	/** Extra trigger fields, shown before Events. */
	params?: TriggerParamSpec[];
	/** The trigger node's versions, apart from the action node's (same rules as `ServiceSpec.versions`). */
	versions?: number[];
	/** OAuth2 scopes registering the webhook needs (part of the credential's default scopes). */
	scopes?: string[];
	/** Registrations that lapse unless renewed (e.g. after 7 days): the Connections Monitor renews them. */
	renewal?: WebhookRenewalSpec;
	/**
	 * What differs when the trigger uses another credential type (key: its `credentialType`): e.g. an app's token
	 * registers its webhook through the API and is verified otherwise than a webhook an administrator created.
	 */
	byAuth?: Record<string, WebhookVariant>;
}

/**
 * How a registered webhook is kept alive: the request that extends it, sent by the Connections Monitor with the
 * credential that registered it when its expiry is near (docs/services/connections-monitor.md).
 */
export interface WebhookRenewalSpec {
	method: HttpMethod;
	/** Path on the service's base URL: `{hookId}` and `{<field>}` of the trigger state's `data` (e.g. `{baseId}`). */
	path: string;
	/** How long a registration lives after its creation or renewal (ms), when the service says nothing. */
	lifetimeMs: number;
	/** Renew when less than this is left (ms); the monitor also renews when its next run would come too late. */
	renewBeforeMs: number;
	/** Where the creation's `data` and the renewal's answer give the expiry (ISO 8601 or epoch ms). */
	expiresAtPath?: string;
	/** A `data` field whose value keys the rate-limit budget (a per-base budget), like an operation's `keyParam`. */
	limitKeyField?: string;
	/**
	 * A `data` field holding this registration's own lifetime in ms (registrations whose lifetime depends on what
	 * they watch); `lifetimeMs` when absent. The renewal body's `{newExpiry}` is now plus that lifetime (ISO 8601).
	 */
	lifetimeField?: string;
	/**
	 * The JSON body (default `{}`): a text that is exactly `{hookId}` or `{<field>}` of the state's `data` is replaced
	 * by that value, `{hookId:number}` by it as a number (e.g. `{ ids: ['{hookId:number}'] }`). A `replace` renewal
	 * may also name `{newId}` (a fresh UUID for the replacement), `{secret}` (the trigger's secret, kept sealed in
	 * the registry), `{address}` (the registered URL) and `{expiresAt:number}` (now + `lifetimeMs`, epoch ms).
	 */
	body?: Record<string, unknown>;
	/** Query parameters of the renewal request, with the same placeholders as `body`. */
	query?: Record<string, string>;
	/**
	 * `extend` (default): the request extends the registration in place. `replace`: a registration that cannot be
	 * extended (a watch channel): the request creates a new one, whose id is `{newId}` (or the answer's `idPath`),
	 * the registry then holds the new one, and `stop` ends the old one; deliveries for the old id still verify
	 * until it is stopped.
	 */
	kind?: 'extend' | 'replace';
	/** `replace`: where the answer gives the new registration's id (default: the `{newId}` that was sent). */
	idPath?: string;
	/** `replace`: values the answer gives that the next renewal and `stop` need (value name → answer path). */
	keep?: Record<string, string>;
	/** `replace`: the request that ends the old registration (`{hookId}` and values are the old one's). */
	stop?: { method: HttpMethod; path: string; body?: Record<string, unknown> };
}

/** The parts of a webhook that may differ per credential type (`WebhookSpec.byAuth`). */
export type WebhookVariant = Partial<
	Pick<
		WebhookSpec,
		| 'signature'
		| 'register'
		| 'hooks'
		| 'secretCredentialField'
		| 'secretCredentialFallback'
		| 'urlSecret'
		| 'urlSecretParam'
		| 'params'
		| 'scopes'
		| 'renewal'
	>
>;

/**
 * A polling trigger (for records the service sends no webhook for): on n8n's Poll Times it calls one of the
 * spec's list operations through the engine and emits each record it has not emitted before, once.
 * See lib/triggers/README.md § Polling triggers.
 */
export interface PollSpec {
	/** What the trigger can watch; with more than one, the user picks one in "Event". */
	events: PollEventSpec[];
	/** The trigger node's versions, apart from the action node's (same rules as `ServiceSpec.versions`). */
	versions?: number[];
}

/** One thing a polling trigger watches: a list operation of the spec, and how to tell its records apart. */
export interface PollEventSpec {
	/** Value of the "Event" option (saved in workflows: never change it once released). */
	value: string;
	name: string;
	description?: string;
	/** The list operation it calls (a resource id and an operation id of this spec): its fields, paging, scopes and rate-limit budget come with it. */
	resource: string;
	operation: string;
	/** The operation's params the trigger shows as fields (default: its required ones); the others are not sent. */
	params?: string[];
	/** Values of the operation's params that every poll sends (e.g. a sort order). */
	fixed?: IDataObject;
	/** Path (lib/transport/path.ts) of each record's unique id. */
	idPath: string;
	/**
	 * Path of each record's time (ISO 8601 text or an epoch number): a record older than the newest one already
	 * emitted is never new, even after its id has left the remembered ids.
	 */
	timePath?: string;
	/** A param of the operation (shown or not) that gets the newest time seen, so the service lists only newer records. */
	sinceParam?: string;
	/**
	 * The list's order: `newestFirst` (default; paging stops after a page holding a record already seen) or `any`
	 * (every page is read, up to `maxPages`, and the first activation remembers them all).
	 */
	order?: 'newestFirst' | 'any';
	/** Most pages one poll reads (default 10). */
	maxPages?: number;
	/** Most ids remembered in the node's static data (default 1000). */
	maxSeen?: number;
	/**
	 * A poll hook (`ServiceDefinition.hooks[hook]`, a `PollHook`) that finds the new records itself, for changes
	 * read from a cursor (a history id, a sync token) rather than from a list of recent records: it gets the
	 * cursor it returned last time (none on the first activation or after a field changed) and returns the
	 * records and the next cursor, which the trigger keeps in the node's static data. The operation still gives
	 * the fields, scopes and rate-limit budget; ids are still remembered, so a record is emitted once.
	 */
	hook?: string;
}

/** What a poll hook (`PollEventSpec.hook`) receives. */
export interface PollHookContext {
	engine: import('../transport/engine').Engine;
	fn: IPollFunctions;
	spec: ServiceSpec;
	/** The trigger's field values (and the event's `fixed` ones), keyed by param name. */
	params: IDataObject;
	/** The spec's base URL resolved from the credential. */
	baseUrl: string;
	/** The cursor the hook returned last time; undefined on a baseline (first activation, fields changed). */
	cursor?: IDataObject;
	/** A manual run ("Fetch Test Event"): return the newest record; the cursor is not kept. */
	manual: boolean;
	/** The engine's request with the trigger's credential; the operation's scopes and budget unless given. */
	request: (
		req: import('../transport/types').EngineRequest,
	) => Promise<import('../transport/types').EngineResponse>;
}

/** What a poll hook returns: the records found (oldest first; newest first on a manual run) and the next cursor. */
export interface PollHookResult {
	records: IDataObject[];
	cursor: IDataObject;
}

export type PollHook = (ctx: PollHookContext) => Promise<PollHookResult>;

export interface ServiceSpec {
	/** Stable id, `camelCase`; also the rate-limit and workspace key. */
	id: string;
	/**
	 * The node's versions, oldest first, starting at 1 (default `[1]`); the last is what new nodes get. A change
	 * that would break a saved workflow adds a version (see docs/adding-a-service.md § Versions).
	 */
	versions?: number[];
	displayName: string;
	description: string;
	docsUrl: string;
	/** Service family for the one-connection-per-workspace rule (e.g. one connection for all nodes of a suite). Defaults to `id`. */
	family?: string;
	/** Base URL; `{field}` placeholders are filled from non-secret credential fields (e.g. a shop name or data centre). */
	baseUrl: string;
	auth: AuthSpec[];
	/**
	 * Request the credential test and the Connections node's "Test" send. `baseUrl`: the provider's identity host
	 * when it is not the service's (a suite whose products live on several hosts of one vendor).
	 */
	credentialTest: { method?: HttpMethod; path: string; baseUrl?: string };
	/** "Who am I": gives the account label shown for a connection (`baseUrl` as for `credentialTest`). */
	account?: AccountSpec;
	rateLimit?: RateLimitPolicy;
	/** Errors the service reports inside a success answer (`{ ok: false, error }`, GraphQL `errors[]`). */
	errorsInBody?: ErrorsInBodySpec;
	/** The vendor's error codes mapped to the seed's categories (reconnect, scope, field, wait, retry). */
	errorCodes?: ErrorCodesSpec;
	/** Default pagination for operations with `paginate: true`. */
	pagination?: PaginationSpec;
	/** Header that carries an idempotency key for writes; the engine sets one per item, reused across its retries. */
	idempotencyHeader?: string;
	/** Response header with the service's request id (common ones are found without it). */
	requestIdHeader?: string;
	/** Headers every request to the service sends (e.g. an API version or media type); a request's own headers win. */
	headers?: Record<string, string>;
	/** The service's batch endpoint, used by operations marked `batchable` when the user turns batching on. */
	batch?: BatchSpec;
	/** A session opened around the calls of one run by the operations marked `session`. */
	session?: SessionSpec;
	resources: ResourceSpec[];
	webhook?: WebhookSpec;
	/** A polling trigger, for a service (or records) without webhooks. */
	poll?: PollSpec;
	/** Connection facts: exclusivity (generic connections are not), family name, revoke endpoint, long-lived token renewal. */
	connection?: ConnectionSpec;
}

/**
 * The vendor's "who am I" request: the account label (`@handle`, e-mail, shop domain) read from its answer at
 * `labelPath`, or at the first of several paths that has a value (an e-mail only some tokens may read, else the
 * account's id).
 */
export interface AccountSpec {
	path: string;
	labelPath: string | string[];
	baseUrl?: string;
}

/** What a hook receives: the n8n context, the item and the engine's request function bound to this service. */
export interface HookContext {
	/** The runtime's engine, for a hook that sends with other signing (a page token) or needs the clock. */
	engine: import('../transport/engine').Engine;
	fn: IExecuteFunctions;
	itemIndex: number;
	spec: ServiceSpec;
	operation: OperationSpec;
	/** Resolved parameter values, keyed by param name. */
	params: IDataObject;
	/** The spec's base URL resolved from the item's credential (e.g. an enterprise server). */
	baseUrl: string;
	/** The item's credential type (which of the spec's `auth` entries it uses). */
	credentialType?: string;
	request: (
		req: import('../transport/types').EngineRequest,
	) => Promise<import('../transport/types').EngineResponse>;
}

export type OperationHook = (
	ctx: HookContext,
) => Promise<INodeExecutionData[] | IDataObject | IDataObject[]>;

/** Reshapes an operation's generic request (`OperationSpec.shape`); it sends nothing. */
export type RequestShapeHook = (
	req: import('../transport/types').EngineRequest,
	ctx: Omit<HookContext, 'request'>,
) => import('../transport/types').EngineRequest;

/** What the trigger keeps in the node's static data (persisted by n8n between activations). */
export interface TriggerState {
	/** Id of the hook registered at the service. */
	hookId?: string;
	/** Signing (or URL) secret of the registered hook. */
	secret?: string;
	/** Events and URL the hook was registered with. */
	events?: string[];
	webhookUrl?: string;
	/** Whatever else the create hook returned (e.g. a verify token). */
	data?: IDataObject;
}

/** What trigger lifecycle hooks receive. */
export interface TriggerHookContext {
	engine: import('../transport/engine').Engine;
	fn: IHookFunctions;
	spec: ServiceSpec;
	/** The URL to register (test or production), with the URL secret when the spec uses one. */
	webhookUrl: string;
	/** Selected event values. */
	events: string[];
	/** Trigger field values, keyed by param name. */
	params: IDataObject;
	credentialType?: string;
	/** The spec's base URL resolved from the credential. */
	baseUrl: string;
	/** This node's static data; the builder writes it after `create` and clears it after `delete`. */
	state: TriggerState;
	/** In `create`: the fresh secret to give the service; otherwise the stored (or credential) secret. */
	secret: string;
	request: (
		req: import('../transport/types').EngineRequest,
	) => Promise<import('../transport/types').EngineResponse>;
}

/** What a `create` hook returns: the service's hook id, and the secret when the service generated it. */
export interface TriggerCreateResult {
	id: string;
	secret?: string;
	data?: IDataObject;
}

/**
 * What a `deliver` hook receives: a delivery that passed verification, the event filter and the replay check.
 * It returns the items to emit (none: the sender gets 200 and nothing starts).
 */
export interface DeliveryContext {
	engine: import('../transport/engine').Engine;
	fn: IWebhookFunctions;
	spec: ServiceSpec;
	/** The delivery's JSON body. */
	body: IDataObject;
	/** The event the delivery names, if the spec says where it is. */
	event?: string;
	/** Selected event values of the trigger. */
	events: string[];
	/** Trigger field values, keyed by param name. */
	params: IDataObject;
	/** This activation's state (hook id, what `create` returned in `data`), the secret left out. */
	state: TriggerState;
	/** The spec's base URL resolved from the credential. */
	baseUrl: string;
	/** The engine with the trigger's credential (queue, rate limits, retries, redaction). */
	request: (
		req: import('../transport/types').EngineRequest,
	) => Promise<import('../transport/types').EngineResponse>;
	/** Merges values into the state's `data` (the node's static data, which n8n saves after the delivery). */
	saveData: (data: IDataObject) => void;
	/**
	 * Once-only across every process of the instance (the replay store): false when one of `keys` was claimed
	 * by this trigger before and is still remembered; otherwise remembers them all for `ttlMs` and returns true.
	 */
	claim: (keys: string[], ttlMs: number) => Promise<boolean>;
	/**
	 * The service removed the registration and the hook made a new one: the state's hook id becomes `hookId`, `data`
	 * is merged in, and a renewed registration (`webhook.renewal`) is recorded anew for the Connections Monitor.
	 */
	replaceRegistration: (hookId: string, data: IDataObject) => Promise<void>;
}

export type TriggerDeliverHook = (ctx: DeliveryContext) => Promise<IDataObject[]>;

export type TriggerCheckExistsHook = (ctx: TriggerHookContext) => Promise<boolean>;
export type TriggerCreateHook = (ctx: TriggerHookContext) => Promise<TriggerCreateResult>;
export type TriggerDeleteHook = (ctx: TriggerHookContext) => Promise<void>;

/** What a handshake hook receives: the request, before any signature check. */
export interface HandshakeContext {
	fn: IWebhookFunctions;
	spec: ServiceSpec;
	/** `default` or `setup`. */
	webhookName: string;
	method: string;
	headers: Record<string, string | string[] | undefined>;
	query: IDataObject;
	rawBody: Buffer;
	/** The body decoded from the raw bytes (JSON, form fields or text); undefined when empty or binary. */
	body: unknown;
	state: TriggerState;
	/** The signing secret (stored, or from the credential). */
	secret?: string;
	params: IDataObject;
	/** Runs the spec's signature check on this request now (for handshakes that are signed). */
	verify: () => Promise<import('../webhooks/signature').VerifyResult>;
}

/** The answer to a handshake; `undefined` from the hook means "not a handshake". */
export interface HandshakeAnswer {
	status?: number;
	body?: string | IDataObject;
	contentType?: string;
	/** Extra response headers (e.g. a challenge echoed in a header). */
	headers?: Record<string, string>;
	/** Besides answering, start one execution with this item (a `show` handshake: a token the user must copy). */
	emit?: IDataObject;
}

export type TriggerHandshakeHook = (
	ctx: HandshakeContext,
) => Promise<HandshakeAnswer | undefined> | HandshakeAnswer | undefined;

/** A service as shipped: its spec (data) plus the hooks the spec names. */
export interface ServiceDefinition {
	spec: ServiceSpec;
	hooks?: Record<string, (...args: never[]) => unknown>;
}
