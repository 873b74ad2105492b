/**
 * The streaming CSV layer: bytes in (any async iterable, e.g. a file or zip-entry stream), rows out.
 * Decodes as decode.ts says (UTF-8, Windows-1252 with a warning, UTF-16), splits RFC 4180 rows
 * with a small state machine that enforces the cell and row limits of limits.ts WHILE scanning
 * (a 10 MB cell or an unclosed quote is counted, never held), finds the header row by its cells
 * (Connections.csv has a `Notes:` preamble) and maps columns by trimmed, case-insensitive name.
 *
 * Quoting is papaparse's lenient RFC 4180: a field is quoted when it starts with `"`; `""` inside
 * is a quote; the closing quote is one followed (after optional spaces) by a comma, a line break or
 * the end; any other quote inside a quoted field is kept as text. A row ends at `\r\n`, `\n` or
 * `\r` outside quotes. Rows are numbered by physical line (header = its line, usually 1).
 */
import type { Readable } from 'node:stream';
import { decodeText } from './decode.ts';
import { ExportError } from './errors.ts';
import { count, DEFAULT_LIMITS } from './limits.ts';

export interface CsvHeader {
  /** Header cells as found (trimmed). */
  cells: string[];
  /** Lower-cased trimmed column name -> index (first occurrence wins). */
  index: Map<string, number>;
  /** 1-based physical line of the header. */
  row: number;
}

export interface CsvSpec {
  /** Column names the header must contain (case-insensitive). */
  required: readonly string[];
  /** How many non-empty rows to search for the header (default 20). */
  headerSearchRows?: number;
  /** What the user should do when the header is wrong (end of the error sentence). */
  advice?: string;
}

export interface CsvLimits {
  /** Data rows; one more is an ExportError `too_many_rows`. */
  maxRows: number;
  /** Characters of a row (its cells together); a longer row is skipped with a warning. */
  maxRowChars: number;
  /** Characters of a cell; a row with a longer cell is skipped with a warning (unless the column is cut). */
  maxCellChars: number;
}

export interface CsvOptions {
  limits?: Partial<CsvLimits>;
  /**
   * Columns (by name) whose over-long cells are cut to `keepChars` characters instead of skipping
   * the row; onRow is told the full length.
   */
  cut?: readonly { column: string; keepChars: number }[];
  /** A row skipped by the CSV layer, or a warning about the file at a row (encoding, NUL bytes, quotes). */
  onProblem?: (row: number, reason: string) => void;
}

export interface CsvResult {
  header: CsvHeader;
  /** Data rows seen (non-empty, after the header; including rows skipped by a limit). */
  rows: number;
}

/** What onRow is told about an unusual row (null for almost every row). */
export interface RowExtra {
  /** Full lengths (code points) of the cells cut to CsvOptions.cut, by column key; null when none was cut. */
  cut: ReadonlyMap<string, number> | null;
  /** Physical line of the row's end (> row when a quoted cell holds line breaks, or a quote is unbalanced). */
  lastLine: number;
}

export const columnKey = (name: string): string => name.replace(/^\uFEFF/, '').trim().toLowerCase();

/** Cell by column name ('' when the column or cell is missing). */
export function cellOf(header: CsvHeader, cells: string[], name: string): string {
  const i = header.index.get(name);
  return i === undefined ? '' : (cells[i] ?? '');
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const NUL = 0;

const START = 0; // at the start of a field
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3; // just after a quote inside a quoted field
const SPACES_AFTER_QUOTE = 4; // spaces after such a quote

/** What JavaScript's trim() removes (papaparse allows it between a closing quote and the comma). */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Why a record cannot be used as it is, or spans several lines (null for almost every record). */
export interface RecordFlags {
  /** The record is longer than maxRowChars (its cells are incomplete). */
  tooLong: boolean;
  /** Characters of the record (set when tooLong). */
  length: number;
  /** A cell over maxCellChars in a column that is not cut: its index and full length. */
  oversize: { column: number; length: number } | null;
  /** Cells cut to their column's keepChars: column index -> full length. */
  cut: Map<number, number> | null;
  /** The record ended at the end of the file inside a quoted field. */
  unclosedQuote: boolean;
  /** Physical line of the record's last character. */
  lastLine: number;
}

/**
 * The RFC 4180 state machine. push() text chunks, then end(); each record is passed to `onRecord`
 * with its first physical line. Holds at most maxRowChars characters of a record.
 */
export class CsvTokenizer {
  /** Physical line of the next character. */
  line = 1;
  /** Physical line of the first NUL character removed (0: none). */
  firstNulLine = 0;
  nulCount = 0;

  private state = START;
  private cells: string[] = [];
  private cell = '';
  private cellChars = 0; // full length of the current cell (kept or not)
  private rowChars = 0;
  private cap: number;
  private drop = false; // stop keeping text: the record is skipped anyway
  private flags: RecordFlags | null = null;
  private recordLine = 1;
  private crPending = false; // the last chunk ended with a CR (outside or inside quotes)
  private endsWithBreak = false; // the last chunk ended with a line break
  private spaces = '';
  private countLows = false;
  private cellLows = 0;
  private caps: number[] = [];
  private cutColumns = new Set<number>();

  constructor(
    private readonly limits: { maxRowChars: number; maxCellChars: number },
    private readonly onRecord: (cells: string[], line: number, flags: RecordFlags | null) => void,
  ) {
    this.cap = limits.maxCellChars;
  }

  /** Per-column caps for the following records: these columns are cut to keepChars rather than flagged. */
  setCut(columns: Map<number, number>): void {
    this.caps = [];
    this.cutColumns = new Set(columns.keys());
    for (const [i, keep] of columns) this.caps[i] = keep;
    if (this.cells.length === 0 && this.cell === '') this.cap = this.caps[0] ?? this.limits.maxCellChars;
  }

  private flagsOf(): RecordFlags {
    return (this.flags ??= { tooLong: false, length: 0, cut: null, oversize: null, unclosedQuote: false, lastLine: 0 });
  }

  private add(text: string): void {
    const n = text.length;
    if (n === 0) return;
    this.cellChars += n;
    this.rowChars += n;
    if (this.drop) return;
    if (this.rowChars > this.limits.maxRowChars) {
      this.flagsOf().tooLong = true;
      this.drop = true;
      this.cell = '';
      this.cells = [];
      return;
    }
    if (this.cap === -1) {
      if (this.countLows) this.cellLows += lowSurrogates(text, 0);
      return;
    }
    const room = this.cap - this.cell.length;
    if (n <= room) this.cell = this.cell === '' ? text : this.cell + text;
    else {
      if (room > 0) this.cell += text.slice(0, room);
      this.cap = -1; // over: keep nothing more of this cell
      if (this.cutColumns.has(this.cells.length)) {
        // a cut cell's full length is reported in code points, as LinkedIn counts a note
        this.countLows = true;
        this.cellLows = lowSurrogates(this.cell, 0) + lowSurrogates(text, Math.max(room, 0));
      }
    }
  }

  private addRange(text: string, a: number, b: number): void {
    if (b > a) this.add(a === 0 && b === text.length ? text : text.slice(a, b));
  }

  private endField(): void {
    const column = this.cells.length;
    if (this.cap === -1 && !this.flags?.tooLong) {
      const f = this.flagsOf();
      if (this.cutColumns.has(column)) (f.cut ??= new Map()).set(column, this.cellChars - this.cellLows);
      else if (!f.oversize) {
        f.oversize = { column, length: this.cellChars };
        this.drop = true;
      }
    }
    this.rowChars++; // the comma
    if (!this.drop && this.rowChars > this.limits.maxRowChars) {
      this.flagsOf().tooLong = true; // e.g. a million commas: as many cells
      this.drop = true;
      this.cells = [];
    }
    if (!this.drop) this.cells.push(this.cell);
    this.cell = '';
    this.cellChars = 0;
    this.countLows = false;
    this.cellLows = 0;
    this.cap = this.caps[column + 1] ?? this.limits.maxCellChars;
  }

  private endRecord(): void {
    const cells = this.cells;
    const flags = this.line > this.recordLine ? this.flagsOf() : this.flags; // a row over several lines is worth telling
    if (flags) {
      flags.lastLine = this.line;
      flags.length = this.rowChars;
    }
    this.cells = [];
    this.flags = null;
    this.drop = false;
    this.rowChars = 0;
    this.cap = this.caps[0] ?? this.limits.maxCellChars;
    this.onRecord(cells, this.recordLine, flags);
  }

  /** Consume the line break at `i` (CR, LF or CRLF); returns the index after it. */
  private lineBreak(text: string, i: number, c: number): number {
    this.line++;
    if (c === CR) {
      if (i + 1 < text.length) return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
      this.crPending = true;
    }
    return i + 1;
  }

  private nul(): void {
    if (this.nulCount++ === 0) this.firstNulLine = this.line;
  }

  push(text: string): void {
    const n = text.length;
    let i = 0;
    let seg = 0;
    if (this.crPending) {
      this.crPending = false;
      if (n > 0 && text.charCodeAt(0) === LF) {
        i = 1; // the LF of a CRLF cut between chunks: the line was counted at the CR
        if (this.state !== QUOTED) seg = 1;
      }
    }
    while (i < n) {
      switch (this.state) {
        case START: {
          if (text.charCodeAt(i) === QUOTE) {
            this.state = QUOTED;
            this.rowChars++;
            i++;
          } else this.state = UNQUOTED;
          seg = i;
          break;
        }
        case UNQUOTED: {
          let c = 0;
          while (i < n) {
            c = text.charCodeAt(i);
            if (c === COMMA || c === LF || c === CR || c === NUL) break;
            i++;
          }
          if (i === n) break;
          this.addRange(text, seg, i);
          if (c === COMMA) {
            this.endField();
            this.state = START;
            i++;
          } else if (c === NUL) {
            this.nul();
            i++;
          } else {
            this.endField();
            this.endRecord();
            i = this.lineBreak(text, i, c);
            this.recordLine = this.line;
            this.state = START;
          }
          seg = i;
          break;
        }
        case QUOTED: {
          let c = 0;
          while (i < n) {
            c = text.charCodeAt(i);
            if (c === QUOTE || c === NUL) break;
            if (c === LF || c === CR) {
              i = this.lineBreak(text, i, c); // a line break inside the cell: kept, counted
              continue;
            }
            i++;
          }
          if (i === n) break;
          this.addRange(text, seg, i);
          if (c === QUOTE) this.state = QUOTE_IN_QUOTED;
          else this.nul();
          i++;
          seg = i;
          break;
        }
        case QUOTE_IN_QUOTED: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            this.add('"'); // "" inside a quoted field
            this.state = QUOTED;
            i++;
          } else if (c === COMMA) {
            this.endField();
            this.state = START;
            i++;
          } else if (c === LF || c === CR) {
            this.endField();
            this.endRecord();
            i = this.lineBreak(text, i, c);
            this.recordLine = this.line;
            this.state = START;
          } else if (isSpace(c)) {
            this.spaces = text[i];
            this.state = SPACES_AFTER_QUOTE;
            i++;
          } else {
            this.add('"'); // a stray quote inside the field: text
            this.state = QUOTED;
          }
          seg = i;
          break;
        }
        case SPACES_AFTER_QUOTE: {
          const c = text.charCodeAt(i);
          if (isSpace(c) && this.spaces.length < 1024) {
            this.spaces += text[i];
            i++;
          } else if (c === COMMA) {
            this.spaces = '';
            this.endField();
            this.state = START;
            i++;
          } else if (c === LF || c === CR) {
            this.spaces = '';
            this.endField();
            this.endRecord();
            i = this.lineBreak(text, i, c);
            this.recordLine = this.line;
            this.state = START;
          } else {
            this.add(`"${this.spaces}`); // the quote was text after all (or 1,024 spaces follow it: bounded)
            this.spaces = '';
            this.state = QUOTED;
          }
          seg = i;
          break;
        }
      }
    }
    if (this.state === UNQUOTED || this.state === QUOTED) this.addRange(text, seg, n);
    if (n > 0) this.endsWithBreak = text.charCodeAt(n - 1) === LF || text.charCodeAt(n - 1) === CR;
  }

  /** The end of the input: the last record, if any. */
  end(): void {
    if (this.state === START && this.cells.length === 0 && this.rowChars === 0) return;
    const unclosed = this.state === QUOTED;
    if (unclosed && this.endsWithBreak) this.line--; // the record's last character is the final line break
    if (unclosed) this.flagsOf().unclosedQuote = true;
    this.spaces = '';
    this.endField();
    this.endRecord();
  }
}

/** Low surrogates in text[from..]: a cell's code points are its length minus these. */
function lowSurrogates(text: string, from: number): number {
  let n = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n++;
  }
  return n;
}

function isBlank(cells: string[]): boolean {
  for (const c of cells) if (c !== '' && c.trim() !== '') return false;
  return true;
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => `"${n.length > 40 ? `${n.slice(0, 40)}…` : n}"`).join(', ');
}

/**
 * Stream a CSV: find the header row (the first of the first `headerSearchRows` non-empty rows that
 * has every required column), then call `onRow(cells, row, header, extra)` for each non-empty data
 * row within the limits, `row` being its 1-based physical line. Throws ExportError `empty`,
 * `not_csv`, `missing_columns` or `too_many_rows`; rows over a limit go to `onProblem`.
 */
export async function readCsv(
  source: AsyncIterable<Uint8Array | string> | Readable,
  file: string,
  spec: CsvSpec,
  onRow: (cells: string[], row: number, header: CsvHeader, extra: RowExtra | null) => void,
  options: CsvOptions = {},
): Promise<CsvResult> {
  const limits: CsvLimits = {
    maxRows: options.limits?.maxRows ?? DEFAULT_LIMITS.maxRows,
    maxRowChars: options.limits?.maxRowChars ?? DEFAULT_LIMITS.maxRowChars,
    maxCellChars: options.limits?.maxCellChars ?? DEFAULT_LIMITS.maxCellChars,
  };
  const problem = options.onProblem ?? (() => {});
  const required = spec.required.map(columnKey);
  const searchRows = spec.headerSearchRows ?? 20;
  let header: CsvHeader | null = null;
  let best: { cells: string[]; hits: number } | null = null;
  let seen = 0;
  let rows = 0;
  let cutKeys: string[] = [];

  const fail = (): never => {
    const found = best?.cells.map((c) => c.trim()).filter((c) => c !== '') ?? [];
    const have = new Set(found.map(columnKey));
    const missing = spec.required.filter((r) => !have.has(columnKey(r)));
    throw new ExportError(
      'missing_columns',
      `${file} does not have the columns LinkedIn exports: missing ${quoteList(missing)} (found ${found.length ? quoteList(found.slice(0, 12)) : 'no header'}); ${spec.advice ?? 'upload the file exactly as LinkedIn exported it.'}`,
      file,
    );
  };

  const columnName = (i: number): string => {
    const name = header?.cells[i];
    return name ? `"${name.length > 40 ? `${name.slice(0, 40)}…` : name}"` : `column ${i + 1}`;
  };

  const tokenizer = new CsvTokenizer(limits, (cells, row, flags) => {
    if (header) {
      if (!flags?.tooLong && !flags?.oversize && isBlank(cells)) return;
      rows++;
      if (rows > limits.maxRows) {
        throw new ExportError(
          'too_many_rows',
          `${file} has more than ${count(limits.maxRows)} rows, over the limit (a LinkedIn export has far fewer); upload the file exactly as LinkedIn exported it, or raise the row limit.`,
          file,
        );
      }
      if (flags) {
        const lines = flags.lastLine > row ? `, lines ${row}–${flags.lastLine}` : '';
        const unclosed = flags.unclosedQuote ? ' (a quote opened in this row is never closed)' : '';
        if (flags.tooLong) return problem(row, `row is ${count(flags.length)} characters long${lines}, over the limit of ${count(limits.maxRowChars)}${unclosed}; row skipped`);
        if (flags.oversize) {
          return problem(row, `the ${columnName(flags.oversize.column)} cell is ${count(flags.oversize.length)} characters long, over the limit of ${count(limits.maxCellChars)}${unclosed}; row skipped`);
        }
        if (flags.unclosedQuote) problem(row, `a quote opened in this row is never closed, so lines ${row}–${flags.lastLine} (the rest of the file) were read as this one row`);
      }
      if (!flags) return onRow(cells, row, header, null);
      let cut: Map<string, number> | null = null;
      if (flags.cut) {
        cut = new Map();
        for (const [i, length] of flags.cut) cut.set(cutKeys[i] ?? String(i), length);
      }
      onRow(cells, row, header, { cut, lastLine: flags.lastLine });
      return;
    }
    if (flags?.tooLong || flags?.oversize || isBlank(cells)) {
      if (flags && ++seen >= searchRows) fail();
      return;
    }
    seen++;
    const keys = cells.map(columnKey);
    const hits = required.filter((r) => keys.includes(r)).length;
    if (hits === required.length) {
      const index = new Map<string, number>();
      keys.forEach((k, i) => {
        if (!index.has(k)) index.set(k, i);
      });
      header = { cells: cells.map((c) => c.replace(/^\uFEFF/, '').trim()), index, row };
      const caps = new Map<number, number>();
      cutKeys = [];
      for (const { column, keepChars } of options.cut ?? []) {
        const i = index.get(columnKey(column));
        if (i !== undefined) {
          caps.set(i, keepChars);
          cutKeys[i] = columnKey(column);
        }
      }
      tokenizer.setCut(caps);
    } else {
      if (!best || hits > best.hits) best = { cells, hits };
      if (seen >= searchRows) fail();
    }
  });

  let nulReported = false;
  for await (const piece of decodeText(file)(source as AsyncIterable<Uint8Array>)) {
    if (typeof piece === 'string') {
      tokenizer.push(piece);
      if (!nulReported && tokenizer.nulCount > 0) {
        nulReported = true;
        problem(tokenizer.firstNulLine, 'the file contains NUL bytes (from this row on); they were removed');
      }
    } else problem(tokenizer.line, piece.warning);
  }
  tokenizer.end();
  if (!nulReported && tokenizer.nulCount > 0) problem(tokenizer.firstNulLine, 'the file contains NUL bytes (from this row on); they were removed');
  if (!header) return fail();
  return { header, rows };
}
