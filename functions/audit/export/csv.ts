/**
 * The streaming CSV layer: bytes in (any async iterable, e.g. a file or zip-entry stream), rows out.
 * Decodes UTF-8 (BOM stripped) and UTF-16 LE/BE (with a BOM, or detected by NUL bytes), parses
 * with papaparse on a Node stream (never the whole file as one string), finds the header row by
 * its cells (Connections.csv has a `Notes:` preamble) and maps columns by trimmed,
 * case-insensitive name.
 */
import { Readable, Writable, type Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Papa from 'papaparse';
import { ExportError } from './errors.ts';

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

export interface CsvResult {
  header: CsvHeader;
  /** Data rows passed to onRow (empty lines not counted). */
  rows: number;
}

export const columnKey = (name: string): string => name.replace(/^\uFEFF/, '').trim().toLowerCase();

/** Cell by column name ('' when the column or cell is missing). */
export function cellOf(header: CsvHeader, cells: string[], name: string): string {
  const i = header.index.get(name);
  return i === undefined ? '' : (cells[i] ?? '');
}

function sniffEncoding(head: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  if (head.length >= 4 && head[0] !== 0 && head[1] === 0 && head[2] !== 0 && head[3] === 0) return { encoding: 'utf-16le', bom: 0 };
  if (head.length >= 4 && head[0] === 0 && head[1] !== 0 && head[2] === 0 && head[3] !== 0) return { encoding: 'utf-16be', bom: 0 };
  return { encoding: 'utf-8', bom: 0 };
}

/** Bytes -> text chunks, decoding as sniffed from the first bytes. Throws `empty` / `not_csv`. */
export function decodeText(file: string) {
  return async function* (source: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
    let decoder: TextDecoder | null = null;
    let pending: Uint8Array = new Uint8Array(0);
    let sawText = false;
    let checked = false;
    const emit = (text: string): string => {
      if (!checked && text.length > 0) {
        checked = true;
        if (text.slice(0, 8192).includes('\u0000')) {
          throw new ExportError('not_csv', `${file} is not a CSV text file (it contains binary data); upload your LinkedIn export zip or its Invitations.csv.`, file);
        }
      }
      if (!sawText && /\S/.test(text)) sawText = true;
      return text;
    };
    for await (const chunk of source) {
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
      if (!decoder) {
        const joined = new Uint8Array(pending.length + bytes.length);
        joined.set(pending);
        joined.set(bytes, pending.length);
        if (joined.length < 4) {
          pending = joined;
          continue;
        }
        const { encoding, bom } = sniffEncoding(joined);
        decoder = new TextDecoder(encoding, { ignoreBOM: true });
        const text = decoder.decode(joined.subarray(bom), { stream: true });
        if (text) yield emit(text);
        continue;
      }
      const text = decoder.decode(bytes, { stream: true });
      if (text) yield emit(text);
    }
    if (!decoder) {
      const { encoding, bom } = sniffEncoding(pending);
      decoder = new TextDecoder(encoding, { ignoreBOM: true });
      const text = decoder.decode(pending.subarray(bom));
      if (text) yield emit(text);
    } else {
      const rest = decoder.decode();
      if (rest) yield emit(rest);
    }
    if (!sawText) throw new ExportError('empty', `${file} is empty; export your LinkedIn data again and upload the new file.`, file);
  };
}

const NEWLINES = /\r\n|\r|\n/g;
function isBlank(cells: string[]): boolean {
  for (const c of cells) if (c !== '' && c.trim() !== '') return false;
  return true;
}
function countNewlines(cells: string[]): number {
  let n = 0;
  for (const c of cells) if (c.includes('\n') || c.includes('\r')) n += c.match(NEWLINES)?.length ?? 0;
  return n;
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => `"${n.length > 40 ? `${n.slice(0, 40)}…` : n}"`).join(', ');
}

/**
 * Stream a CSV: find the header row (the first of the first `headerSearchRows` non-empty rows that
 * has every required column), then call `onRow(cells, row)` for each non-empty data row, `row`
 * being its 1-based physical line. Throws ExportError `empty`, `not_csv` or `missing_columns`.
 */
export async function readCsv(
  source: AsyncIterable<Uint8Array | string> | Readable,
  file: string,
  spec: CsvSpec,
  onRow: (cells: string[], row: number, header: CsvHeader) => void,
): Promise<CsvResult> {
  const required = spec.required.map(columnKey);
  const searchRows = spec.headerSearchRows ?? 20;
  let header: CsvHeader | null = null;
  let best: { cells: string[]; hits: number } | null = null;
  let line = 1;
  let seen = 0;
  let rows = 0;

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

  // Papa guesses the line ending from its first chunk, which can end before the first line does:
  // read up to the first line break ourselves and tell Papa.
  const text = decodeText(file)(source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  let head = '';
  let lineBreak: RegExpExecArray | null = null;
  for (;;) {
    lineBreak = /\r\n|\n|\r(?=[^])/.exec(head);
    if (lineBreak || head.length > 1 << 20) break; // no line break in the first MB: let Papa decide
    const next = await text.next();
    if (next.done) break;
    head += next.value;
  }
  const newline = (lineBreak ? lineBreak[0] : head.endsWith('\r') ? '\r' : '\n') as '\n' | '\r' | '\r\n';
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { header: false, skipEmptyLines: false, newline, delimiter: ',' }) as unknown as Duplex;
  async function* all(): AsyncGenerator<string> {
    try {
      if (head) yield head;
      for (;;) {
        const next = await text.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await text.return(undefined); // stop reading the source when parsing stops early
    }
  }

  const handle = (cells: string[]): void => {
    const row = line;
    line += 1 + countNewlines(cells);
    if (isBlank(cells)) return;
    if (header) {
      rows++;
      onRow(cells, row, header);
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
    } else {
      if (!best || hits > best.hits) best = { cells, hits };
      if (seen >= searchRows) fail();
    }
  };

  await pipeline(
    Readable.from(all()),
    parser,
    new Writable({
      objectMode: true,
      write(item: string[], _encoding, callback) {
        try {
          handle(item);
          callback();
        } catch (e) {
          callback(e as Error);
        }
      },
    }),
  );
  if (!header) return fail();
  return { header, rows };
}
