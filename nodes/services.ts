/** Every service definition the package ships; the conformance tests run over this list. */
import type { ServiceDefinition } from '../lib/spec/types';
import { facebookPagesDefinition } from './FacebookPages/FacebookPages.spec';
import { instagramDefinition } from './Instagram/Instagram.spec';
import { customApiSpec } from './CustomApi/CustomApi.spec';
import { githubDefinition } from './Github/Github.spec';
import { graphQlSpec } from './GraphQl/GraphQl.spec';
import { stripeDefinition } from './Stripe/Stripe.spec';

export const services: ServiceDefinition[] = [{ spec: customApiSpec }, { spec: graphQlSpec }, stripeDefinition, instagramDefinition, facebookPagesDefinition, githubDefinition];
