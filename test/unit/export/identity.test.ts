import { describe, expect, it } from 'vitest';
import { counterpartKey, entryKind, exportDateFromName, normaliseProfileUrl, requestId } from '../../../functions/audit/export/index.ts';
import { createRequestIds, readProfileUrl } from '../../../functions/audit/export/identity.ts';
import { buildRequests } from '../../../functions/audit/export/match.ts';
import { Mode } from '../../../functions/audit/export/owner.ts';
import { UNKNOWN_OWNER } from '../../../functions/audit/export/invitations.ts';
import type { ConnectionRequest } from '../../../functions/audit/model.ts';
import { csv, HEADER_7, read } from '../../helpers/export-csv.ts';

describe('profile URLs and counterpart keys', () => {
  it('joins the raw Unicode slug (Invitations) and the percent-encoded one (Connections)', () => {
    const raw = 'https://www.linkedin.com/in/zoë-placeholder-91a3b2c';
    const encoded = 'https://www.linkedin.com/in/zo%C3%AB-placeholder-91a3b2c';
    expect(normaliseProfileUrl(encoded)).toBe(raw);
    expect(counterpartKey(encoded, 'Zoë Placeholder')).toBe(counterpartKey(raw, 'Zoe P. (different display name)'));
    expect(counterpartKey(raw, '')).toBe('in:zoë-placeholder-91a3b2c');
    // decomposed ë (e + U+0308) is the same person as the precomposed one
    expect(counterpartKey('https://www.linkedin.com/in/zoe\u0308-placeholder-91a3b2c', '')).toBe('in:zoë-placeholder-91a3b2c');
    expect(counterpartKey('https://www.linkedin.com/in/Zo%C3%8B-Placeholder-91A3B2C', '')).toBe('in:zoë-placeholder-91a3b2c');
  });

  it('has no slug for bare, empty or foreign URLs, and then keys by the normalised name', () => {
    for (const url of ['https://www.linkedin.com/in', 'https://www.linkedin.com/in/', '', null, undefined, 'https://example.com/in/zoe']) {
      expect(normaliseProfileUrl(url), String(url)).toBeNull();
    }
    expect(counterpartKey('https://www.linkedin.com/in', '  Zoe\u0308\u00A0 PLACEHOLDER ')).toBe('name:zoë placeholder');
  });

  it('tolerates a stray % in a raw slug and query strings', () => {
    expect(normaliseProfileUrl('https://www.linkedin.com/in/100%-sure')).toBe('https://www.linkedin.com/in/100%-sure');
    expect(normaliseProfileUrl('https://linkedin.com/in/abc?trk=x')).toBe('https://www.linkedin.com/in/abc');
  });

  it('a CSV round trip through readExport keeps the join', async () => {
    const d = await read('Invitations.csv', csv(HEADER_7, [['Zoë Placeholder', 'Me', '3/1/26, 1:00 PM', '', 'INCOMING', 'https://www.linkedin.com/in/zo%C3%AB-placeholder-91a3b2c', '']]));
    expect(d.requests[0].counterpart).toMatchObject({ key: 'in:zoë-placeholder-91a3b2c', profileUrl: 'https://www.linkedin.com/in/zoë-placeholder-91a3b2c' });
  });
});

describe('the reader\'s shortcuts give what the plain path gives', () => {
  it('readProfileUrl: normaliseProfileUrl and counterpartKey of the normalised URL, in one reading', () => {
    const urls = [
      'https://www.linkedin.com/in/abc-def-12',
      'https://www.linkedin.com/in/Abc_Def.12',
      'https://www.linkedin.com/in/ABC',
      'https://www.linkedin.com/in/MiXeD-Case_Slug.Z-9',
      `https://www.linkedin.com/in/${'Ab-'.repeat(400)}`, // over readProfileUrl's byte buffer
      'https://www.linkedin.com/in/a',
      'https://www.linkedin.com/in/',
      'https://www.linkedin.com/in',
      'https://www.linkedin.com/in/abc/',
      'https://www.linkedin.com/in/abc ',
      ' https://www.linkedin.com/in/abc',
      'https://www.linkedin.com/in/abc?trk=x',
      'https://www.linkedin.com/in/abc#x',
      'https://www.linkedin.com/in/ab%20c',
      'https://www.linkedin.com/in/a%2Fb',
      'https://www.linkedin.com/in/a%3Fb',
      'https://www.linkedin.com/in/a%23b',
      'https://www.linkedin.com/in/a%2541',
      'https://www.linkedin.com/in/100%-sure',
      'https://www.linkedin.com/in/zoë-placeholder',
      'https://www.linkedin.com/in/zoe\u0308',
      'https://www.linkedin.com/in/%20%20',
      'https://www.linkedin.com/in/abc\u00a0',
      'https://www.linkedin.com/in/a~b!c',
      'HTTPS://WWW.LINKEDIN.COM/IN/Abc',
      'http://linkedin.com/in/abc',
      'linkedin.com/in/abc',
      'https://de.linkedin.com/in/abc',
      'https://www.linkedin.com/inabc',
      'https://example.com/in/abc',
      '',
      null,
      undefined,
    ];
    for (const url of urls) {
      const normal = normaliseProfileUrl(url);
      const got = readProfileUrl(url);
      expect(got?.url ?? null, String(url)).toBe(normal);
      if (got) expect(got.key ?? counterpartKey(got.url, 'Zoë Placeholder'), String(url)).toBe(counterpartKey(normal, 'Zoë Placeholder'));
    }
  });

  it('Mode: the same value as counting every value in a Map, ties to the first to reach the top count', () => {
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let round = 0; round < 200; round++) {
      const values = Array.from({ length: 1 + random(40) }, () => ['ann', 'bob', 'cy', 'ann ', 'Ann'][random(round % 2 ? 2 : 5)]!);
      const mode = new Mode();
      const counts = new Map<string, number>();
      let best: string | null = null;
      let bestN = 0;
      for (const v of values) {
        mode.add(v);
        const n = (counts.get(v) ?? 0) + 1;
        counts.set(v, n);
        if (n > bestN) [best, bestN] = [v, n];
      }
      expect(mode.value, values.join('|')).toBe(best);
    }
  });

  it('buildRequests: drops exactly the rows whose id was seen before (as a Set of the ids does)', () => {
    let seed = 11;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const rows: ConnectionRequest[] = Array.from({ length: 3000 }, (_, row) => ({
      id: '',
      owner: UNKNOWN_OWNER,
      direction: random(2) ? 'OUTGOING' : 'INCOMING',
      counterpart: { name: `P ${random(40)}`, profileUrl: null, key: `name:p ${random(40)}` },
      sentAt: `2025-01-0${1 + random(3)}T10:00:00.000Z`,
      year: 2025,
      message: ['', 'hi', 'Hi there, glad to connect'][random(3)]!,
      outcome: 'unknown',
      source: { file: 'Invitations.csv', row: row + 2 },
    }));
    const ids = createRequestIds('in:me');
    const seen = new Set<string>();
    const expected = rows.filter((r) => {
      const id = ids(r.direction, r.counterpart.key, r.sentAt, r.message);
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    }).map((r) => r.source.row);
    const kept = buildRequests(rows.slice(), { name: 'Me', profileUrl: 'https://www.linkedin.com/in/me' }, null);
    expect(kept.length).toBeLessThan(rows.length); // there were duplicates
    expect(kept.map((r) => r.source.row)).toEqual(expected);
    expect(new Set(kept.map((r) => r.id)).size).toBe(kept.length);
  });
});

describe('export names', () => {
  it('reads the export date from the name variants', () => {
    expect(exportDateFromName('Basic_LinkedInDataExport_07-02-2025.zip')).toBe('2025-07-02');
    expect(exportDateFromName('/home/me/Downloads/Basic_LinkedInDataExport_08-20-2026.zip.zip')).toBe('2026-08-20');
    expect(exportDateFromName('Complete_LinkedInDataExport_09-12-2022 (1).zip')).toBe('2022-09-12');
    expect(exportDateFromName('Complete_LinkedInDataExport_09-12-2022 (1)/')).toBe('2022-09-12');
    expect(exportDateFromName('Basic_LinkedInDataExport_02-30-2026.zip')).toBeNull();
    expect(exportDateFromName('export.zip')).toBeNull();
    expect(exportDateFromName('Invitations.csv')).toBeNull();
  });

  it('matches entries by exact base name, case-insensitively, with an optional _digits suffix', () => {
    expect(entryKind('Invitations.csv')).toBe('invitations');
    expect(entryKind('Basic_LinkedInDataExport_01-06-2026/invitations.CSV')).toBe('invitations');
    expect(entryKind('Invitations_123.csv')).toBe('invitations');
    expect(entryKind('Connections.csv')).toBe('connections');
    expect(entryKind('learning_coach_messages.csv')).toBeNull();
    expect(entryKind('Old_Invitations.csv')).toBeNull();
    expect(entryKind('Invitations_old.csv')).toBeNull();
    expect(entryKind('Invitations.csv/')).toBeNull();
  });
});

describe('delimiters', () => {
  it('always splits on commas, even when notes are full of tabs and semicolons', async () => {
    const note = 'a;b;c\td\te|f;g;h\ti';
    const rows = Array.from({ length: 5 }, (_, i) => [`P${i}`, 'Me', '3/1/26, 1:00 PM', note, 'INCOMING', '', '']);
    const d = await read('Invitations.csv', csv(HEADER_7, rows));
    expect(d.requests.map((r) => r.message)).toEqual(rows.map(() => note));
  });
});

describe('createRequestIds', () => {
  it('gives the ids requestId gives, for repeated and unusual notes', () => {
    const ownerKey = 'in:robin-"example"';
    const ids = createRequestIds(ownerKey);
    const rows = [
      ['INCOMING', 'in:sam-1', '2024-01-01T08:12:00.000Z', 'Dear Robin,\nI am expanding my network.'],
      ['OUTGOING', 'name:zoë garcía', '2024-01-02T08:12:00.000Z', 'Dear Robin,\nI am expanding my network.'],
      ['INCOMING', 'in:a\\b', '2024-01-03T08:12:00.000Z', 'quotes " and \u2028 and \ud83d\ude00 and \ud800 lone'],
      ['OUTGOING', 'in:c', '2024-01-04T08:12:00.000Z', ''],
    ] as const;
    for (let pass = 0; pass < 2; pass++) for (const [d, k, t, m] of rows) expect(ids(d, k, t, m)).toBe(requestId(ownerKey, d, k, t, m));
  });

  it('gives the ids requestId gives when a key or Sent At needs JSON escapes or is not ASCII, and for long notes', () => {
    const ownerKey = 'name:zoë \u2028 "o"';
    const ids = createRequestIds(ownerKey);
    const long = 'Ж'.repeat(3000) + '\ud83d\ude00'.repeat(500) + 'x'.repeat(20_000); // over the first buffer, 3-byte and 4-byte characters
    const rows = [
      ['INCOMING', 'in:tab\there', '2024-01-01T08:12:00.000Z', ''],
      ['OUTGOING', 'in:quote"back\\slash', '2024-01-01T08:12:00.000Z', 'hi'],
      ['INCOMING', 'in:del\x7f and \x1f and \x00', '2024-01-01T08:12:00.000Z', 'hi'],
      ['OUTGOING', 'in:zoë-ñandú-日本', '2024-01-01T08:12:00.000Z', 'hi'],
      ['INCOMING', 'in:lone \ud800 and \udc00 surrogates', 'not a date "at all"', 'lone \udfff'],
      ['OUTGOING', 'k'.repeat(5000), '\u00e9'.repeat(100), long],
      ['INCOMING', '', '', long],
      ['OUTGOING', 'in:c', '2024-01-04T08:12:00.000Z', long + '!'],
    ] as const;
    for (let pass = 0; pass < 2; pass++) for (const [d, k, t, m] of rows) expect(ids(d, k, t, m)).toBe(requestId(ownerKey, d, k, t, m));
  });

  it('gives the ids requestId gives for a repeated note after thousands of notes seen once', () => {
    const ids = createRequestIds('in:robin');
    const template = 'Hi Robin, we help teams like yours ship faster. Open to a quick call?';
    for (let i = 0; i < 10_000; i++) {
      const note = i % 7 === 0 ? template : `Note number ${i}, written once.`;
      const t = `2024-01-01T08:${String(i % 60).padStart(2, '0')}:00.000Z`;
      expect(ids('INCOMING', `in:p-${i}`, t, note)).toBe(requestId('in:robin', 'INCOMING', `in:p-${i}`, t, note));
    }
  });
});
