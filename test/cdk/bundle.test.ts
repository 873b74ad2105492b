/**
 * The one real bundle: synth the app with NodejsFunction's local esbuild bundling (no Docker),
 * then load each bundle in a fresh `node` process and call its handler on an input that needs no
 * network. Proves the ESM output (with its createRequire banner) actually runs, and that the
 * bundles take their AWS credentials from the environment alone, as the Lambda runtime gives them
 * (lib/functions.ts LAMBDA_ALIASES): a presigned upload form (signed locally, no request) fails
 * without them and is signed with them.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../lib/app.ts';
import { FITTED_DATA_FILES } from '../../lib/functions.ts';
import { CDK_JSON_CONTEXT } from './cdk-json.ts';
import { ROUTES } from '../../functions/app/route-keys.ts';

const run = promisify(execFile);

describe('handler bundles', () => {
  it('bundle with local esbuild as ESM and load and run in plain node', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'aoi-cdk-'));
    try {
      const app = new App({ outdir, builtinCloudFormationValidation: false, context: CDK_JSON_CONTEXT });
      const { pipeline } = buildApp(app);
      app.synth();
      const fns = Template.fromStack(pipeline).findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs24.x' } });
      const bundles: Record<string, string> = {};
      for (const [id, fn] of Object.entries(fns)) {
        const hash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
        expect(fn.Properties.Handler).toBe('index.handler');
        bundles[id.startsWith('IngestFailed') ? 'failed' : id.startsWith('Ingest') ? 'ingest' : 'api'] = join(outdir, `asset.${hash}`, 'index.mjs');
      }
      expect(Object.keys(bundles).sort()).toEqual(['api', 'failed', 'ingest']);
      for (const file of Object.values(bundles)) {
        expect(existsSync(file)).toBe(true);
        expect(existsSync(`${file}.map`)).toBe(true);
        console.log(`bundle ${file.split('/').slice(-2).join('/')}: ${(statSync(file).size / 1024).toFixed(0)} KiB`);
      }
      // the classifier's fitted data beside the bundle (lib/functions.ts commandHooks), as the repository has it,
      // and every fitted file the bundle names (read from beside it at run time) among them
      const named = [...new Set(readFileSync(bundles.ingest, 'utf8').match(/fitted\/[\w.-]+\.(?:bin|json)/g))];
      expect(named.length).toBeGreaterThan(0);
      expect(FITTED_DATA_FILES).toEqual(expect.arrayContaining(named));
      for (const f of FITTED_DATA_FILES) {
        const copied = join(dirname(bundles.ingest), f);
        expect(existsSync(copied), f).toBe(true);
        expect(readFileSync(copied).equals(readFileSync(join(import.meta.dirname, '../../functions/audit/classify', f))), f).toBe(true);
      }

      const script = `
        const api = await import(${JSON.stringify(bundles.api)});
        const ingest = await import(${JSON.stringify(bundles.ingest)});
        const failed = await import(${JSON.stringify(bundles.failed)});
        const unauth = await api.handler({ rawPath: '/years', requestContext: { http: { method: 'GET' } } });
        const ignored = await ingest.handler({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'b' }, object: { key: 'reports/u/report-2025.html' } } }] });
        const notUpload = await failed.handler({ Records: [{ messageId: 'm1', body: JSON.stringify({ requestPayload: { Records: [{ s3: { object: { key: 'reports/u/x' } } }] } }) }] });
        // POST /uploads signs the upload form (credentials, no request), then writes the upload
        // record to DynamoDB (a request: refused at once here, one attempt).
        const post = { routeKey: 'POST /uploads', rawPath: '/uploads', requestContext: { http: { method: 'POST' }, authorizer: { jwt: { claims: { sub: 'u1' } } } }, body: JSON.stringify({ filename: 'Invitations.csv' }) };
        const noCredentials = await api.handler(post);
        Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example-secret', AWS_SESSION_TOKEN: 'example-token' });
        const envCredentials = await api.handler(post);
        console.log(JSON.stringify({ unauth, ignored, notUpload, noCredentials, envCredentials, routes: api.ROUTES }));
      `;
      const { stdout, stderr } = await run(process.execPath, ['--input-type=module', '-e', script], {
        cwd: outdir, // no node_modules reachable: the bundle must be self-contained
        env: {
          PATH: process.env.PATH,
          AWS_REGION: 'us-east-1',
          BUCKET_NAME: 'b',
          TABLE_NAME: 't',
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
          AWS_MAX_ATTEMPTS: '1',
        },
      });
      const out = JSON.parse(stdout.trim().split('\n').pop()!);
      // the API's error log (on stderr: the error's name and code, no message), one per failed POST
      const failures = `${stdout}\n${stderr}`
        .split('\n')
        .filter((l) => l.startsWith('{"level"'))
        .map((l) => JSON.parse(l))
        .filter((l) => l.message === 'api request failed');
      expect(out.unauth.statusCode).toBe(401);
      expect(out.unauth.headers['content-type']).toBe('application/problem+json');
      expect(JSON.parse(out.unauth.body)).toMatchObject({ status: 401, title: 'Unauthorized' });
      expect(out.ignored.results).toEqual([expect.objectContaining({ status: 'SKIPPED', key: 'reports/u/report-2025.html' })]);
      expect(out.notUpload).toEqual({ batchItemFailures: [] });
      expect(out.routes).toEqual([...ROUTES]); // the bundle serves the routes the source declares
      // Without credentials in the environment the form is not signed: the environment is the
      // only source the bundle reads (the SDK's full chain would fail as CredentialsProviderError).
      expect(out.noCredentials.statusCode).toBe(500);
      expect(failures[0]?.error).toMatchObject({ name: 'NoEnvironmentCredentials' });
      // With them it is signed and the request after it is the one that fails (nothing listens).
      expect(out.envCredentials.statusCode).toBe(500);
      expect(failures[1]?.error).toMatchObject({ code: 'ECONNREFUSED' });
      expect(failures).toHaveLength(2);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 180_000);
});
