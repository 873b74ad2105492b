/** Errors a person running `aoi start` can meet, worded for them (printed without a stack trace). */
export class LocalStackError extends Error {
  override name = 'LocalStackError';
}

export class PortInUseError extends LocalStackError {
  override name = 'PortInUseError';
  constructor(
    readonly port: number,
    readonly flag: string,
    readonly what: string,
  ) {
    super(`port ${port} (${what}) is in use; pass ${flag} <port> to use another one (${flag} 0 picks a free port), or stop the program using it.`);
  }
}
