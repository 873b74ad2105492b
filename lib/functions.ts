/**
 * How a handler becomes a Lambda function: a NodejsFunction bundled locally with esbuild (never
 * Docker) as ESM with a `createRequire` banner (for CommonJS dependencies), the AWS SDK inside it
 * but its credential chain cut down to what Lambda uses (LAMBDA_ALIASES), or, with the context
 * flag `stubBundling=true`, an inline stub for a fast synth that needs no bundle.
 */
import { Duration, Size } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLE_MODEL_FILE, WORD_MODEL_FILE } from '../functions/audit/classify/fitted.ts';
import { GATES_FILE } from '../functions/audit/classify/gate.ts';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Modules the Lambda bundles replace (esbuild `alias`, paths relative to the repository root):
 * the SDK's default credential chain becomes the environment alone, which is where the Lambda
 * runtime puts the role's credentials (functions/aws/lambda-credentials.ts says why).
 */
export const LAMBDA_ALIASES: Record<string, string> = {
  '@aws-sdk/credential-provider-node': './functions/aws/lambda-credentials.ts',
};

export const BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node24',
  platform: 'node',
  mainFields: ['module', 'main'],
  minify: true,
  sourceMap: true,
  // Bundle the AWS SDK too: the versions are the ones tested, and a bundled, minified SDK imports
  // faster than the runtime's (scripts/bench-bundle.ts; README, Speed).
  externalModules: [],
  esbuildArgs: { '--alias': Object.entries(LAMBDA_ALIASES).map(([from, to]) => `${from}=${to}`) },
  banner: "import { createRequire as __aoiCreateRequire } from 'node:module'; const require = __aoiCreateRequire(import.meta.url);",
  // The classifier's fitted data is data, not code: read at run time from beside index.mjs
  // (functions/audit/classify/fitted.ts, gate.ts), so it is copied there, not bundled.
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir, outputDir) => fittedDataCommands(inputDir, outputDir),
  },
};

/** The fitted data files, relative to functions/audit/classify/ and to the bundle's folder alike. */
export const FITTED_DATA_FILES = [WORD_MODEL_FILE, ROLE_MODEL_FILE, GATES_FILE];

/** Shell commands that copy the fitted data from the repository at `inputDir` beside the bundle in `outputDir`. */
export function fittedDataCommands(inputDir: string, outputDir: string): string[] {
  return FITTED_DATA_FILES.map((f) => `mkdir -p "${dirname(join(outputDir, f))}" && cp "${join(inputDir, 'functions/audit/classify', f)}" "${join(outputDir, f)}"`);
}

export interface HandlerFunctionProps {
  /** Path of the handler module, relative to the repository root (e.g. `functions/ingest.ts`). */
  entry: string;
  description: string;
  memorySize: number;
  timeout: Duration;
  environment: Record<string, string>;
  logRetention: logs.RetentionDays;
  stubBundling: boolean;
  reservedConcurrentExecutions?: number;
  ephemeralStorageMiB?: number;
}

export function handlerFunction(scope: Construct, id: string, props: HandlerFunctionProps): lambda.Function {
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, { retention: props.logRetention });
  const common = {
    description: props.description,
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: props.memorySize,
    timeout: props.timeout,
    environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
    logGroup,
    loggingFormat: lambda.LoggingFormat.JSON,
    applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
    systemLogLevelV2: lambda.SystemLogLevel.WARN,
    reservedConcurrentExecutions: props.reservedConcurrentExecutions,
    ephemeralStorageSize: props.ephemeralStorageMiB ? Size.mebibytes(props.ephemeralStorageMiB) : undefined,
  };
  if (props.stubBundling) {
    return new lambda.Function(scope, id, {
      ...common,
      handler: 'index.handler',
      code: lambda.Code.fromInline("exports.handler = async () => { throw new Error('stub bundle: deploy without -c stubBundling=true'); };"),
    });
  }
  return new NodejsFunction(scope, id, {
    ...common,
    entry: `${REPO_ROOT}${props.entry}`,
    handler: 'handler',
    projectRoot: REPO_ROOT,
    depsLockFilePath: `${REPO_ROOT}package-lock.json`,
    bundling: BUNDLING,
  });
}
