/**
 * `aoi start` (`npm start`): the whole product on this machine, no AWS account. Runs until Ctrl-C
 * or SIGTERM, then stops everything in order and returns 0.
 */
import { startLocalStack, LocalStackError, DEFAULT_DIR, type LocalStack } from '../local/index.ts';
import { TOKEN_LIFETIME } from '../local/auth.ts';
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
  const { accessKeyId, secretAccessKey } = stack.credentials;
  const lines = [
    '',
    'Accept or Ignore is running locally, for you alone (this machine, signed requests only).',
    '',
    `  Page        ${stack.webUrl}   drop your LinkedIn export there; the sample is one click away (a demo account)`,
    `  API         ${stack.apiUrl}`,
    `  S3          ${stack.s3Endpoint}   bucket ${stack.bucket}, region ${stack.region}`,
    `  DynamoDB    ${stack.dynamoEndpoint}   table ${stack.table}`,
    `  Keys        ${accessKeyId} / ${secretAccessKey}   (made for this run only)`,
    `  User        ${stack.userId}`,
    `  Token       ${stack.token}   (valid ${Math.round(TOKEN_LIFETIME.ms / 3600_000)} h)`,
    '',
    '  Try it (paste as is):',
    `  curl -H 'Authorization: Bearer ${stack.token}' ${stack.apiUrl}/years`,
    `  AWS_ACCESS_KEY_ID=${accessKeyId} AWS_SECRET_ACCESS_KEY=${secretAccessKey} aws --region ${stack.region} --endpoint-url ${stack.s3Endpoint} s3 cp Basic_LinkedInDataExport.zip s3://${stack.bucket}/uploads/${stack.userId}/export.zip`,
    '',
    opts.memory ? '  Throwaway run (--memory): nothing is kept.' : `  Data in ${opts.dir}/ (kept across restarts; endpoints, keys and token in ${opts.dir}/stack.json, readable by you only).`,
    '  Press Ctrl-C to stop.',
    '',
  ];
  return lines.join('\n');
}

/**
 * Resolves on SIGINT or SIGTERM, or when the process that started this one goes away (`npm start`
 * killed hard, a closed terminal): the stack must not outlive it and keep its ports.
 */
function untilStopAsked(): Promise<string> {
  const parent = process.ppid;
  return new Promise((resolve) => {
    const done = (why: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      clearInterval(watch);
      resolve(why);
    };
    const onInt = () => done('SIGINT');
    const onTerm = () => done('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    const watch = setInterval(() => {
      if (process.ppid !== parent) done('parent gone');
    }, 500);
    watch.unref();
  });
}

export async function runStart(opts: StartOptions, io: CliIO): Promise<number> {
  const memory = opts.memory ?? false;
  const dir = opts.dir ?? DEFAULT_DIR;
  const log = (line: string) => io.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
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

  await untilStopAsked();
  // A second Ctrl-C while uploads are still being processed quits at once.
  const quitNow = () => {
    io.stderr.write('Stopped without waiting for the uploads in progress (upload them again to process them).\n');
    process.exit(130);
  };
  process.once('SIGINT', quitNow);
  io.stdout.write('\nStopping…\n');
  try {
    await stack.stop();
  } finally {
    process.off('SIGINT', quitNow);
  }
  io.stdout.write('Stopped.\n');
  return 0;
}
