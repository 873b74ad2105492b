/** What every CLI command writes to, so tests can capture it. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** One line for an error nobody planned for: never a stack trace, unless AOI_DEBUG asks for it. */
export function describeUnexpected(err: unknown): string {
  if (process.env.AOI_DEBUG && err instanceof Error && err.stack) return `error: ${err.stack}`;
  const message = err instanceof Error ? err.message : String(err);
  return `error: ${message} (this is a bug in aoi; run again with AOI_DEBUG=1 for details and report it)`;
}
