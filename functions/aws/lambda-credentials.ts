/**
 * The SDK clients' default credential provider as the Lambda bundles have it: the environment
 * only. lib/functions.ts aliases `@aws-sdk/credential-provider-node` (the default chain: env, SSO,
 * ini files, credential_process, web identity, container and instance metadata) to this module
 * when it bundles a handler, because on Lambda the chain always ends at its first link: the runtime
 * puts the execution role's credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN. The other links (and the STS, SSO and sign-in clients they carry) never run
 * there, yet they were about 110 KB of the bundle and 40 ms of its cold import.
 * Same exports as the package; the first link is the package's own `fromEnv`, so on Lambda the
 * credentials are the ones the full chain would return. Everywhere else (the CLI, the local
 * stack, tests) nothing is aliased and the full chain applies.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

type Init = Parameters<typeof fromEnv>[0];

/** No credentials in the environment: outside Lambda, or a runtime that stopped putting them there. */
export class NoEnvironmentCredentials extends Error {
  override name = 'NoEnvironmentCredentials';
}

export const defaultProvider =
  (init: Init = {}): AwsCredentialIdentityProvider =>
  async () => {
    try {
      return await fromEnv(init)();
    } catch (err) {
      throw new NoEnvironmentCredentials(
        'no AWS credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY): this bundle reads them where the Lambda runtime puts them, and nowhere else (lib/functions.ts LAMBDA_ALIASES)',
        { cause: err },
      );
    }
  };

/** As the package: credentials with an expiry may need refreshing. */
export const credentialsWillNeedRefresh = (credentials?: AwsCredentialIdentity): boolean => credentials?.expiration !== undefined;

/** As the package: credentials expiring within 5 minutes count as expired. */
export const credentialsTreatedAsExpired = (credentials?: AwsCredentialIdentity): boolean =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;
