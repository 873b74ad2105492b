/**
 * Stateful resources, in a stack of their own so that code deploys never touch data:
 * the bucket (uploads + reports), its access-log bucket, the verdict table and the user pool.
 * Everything here is RETAINed; the table also has deletion protection and PITR.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { TABLE_INDEXES, TABLE_PARTITION_KEY, TABLE_SORT_KEY } from '../functions/aws/table.ts';
import { REPORT_PREFIX, UPLOAD_PREFIX } from '../functions/aws/config.ts';

/** Days an old version of a report page is kept after a newer one replaced it. */
export const REPORT_VERSION_RETENTION_DAYS = 3;

export interface StorageStackProps extends StackProps {
  bucketName: string;
  tableName: string;
  /** Raw uploads (personal data) are deleted this many days after upload. */
  uploadRetentionDays: number;
  /** Origins allowed to POST uploads from a browser (the upload page). */
  allowedOrigins: string[];
}

export class StorageStack extends Stack {
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly table: dynamodb.Table;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: StorageStackProps) {
    super(scope, id, props);
    // Grant log delivery with a bucket policy (not an ACL), so both buckets can disable ACLs.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);

    this.logBucket = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED, // log delivery requires SSE-S3
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the server access log bucket of the data bucket; logging it into itself would loop.',
    });

    this.bucket = new s3.Bucket(this, 'Data', {
      bucketName: props.bucketName,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'data-bucket/',
      // CORS only for the origins named in `allowedOrigins` (none by default: no browser uploads).
      cors: props.allowedOrigins.length
        ? [{ allowedOrigins: props.allowedOrigins, allowedMethods: [s3.HttpMethods.POST, s3.HttpMethods.GET], allowedHeaders: ['*'], exposedHeaders: ['ETag'], maxAge: 3000 }]
        : undefined,
      lifecycleRules: [
        {
          id: 'expire-raw-uploads',
          prefix: UPLOAD_PREFIX,
          expiration: Duration.days(props.uploadRetentionDays),
          noncurrentVersionExpiration: Duration.days(1),
        },
        // A report replaced by a newer one (or deleted with DELETE /data) lingers as an old version for 3 days at most.
        { id: 'expire-old-report-versions', prefix: REPORT_PREFIX, noncurrentVersionExpiration: Duration.days(REPORT_VERSION_RETENTION_DAYS), expiredObjectDeleteMarker: true },
        { id: 'abort-incomplete-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new dynamodb.Table(this, 'Verdicts', {
      tableName: props.tableName,
      partitionKey: { name: TABLE_PARTITION_KEY, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_SORT_KEY, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of TABLE_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    this.userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false, // an administrator creates users (README, "Create a user")
      signInAliases: { email: true },
      autoVerify: { email: true },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason: 'TOTP MFA is offered (OPTIONAL) but not forced: users are created by the deployer for a personal tool; force it with Mfa.REQUIRED when sharing the deployment.',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG3',
      reason: 'Threat protection (advanced security) needs the Cognito Plus feature plan, a per-user cost out of proportion for a personal tool without self sign-up.',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The Plus feature plan (threat protection) is billed per active user; this personal tool has no self sign-up, so the Essentials plan is enough.',
    });
    this.userPoolClient = this.userPool.addClient('ApiClient', {
      // Only what the README uses (initiate-auth USER_PASSWORD_AUTH, refresh); no OAuth, no callback URL.
      authFlows: { userPassword: true },
      disableOAuth: true,
      enableTokenRevocation: true,
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });

    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName, description: 'Upload exports to s3://<bucket>/uploads/<your sub>/' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
  }
}
