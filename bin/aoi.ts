/**
 * `aoi`: the command-line face of Accept or Ignore. Thin: parses arguments with commander and
 * hands over to the command modules in cli/. Every command returns its exit code; a user never
 * sees a stack trace (unexpected errors print one `error:` line; AOI_DEBUG=1 shows the stack).
 *
 * Each command's module is imported only when that command runs (the build turns each into its
 * own chunk of dist/): `aoi check` never loads the export reader, the report or the AWS SDK.
 * Built by `npm run build` into dist/aoi.js (the package's `bin`); in development,
 * `npx tsx bin/aoi.ts …` runs the sources.
 */
import { Command, CommanderError, Option } from 'commander';
import nodeModule from 'node:module';
import { describeUnexpected } from '../cli/io.ts';
import { DEFAULT_TIME_ZONE } from '../functions/audit/export/time.ts';

// V8 keeps the compiled code of the modules loaded from here on in a cache on disk (Node >= 22.1;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off): the second `aoi check` skips compiling the rules.
nodeModule.enableCompileCache?.();

process.env.AWS_EC2_METADATA_DISABLED ??= 'true';

const io = { stdout: process.stdout, stderr: process.stderr };
// `aoi audit … | head`: the reader went away; stop quietly instead of printing EPIPE.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

function intOption(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new CommanderError(2, 'aoi.invalidArgument', `error: ${name} must be a whole number, got "${value}"`);
    return n;
  };
}

const program = new Command()
  .name('aoi')
  .description('Accept or Ignore: audit the connection requests in your LinkedIn data export.')
  .version('0.1.0')
  .exitOverride()
  .configureOutput({ outputError: (str, write) => write(str.startsWith('error:') ? str : `error: ${str}`) })
  .addHelpText(
    'after',
    `
Examples:
  aoi audit ~/Downloads/Basic_LinkedInDataExport_03-14-2026.zip
  aoi audit export-jul.zip export-jan.zip --out reports/        # merge two exports, write report-<year>.html
  aoi check "Hi Sam, loved your talk on CSV parsing at DataConf. Would be glad to connect."
  aoi classify --input notes.jsonl
  aoi start                                                     # the whole product locally: upload page, API, reports`,
  );

program
  .command('audit')
  .description('Read one or more LinkedIn exports (zip or Invitations.csv) and grade every connection request.')
  .argument('<exports...>', 'LinkedIn export zip(s) or Invitations.csv file(s) of one person')
  .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'jsonl']).default('text'))
  .option('--out <dir>', 'write the yearly report pages (report-<year>.html) into this folder')
  .option('--tz <zone>', 'IANA time zone in which LinkedIn\'s "Sent At" is read and years are counted', DEFAULT_TIME_ZONE)
  .option('--year <yyyy>', 'only this year', intOption('--year'))
  .option('--redact', 'mask names, profile URLs and companies in the report pages (shareable version)', false)
  .option('--max-bytes <n>', 'largest input file accepted, in bytes', intOption('--max-bytes'))
  .option('--max-entries <n>', 'most entries a zip may have', intOption('--max-entries'))
  .option('--max-uncompressed <n>', 'largest total uncompressed size of a zip, in bytes', intOption('--max-uncompressed'))
  .option('--max-ratio <n>', 'largest compression ratio of a zip entry', intOption('--max-ratio'))
  .option('--keep <roles>', "keep these senders' notes (job seeker's view: --keep recruiter grades a recruiter's note that names a role ACCEPT)")
  .addHelpText(
    'after',
    `
Examples:
  aoi audit Basic_LinkedInDataExport_03-14-2026.zip
  aoi audit export.zip --keep recruiter                         # you are looking for a job
  aoi audit Invitations.csv --format jsonl > verdicts.jsonl
  aoi audit a.zip b.zip --out out/ --year 2025 --redact
  aoi audit export.zip --tz Europe/Berlin

Warnings go to stderr as "warning: <file> row <n>: <reason>"; unusable input prints one
"error: ..." line and exits with code 2.`,
  )
  .action(async (inputs: string[], opts) => {
    const { runAudit } = await import('../cli/audit.ts');
    process.exitCode = await runAudit(inputs, opts, io);
  });

program
  .command('check')
  .description('Lint a note you are about to send: verdict, reasons and advice.')
  .argument('<note>', 'the connection-request note')
  .option('--to <recipient>', 'the recipient\'s headline or industry, e.g. "Nurse manager | Hospitals and Health Care"')
  .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
  .action(async (note: string, opts) => {
    const { runCheck } = await import('../cli/check.ts');
    process.exitCode = await runCheck(note, opts, io);
  });

program
  .command('classify')
  .description('Classify a batch of notes (JSON Lines) as one inbox; template clustering runs across the batch.')
  .requiredOption('--input <file>', 'JSON Lines file: {id, text, direction?, sender?, sender_company?, recipient_profile?} per line')
  .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'text']).default('jsonl'))
  .action(async (opts) => {
    const { runClassify } = await import('../cli/classify.ts');
    process.exitCode = await runClassify(opts, io);
  });

program
  .command('start')
  .description('Run the whole product locally: S3 and DynamoDB emulators, the real handlers, the upload page and the API.')
  .option('--port <n>', 'web page and API port', intOption('--port'))
  .option('--s3-port <n>', 'S3 emulator port', intOption('--s3-port'))
  .option('--dynamo-port <n>', 'DynamoDB emulator port', intOption('--dynamo-port'))
  .option('--dir <dir>', 'where the local data lives', '.local')
  .option('--memory', 'keep nothing: a throwaway run', false)
  .option('--open', 'open the page in your browser', false)
  .action(async (opts) => {
    const { runStart } = await import('../cli/start.ts');
    process.exitCode = await runStart(opts, io);
  });

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // help and version exit 0; usage errors exit 2 (commander already printed the message)
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else {
    io.stderr.write(`${describeUnexpected(err)}\n`);
    process.exitCode = 1;
  }
}
