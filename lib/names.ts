/**
 * Physical names of the stateful resources. They are fixed names (built from the account, the
 * region and a prefix) rather than cross-stack exports: the stateless stack finds them by name,
 * so either stack can be redeployed without the other, and the IAM resources are readable.
 */
import { Aws } from 'aws-cdk-lib';

export interface StatefulNames {
  /** Token form, for the stacks. */
  bucketName: string;
  tableName: string;
  /** How cdk-nag renders the bucket name (pseudo parameters as `<AWS::…>`), for acknowledgements. */
  nagBucketName: string;
}

export function statefulNames(prefix: string): StatefulNames {
  const slug = prefix.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '') || 'aoi';
  return {
    bucketName: `${slug}-data-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
    tableName: `${slug}-verdicts`,
    nagBucketName: `${slug}-data-<AWS::AccountId>-<AWS::Region>`,
  };
}
