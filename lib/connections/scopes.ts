/** The scopes granted to a credential's token: the transport reads them too (a refused permission names the missing ones). */
export { grantedScopesOf } from '../transport/scopes';
