/**
 * The permissions (OAuth2 scopes) granted to a credential's token, for the dashboard and for naming the
 * scopes a refused request lacks. RFC 6749 §5.1: the
 * token response names the scope when it differs from the one requested, else the requested scope was
 * granted; so the token's `scope` first, then the credential's requested `scope` field.
 */
import type { IDataObject } from 'n8n-workflow';

/** Space-separated scopes (commas, as some providers answer, become spaces), or null when unknown. */
export function grantedScopesOf(data: IDataObject | undefined): string | null {
	const token = (data?.oauthTokenData ?? {}) as IDataObject;
	const raw = [token.scope, data?.scope].find((v) => typeof v === 'string' && v.trim());
	if (typeof raw !== 'string') return null;
	const list = [...new Set(raw.split(/[\s,]+/).filter(Boolean))];
	return list.length ? list.join(' ') : null;
}

/** Scopes from a header or a credential field: comma or space separated, none twice; undefined when not given. */
export function scopeList(raw: string | null | undefined): string[] | undefined {
	if (raw === undefined || raw === null) return undefined;
	return [...new Set(raw.split(/[\s,]+/).filter(Boolean))];
}
