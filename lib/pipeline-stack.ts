/**
 * Stateless resources: the ingest and API functions, the HTTP API, the failure queue.
 * Redeploying this stack never touches data. It imports the bucket and table of the storage stack
 * by name (an event notification on an imported bucket lives in this stack, which avoids a
 * dependency cycle between the two stacks).
 */
import { Aws, CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Construct } from 'constructs';
import { ENV, REPORT_PREFIX, UPLOAD_PREFIX, UPLOAD_SUFFIXES } from '../functions/aws/config.ts';
import { ROUTES, splitRoute } from '../functions/app/route-keys.ts';
import { TABLE_INDEXES } from '../functions/aws/table.ts';
import { handlerFunction } from './functions.ts';

export interface PipelineStackProps extends StackProps {
  bucketName: string;
  tableName: string;
  userPool: cognito.IUserPool;
  userPoolClient: cognito.IUserPoolClient;
  allowedOrigins: string[];
  timeZone: string;
  /** Reserved concurrency of ingest (0: none; new accounts with a concurrency quota of 10 cannot reserve any). */
  ingestConcurrency: number;
  /** Reserved concurrency of the API function (0: none). */
  apiConcurrency: number;
  logRetention: logs.RetentionDays;
  stubBundling: boolean;
}

export class PipelineStack extends Stack {
  readonly ingest: lambda.Function;
  readonly api: lambda.Function;
  readonly httpApi: apigw.HttpApi;
  readonly deadLetters: sqs.Queue;
  /** Marks the uploads of failed ingest events FAILED (consumes deadLetters). */
  readonly ingestFailed: lambda.Function;
  /** Failure records the failure handler could not handle either. */
  readonly unhandledFailures: sqs.Queue;
  readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const bucket = s3.Bucket.fromBucketName(this, 'Data', props.bucketName);
    const tableArn = this.formatArn({ service: 'dynamodb', resource: 'table', resourceName: props.tableName, account: Aws.ACCOUNT_ID, region: Aws.REGION, partition: Aws.PARTITION });
    const indexArns = TABLE_INDEXES.map((i) => `${tableArn}/index/${i.indexName}`);
    const objects = (prefix: string) => bucket.arnForObjects(`${prefix}*`);
    const environment = { [ENV.bucket]: props.bucketName, [ENV.table]: props.tableName, [ENV.timeZone]: props.timeZone };

    // Ingest: S3 event → read, classify, store, report.
    const ingestTimeout = Duration.minutes(5);
    this.unhandledFailures = new sqs.Queue(this, 'IngestFailuresUnhandled', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(this.unhandledFailures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the ingest failure queue; a dead-letter queue of it adds nothing.',
    });
    // The on-failure destination: after Lambda's retries (or a timeout / out-of-memory kill on every
    // attempt) the destination record lands here, and the failure handler marks the upload FAILED.
    this.deadLetters = new sqs.Queue(this, 'IngestFailures', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.minutes(3),
      deadLetterQueue: { queue: this.unhandledFailures, maxReceiveCount: 5 },
    });
    this.ingest = handlerFunction(this, 'Ingest', {
      entry: 'functions/ingest.ts',
      description: 'Reads an uploaded LinkedIn export, classifies every connection request, stores verdicts, stats and reports',
      memorySize: 1024,
      timeout: ingestTimeout,
      ephemeralStorageMiB: 1024, // the zip is copied to /tmp (random access); uploads are at most 200 MB
      environment,
      logRetention: props.logRetention,
      stubBundling: props.stubBundling,
      reservedConcurrentExecutions: props.ingestConcurrency > 0 ? props.ingestConcurrency : undefined,
    });
    this.ingest.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetters),
    });
    // Least privilege: read uploads, write reports, read/write the table. Deletes only derived data:
    // a year's stats item and report page, when a failed run leaves the year without a visible verdict.
    this.ingest.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [objects(UPLOAD_PREFIX)] }));
    this.ingest.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:DeleteObject'], resources: [objects(REPORT_PREFIX)] }));
    this.ingest.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:BatchWriteItem', 'dynamodb:Query', 'dynamodb:DeleteItem'], resources: [tableArn] }),
    );
    this.ingestFailed = handlerFunction(this, 'IngestFailed', {
      entry: 'functions/ingest-failure.ts',
      description: 'Marks an upload FAILED (timeout, out of memory, errors on every attempt) from the ingest on-failure destination record; recomputes the stats and reports it left',
      // It reads back a year's verdicts and renders its report, as the ingest does.
      memorySize: 1024,
      timeout: Duration.minutes(2),
      environment: { ...environment, [ENV.ingestTimeoutSeconds]: String(ingestTimeout.toSeconds()) },
      logRetention: props.logRetention,
      stubBundling: props.stubBundling,
    });
    // One record per invocation: each may recompute a year's stats and report (within the queue's visibility timeout).
    this.ingestFailed.addEventSource(new SqsEventSource(this.deadLetters, { batchSize: 1, reportBatchItemFailures: true }));
    // The upload record, the lease, the visible verdicts and coverages (Query); the stats and reports of the years a failed run left.
    this.ingestFailed.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:DeleteItem'], resources: [tableArn] }),
    );
    this.ingestFailed.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:DeleteObject'], resources: [objects(REPORT_PREFIX)] }));
    for (const suffix of UPLOAD_SUFFIXES) {
      bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new LambdaDestination(this.ingest), { prefix: UPLOAD_PREFIX, suffix });
    }

    // API: stats, verdicts, upload links, report links; a Cognito JWT on every route.
    this.api = handlerFunction(this, 'Api', {
      entry: 'functions/api.ts',
      description: 'HTTP API: upload links, upload status, years, stats, verdicts, report links',
      memorySize: 512,
      timeout: Duration.seconds(10),
      environment,
      logRetention: props.logRetention,
      stubBundling: props.stubBundling,
      // A flood of API calls cannot take the account's whole concurrency (nor the ingest's).
      reservedConcurrentExecutions: props.apiConcurrency > 0 ? props.apiConcurrency : undefined,
    });
    // Signs the presigned upload POST (uploads/) and the short-lived report link (reports/).
    this.api.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [objects(UPLOAD_PREFIX)] }));
    this.api.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [objects(REPORT_PREFIX)] }));
    // Reads stats, verdicts and uploads; writes the PENDING upload record.
    this.api.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'], resources: [tableArn, ...indexArns] }),
    );
    // DELETE /data: the caller's items (BatchWriteItem deletes) and objects, every version of them.
    this.api.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:BatchWriteItem'], resources: [tableArn] }));
    this.api.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'], resources: [objects(UPLOAD_PREFIX), objects(REPORT_PREFIX)] }),
    );
    this.api.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket', 's3:ListBucketVersions'],
        resources: [bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${UPLOAD_PREFIX}*`, `${REPORT_PREFIX}*`] } },
      }),
    );

    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention: props.logRetention });
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'Accept or Ignore API',
      createDefaultStage: false,
      defaultAuthorizer: new HttpUserPoolAuthorizer('Cognito', props.userPool, { userPoolClients: [props.userPoolClient] }),
      // CORS only for the origins named in `allowedOrigins` (none by default).
      corsPreflight: props.allowedOrigins.length
        ? {
            allowOrigins: props.allowedOrigins,
            allowHeaders: ['authorization', 'content-type'],
            allowMethods: [apigw.CorsHttpMethod.GET, apigw.CorsHttpMethod.POST, apigw.CorsHttpMethod.PUT, apigw.CorsHttpMethod.DELETE],
            maxAge: Duration.hours(1),
          }
        : undefined,
    });
    const stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 20, burstLimit: 40 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            sub: '$context.authorizer.claims.sub',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });
    const integration = new HttpLambdaIntegration('ApiIntegration', this.api);
    for (const route of ROUTES) {
      const { method, path } = splitRoute(route);
      this.httpApi.addRoutes({ path, methods: [method as apigw.HttpMethod], integration });
    }

    // Someone is told when an upload could not be processed at all (its event reached the failure
    // queue; the failure handler consumes it at once, so the alarm counts messages sent), and when
    // even the failure handler could not mark it (its record is kept in the unhandled queue).
    this.alarmTopic = new sns.Topic(this, 'Alarms', { displayName: 'Accept or Ignore alarms', enforceSSL: true });
    const alarmAtOne = (id: string, alarmDescription: string, metric: cloudwatch.IMetric) =>
      new cloudwatch.Alarm(this, id, {
        alarmDescription,
        metric,
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(new cwActions.SnsAction(this.alarmTopic));
    alarmAtOne(
      'IngestFailuresAlarm',
      'An upload event reached the ingest failure queue: processing failed after every retry, or timed out / ran out of memory; the upload is marked FAILED (see the ingest logs).',
      this.deadLetters.metricNumberOfMessagesSent({ period: Duration.minutes(5), statistic: 'Sum' }),
    );
    alarmAtOne(
      'IngestFailuresUnhandledAlarm',
      'A failed ingest event could not be marked FAILED either: its record is kept in IngestFailuresUnhandledQueueUrl for 14 days (see the IngestFailed function logs).',
      this.unhandledFailures.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
    );
    Validations.of(this.alarmTopic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason: 'CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed SNS key; the alarm message names a queue and a count, no personal data.',
    });

    new CfnOutput(this, 'ApiUrl', { value: stage.url });
    new CfnOutput(this, 'IngestFailureQueueUrl', { value: this.deadLetters.queueUrl });
    new CfnOutput(this, 'IngestFailuresUnhandledQueueUrl', { value: this.unhandledFailures.queueUrl });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn, description: 'Subscribe (e-mail) to hear when an upload fails after every retry' });
  }
}
