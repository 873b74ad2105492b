import { describe, expect, it } from 'vitest';
import { ENV, requiredEnv } from '../../../functions/aws/config.ts';

describe('requiredEnv', () => {
  it('returns a set variable', () => {
    expect(requiredEnv(ENV.bucket, { [ENV.bucket]: 'my-bucket' })).toBe('my-bucket');
  });

  it('fails loudly, naming the variable, when it is missing or empty', () => {
    expect(() => requiredEnv(ENV.table, {})).toThrow('environment variable TABLE_NAME is not set');
    expect(() => requiredEnv(ENV.table, { [ENV.table]: '' })).toThrow('TABLE_NAME');
  });
});
