/**
 * cdk-nag acknowledgements that are not about one construct we declare inline: the CDK-managed
 * service roles and the prefix-scoped object wildcards. Each names exactly one finding (cdk-nag 3
 * has no prefix matching) and says why it stands.
 */
import { Stack, Token, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { REPORT_PREFIX, UPLOAD_PREFIX } from '../functions/aws/config.ts';
import type { StatefulNames } from './names.ts';
import type { PipelineStack } from './pipeline-stack.ts';

const BASIC_EXECUTION_ROLE = 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

/**
 * The finding as cdk-nag spells it: with a known region, `@aws-cdk/core:enablePartitionLiterals`
 * (cdk.json) writes the partition as a literal (`arn:aws:s3:::…`); without one, as `Ref: AWS::Partition`.
 */
function objectWildcard(scope: IConstruct, names: StatefulNames, prefix: string): string {
  const partition = Stack.of(scope).partition;
  return `AwsSolutions-IAM5[Resource::arn:${Token.isUnresolved(partition) ? '<AWS::Partition>' : partition}:s3:::${names.nagBucketName}/${prefix}*]`;
}

export function acknowledgeManagedFindings(pipeline: PipelineStack, names: StatefulNames): void {
  const fns: [IConstruct, string][] = [
    [pipeline.ingest, 'ingest'],
    [pipeline.api, 'api'],
    [pipeline.ingestFailed, 'ingest failure'],
  ];
  for (const [fn, name] of fns) {
    Validations.of(fn).acknowledge({
      id: BASIC_EXECUTION_ROLE,
      reason: `AWSLambdaBasicExecutionRole only lets the ${name} function write its own CloudWatch logs (its log group has a retention set).`,
    });
  }
  Validations.of(pipeline.ingest).acknowledge({
    id: objectWildcard(pipeline, names, UPLOAD_PREFIX),
    reason: 'Ingest must read any upload of any user (uploads/<userId>/<uploadId>); the grant is s3:GetObject only, scoped to the uploads/ prefix.',
  });
  Validations.of(pipeline.ingest).acknowledge({
    id: objectWildcard(pipeline, names, REPORT_PREFIX),
    reason:
      'Ingest writes each user\'s report pages (reports/<userId>/report-<year>.html), and removes one when a failed run leaves its year without a visible verdict; s3:PutObject and s3:DeleteObject only, scoped to the reports/ prefix.',
  });
  Validations.of(pipeline.ingestFailed).acknowledge({
    id: objectWildcard(pipeline, names, REPORT_PREFIX),
    reason:
      'The failure handler rewrites the report pages of the years a given-up run touched (reports/<userId>/report-<year>.html), or removes one left without a visible verdict; s3:PutObject and s3:DeleteObject only, scoped to the reports/ prefix.',
  });
  Validations.of(pipeline.api).acknowledge({
    id: objectWildcard(pipeline, names, UPLOAD_PREFIX),
    reason: 'The API signs presigned upload POSTs for uploads/<sub>/<uploadId>; s3:PutObject only, scoped to uploads/, and the signed policy pins the exact key.',
  });
  Validations.of(pipeline.api).acknowledge({
    id: objectWildcard(pipeline, names, REPORT_PREFIX),
    reason: 'The API signs short-lived links to reports/<sub>/report-<year>.html; s3:GetObject only, scoped to reports/, and the handler only signs the caller\'s own key.',
  });
  const notifications = pipeline.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
  if (notifications) {
    Validations.of(notifications).acknowledge({
      id: BASIC_EXECUTION_ROLE,
      reason: 'CDK-managed handler that applies the bucket notification configuration at deploy time; it only writes its own logs with this policy.',
    });
  }
}
