/** Identity helpers: profile URLs, counterpart keys, deterministic CR ids, export dates. */
import { Buffer } from 'node:buffer';
import { hash } from 'node:crypto';
import type { Direction } from '../model.ts';
import { own } from './text.ts';

const PROFILE_URL = /^(?:https?:\/\/)?(?:[a-z0-9-]+\.)?linkedin\.com\/in(?:\/([^/?#]*))?/i;

const NON_ASCII = /[^\x00-\x7f]/;
/** NFC only when needed (ASCII is already NFC). */
export const nfc = (s: string): string => (NON_ASCII.test(s) ? s.normalize('NFC') : s);

function decode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // a lone '%' in a raw-Unicode slug: keep it as is
  }
}

/** NFC, trimmed, inner whitespace runs (NBSP, thin space, tab...) collapsed to one space. */
export function normaliseName(name: string): string {
  return nfc(name).replace(/\s+/gu, ' ').trim();
}

/** The decoded slug (NFC, case kept) of a profile URL, or null (empty, bare `…/in`, not a profile URL). */
export function profileSlug(url: string | null | undefined): string | null {
  if (!url) return null;
  const m = PROFILE_URL.exec(url.trim());
  if (!m || !m[1]) return null;
  const slug = nfc(decode(m[1])).trim();
  return slug === '' ? null : slug;
}

/**
 * `https://www.linkedin.com/in/<decoded slug>` or null when there is no slug (5-column era,
 * Dec-2023 bare URLs, empty cells). Connections.csv's percent-encoded and Invitations.csv's raw
 * Unicode spellings of one profile give the same string.
 */
export function normaliseProfileUrl(url: string | null | undefined): string | null {
  const slug = profileSlug(url);
  return slug === null ? null : `https://www.linkedin.com/in/${slug}`;
}

/** A profile URL read once: its normalised form, and its counterpart key (null: it depends on the name). */
export interface ProfileUrl {
  url: string;
  key: string | null;
}

/** A slug character that would end or change the slug when the normalised URL is read again. */
const RESLUGGED = /[/?#%]/;
const PROFILE_PREFIX = 'https://www.linkedin.com/in/';

/**
 * `normaliseProfileUrl(url)` and `counterpartKey` of that normalised URL with one reading of the
 * URL (null when it has no slug): the key of the normalised URL's slug is `in:` and the slug
 * lower-cased, unless the slug holds a `/`, `?`, `#` (where a slug ends) or `%` (decoded again).
 * Such rare slugs get `key: null`: their key is counterpartKey(url, name) as before. Both strings
 * are compact copies (text.ts own): the reader keeps them.
 */
export function readProfileUrl(url: string | null | undefined): ProfileUrl | null {
  if (url && isNormalProfileUrl(url)) return normalProfileUrl(url);
  const slug = profileSlug(url);
  if (slug === null) return null;
  return { url: own(`${PROFILE_PREFIX}${slug}`), key: RESLUGGED.test(slug) ? null : own(`in:${slug.toLowerCase()}`) };
}

const urlBytes = Buffer.allocUnsafe(1024);
/** Where the key is written in urlBytes: over the URL's `in/`, made `in:`. */
const KEY_AT = PROFILE_PREFIX.length - 3;

/**
 * readProfileUrl of a URL in normal form (isNormalProfileUrl: ASCII): the URL's bytes written once,
 * read back as the URL, then as the key, `in:` written over the URL's `in/` and the slug lower-cased
 * in place. One copy each, where own(url) and own(`in:${slug.toLowerCase()}`) made the key twice
 * (concatenated, then flattened to be copied) and checked each for characters beyond Latin-1.
 */
function normalProfileUrl(url: string): ProfileUrl {
  const n = url.length;
  if (n > urlBytes.length) return { url: own(url), key: own(`in:${url.slice(PROFILE_PREFIX.length).toLowerCase()}`) };
  urlBytes.write(url, 0, 'latin1');
  const owned = urlBytes.toString('latin1', 0, n);
  urlBytes[KEY_AT + 2] = 58; // ':'
  for (let i = PROFILE_PREFIX.length; i < n; i++) {
    const c = urlBytes[i]!;
    if (c >= 65 && c <= 90) urlBytes[i] = c + 32; // A-Z -> a-z: toLowerCase of ASCII
  }
  return { url: owned, key: urlBytes.toString('latin1', KEY_AT, n) };
}

/**
 * True for a URL already in normal form with a plain slug (how LinkedIn writes nearly all of them):
 * PROFILE_PREFIX, then one or more of A-Z a-z 0-9 - _ . (nothing that trim, decoding, NFC or the
 * URL's grammar would change), so its slug is the rest of it, read without the regex.
 */
function isNormalProfileUrl(url: string): boolean {
  const n = url.length;
  if (n <= PROFILE_PREFIX.length || !url.startsWith(PROFILE_PREFIX)) return false;
  for (let i = PROFILE_PREFIX.length; i < n; i++) {
    const c = url.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 95 || c === 46)) return false;
  }
  return true;
}

/** `in:<decoded lower-cased slug>` when the URL has a slug, else `name:<normalised lower-cased name>`. */
export function counterpartKey(profileUrl: string | null | undefined, name: string): string {
  const slug = profileSlug(profileUrl);
  if (slug !== null) return `in:${slug.toLowerCase()}`;
  return `name:${normaliseName(name).toLowerCase()}`;
}

/** Deterministic CR id: sha256 (hex, first 32 digits) of (owner key, direction, counterpart key, sentAt, message). */
export function requestId(ownerKey: string, direction: Direction, counterpartKey: string, sentAt: string, message: string): string {
  return idOf(JSON.stringify([ownerKey, direction, counterpartKey, sentAt, message]));
}

const HEX_DIGITS = '0123456789abcdef';
const idCodes: number[] = new Array<number>(32).fill(0);

/**
 * The first 32 hex digits of the sha256 of `text` (of its UTF-8 bytes, when a string). One-shot hash (no Hash object per row) into a
 * `binary` (latin1) string (one character a byte), its first 16 bytes written as hex digits into one flat
 * string: half the CPU of a digest Buffer made and then written as hex (measured over 100k ids),
 * and no view into a 64-digit string kept per CR (as `.slice(0, 32)` of the hex digest would).
 */
function idOf(text: string | Uint8Array): string {
  const digest = hash('sha256', text, 'binary');
  for (let i = 0; i < 16; i++) {
    const b = digest.charCodeAt(i);
    idCodes[2 * i] = HEX_DIGITS.charCodeAt(b >> 4);
    idCodes[2 * i + 1] = HEX_DIGITS.charCodeAt(b & 15);
  }
  return String.fromCharCode.apply(null, idCodes);
}

/**
 * The export date (`YYYY-MM-DD`) in a name like `Basic_LinkedInDataExport_01-06-2026.zip`,
 * `…_07-05-2026.zip.zip`, `…_09-12-2022 (1).zip` or a folder `…_07-09-2023/`; null when absent.
 */
export function exportDateFromName(name: string): string | null {
  const base = name.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? '';
  const m = /_(\d{1,2})-(\d{1,2})-(\d{4})(?:\s*\(\d+\))?(?:\.zip)*$/i.exec(base);
  if (!m) return null;
  const month = Number(m[1]);
  const day = Number(m[2]);
  const year = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Notes whose JSON text createRequestIds keeps: what repeats within a few thousand rows (a template's copies). */
const NOTE_JSON_MAX = 4096;

/**
 * requestId for many rows of one owner: the same ids, from the same bytes. The UTF-8 of the JSON
 * text is written into one buffer, not made as a string and then encoded by the hash: the owner
 * key and direction as bytes made once, the counterpart key and Sent At (plain ASCII nearly always)
 * copied character by character, a note as the bytes of its JSON text made once while it repeats
 * (templates; the reader shares one string among a template's copies). The string way built four
 * JSON texts and a concatenation a row, which the hash flattened and encoded (Callgrind over the
 * ids of 20k rows: 20.0k -> 18.4k instructions an id, 6.2k of them the sha256 itself). Bounded: dropped for a new Map when full, not cleared (see the
 * bounded maps of invitations.ts). Memory: keeping every distinct note's JSON held a copy of every
 * note until the last row (60 MB at 200,000 notes written one by one, aged into the old generation
 * and left there as garbage).
 */
export function createRequestIds(ownerKey: string): (direction: Direction, counterpartKey: string, sentAt: string, message: string) => string {
  const heads: Record<Direction, Uint8Array> = {
    INCOMING: Buffer.from(`[${JSON.stringify(ownerKey)},${JSON.stringify('INCOMING')},`),
    OUTGOING: Buffer.from(`[${JSON.stringify(ownerKey)},${JSON.stringify('OUTGOING')},`),
  };
  let notes = new Map<string, Uint8Array>();
  let text = Buffer.allocUnsafe(4096);
  /** `s` as a JSON string at text[at..] (JSON.stringify's bytes); returns the index after it. */
  const writeJson = (s: string, at: number): number => {
    const start = at;
    text[at++] = QUOTE;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      // beyond printable ASCII, or a character JSON escapes: JSON.stringify's own text, encoded
      if (c < 0x20 || c > 0x7e || c === QUOTE || c === BACKSLASH) return start + text.write(JSON.stringify(s), start, 'utf8');
      text[at++] = c;
    }
    text[at++] = QUOTE;
    return at;
  };
  return (direction, counterpartKey, sentAt, message) => {
    let note = notes.get(message);
    if (note === undefined) {
      note = Buffer.from(JSON.stringify(message), 'utf8');
      if (notes.size >= NOTE_JSON_MAX) notes = new Map();
      notes.set(message, note);
    }
    const head = heads[direction];
    // the bytes of JSON.stringify([ownerKey, direction, counterpartKey, sentAt, message]) (a character
    // is at most 3 UTF-8 bytes, or 6 characters of a JSON escape \uXXXX)
    const most = head.length + 6 * (counterpartKey.length + sentAt.length) + 8 + note.length;
    if (most > text.length) text = Buffer.allocUnsafe(2 * most);
    text.set(head, 0);
    let at = writeJson(counterpartKey, head.length);
    text[at++] = COMMA;
    at = writeJson(sentAt, at);
    text[at++] = COMMA;
    text.set(note, at);
    at += note.length;
    text[at++] = CLOSE;
    return idOf(text.subarray(0, at));
  };
}
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const CLOSE = 93;
