/** Small string helpers of the reader: keeping strings compact, quoting cells in warnings. */
import { Buffer } from 'node:buffer';

/**
 * A compact copy of `s` that does not share memory with the text it was cut from. V8 represents a
 * substring of 13 characters or more as a view into its parent string, so keeping one cell of a CSV
 * chunk would keep the whole chunk (64 KB) alive; and a substring of a chunk holding one emoji is
 * stored with 2 bytes a character even when it is plain ASCII. Every string the reader KEEPS goes
 * through this: a round trip through bytes builds a fresh string, 1 byte a character when it can be.
 * Nearly every kept cell (names, URLs, keys, most notes) is Latin-1: its round trip is a Latin-1 one,
 * a plain copy each way (half the time of the UTF-8 round trip, which encodes a 2-byte string
 * character by character: 600 -> 300 ns a profile URL cut from a 2-byte chunk).
 */
export function own(s: string): string {
  if (s.length < 13) return s; // V8 copies short substrings anyway
  if (!BEYOND_LATIN1.test(s)) {
    if (s.length > scratch.length) return Buffer.from(s, 'latin1').toString('latin1');
    return scratch.toString('latin1', 0, scratch.write(s, 0, 'latin1'));
  }
  if (!(s as unknown as { isWellFormed(): boolean }).isWellFormed()) return (' ' + s).slice(1); // a lone surrogate would not survive UTF-8: flatten instead
  if (s.length * 3 > scratch.length) return Buffer.from(s, 'utf8').toString('utf8');
  return scratch.toString('utf8', 0, scratch.write(s, 0, 'utf8'));
}
const scratch = Buffer.allocUnsafe(64 * 1024);
const BEYOND_LATIN1 = /[^\x00-\xff]/;

/** A cell as quoted in a warning: at most `max` characters, cut with an ellipsis, never megabytes. */
export function clip(s: string, max = 40): string {
  if (s.length <= max) return s;
  const c = s.charCodeAt(max - 1);
  return `${s.slice(0, c >= 0xd800 && c <= 0xdbff ? max - 1 : max)}…`; // never half an emoji
}

/** Code points of a string (counting only when it may matter: `s.length` is an upper bound). */
export function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === 0 || s.charCodeAt(i - 1) < 0xd800 || s.charCodeAt(i - 1) > 0xdbff) n++;
  }
  return n;
}

/** The first `n` code points of `s`. */
export function firstCodePoints(s: string, n: number): string {
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff ? 2 : 1;
  }
  return s.slice(0, i);
}
