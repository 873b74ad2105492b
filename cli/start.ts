/**
 * `aoi start` (`npm start`): the whole product on this machine, no AWS account. Runs until Ctrl-C
 * or SIGTERM, then stops everything in order and returns 0.
 */
import { startLocalStack, LocalStackError, DEFAULT_DIR, type LocalStack } from '../local/index.ts';
import { describeUnexpected, type CliIO } from './io.ts';

export interface StartOptions {
  port?: number;
  s3Port?: number;
  dynamoPort?: number;
  memory?: boolean;
  dir?: string;
  /** Open the page in the default browser once ready. */
  open?: boolean;
}

function openInBrowser(url: string) {
  import('node:child_process')
    .then(({ spawn }) => {
      const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
      const child = spawn(cmd, [url], { stdio: 'ignore', detached: true });
      child.on('error', () => {});
      child.unref();
    })
    .catch(() => {});
}

export function describeStack(stack: LocalStack, opts: { memory: boolean; dir: string }): string {
  const lines = [
    '',
    'Accept or Ignore is running locally.',
    '',
    `  Page        ${stack.webUrl}`,
    `  API         ${stack.apiUrl}   (e.g. GET ${stack.apiUrl}/years)`,
    `  S3          ${stack.s3Endpoint}   bucket ${stack.bucket}, region ${stack.region}, access key S3RVER / S3RVER`,
    `  User        ${stack.userId}`,
    `  Token       ${stack.token}`,
    '',
    `  curl -H "Authorization: Bearer $TOKEN" ${stack.apiUrl}/years`,
    `  AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER aws --region ${stack.region} --endpoint-url ${stack.s3Endpoint} s3 cp export.zip s3://${stack.bucket}/uploads/${stack.userId}/export.zip`,
    '',
    opts.memory ? '  Throwaway run (--memory): nothing is kept.' : `  Data in ${opts.dir}/ (kept across restarts; endpoints and token in ${opts.dir}/stack.json).`,
    '  Press Ctrl-C to stop.',
    '',
  ];
  return lines.join('\n');
}

export async function runStart(opts: StartOptions, io: CliIO): Promise<number> {
  const memory = opts.memory ?? false;
  const dir = opts.dir ?? DEFAULT_DIR;
  const log = (line: string) => io.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  process.env.AWS_EC2_METADATA_DISABLED ??= 'true';

  let stack: LocalStack;
  try {
    io.stdout.write('Starting the local stack (S3 and DynamoDB emulators, API, page)…\n');
    stack = await startLocalStack({ port: opts.port, s3Port: opts.s3Port, dynamoPort: opts.dynamoPort, memory, dir, log });
  } catch (err) {
    io.stderr.write(err instanceof LocalStackError ? `error: ${err.message}\n` : `${describeUnexpected(err)}\n`);
    return 1;
  }
  io.stdout.write(`${describeStack(stack, { memory, dir })}\n`);
  if (opts.open) openInBrowser(stack.webUrl);

  await new Promise<void>((resolve) => {
    const onSignal = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  // A second Ctrl-C while uploads are still being processed quits at once.
  const quitNow = () => {
    io.stderr.write('Stopped without waiting for the uploads in progress (upload them again to process them).\n');
    process.exit(130);
  };
  process.once('SIGINT', quitNow);
  io.stdout.write('\nStopping… (waiting for uploads being processed; Ctrl-C again to quit now)\n');
  try {
    await stack.stop();
  } finally {
    process.off('SIGINT', quitNow);
  }
  io.stdout.write('Stopped.\n');
  return 0;
}
