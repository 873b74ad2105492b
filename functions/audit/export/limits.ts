/**
 * Every bound the export reader enforces, in one place. All are checked WHILE reading (streaming),
 * before anything is kept or written, so a hostile file costs bounded time and memory:
 *
 * | What                         | Default          | When it is exceeded                                              |
 * |------------------------------|------------------|------------------------------------------------------------------|
 * | input file (zip or CSV)      | 1 GiB            | refused: ExportError `too_large`                                 |
 * | zip entries                  | 20,000           | refused: `too_many_entries`                                      |
 * | bytes unpacked from the zip  | 1 GiB (total)    | refused: `too_large` (declared sizes and bytes actually inflated) |
 * | compression ratio of an entry| 200 : 1          | refused: `suspicious_ratio` (entries over 1 MiB only)            |
 * | data rows in one CSV file    | 2,000,000        | refused: `too_many_rows`                                         |
 * | a row (all its cells)        | 1 Mi characters  | row skipped, with a warning naming file and row                  |
 * | a cell other than the note   | 64 Ki characters | row skipped, with a warning naming file, row and column          |
 * | a note (`Message`)           | 2,000 characters | note cut to its first 2,000 characters, with a warning           |
 * | warnings listed per file     | 1,000            | the rest counted in one last warning                             |
 *
 * LinkedIn itself caps a note at 300 characters (MAX_NOTE_LENGTH): a note of 301 to 2,000 is kept
 * whole with a warning. "Characters" are UTF-16 code units for cells and rows (what JavaScript
 * counts) and code points for notes (what LinkedIn counts). A real export is far below every
 * limit: about 13,000 rows at most, notes of at most 300 characters, names under 200.
 */

/** LinkedIn's own limit on an invitation note (code points); a longer note is kept, with a warning. */
export const MAX_NOTE_LENGTH = 300;

export interface ReadLimits {
  /** Size of the input file (zip or CSV), in bytes. */
  maxInputBytes: number;
  /** Entries in the zip's central directory. */
  maxEntries: number;
  /** Total uncompressed bytes of the zip entries actually read. */
  maxUncompressedBytes: number;
  /** Uncompressed / compressed size of an entry (checked for entries over RATIO_FLOOR_BYTES). */
  maxRatio: number;
  /** Data rows (non-empty rows after the header) in one CSV file. */
  maxRows: number;
  /** Characters of one row, all cells together; a longer row is skipped. */
  maxRowChars: number;
  /** Characters of one cell other than the note; a row with a longer cell is skipped. */
  maxCellChars: number;
  /** Characters (code points) of a note kept; a longer note is cut to this. */
  maxNoteChars: number;
  /** Warnings listed per file; the others are counted in one summary warning. */
  maxWarningsPerFile: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxInputBytes: 1024 * 1024 * 1024,
  maxEntries: 20_000,
  maxUncompressedBytes: 1024 * 1024 * 1024,
  maxRatio: 200,
  maxRows: 2_000_000,
  maxRowChars: 1024 * 1024,
  maxCellChars: 64 * 1024,
  maxNoteChars: 2_000,
  maxWarningsPerFile: 1_000,
};

/** Zip entries smaller than this are not ratio-checked (tiny, highly compressible files are normal). */
export const RATIO_FLOOR_BYTES = 1024 * 1024;

/** The limits of a read: the defaults, overridden by the caller's. */
export function resolveLimits(limits: Partial<ReadLimits> | undefined): ReadLimits {
  const resolved = { ...DEFAULT_LIMITS };
  for (const [k, v] of Object.entries(limits ?? {}) as [keyof ReadLimits, number | undefined][]) if (v !== undefined) resolved[k] = v;
  return resolved;
}

/** `1,048,576` */
export const count = (n: number): string => n.toLocaleString('en-US');
