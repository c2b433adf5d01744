/**
 * Where an item's requests go: the base URL (from the credential or the node) and a redactor for the credential's
 * secrets. Called a request target, not a connection: see docs/glossary.md.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { executionCredential } from '../transport/credential-reads';
import { nodeOf } from '../transport/node';
import type { RequestFunctions } from '../transport/pipeline';
import { makeRedactor, mayGainToken, secretsOf, type Redactor } from '../transport/redact';
import { resolveBaseUrl, UrlBuildError } from '../transport/url';

export interface RequestTarget {
	baseUrl: string;
	redact: Redactor;
	credentialType?: string;
	/** The credential's name in n8n, to name it in messages. */
	credentialName?: string;
}

/**
 * @param baseUrlTemplate e.g. `https://api.example.com` or `{baseUrl}` (taken from the credential);
 * when no credential is used, `fallbackFields` fills it (e.g. the node's own Base URL field).
 */
export async function openTarget(
	fn: RequestFunctions,
	itemIndex: number,
	credentialType: string | undefined,
	baseUrlTemplate: string,
	fallbackFields: IDataObject = {},
): Promise<RequestTarget> {
	const data: IDataObject = credentialType ? await executionCredential(fn, credentialType) : {};
	return targetOf(fn, itemIndex, credentialType, baseUrlTemplate, data, fallbackFields);
}

/** `openTarget` for credential data already read. */
export function targetOf(
	fn: RequestFunctions,
	itemIndex: number,
	credentialType: string | undefined,
	baseUrlTemplate: string,
	data: IDataObject,
	fallbackFields: IDataObject = {},
): RequestTarget {
	const redact = makeRedactor(secretsOf(data));
	if (credentialType && !mayGainToken(data)) redact.settled = true;
	try {
		const baseUrl = resolveBaseUrl(baseUrlTemplate, { ...fallbackFields, ...data });
		return {
			baseUrl,
			redact,
			credentialType,
			credentialName: credentialType ? nodeOf(fn).credentials?.[credentialType]?.name : undefined,
		};
	} catch (error) {
		const message = error instanceof UrlBuildError ? error.message : (error as Error).message;
		throw new NodeOperationError(fn.getNode(), redact(message), { itemIndex });
	}
}
