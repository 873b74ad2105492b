/**
 * Bytes -> text, streaming, never silently producing U+FFFD:
 * - UTF-8 (LinkedIn's encoding), with or without a BOM;
 * - Windows-1252, as Excel saves a CSV ("CSV" rather than "CSV UTF-8"): detected by bytes that are
 *   not valid UTF-8. When nothing but ASCII came before the first such byte, the whole file is read
 *   as Windows-1252; when valid UTF-8 came before (a file mixing both), each invalid byte is read as
 *   Windows-1252. Either way with a warning at the line of the first such byte;
 * - UTF-16 LE/BE with a BOM (or detected by NUL bytes in the first four); invalid UTF-16 (a lone
 *   surrogate, an odd byte count) is refused.
 * NUL bytes in the first 8 KB mean a binary file (refused); later ones are removed by the CSV layer,
 * with a warning.
 */
import { Buffer, isUtf8 } from 'node:buffer';
import { ExportError } from './errors.ts';

/**
 * Windows-1252 is Latin-1 except bytes 0x80-0x9F (WHATWG table; the 5 unassigned ones stay C1).
 * Not TextDecoder('windows-1252'): Node 20.18.3+ decodes it as Latin-1 (nodejs/node#60888).
 */
const CP1252_80_9F = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1 = /[\x80-\x9f]/g;

export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  C1.lastIndex = 0;
  return C1.test(latin1) ? latin1.replace(C1, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]) : latin1;
}

/** A warning to attach to the line where the next text starts. */
export interface DecodeWarning {
  warning: string;
}
export type Decoded = string | DecodeWarning;

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

function sniffEncoding(head: Uint8Array): { encoding: Encoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  if (head.length >= 4 && head[0] !== 0 && head[1] === 0 && head[2] !== 0 && head[3] === 0) return { encoding: 'utf-16le', bom: 0 };
  if (head.length >= 4 && head[0] === 0 && head[1] !== 0 && head[2] === 0 && head[3] !== 0) return { encoding: 'utf-16be', bom: 0 };
  return { encoding: 'utf-8', bom: 0 };
}

/**
 * Length of the UTF-8 sequence starting at `i`: n > 0 when valid, 0 when invalid, -1 when it is a
 * valid beginning cut by the end of `b`.
 */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  let n: number;
  if (c >= 0xc2 && c <= 0xdf) n = 2;
  else if (c >= 0xe0 && c <= 0xef) n = 3;
  else if (c >= 0xf0 && c <= 0xf4) n = 4;
  else return 0;
  for (let k = 1; k < n; k++) {
    if (i + k >= b.length) return -1;
    const x = b[i + k];
    let lo = 0x80;
    let hi = 0xbf;
    if (k === 1) {
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
      else if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    }
    if (x < lo || x > hi) return 0;
  }
  return n;
}

/** Index after the last complete sequence: a valid sequence cut by the end of the chunk waits for the next chunk. */
function completeEnd(b: Uint8Array): number {
  for (let s = Math.max(0, b.length - 3); s < b.length; s++) {
    if (b[s] >= 0xc2 && sequenceLength(b, s) === -1) return s;
  }
  return b.length;
}

/** A NUL among the first this many characters means a binary file. */
const BINARY_CHECK_CHARS = 8192;

const hex = (byte: number) => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** Bytes -> text chunks (and warnings), decoding as sniffed from the first bytes. Throws `empty` / `not_csv`. */
export function decodeText(file: string) {
  return async function* (source: AsyncIterable<Uint8Array | string>): AsyncGenerator<Decoded> {
    const utf8 = new TextDecoder('utf-8', { ignoreBOM: true }); // only ever given valid UTF-8
    let encoding: Encoding | null = null;
    let utf16: TextDecoder | null = null;
    /** utf-8: as LinkedIn writes it; windows-1252: the whole rest; mixed: UTF-8 where valid, Windows-1252 byte by byte elsewhere. */
    let mode: 'utf-8' | 'windows-1252' | 'mixed' = 'utf-8';
    let sawNonAscii = false;
    let carry: Uint8Array = new Uint8Array(0);
    let pending: Uint8Array = new Uint8Array(0);
    let sawText = false;
    let checked = 0; // characters checked for NUL (the first BINARY_CHECK_CHARS)

    const emit = (text: string): string => {
      if (checked < BINARY_CHECK_CHARS && text.length > 0) {
        const head = text.slice(0, BINARY_CHECK_CHARS - checked);
        checked += head.length;
        if (head.includes('\u0000')) {
          throw new ExportError('not_csv', `${file} is not a CSV text file (it contains binary data); upload your LinkedIn export zip or its Invitations.csv.`, file);
        }
      }
      if (!sawText && /\S/.test(text)) sawText = true;
      return text;
    };

    const notUtf8 = (byte: number, mixed: boolean): DecodeWarning => ({
      warning: mixed
        ? `the file is not valid UTF-8 from this row on (byte ${hex(byte)}): such bytes were read as Windows-1252 (an Excel re-save?); check the names and notes with accents`
        : `the file is not UTF-8 (byte ${hex(byte)} on this row): it was read as Windows-1252, as Excel saves a CSV; check the names and notes with accents`,
    });

    /** Decode UTF-8 bytes (complete sequences, or the very end of the file) per the current mode. */
    function* utf8Text(body: Uint8Array): Generator<Decoded> {
      if (mode === 'windows-1252') {
        if (body.length) yield emit(decodeWindows1252(body));
        return;
      }
      if (isUtf8(body)) {
        const text = utf8.decode(body);
        if (!sawNonAscii && text.length !== body.length) sawNonAscii = true;
        if (text) yield emit(text);
        return;
      }
      let start = 0;
      let i = 0;
      while (i < body.length) {
        if (body[i] < 0x80) {
          i++;
          continue;
        }
        const n = sequenceLength(body, i);
        if (n > 0) {
          sawNonAscii = true;
          i += n;
          continue;
        }
        // an invalid byte (or, at the very end of the file, a cut sequence)
        if (i > start) yield emit(utf8.decode(body.subarray(start, i)));
        if (mode === 'utf-8') {
          if (!sawNonAscii) {
            // nothing but ASCII so far, read the same in Windows-1252: read the rest as Windows-1252
            mode = 'windows-1252';
            yield notUtf8(body[i], false);
            yield emit(decodeWindows1252(body.subarray(i)));
            return;
          }
          mode = 'mixed';
          yield notUtf8(body[i], true);
        }
        yield emit(decodeWindows1252(body.subarray(i, i + 1)));
        i++;
        start = i;
      }
      if (i > start) yield emit(utf8.decode(body.subarray(start, i)));
    }

    function* decode(bytes: Uint8Array, final: boolean): Generator<Decoded> {
      if (utf16) {
        let text: string;
        try {
          text = utf16.decode(bytes, { stream: !final });
        } catch {
          throw new ExportError('not_csv', `${file} is UTF-16 text with an invalid character in it; open it in a spreadsheet, save it as "CSV UTF-8" and upload that.`, file);
        }
        if (text) yield emit(text);
        return;
      }
      let all = bytes;
      if (carry.length) {
        all = new Uint8Array(carry.length + bytes.length);
        all.set(carry);
        all.set(bytes, carry.length);
      }
      const end = final || mode === 'windows-1252' ? all.length : completeEnd(all);
      carry = all.slice(end);
      yield* utf8Text(all.subarray(0, end));
    }

    function* start(head: Uint8Array, final: boolean): Generator<Decoded> {
      const sniffed = sniffEncoding(head);
      encoding = sniffed.encoding;
      if (encoding !== 'utf-8') utf16 = new TextDecoder(encoding, { ignoreBOM: true, fatal: true });
      yield* decode(head.subarray(sniffed.bom), final);
    }

    for await (const chunk of source) {
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
      if (encoding === null) {
        const joined = new Uint8Array(pending.length + bytes.length);
        joined.set(pending);
        joined.set(bytes, pending.length);
        if (joined.length < 4) {
          pending = joined;
          continue;
        }
        yield* start(joined, false);
        continue;
      }
      yield* decode(bytes, false);
    }
    if (encoding === null) yield* start(pending, true);
    else yield* decode(new Uint8Array(0), true);
    if (!sawText) throw new ExportError('empty', `${file} is empty; export your LinkedIn data again and upload the new file.`, file);
  };
}
