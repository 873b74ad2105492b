/**
 * Fatal, user-facing errors of the export reader. The message is one sentence a user can act on:
 * which file, what is wrong, what to do. Never a stack trace for a user: callers print `message`.
 */
export type ExportErrorCode =
  | 'not_found' // the input path does not exist or cannot be read
  | 'empty' // a 0-byte (or blank) file
  | 'not_zip' // named .zip (or looks like one) but cannot be opened as a zip
  | 'not_csv' // neither a zip nor a text CSV (binary data, invalid UTF-16)
  | 'no_invitations' // a zip without Invitations.csv
  | 'not_invitations' // a bare CSV that is not Invitations.csv (e.g. Connections.csv)
  | 'missing_columns' // a header lacking required columns
  | 'too_large' // input, entry or total uncompressed size over the limit
  | 'too_many_rows' // a CSV with more data rows than the limit
  | 'too_many_entries' // zip entry count over the limit
  | 'suspicious_ratio' // compression ratio over the limit (zip bomb)
  | 'bad_time_zone' // the time-zone option is not an IANA zone
  | 'owner_mismatch'; // exports of different people given together

export class ExportError extends Error {
  override readonly name = 'ExportError';
  readonly code: ExportErrorCode;
  readonly file?: string;

  constructor(code: ExportErrorCode, message: string, file?: string) {
    super(message);
    this.code = code;
    if (file !== undefined) this.file = file;
  }
}

export function isExportError(e: unknown): e is ExportError {
  return e instanceof ExportError;
}
