/**
 * The CDK app: the stateful storage stack and the stateless pipeline stack, checked by cdk-nag
 * (AwsSolutions) on every synth. Settings come from CDK context (`-c key=value` or cdk.json):
 *
 * | context              | default                 | meaning                                          |
 * | -------------------- | ----------------------- | ------------------------------------------------ |
 * | `prefix`             | `AcceptOrIgnore`        | stack name prefix                                |
 * | `uploadRetentionDays`| `30`                    | raw uploads are deleted after this many days     |
 * | `allowedOrigins`     | none (no CORS)          | comma-separated origins of an upload page (`*` refused) |
 * | `timeZone`           | `America/Los_Angeles`   | zone Sent At is read in and years counted in     |
 * | `ingestConcurrency`  | `2`                     | reserved concurrency of ingest (0: none)         |
 * | `apiConcurrency`     | `5`                     | reserved concurrency of the API (0: none)        |
 * | `logRetentionDays`   | `30`                    | CloudWatch log retention                         |
 * | `stubBundling`       | `false`                 | inline stub code instead of esbuild (fast synth) |
 */
import { DEFAULT_TIME_ZONE } from '../functions/audit/export/time.ts';
import { App, Validations, type Environment } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { acknowledgeManagedFindings } from './nag.ts';
import { PipelineStack } from './pipeline-stack.ts';
import { StorageStack } from './storage-stack.ts';
import { statefulNames } from './names.ts';

export interface AppSettings {
  prefix: string;
  uploadRetentionDays: number;
  allowedOrigins: string[];
  timeZone: string;
  ingestConcurrency: number;
  apiConcurrency: number;
  logRetention: logs.RetentionDays;
  stubBundling: boolean;
  env?: Environment;
}

function intContext(app: App, key: string, fallback: number, min: number): number {
  const raw = app.node.tryGetContext(key);
  if (raw === undefined || raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`context "${key}" must be a whole number ≥ ${min}, got "${raw}"`);
  return n;
}

const RETENTIONS = Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number');

/** `allowedOrigins` from the context: named origins only (`https://host[:port]`); none means no CORS at all. */
function originsFrom(value: unknown): string[] {
  const list = (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : []).map((s) => s.trim()).filter(Boolean);
  for (const origin of list) {
    if (!/^https?:\/\/[^/*\s]+$/.test(origin)) {
      throw new Error(`context "allowedOrigins" must name origins such as https://example.org (no wildcard, no path), got "${origin}"`);
    }
  }
  return list;
}

export function settingsFromContext(app: App): AppSettings {
  const ctx = (key: string) => app.node.tryGetContext(key) as unknown;
  const origins = ctx('allowedOrigins');
  const retention = intContext(app, 'logRetentionDays', 30, 1);
  if (!RETENTIONS.includes(retention)) throw new Error(`context "logRetentionDays" must be one of ${RETENTIONS.join(', ')}, got ${retention}`);
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  return {
    prefix: typeof ctx('prefix') === 'string' ? (ctx('prefix') as string) : 'AcceptOrIgnore',
    uploadRetentionDays: intContext(app, 'uploadRetentionDays', 30, 1),
    allowedOrigins: originsFrom(origins),
    timeZone: typeof ctx('timeZone') === 'string' ? (ctx('timeZone') as string) : DEFAULT_TIME_ZONE,
    ingestConcurrency: intContext(app, 'ingestConcurrency', 2, 0),
    apiConcurrency: intContext(app, 'apiConcurrency', 5, 0),
    logRetention: retention as logs.RetentionDays,
    stubBundling: ctx('stubBundling') === true || ctx('stubBundling') === 'true',
    env: account || region ? { account, region } : undefined,
  };
}

export interface BuiltApp {
  storage: StorageStack;
  pipeline: PipelineStack;
}

/** Add both stacks and cdk-nag to an app. */
export function buildApp(app: App, overrides: Partial<AppSettings> = {}): BuiltApp {
  const settings = { ...settingsFromContext(app), ...overrides };
  // The pipeline stack refers to the user pool of the storage stack; keep CloudFormation's
  // producer protection (an export in use cannot be removed) explicitly.
  if (app.node.tryGetContext('@aws-cdk/core:defaultCrossStackReferences') === undefined && app.node.children.length === 0) {
    app.node.setContext('@aws-cdk/core:defaultCrossStackReferences', 'strong');
  }
  const names = statefulNames(settings.prefix);
  const storage = new StorageStack(app, `${settings.prefix}Storage`, {
    bucketName: names.bucketName,
    tableName: names.tableName,
    env: settings.env,
    description: 'Accept or Ignore: stateful resources (bucket, table, user pool)',
    uploadRetentionDays: settings.uploadRetentionDays,
    allowedOrigins: settings.allowedOrigins,
  });
  const pipeline = new PipelineStack(app, `${settings.prefix}Pipeline`, {
    env: settings.env,
    description: 'Accept or Ignore: stateless resources (functions, HTTP API)',
    bucketName: names.bucketName,
    tableName: names.tableName,
    userPool: storage.userPool,
    userPoolClient: storage.userPoolClient,
    allowedOrigins: settings.allowedOrigins,
    timeZone: settings.timeZone,
    ingestConcurrency: settings.ingestConcurrency,
    apiConcurrency: settings.apiConcurrency,
    logRetention: settings.logRetention,
    stubBundling: settings.stubBundling,
  });
  pipeline.addStackDependency(storage);
  acknowledgeManagedFindings(pipeline, names);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { storage, pipeline };
}
