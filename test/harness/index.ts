// The in-process workflow test harness: everything node tests need, from one import.
export { runNode, PACKAGE_NAME, secretScans } from './run-node';
export type { RunNodeOptions, RunNodeResult } from './run-node';
export { testCredential } from './credential-test';
export type { TestCredentialOptions } from './credential-test';
export { HarnessCredentialsHelper } from './credentials-helper';
export type { CredentialUpdate } from './credentials-helper';
export { n8nOAuth2Api } from './oauth2-api';
