/** The LinkedIn export reader: the API the CLI, the ingest handler and the local stack call. */
export { readExport, entryKind, MAX_NOTE_LENGTH } from './read.ts';
export type { ExportInput, ReadOptions, ExportData } from './read.ts';
export { ExportError, isExportError } from './errors.ts';
export type { ExportErrorCode } from './errors.ts';
export { DEFAULT_LIMITS, RATIO_FLOOR_BYTES } from './limits.ts';
export type { ReadLimits } from './limits.ts';
export { parseSentAt, parseConnectedOn, zonedWallTimeToEpoch, isValidTimeZone, localDate, addDays, DEFAULT_TIME_ZONE } from './time.ts';
export type { SentAt } from './time.ts';
export { counterpartKey, normaliseProfileUrl, normaliseName, profileSlug, requestId, exportDateFromName } from './identity.ts';
export { readCsv, cellOf, columnKey } from './csv.ts';
export type { CsvHeader, CsvSpec, CsvResult, CsvOptions, CsvLimits, RowExtra } from './csv.ts';
