import { identityOf } from '../../lib/spec/identity';
import type { ServiceSpec } from '../../lib/spec/types';
import { customApiSpec } from '../CustomApi/CustomApi.service';

/** Any GraphQL endpoint; shares the Custom API credentials (their Base URL is the GraphQL server). */
export const graphQlSpec: ServiceSpec = {
	...customApiSpec,
	id: 'graphQlApi',
	displayName: 'GraphQL API',
	description: 'Any GraphQL endpoint: queries and mutations with variables',
	docsUrl:
		'https://github.com/n8n-nodes-api-connections/n8n-nodes-api-connections/blob/main/docs/services/graphql-api.md',
};

export const graphQlService = identityOf(graphQlSpec);
