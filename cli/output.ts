/**
 * Output of the long commands: many lines in few writes, and a progress line on a terminal.
 *
 * - `createLineWriter`: stdout to a file or a pipe is synchronous in Node on Linux, so one
 *   `write` per line is one system call per line (100k of them for a 100k-row `--format jsonl`).
 *   Lines are encoded into 64 KiB buffers and written a buffer at a time instead, and the writer
 *   waits for `drain` when the stream asks it to (a slow reader, a test's PassThrough). Its
 *   `writeRecordWithUnsure` encodes a record's JSON line straight into that buffer, copying what
 *   records share (keys, the owner, a cluster, reasons, a repeated note) as bytes encoded once.
 * - `createProgress`: one self-overwriting stderr line per phase of a long audit ("reading
 *   x.zip: 40,000 rows", "classifying 100,000 requests", "grouping templates", "writing"), only
 *   when stderr is a terminal, at most ten redraws a second; cleared before anything else is said.
 */
import { once } from 'node:events';

// 64 KiB chunks: a Buffer the lines are encoded into in place (no string concatenation, no second
// copy of each chunk to encode it on write). Measured on 40k records of the 100k-row bench file to
// /dev/null: 0.20-0.36 s of CPU against 0.28-0.46 s for lines concatenated into 16 KiB strings
// (JSON.stringify alone: 0.13 s); a busy 2-core machine, three runs each.
const HIGH_WATER = 1 << 16;

export interface LineWriter {
  /** Queue text (one or more whole lines); returns a promise only when the caller must wait. */
  write(text: string): Promise<void> | undefined;
  /**
   * Queue `JSON.stringify({ ...r, unsure })` and a newline for a plain record `r` without an
   * `unsure` key (same text, same key order), encoded straight into the buffer (see RecordEncoder).
   */
  writeRecordWithUnsure(r: object, unsure: boolean): Promise<void> | undefined;
  /** Write what is queued, and wait until the stream has taken it. */
  flush(): Promise<void>;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** The letter of JSON's short escape of each control character (`\n`: n), 0 where it is \u00XX. */
const SHORT_ESCAPES = new Uint8Array(0x20);
SHORT_ESCAPES[0x08] = 0x62; // b
SHORT_ESCAPES[0x09] = 0x74; // t
SHORT_ESCAPES[0x0a] = 0x6e; // n
SHORT_ESCAPES[0x0c] = 0x66; // f
SHORT_ESCAPES[0x0d] = 0x72; // r
const CLOSE = 0x7d;
/**
 * Strings at least this long, with nothing JSON escapes and no surrogate, are encoded by Buffer#write
 * (a regular expression's scan and a native copy), shorter ones character by character: the writing of
 * the records of i20k once, 1,535M -> 1,510M instructions (Callgrind), h20k 1,568M -> 1,549M (8: 1,523M on i20k).
 */
const NATIVE_STRING = 16;
const NEEDS_CARE = /["\\\u0000-\u001f\ud800-\udfff]/;
const EMPTY = Buffer.from('{}');
const UNSURE_TRUE = Buffer.from(',"unsure":true}\n');
const UNSURE_FALSE = Buffer.from(',"unsure":false}\n');
const ONLY_UNSURE_TRUE = Buffer.from('{"unsure":true}\n');
const ONLY_UNSURE_FALSE = Buffer.from('{"unsure":false}\n');
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const NULL = Buffer.from('null');

/**
 * The writer's record side: `JSON.stringify(r)` of plain records (no toJSON, no cycles) that share
 * many of their values, written as UTF-8 bytes into the line buffer without making the record's
 * text first. What records share is encoded once and copied: each key (`"key":`), each sub-object
 * under `SHARED_KEYS` (the owner, a template cluster, a reasons list; cached by identity, so records
 * must not change while they are written: the writing phase is the last one) and each long string
 * seen twice (a note repeated by a template, an advice), and each number that is no safe integer
 * (a confidence: few values; 0.30 -> 0.28 s for the bench's records, median of 12 interleaved).
 * Strings of plain ASCII, integers and plain sub-objects (the counterpart, the source) are written
 * byte by byte, each key found at its position in the previous record's key order (KeyOrder);
 * anything else as JSON.stringify writes it. Same text as JSON.stringify: each key in the object's
 * own key order, undefined / function / symbol values left out. Measured in process on the 100k-row bench file's
 * records to /dev/null: 0.31-0.55 s of CPU against 0.61-0.84 s for the record's text made first
 * and encoded (cached JSON fragments); four runs each, alternating, a busy 2-core machine.
 */
const SHARED_KEYS = new Set(['owner', 'cluster', 'reasons', 'roleReasons']);
/** Strings shorter than this are written as they come (a lookup would cost more than the copy it saves). */
const LONG_STRING = 48;
/** Long strings remembered (a few MB at most): cleared when full. */
const MAX_STRINGS = 50_000;
/**
 * Values under SHARED_KEYS remembered as their JSON bytes: dropped when full. Unbounded, a note's
 * own reasons lists were held to the end (about 1 KB a CR when every CR has its own note).
 */
const MAX_OBJECTS = 8192;
/** Numbers other than safe integers remembered as their JSON bytes: cleared when full. */
const MAX_NUMBERS = 4096;

/** A key's JSON bytes as an object's first key (`{"key":`) and after another (`,"key":`). */
interface KeyBytes {
  readonly open: Uint8Array;
  readonly next: Uint8Array;
}

/**
 * The keys last written at one place of the records (the top level, or under one key), by position,
 * with their bytes and the order of a plain object under each: records mostly share one key order,
 * so a key is found by one comparison at its position instead of a map lookup (a miss costs that lookup).
 */
class KeyOrder {
  readonly keys: (string | undefined)[] = [];
  readonly bytes: (KeyBytes | undefined)[] = [];
  readonly nested: (KeyOrder | undefined)[] = [];
}

export function createLineWriter(stream: NodeJS.WritableStream, highWater = HIGH_WATER): LineWriter {
  let buf = Buffer.allocUnsafe(highWater);
  let at = 0;
  /** Hands the filled part of the buffer to the stream; false when the stream asks to wait. */
  let shipped = 0;
  const ship = (): boolean => {
    if (at === 0) return true;
    shipped++;
    const chunk = buf.subarray(0, at);
    at = 0;
    const ok = stream.write(chunk);
    // A stream that took the chunk at once (stdout to a file, or to a pipe on Linux: synchronous)
    // holds nothing: the buffer is reused. Otherwise it is the stream's until written, and a new one
    // is taken (each is memory outside the JS heap until a GC: 2,000 of them for 131 MB of output).
    if ((stream as { writableLength?: number }).writableLength !== 0) buf = Buffer.allocUnsafe(highWater);
    return ok;
  };
  let ok = true;
  /** Makes room for `n` bytes; false when they can never fit (the caller writes them to the stream itself). */
  const room = (n: number): boolean => {
    if (at + n <= buf.length) return true;
    ok = ship() && ok;
    return n <= buf.length;
  };
  /** Encodes text into the buffer (3 bytes per UTF-16 unit at most). */
  const put = (text: string) => {
    if (room(text.length * 3)) at += buf.write(text, at);
    else ok = stream.write(text) && ok;
  };
  /** Copies encoded bytes into the buffer. */
  const putBytes = (bytes: Uint8Array) => {
    if (room(bytes.length)) {
      buf.set(bytes, at);
      at += bytes.length;
    } else ok = stream.write(bytes) && ok;
  };
  const putByte = (b: number) => {
    if (at >= buf.length) ok = ship() && ok;
    buf[at++] = b;
  };
  /**
   * A string as JSON.stringify writes it, encoded as UTF-8, character by character: the escapes of
   * `"`, `\` and the control characters with a short one (`\n`...), and the 2-, 3- and 4-byte UTF-8
   * of other characters (a surrogate pair: one 4-byte character). A string holding another control
   * character or a lone surrogate (escaped as \uXXXX) is written by JSON.stringify. Before, any
   * character beyond printable ASCII sent the string to JSON.stringify, its text then encoded: names,
   * URLs and keys with an accent and notes with an emoji or a quote (Callgrind, writing the records
   * of the bench files once, as the CLI does: 1,603M -> 1,527M instructions for i20k, 1,684M -> 1,570M for h20k, 0.77G of each the loading of the records).
   */
  const putString = (s: string) => {
    const n = s.length;
    if (room(3 * n + 2)) {
      if (n >= NATIVE_STRING && !NEEDS_CARE.test(s)) {
        // nothing to escape, no surrogate: its UTF-8 is JSON's, written by Buffer#write
        buf[at] = QUOTE;
        at += 1 + buf.write(s, at + 1);
        buf[at++] = QUOTE;
        return;
      }
      const b = buf;
      let j = at;
      b[j++] = QUOTE;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x20 && c < 0x80) {
          if (c === QUOTE || c === BACKSLASH) {
            b[j++] = BACKSLASH;
          }
          b[j++] = c;
        } else if (c < 0x20) {
          const e = SHORT_ESCAPES[c]!;
          if (e === 0) break; // \u00XX: 6 bytes, more than the room taken
          b[j++] = BACKSLASH;
          b[j++] = e;
        } else if (c < 0x800) {
          b[j++] = 0xc0 | (c >> 6);
          b[j++] = 0x80 | (c & 0x3f);
        } else if (c < 0xd800 || c > 0xdfff) {
          b[j++] = 0xe0 | (c >> 12);
          b[j++] = 0x80 | ((c >> 6) & 0x3f);
          b[j++] = 0x80 | (c & 0x3f);
        } else {
          const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
          if (c > 0xdbff || d < 0xdc00 || d > 0xdfff) break; // a lone surrogate: JSON.stringify escapes it
          const p = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          b[j++] = 0xf0 | (p >> 18);
          b[j++] = 0x80 | ((p >> 12) & 0x3f);
          b[j++] = 0x80 | ((p >> 6) & 0x3f);
          b[j++] = 0x80 | (p & 0x3f);
          i++;
        }
      }
      if (i === n) {
        b[j++] = QUOTE;
        at = j;
        return;
      }
    }
    put(JSON.stringify(s));
  };
  const numbers = new Map<number, Uint8Array>();
  /** An integer's digits (|v| < 2^53), else the number as JSON.stringify writes it. */
  const putNumber = (v: number) => {
    if (Number.isSafeInteger(v) && room(17)) {
      if (v < 0) {
        buf[at++] = 0x2d;
        v = -v;
      }
      if (v < 10) {
        buf[at++] = 0x30 + v;
        return;
      }
      let digits = 0;
      for (let x = v; x >= 1; x = Math.floor(x / 10)) digits++;
      for (let i = at + digits - 1; i >= at; i--) {
        buf[i] = 0x30 + (v % 10);
        v = Math.floor(v / 10);
      }
      at += digits;
      return;
    }
    // Other numbers (a confidence like 0.887) take few values: each written once as JSON, then copied.
    let bytes = numbers.get(v);
    if (bytes === undefined) {
      if (numbers.size >= MAX_NUMBERS) numbers.clear();
      numbers.set(v, (bytes = Buffer.from(JSON.stringify(v))));
    }
    putBytes(bytes);
  };

  let objects = new Map<object, Uint8Array>();
  /** Long strings: their JSON bytes once seen twice (null: seen once). */
  const strings = new Map<string, Uint8Array | null>();
  const putLongString = (s: string) => {
    const kept = strings.get(s);
    if (kept) return putBytes(kept);
    const start = at;
    const before = shipped;
    putString(s);
    if (kept === null) {
      // the second time: the bytes just written are kept (when they all went into the buffer)
      if (shipped === before && at > start) strings.set(s, Buffer.from(buf.subarray(start, at)));
      return;
    }
    if (strings.size >= MAX_STRINGS) strings.clear();
    strings.set(s, null);
  };
  const keys = new Map<string, KeyBytes>();
  /** Writes `{"k":` (the object's first key: `pos` 0) or `,"k":`, the key found at its position in `order`. */
  const putKey = (k: string, order: KeyOrder, pos: number) => {
    let bytes: KeyBytes | undefined;
    if (order.keys[pos] === k) bytes = order.bytes[pos]!;
    else {
      bytes = keys.get(k);
      if (bytes === undefined) {
        const json = JSON.stringify(k);
        keys.set(k, (bytes = { open: Buffer.from(`{${json}:`), next: Buffer.from(`,${json}:`) }));
      }
      order.keys[pos] = k;
      order.bytes[pos] = bytes;
      order.nested[pos] = undefined;
    }
    putBytes(pos === 0 ? bytes.open : bytes.next);
  };

  /**
   * The object as JSON.stringify writes it; `top`: a record, whose values under SHARED_KEYS are
   * cached. A nested object is written key by key only when it is a plain object (its prototype
   * Object.prototype, no toJSON), else by JSON.stringify. Returns false for `{}` (nothing written).
   */
  const putObject = (o: object, top: boolean, order: KeyOrder): boolean => {
    let n = 0; // keys written
    // for-in lists inherited keys too: none for a plain record (Object.prototype has no enumerable key)
    const proto = Object.getPrototypeOf(o);
    const ownOnly = proto === Object.prototype || proto === null;
    for (const k in o) {
      if (!ownOnly && !Object.hasOwn(o, k)) continue;
      const v = (o as Record<string, unknown>)[k];
      switch (typeof v) {
        case 'string':
          putKey(k, order, n);
          if (v.length < LONG_STRING) putString(v);
          else putLongString(v);
          break;
        case 'number':
          putKey(k, order, n);
          putNumber(v);
          break;
        case 'boolean':
          putKey(k, order, n);
          putBytes(v ? TRUE : FALSE);
          break;
        case 'object': {
          if (v === null) {
            putKey(k, order, n);
            putBytes(NULL);
            break;
          }
          if (top && SHARED_KEYS.has(k)) {
            let bytes = objects.get(v);
            if (bytes === undefined) {
              const json = JSON.stringify(v) as string | undefined;
              if (json === undefined) continue;
              if (objects.size >= MAX_OBJECTS) objects = new Map(); // a new Map, not clear(): see RepeatedTexts in classify
              objects.set(v, (bytes = Buffer.from(json)));
            }
            putKey(k, order, n);
            putBytes(bytes);
            break;
          }
          if (Object.getPrototypeOf(v) === Object.prototype && !('toJSON' in v)) {
            putKey(k, order, n);
            if (!putObject(v, false, (order.nested[n] ??= new KeyOrder()))) putBytes(EMPTY);
            break;
          }
          const json = JSON.stringify(v) as string | undefined;
          if (json === undefined) continue;
          putKey(k, order, n);
          put(json);
          break;
        }
        case 'undefined':
        case 'function':
        case 'symbol':
          continue;
        default: {
          const json = JSON.stringify(v) as string | undefined; // a bigint: throws as JSON.stringify does
          if (json === undefined) continue;
          putKey(k, order, n);
          put(json);
        }
      }
      n++;
    }
    if (n === 0) return false;
    putByte(CLOSE);
    return true;
  };

  /** The key order of the records written. */
  const records = new KeyOrder();

  const settle = (): Promise<void> | undefined => {
    if (ok) return undefined;
    ok = true;
    return once(stream, 'drain').then(() => undefined);
  };
  return {
    write(text) {
      put(text);
      return settle();
    },
    writeRecordWithUnsure(r, unsure) {
      const wrote = putObject(r, true, records);
      if (wrote) at--; // over the closing brace, in the buffer putObject just wrote to (its last byte)
      putBytes(wrote ? (unsure ? UNSURE_TRUE : UNSURE_FALSE) : unsure ? ONLY_UNSURE_TRUE : ONLY_UNSURE_FALSE);
      return settle();
    },
    async flush() {
      ok = ship() && ok;
      await settle();
    },
  };
}


export type AuditPhase = 'reading' | 'classifying' | 'grouping templates' | 'writing';

export interface Progress {
  /** Show a phase; `done`/`total` add counts ("reading x.zip: 40,000 rows"). Throttled. */
  update(phase: AuditPhase | string, detail?: { done?: number; total?: number; unit?: string; file?: string }): void;
  /** Erase the line (before warnings, the summary, or an error). */
  clear(): void;
}

const NO_PROGRESS: Progress = { update() {}, clear() {} };

export function createProgress(stderr: NodeJS.WritableStream, opts: { minIntervalMs?: number; now?: () => number } = {}): Progress {
  if (!(stderr as NodeJS.WriteStream).isTTY) return NO_PROGRESS;
  const minInterval = opts.minIntervalMs ?? 100;
  const now = opts.now ?? (() => performance.now());
  let last = -Infinity;
  let lastPhase = '';
  let shown = false;
  const n = (x: number) => x.toLocaleString('en-US');
  return {
    update(phase, detail = {}) {
      const t = now();
      if (phase === lastPhase && t - last < minInterval) return;
      last = t;
      lastPhase = phase;
      const what = detail.file ? `${phase} ${detail.file}` : phase;
      const unit = detail.unit ? ` ${detail.unit}` : '';
      const count = detail.done === undefined ? '' : detail.total ? `: ${n(detail.done)} of ${n(detail.total)}${unit}` : `: ${n(detail.done)}${unit}`;
      stderr.write(`\r\x1b[K${what}${count}…`);
      shown = true;
    },
    clear() {
      if (shown) stderr.write('\r\x1b[K');
      shown = false;
      lastPhase = '';
    },
  };
}
