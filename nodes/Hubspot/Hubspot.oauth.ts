/** HubSpot OAuth 2.0 facts, apart from the spec so the credential class loads nothing else. */

export const HUBSPOT_API = 'https://api.hubapi.com';

/**
 * Authorization code flow of a HubSpot public app (services.md § HubSpot): the install page on app.hubspot.com
 * (HubSpot sends EU accounts on to app-eu1 itself), the token endpoint on api.hubapi.com, client ID and secret in
 * the form body. Access tokens last 30 minutes (`expires_in: 1800`; the token answer's value is used, never a
 * constant), so the connections engine refreshes them ahead of their expiry; refresh tokens do not expire until
 * the app is uninstalled.
 *
 * Least privilege, the union of what the operations need (docs/services/hubspot.md says which needs which): read
 * and write per CRM object (contacts, companies, deals, tickets), `crm.objects.owners.read` (owners),
 * `automation` (workflow enrolment), `content` (marketing e-mail statistics) and `oauth` (every app has it).
 * Notes and tasks, pipelines and properties are read or written under the scopes of the objects they belong to.
 */
export const HUBSPOT_OAUTH = {
	grantType: 'authorizationCode' as const,
	authUrl: 'https://app.hubspot.com/oauth/authorize',
	tokenUrl: `${HUBSPOT_API}/oauth/v1/token`,
	scopes: [
		'automation',
		'content',
		'crm.objects.companies.read',
		'crm.objects.companies.write',
		'crm.objects.contacts.read',
		'crm.objects.contacts.write',
		'crm.objects.deals.read',
		'crm.objects.deals.write',
		'crm.objects.owners.read',
		'oauth',
		'tickets',
	],
	clientAuthentication: 'body' as const,
};
