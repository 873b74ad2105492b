/**
 * Synth tests of the two stacks (bundling and CloudFormation validation skipped: fast).
 * cdk-nag runs on every synth: a synth that passes has no unacknowledged finding.
 */
import { describe, expect, it } from 'vitest';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { buildApp, type BuiltApp } from '../../lib/app.ts';
import { ROUTES } from '../../functions/app/route-keys.ts';
import { TABLE_INDEXES, TABLE_PARTITION_KEY, TABLE_SORT_KEY, createTableInput } from '../../functions/aws/table.ts';
import { REPORT_PREFIX, UPLOAD_PREFIX, UPLOAD_SUFFIXES } from '../../functions/aws/config.ts';
import { CDK_JSON_CONTEXT, RECOMMENDED_FLAGS } from './cdk-json.ts';

function synth(context: Record<string, unknown> = {}): BuiltApp & { app: App; storageT: Template; pipelineT: Template } {
  const app = new App({ builtinCloudFormationValidation: false, context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [], ...context } });
  const built = buildApp(app);
  app.synth(); // runs cdk-nag; throws on any unacknowledged finding
  return { app, ...built, storageT: Template.fromStack(built.storage), pipelineT: Template.fromStack(built.pipeline) };
}

const base = synth({ uploadRetentionDays: 7 });

type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown };
function statementsOf(t: Template, roleLogicalIdPrefix: string): Statement[] {
  const policies = t.findResources('AWS::IAM::Policy');
  const out: Statement[] = [];
  for (const p of Object.values(policies)) {
    const roles = JSON.stringify(p.Properties.Roles);
    if (roles.includes(roleLogicalIdPrefix)) out.push(...(p.Properties.PolicyDocument.Statement as Statement[]));
  }
  return out;
}
const actionsOf = (statements: Statement[]) => statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
const resourceText = (s: Statement) => JSON.stringify(s.Resource);

describe('storage stack', () => {
  it('narrow defaults: CORS only for named origins (bucket and API), a wildcard refused; the client allows only USER_PASSWORD_AUTH, no OAuth, no callback', () => {
    expect(Object.values(base.pipelineT.findResources('AWS::ApiGatewayV2::Api'))[0]!.Properties.CorsConfiguration).toBeUndefined();
    const named = synth({ allowedOrigins: 'https://aoi.example.org,http://localhost:5173' });
    const [bucket] = Object.values(named.storageT.findResources('AWS::S3::Bucket', { Properties: { VersioningConfiguration: { Status: 'Enabled' } } }));
    expect(bucket!.Properties.CorsConfiguration.CorsRules).toEqual([expect.objectContaining({ AllowedOrigins: ['https://aoi.example.org', 'http://localhost:5173'], AllowedMethods: ['POST', 'GET'] })]);
    const [api] = Object.values(named.pipelineT.findResources('AWS::ApiGatewayV2::Api'));
    expect(api!.Properties.CorsConfiguration.AllowOrigins).toEqual(['https://aoi.example.org', 'http://localhost:5173']);
    expect(() => synth({ allowedOrigins: '*' })).toThrow(/must name origins/);

    const [client] = Object.values(base.storageT.findResources('AWS::Cognito::UserPoolClient'));
    const c = client!.Properties;
    expect([...c.ExplicitAuthFlows].sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH']);
    expect(c.AllowedOAuthFlows).toBeUndefined();
    expect(c.AllowedOAuthFlowsUserPoolClient).toBe(false);
    expect(c.CallbackURLs).toBeUndefined();
    expect(JSON.stringify(c)).not.toContain('example.com');
  });

  it('the data bucket blocks public access, enforces TLS, encrypts, versions and logs access; no CORS unless origins are named', () => {
    const buckets = base.storageT.findResources('AWS::S3::Bucket', { Properties: { VersioningConfiguration: { Status: 'Enabled' } } });
    expect(Object.keys(buckets)).toHaveLength(1);
    const [dataId, data] = Object.entries(buckets)[0]!;
    const p = data.Properties;
    expect(p.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(p.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(p.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: expect.stringMatching(/^AccessLogs/) });
    expect(p.CorsConfiguration).toBeUndefined();
    expect(data.DeletionPolicy).toBe('Retain');
    // TLS only
    base.storageT.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: dataId },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('raw uploads expire after the configured number of days; reports do not', () => {
    const [data] = Object.values(base.storageT.findResources('AWS::S3::Bucket', { Properties: { VersioningConfiguration: { Status: 'Enabled' } } }));
    const rules = data!.Properties.LifecycleConfiguration.Rules as { Prefix?: string; ExpirationInDays?: number; Status: string }[];
    const uploads = rules.filter((r) => r.ExpirationInDays !== undefined);
    expect(uploads).toEqual([expect.objectContaining({ Prefix: UPLOAD_PREFIX, ExpirationInDays: 7, Status: 'Enabled' })]);
    // Old versions of a report (replaced, or deleted with DELETE /data) go after a few days.
    expect(rules).toContainEqual(expect.objectContaining({ Id: 'expire-old-report-versions', Prefix: 'reports/', NoncurrentVersionExpiration: { NoncurrentDays: 3 }, Status: 'Enabled' }));
    const other = synth({ uploadRetentionDays: 45 });
    expect(JSON.stringify(other.storageT.toJSON())).toContain('"ExpirationInDays":45');
  });

  it('the table is on-demand, has PITR and deletion protection, is retained, and matches the shared definition', () => {
    const tables = base.storageT.findResources('AWS::DynamoDB::Table');
    expect(Object.keys(tables)).toHaveLength(1);
    const table = Object.values(tables)[0]!;
    expect(table.DeletionPolicy).toBe('Retain');
    const p = table.Properties;
    expect(p.BillingMode).toBe('PAY_PER_REQUEST');
    expect(p.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(p.DeletionProtectionEnabled).toBe(true);
    expect(p.KeySchema).toEqual([
      { AttributeName: TABLE_PARTITION_KEY, KeyType: 'HASH' },
      { AttributeName: TABLE_SORT_KEY, KeyType: 'RANGE' },
    ]);
    expect(p.GlobalSecondaryIndexes.map((g: { IndexName: string }) => g.IndexName)).toEqual(TABLE_INDEXES.map((i) => i.indexName));
    // Same key schema as the emulator's table (createTableInput), index by index.
    expect(p.GlobalSecondaryIndexes).toEqual(
      createTableInput('t').GlobalSecondaryIndexes.map((g) => ({ IndexName: g.IndexName, KeySchema: g.KeySchema, Projection: g.Projection })),
    );
    expect([...p.AttributeDefinitions].sort((a: { AttributeName: string }, b: { AttributeName: string }) => a.AttributeName.localeCompare(b.AttributeName))).toEqual(
      [...createTableInput('t').AttributeDefinitions].sort((a, b) => a.AttributeName.localeCompare(b.AttributeName)),
    );
    // Every verdict of a user by date (GET /verdicts without a year, newest first): the table's partition key, sorted by `<sentAt>#<id>`.
    expect(p.GlobalSecondaryIndexes).toContainEqual(
      expect.objectContaining({ IndexName: 'gsi2', KeySchema: [{ AttributeName: TABLE_PARTITION_KEY, KeyType: 'HASH' }, { AttributeName: 'gsi1sk', KeyType: 'RANGE' }] }),
    );
    expect(p.TimeToLiveSpecification).toBeUndefined();
  });

  it('outputs the bucket, the user pool and its client', () => {
    const outputs = Object.keys(base.storageT.findOutputs('*'));
    expect(outputs).toEqual(expect.arrayContaining(['BucketName', 'UserPoolId', 'UserPoolClientId']));
    base.storageT.hasResourceProperties('AWS::Cognito::UserPool', { AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
  });
});

describe('pipeline stack', () => {
  it('ingest runs on Node 24, ARM, JSON logs with retention, small reserved concurrency', () => {
    const fns = base.pipelineT.findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs24.x' } });
    expect(Object.keys(fns).sort()).toEqual([expect.stringMatching(/^Api/), expect.stringMatching(/^Ingest[A-Z0-9]{8}$/), expect.stringMatching(/^IngestFailed/)]);
    for (const fn of Object.values(fns)) {
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.LoggingConfig.LogFormat).toBe('JSON');
      expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
    }
    const ingest = Object.entries(fns).find(([id]) => /^Ingest[A-Z0-9]{8}$/.test(id))![1];
    expect(ingest.Properties.ReservedConcurrentExecutions).toBe(2);
    expect(ingest.Properties.MemorySize).toBeGreaterThanOrEqual(512);
    expect(ingest.Properties.Timeout).toBeGreaterThanOrEqual(60);
    base.pipelineT.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    const none = synth({ ingestConcurrency: 0 });
    const ingest0 = Object.entries(none.pipelineT.findResources('AWS::Lambda::Function')).find(([id]) => /^Ingest[A-Z0-9]{8}$/.test(id))![1];
    expect(ingest0.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  it('ObjectCreated on uploads/ triggers ingest, once for .zip and once for .csv', () => {
    const [n] = Object.values(base.pipelineT.findResources('Custom::S3BucketNotifications'));
    const configs = n!.Properties.NotificationConfiguration.LambdaFunctionConfigurations as {
      Events: string[];
      Filter: { Key: { FilterRules: { Name: string; Value: string }[] } };
      LambdaFunctionArn: unknown;
    }[];
    expect(configs).toHaveLength(UPLOAD_SUFFIXES.length);
    const filters = configs.map((c) => Object.fromEntries(c.Filter.Key.FilterRules.map((r) => [r.Name.toLowerCase(), r.Value])));
    expect(filters).toEqual(expect.arrayContaining(UPLOAD_SUFFIXES.map((suffix) => ({ prefix: UPLOAD_PREFIX, suffix }))));
    for (const c of configs) {
      expect(c.Events).toEqual(['s3:ObjectCreated:*']);
      expect(JSON.stringify(c.LambdaFunctionArn)).toMatch(/Ingest/);
    }
    // Reports are written outside the trigger prefix: no recursion.
    expect(REPORT_PREFIX.startsWith(UPLOAD_PREFIX)).toBe(false);
  });

  it('failed async invocations (errors, timeouts, out of memory) go to an SQS queue after retries; a failure handler consumes it and marks the upload FAILED', () => {
    const [cfg] = Object.values(base.pipelineT.findResources('AWS::Lambda::EventInvokeConfig'));
    expect(cfg!.Properties.MaximumRetryAttempts).toBe(2);
    const dest = JSON.stringify(cfg!.Properties.DestinationConfig.OnFailure.Destination);
    expect(dest).toMatch(/IngestFailures/);
    base.pipelineT.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    // The failure queue feeds the IngestFailed function, with partial batch responses.
    const [mapping] = Object.values(base.pipelineT.findResources('AWS::Lambda::EventSourceMapping'));
    expect(JSON.stringify(mapping!.Properties.EventSourceArn)).toMatch(/IngestFailures[A-Z0-9]/);
    expect(JSON.stringify(mapping!.Properties.FunctionName)).toMatch(/IngestFailed/);
    expect(mapping!.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    // ... and records it cannot handle either are kept in a dead-letter queue.
    const queues = base.pipelineT.findResources('AWS::SQS::Queue');
    const failures = Object.entries(queues).find(([id]) => /^IngestFailures[A-Z0-9]/.test(id) && !id.includes('Unhandled'))![1];
    expect(JSON.stringify(failures.Properties.RedrivePolicy.deadLetterTargetArn)).toMatch(/IngestFailuresUnhandled/);
    const fns = base.pipelineT.findResources('AWS::Lambda::Function');
    const handler = Object.entries(fns).find(([id]) => id.startsWith('IngestFailed'))![1];
    expect(handler.Properties.Environment.Variables).toMatchObject({ INGEST_TIMEOUT_SECONDS: '300', BUCKET_NAME: expect.anything(), TABLE_NAME: expect.anything() });
    // One record per invocation, each within the queue's visibility timeout (it may recompute a year's report).
    expect(mapping!.Properties.BatchSize).toBe(1);
    expect(handler.Properties.Timeout).toBeLessThanOrEqual(failures.Properties.VisibilityTimeout);
    expect(handler.Properties.MemorySize).toBeGreaterThanOrEqual(1024);
    // Marks the upload FAILED and puts back the years the failed run left (issue 13): reads the
    // visible verdicts, rewrites (or deletes) the years' stats and report pages; nothing else.
    const own = statementsOf(base.pipelineT, 'IngestFailedServiceRole');
    expect(actionsOf(own).filter((a) => a.startsWith('dynamodb:')).sort()).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']);
    expect(actionsOf(own).filter((a) => a.startsWith('s3:')).sort()).toEqual(['s3:DeleteObject', 's3:PutObject']);
    for (const st of own.filter((x) => actionsOf([x]).some((a) => a.startsWith('s3:')))) expect(resourceText(st)).toContain(`/${REPORT_PREFIX}*`);
  });

  it('grants are least privilege: ingest reads uploads/, writes reports/ and deletes only derived data (a stats item, a report page); only the API deletes uploads (DELETE /data), under the two prefixes', () => {
    const ingest = statementsOf(base.pipelineT, 'IngestServiceRole');
    const api = statementsOf(base.pipelineT, 'ApiServiceRole');
    const s3Of = (st: Statement[], action: string) => st.filter((s) => actionsOf([s]).includes(action)).map(resourceText);
    expect(s3Of(ingest, 's3:GetObject')).toEqual([expect.stringContaining(`/${UPLOAD_PREFIX}*`)]);
    expect(s3Of(ingest, 's3:PutObject')).toEqual([expect.stringContaining(`/${REPORT_PREFIX}*`)]);
    expect(s3Of(ingest, 's3:DeleteObject')).toEqual([expect.stringContaining(`/${REPORT_PREFIX}*`)]);
    expect(s3Of(ingest, 's3:DeleteObject')[0]).not.toContain(`/${UPLOAD_PREFIX}*`);
    expect(s3Of(api, 's3:PutObject')).toEqual([expect.stringContaining(`/${UPLOAD_PREFIX}*`)]);
    expect(s3Of(api, 's3:GetObject')).toEqual([expect.stringContaining(`/${REPORT_PREFIX}*`)]);
    for (const st of [ingest, api]) {
      const actions = actionsOf(st);
      expect(actions.filter((a) => /\*$/.test(a))).toEqual([]);
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:GetItem']));
    }
    // Issue 13: a failed run's years without a visible verdict lose their stats item and report page; raw uploads are never deleted.
    expect(actionsOf(ingest).filter((a) => /Delete/.test(a) && !a.startsWith('sqs:')).sort()).toEqual(['dynamodb:DeleteItem', 's3:DeleteObject']);
    expect(actionsOf(api).filter((a) => /Delete/.test(a)).sort()).toEqual(['s3:DeleteObject', 's3:DeleteObjectVersion']);
    for (const action of ['s3:DeleteObject', 's3:DeleteObjectVersion']) {
      const [resources] = s3Of(api, action);
      expect(JSON.parse(resources!).map((r: unknown) => JSON.stringify(r).match(/\/(\w+\/)\*"/)?.[1]).sort()).toEqual([REPORT_PREFIX, UPLOAD_PREFIX]);
    }
    const listing = api.find((s) => actionsOf([s]).includes('s3:ListBucketVersions'));
    expect(listing?.Condition).toEqual({ StringLike: { 's3:prefix': [`${UPLOAD_PREFIX}*`, `${REPORT_PREFIX}*`] } });
    expect(actionsOf(ingest)).toContain('dynamodb:BatchWriteItem');
    expect(actionsOf(api)).toContain('dynamodb:BatchWriteItem');
    expect(actionsOf(ingest)).toEqual(expect.arrayContaining(['sqs:SendMessage']));
  });

  it('alarms with an SNS topic (output) fire when an event reaches the failure queue and when one cannot be handled; the API has reserved concurrency', () => {
    const alarms = Object.values(base.pipelineT.findResources('AWS::CloudWatch::Alarm'));
    const alarm = alarms.find((a) => a.Properties.MetricName === 'NumberOfMessagesSent')!;
    expect(alarm.Properties).toMatchObject({ Namespace: 'AWS/SQS', Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    expect(JSON.stringify(alarm.Properties.Dimensions)).toContain('IngestFailures');
    const unhandled = alarms.find((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible')!;
    expect(JSON.stringify(unhandled.Properties.Dimensions)).toContain('IngestFailuresUnhandled');
    const [topicId] = Object.keys(base.pipelineT.findResources('AWS::SNS::Topic'));
    expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    expect(unhandled.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    expect(base.pipelineT.findOutputs('AlarmTopicArn')).not.toEqual({});
    const fns = base.pipelineT.findResources('AWS::Lambda::Function');
    const api = Object.entries(fns).find(([id]) => id.startsWith('Api'))![1];
    expect(api.Properties.ReservedConcurrentExecutions).toBe(5);
    const none = synth({ apiConcurrency: 0 });
    const api0 = Object.entries(none.pipelineT.findResources('AWS::Lambda::Function')).find(([id]) => id.startsWith('Api'))![1];
    expect(api0.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  it('every route of the handler is declared, each behind the Cognito JWT authorizer; access logs and throttling on the stage', () => {
    const routes = Object.values(base.pipelineT.findResources('AWS::ApiGatewayV2::Route'));
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual([...ROUTES].sort());
    for (const r of routes) {
      expect(r.Properties.AuthorizationType).toBe('JWT');
      expect(r.Properties.AuthorizerId).toBeDefined();
    }
    const [auth] = Object.values(base.pipelineT.findResources('AWS::ApiGatewayV2::Authorizer'));
    expect(auth!.Properties.AuthorizerType).toBe('JWT');
    expect(JSON.stringify(auth!.Properties.JwtConfiguration.Issuer)).toContain('cognito-idp');
    expect(auth!.Properties.JwtConfiguration.Audience).toHaveLength(1);
    const [stage] = Object.values(base.pipelineT.findResources('AWS::ApiGatewayV2::Stage'));
    expect(stage!.Properties.AccessLogSettings.DestinationArn).toBeDefined();
    expect(stage!.Properties.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: expect.any(Number), ThrottlingBurstLimit: expect.any(Number) });
    expect(Object.keys(base.pipelineT.findOutputs('*'))).toContain('ApiUrl');
  });

  it('-c stubBundling=true swaps in inline code', () => {
    const stub = synth({ stubBundling: 'true' });
    const fns = Object.values(stub.pipelineT.findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs24.x' } }));
    expect(fns).toHaveLength(3);
    for (const fn of fns) expect(fn.Properties.Code.ZipFile).toEqual(expect.any(String));
    for (const fn of Object.values(base.pipelineT.findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs24.x' } })))
      expect(fn.Properties.Code.ZipFile).toBeUndefined();
  });
});

describe('cdk-nag', () => {
  it('synth passes with every AwsSolutions finding acknowledged (the synths above did not throw)', () => {
    expect(base.app.node.tryGetContext('aws:cdk:bundling-stacks')).toEqual([]);
    expect(Template.fromStack(base.pipeline).toJSON().Resources).toBeDefined();
  });

  it('is really checking: an unacknowledged finding fails the synth', () => {
    const app = new App({ builtinCloudFormationValidation: false, context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
    const { storage } = buildApp(app);
    new s3.Bucket(storage as Stack, 'Careless', { enforceSSL: false }); // no TLS enforcement, no access logs
    expect(() => app.synth()).toThrow(/server access logs/);
  });
});

describe('feature flags (cdk.json)', () => {
  it('cdk.json sets every flag the installed aws-cdk-lib recommends for a new app, so `cdk synth` reports none unconfigured', () => {
    const missing = Object.keys(RECOMMENDED_FLAGS).filter((k) => !(k in CDK_JSON_CONTEXT));
    expect(missing).toEqual([]);
    const differing = Object.entries(RECOMMENDED_FLAGS)
      .filter(([k, v]) => JSON.stringify(CDK_JSON_CONTEXT[k]) !== JSON.stringify(v))
      .map(([k]) => k);
    // The one deliberate exception: keep CloudFormation exports between the two stacks (an export
    // in use cannot be removed, so the storage stack cannot be deleted under the pipeline).
    expect(differing).toEqual(['@aws-cdk/core:defaultCrossStackReferences']);
    expect(CDK_JSON_CONTEXT['@aws-cdk/core:defaultCrossStackReferences']).toBe('strong');
    expect(JSON.stringify(base.pipelineT.toJSON())).toContain('Fn::ImportValue');
  });

  it('with a known region (as `cdk synth` and a deploy have), ARNs carry the partition literally and every nag finding is still acknowledged', () => {
    const before = process.env.CDK_DEFAULT_REGION;
    process.env.CDK_DEFAULT_REGION = 'eu-central-1';
    try {
      const { pipelineT } = synth(); // throws on an unacknowledged finding
      const text = JSON.stringify(pipelineT.toJSON());
      expect(text).toContain('"arn:aws:s3:::acceptorignore-data-"');
    } finally {
      if (before === undefined) delete process.env.CDK_DEFAULT_REGION;
      else process.env.CDK_DEFAULT_REGION = before;
    }
  });
});
