/**
 * The credential provider the Lambda bundles use in place of the SDK's default chain
 * (lib/functions.ts LAMBDA_ALIASES): the environment, as the Lambda runtime fills it, and nothing
 * else. test/cdk/bundle.test.ts checks that the real bundles use it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as chain from '@aws-sdk/credential-provider-node';
import * as lambda from '../../../functions/aws/lambda-credentials.ts';
import { credentialsTreatedAsExpired, credentialsWillNeedRefresh, defaultProvider, NoEnvironmentCredentials } from '../../../functions/aws/lambda-credentials.ts';
import { LAMBDA_ALIASES } from '../../../lib/functions.ts';

const CREDENTIAL_ENV = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_PROFILE'];

describe('Lambda credentials', () => {
  afterEach(() => vi.unstubAllEnvs());
  const clearEnv = () => {
    for (const name of CREDENTIAL_ENV) vi.stubEnv(name, undefined);
  };

  it('replaces the package the SDK clients take their default provider from, with the same exports', () => {
    expect(LAMBDA_ALIASES['@aws-sdk/credential-provider-node']).toBe('./functions/aws/lambda-credentials.ts');
    const named = Object.keys(chain).filter((name) => name !== 'default' && name !== 'module.exports'); // (CommonJS interop)
    expect(named).toContain('defaultProvider');
    for (const name of named) expect(typeof (lambda as Record<string, unknown>)[name], name).toBe(typeof (chain as Record<string, unknown>)[name]);
  });

  it('reads the role credentials the Lambda runtime puts in the environment', async () => {
    clearEnv();
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'example-secret');
    vi.stubEnv('AWS_SESSION_TOKEN', 'example-token');
    await expect(defaultProvider()()).resolves.toMatchObject({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example-secret', sessionToken: 'example-token' });
  });

  it('looks nowhere else: without them it fails, saying so', async () => {
    clearEnv();
    vi.stubEnv('AWS_PROFILE', 'someone'); // the full chain would read ~/.aws for this profile
    const failure = defaultProvider()();
    await expect(failure).rejects.toBeInstanceOf(NoEnvironmentCredentials);
    await expect(failure).rejects.toThrow(/no AWS credentials in the environment/);
  });

  it('treats expiring credentials as the SDK does (refresh within 5 minutes of the expiry)', () => {
    const at = (ms: number) => ({ accessKeyId: 'a', secretAccessKey: 's', expiration: new Date(Date.now() + ms) });
    expect(credentialsWillNeedRefresh({ accessKeyId: 'a', secretAccessKey: 's' })).toBe(false);
    expect(credentialsWillNeedRefresh(at(3_600_000))).toBe(true);
    expect(credentialsTreatedAsExpired(at(60_000))).toBe(chain.credentialsTreatedAsExpired(at(60_000)));
    expect(credentialsTreatedAsExpired(at(60_000))).toBe(true);
    expect(credentialsTreatedAsExpired(at(3_600_000))).toBe(false);
  });
});
