/**
 * A catalogue of hostile inputs, each generated here: every one ends in warnings naming file and
 * row, or in one clear ExportError, within bounded time, holding bounded memory (limits.ts).
 * (A million tiny rows is measured in scripts/bench-read.ts, not here.)
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer } from '../../../functions/audit/export/csv.ts';
import { decodeText } from '../../../functions/audit/export/decode.ts';
import { DEFAULT_LIMITS, readCsv, type ExportData } from '../../../functions/audit/export/index.ts';
import { CONNECTIONS_HEADER, CONNECTIONS_PREAMBLE, csv, HEADER_7, read, readError, zip } from '../../helpers/export-csv.ts';

const ALEX = 'https://www.linkedin.com/in/alex-example';
const out = (to: string, message = '', sentAt = '3/14/26, 9:05 AM') => ['Alex Example', to, sentAt, message, 'OUTGOING', ALEX, `https://www.linkedin.com/in/${to.toLowerCase().replace(/\W+/g, '-')}`];
const inv = (rows: string[][]) => csv(HEADER_7, rows);
const bytes = (...parts: (string | number[] | Uint8Array)[]) =>
  new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p)))));
const names = (d: ExportData) => d.requests.map((r) => r.counterpart.name);

/** Runs `f` and fails when it takes longer than `seconds` (generous: a slow CI must not flake). */
async function within<T>(seconds: number, f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await f();
  expect((performance.now() - t0) / 1000).toBeLessThan(seconds);
  return result;
}

describe('zip bombs and odd archives', () => {
  it('refuses a high-ratio entry (a zip bomb) by its declared ratio, before inflating it', async () => {
    const bomb = new Uint8Array(50 * 1024 * 1024); // 50 MB of zeros deflate to ~50 KB (1000:1)
    const z = zip({ 'Invitations.csv': bomb }, 9);
    expect(z.length).toBeLessThan(200 * 1024);
    const e = await within(10, () => readError('bomb.zip', z));
    expect(e).toMatchObject({ code: 'suspicious_ratio', file: 'Invitations.csv' });
    expect(e.message).toMatch(/^Invitations\.csv in bomb\.zip is compressed more than 200 to 1/);
  });

  it('refuses an entry that declares more than the total uncompressed limit (zip64-style lie), before inflating it', async () => {
    const z = zip({ 'Invitations.csv': inv([out('A B')]) }, 6);
    const view = new DataView(z.buffer, z.byteOffset, z.byteLength);
    for (let i = 0; i + 4 <= z.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50) view.setUint32(i + 22, 0xfffffff0, true);
      if (sig === 0x02014b50) view.setUint32(i + 24, 0xfffffff0, true);
    }
    const e = await within(5, () => readError('liar.zip', z));
    expect(e.code).toBe('too_large');
    expect(e.message).toMatch(/Invitations\.csv in liar\.zip unpacks to more than the limit of 1024 MB/);
  });

  it('refuses more entries than the default limit (20,000)', async () => {
    const files: Record<string, string> = { 'Invitations.csv': inv([out('A B')]) };
    for (let i = 0; i < DEFAULT_LIMITS.maxEntries; i++) files[`junk/${i}.txt`] = '';
    const e = await within(20, () => readError('many.zip', zip(files, 0)));
    expect(e.code).toBe('too_many_entries');
    expect(e.message).toMatch(/^many\.zip has 20001 entries, more than the limit of 20000/);
  });

  it('says so when the zip only holds another zip (zipped twice), and never opens the inner one', async () => {
    const inner = zip({ 'Invitations.csv': inv([out('A B')]) });
    const e = await readError('Basic_LinkedInDataExport_01-06-2026.zip', zip({ 'Basic_LinkedInDataExport_01-06-2026.zip': inner }));
    expect(e.code).toBe('no_invitations');
    expect(e.message).toMatch(/only another zip \(Basic_LinkedInDataExport_01-06-2026\.zip\); unzip .* once/);
  });

  it('refuses an Invitations.csv that is really a zip (or any binary file) as not a CSV', async () => {
    const nested = zip({ 'Invitations.csv': zip({ 'x.csv': 'a,b\n' }) });
    const e = await readError('x.zip', nested);
    expect(e).toMatchObject({ code: 'not_csv', file: 'Invitations.csv' });
    expect(e.message).toMatch(/^Invitations\.csv is not a CSV text file/);
  });

  it('says a spreadsheet is not an export', async () => {
    const e = await readError('invites.xlsx', zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' }));
    expect(e.code).toBe('no_invitations');
    expect(e.message).toMatch(/^invites\.xlsx is a spreadsheet/);
  });
});

describe('encodings', () => {
  it('reads a Windows-1252 file (Excel "CSV") with a warning naming file and row, never U+FFFD', async () => {
    // "Zoë", "café", curly quotes, a euro sign and an en dash as Windows-1252 bytes
    const data = bytes(
      `${HEADER_7.join(',')}\n`,
      `Alex Example,Chris Madeup,"3/14/26, 9:05 AM",plain ascii,OUTGOING,${ALEX},\n`,
      'Alex Example,Zo',
      [0xeb],
      `,"3/14/26, 9:06 AM",Caf`,
      [0xe9, 0x20, 0x93],
      'hi',
      [0x94, 0x20, 0x80, 0x35, 0x20, 0x96, 0x20, 0x92, 0x9f],
      `,OUTGOING,${ALEX},\n`,
    );
    const d = await read('Invitations.csv', data);
    expect(names(d)).toEqual(['Chris Madeup', 'Zoë']);
    expect(d.requests[1].message).toBe('Café “hi” €5 – ’Ÿ');
    expect(JSON.stringify(d)).not.toContain('\uFFFD');
    expect(d.problems).toEqual([{ file: 'Invitations.csv', row: 3, reason: expect.stringMatching(/not UTF-8 \(byte 0xEB on this row\): it was read as Windows-1252/) }]);
  });

  it('reads a file mixing UTF-8 and Windows-1252 byte by byte, with a warning at the first bad byte', async () => {
    const data = bytes(inv([out('Zoë Placeholder')]), 'Alex Example,Ren', [0xe9], `,"3/14/26, 9:07 AM",,OUTGOING,${ALEX},\n`);
    const d = await read('Invitations.csv', data);
    expect(names(d)).toEqual(['Zoë Placeholder', 'René']);
    expect(d.problems).toEqual([{ file: 'Invitations.csv', row: 3, reason: expect.stringMatching(/not valid UTF-8 from this row on \(byte 0xE9\)/) }]);
  });

  it('reads a UTF-8 sequence cut by the end of the file as Windows-1252, not as U+FFFD', async () => {
    const d = await read('Invitations.csv', bytes(inv([out('A B')]), 'Alex Example,C D,"3/14/26, 9:05 AM",x,OUTGOING,,', [0xe2, 0x82]));
    expect(names(d)).toEqual(['A B', 'C D']);
    expect(JSON.stringify(d)).not.toContain('\uFFFD');
    expect(d.problems[0]).toMatchObject({ file: 'Invitations.csv', row: 3 });
  });

  it('refuses UTF-16 with a lone surrogate, and an odd byte count, in one clear sentence', async () => {
    const good = Buffer.from(inv([out('A B')]), 'utf16le');
    const lone = Buffer.concat([Buffer.from([0xff, 0xfe]), good, Buffer.from([0x00, 0xd8, 0x41, 0x00])]);
    for (const data of [lone, Buffer.concat([Buffer.from([0xff, 0xfe]), good, Buffer.from([0x41])])]) {
      const e = await readError('Invitations.csv', new Uint8Array(data));
      expect(e.code).toBe('not_csv');
      expect(e.message).toMatch(/^Invitations\.csv is UTF-16 text with an invalid character in it; .*"CSV UTF-8"/);
    }
  });

  it('refuses NUL bytes at the start as binary, removes later ones with a warning naming the row', async () => {
    expect((await readError('Invitations.csv', bytes([0, 0, 0, 0], inv([out('A B')])))).code).toBe('not_csv');
    const padding = Array.from({ length: 200 }, (_, i) => out(`P ${i}`));
    const d = await read('Invitations.csv', bytes(inv(padding), 'Alex Example,C\u0000D,"3/14/26, 9:05 AM",hi\u0000there,OUTGOING,,\n'));
    expect(d.requests.at(-1)).toMatchObject({ counterpart: { name: 'CD' }, message: 'hithere' });
    expect(d.problems).toEqual([{ file: 'Invitations.csv', row: 202, reason: expect.stringMatching(/contains NUL bytes \(from this row on\); they were removed/) }]);
  });
});

describe('quotes', () => {
  it('an unbalanced quote in the middle spoils one row, named with the lines it swallowed', async () => {
    const text = `${HEADER_7.join(',')}\nAlex Example,"C D,"3/14/26, 9:05 AM",,OUTGOING,,\n${inv([out('E F'), out('G H')]).split('\n').slice(1).join('\n')}`;
    const d = await read('Invitations.csv', text);
    expect(names(d)).toEqual(['E F', 'G H']);
    expect(d.problems).toEqual([{ file: 'Invitations.csv', row: 2, reason: expect.stringContaining('row skipped') }]);
  });

  it('an unclosed quote swallowing following lines: the warning names the row and the lines', async () => {
    const text = `${HEADER_7.join(',')}\nAlex Example,"C D,3/14/26,,OUTGOING,,\nAlex Example,E F,3/14/26 9:05,,OUTGOING,,\n`;
    const d = await read('Invitations.csv', text);
    expect(d.requests).toEqual([]);
    expect(d.problems.map((p) => [p.file, p.row])).toEqual([['Invitations.csv', 2], ['Invitations.csv', 2]]);
    expect(d.problems[0].reason).toBe('a quote opened in this row is never closed, so lines 2–3 (the rest of the file) were read as this one row');
    expect(d.problems[1].reason).toMatch(/row skipped \(it runs over lines 2–3: check for an unbalanced quote\)$/);
  });

  it('an unclosed quote over megabytes is skipped as a too-long row, read once (linear time)', async () => {
    const rest = Array.from({ length: 40_000 }, (_, i) => `Alex Example,P ${i},no quote here,hello,OUTGOING,,\n`).join(''); // ~2 MB without a quote
    const text = `${HEADER_7.join(',')}\n${inv([out('A B')]).split('\n')[1]}\nAlex Example,"C D,3/14/26,,OUTGOING,,\n${rest}`;
    const d = await within(10, () => read('Invitations.csv', text));
    expect(names(d)).toEqual(['A B']);
    expect(d.problems).toEqual([
      { file: 'Invitations.csv', row: 3, reason: expect.stringMatching(/^row is [\d,]+ characters long, lines 3–40003, over the limit of 1,048,576 \(a quote opened in this row is never closed\); row skipped$/) },
    ]);
  });
});

describe('huge cells, notes and rows', () => {
  it.each(HEADER_7.filter((c) => c !== 'Message'))('a 70 KB "%s" cell skips its row with a warning naming file, row and column', async (column) => {
    const rows = [out('A B'), out('C D'), out('E F')];
    rows[1][HEADER_7.indexOf(column)] = 'x'.repeat(70_000);
    const d = await read('Invitations.csv', inv(rows));
    expect(names(d)).toEqual(['A B', 'E F']);
    expect(d.problems).toEqual([{ file: 'Invitations.csv', row: 3, reason: `the "${column}" cell is 70,000 characters long, over the limit of 65,536; row skipped` }]);
  });

  it('a 70 KB note is cut to 2,000 characters with a warning, and the row kept', async () => {
    const d = await read('Invitations.csv', inv([out('A B', 'n'.repeat(70_000))]));
    expect(d.requests[0].message).toBe('n'.repeat(2000));
    expect(d.problems).toEqual([{ file: 'Invitations.csv', row: 2, reason: "note is 70,000 characters, over LinkedIn's 300; cut to the first 2,000" }]);
  });

  it('counts and cuts notes in code points (as LinkedIn counts them), never splitting an emoji', async () => {
    const d = await read('Invitations.csv', inv([out('A B', '🚀'.repeat(2500)), out('C D', `${'é'.repeat(1999)}🚀🚀`), out('E F', '👩‍👩‍👧'.repeat(10_000))]));
    expect(d.requests[0].message).toBe('🚀'.repeat(2000));
    expect(d.requests[1].message).toBe(`${'é'.repeat(1999)}🚀`);
    expect([...d.requests[2].message]).toHaveLength(2000);
    expect(d.problems.map((p) => p.reason)).toEqual([
      "note is 2,500 characters, over LinkedIn's 300; cut to the first 2,000",
      "note is 2,001 characters, over LinkedIn's 300; cut to the first 2,000",
      "note is 50,000 characters, over LinkedIn's 300; cut to the first 2,000",
    ]);
  });

  it('a 10 MB note makes a too-long row: skipped with a warning, in bounded time', async () => {
    const d = await within(10, () => read('Invitations.csv', inv([out('A B'), out('C D', 'm'.repeat(10 * 1024 * 1024)), out('E F')])));
    expect(names(d)).toEqual(['A B', 'E F']);
    expect(d.problems).toEqual([{ file: 'Invitations.csv', row: 3, reason: expect.stringMatching(/^row is 10,48\d,\d{3} characters long, over the limit of 1,048,576; row skipped$/) }]);
  });

  it('a row of a million commas is a too-long row, not a million cells', async () => {
    const d = await within(10, () => read('Invitations.csv', `${inv([out('A B')])}${','.repeat(2_000_000)}\n${inv([out('C D')]).split('\n')[1]}\n`));
    expect(names(d)).toEqual(['A B', 'C D']);
    expect(d.problems).toEqual([{ file: 'Invitations.csv', row: 3, reason: expect.stringMatching(/^row is 2,000,001 characters long/) }]);
  });

  it('a huge cell in Connections.csv skips that connection with a warning naming the file', async () => {
    const connections = CONNECTIONS_PREAMBLE + csv(CONNECTIONS_HEADER, [['Zoë', 'P', 'https://www.linkedin.com/in/zoe', '', 'c'.repeat(100_000), '', '13 Mar 2026'], ['Ann', 'Q', '', '', 'Acme', '', '13 Mar 2026']]);
    const d = await read('x.zip', zip({ 'Invitations.csv': inv([out('A B')]), 'Connections.csv': connections }));
    expect(d.connections?.map((c) => c.name)).toEqual(['Ann Q']);
    expect(d.problems).toEqual([{ file: 'Connections.csv', row: 5, reason: expect.stringMatching(/^the "Company" cell is 100,000 characters long/) }]);
  });

  it('a 5 MB file without a single line break, or binary noise, is refused as not having the columns', async () => {
    expect((await within(10, () => readError('Invitations.csv', 'x'.repeat(5 * 1024 * 1024)))).code).toBe('missing_columns');
    let seed = 7;
    const noise = new Uint8Array(2 * 1024 * 1024).map(() => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), 1 + (seed % 255)));
    const e = await within(10, () => readError('Invitations.csv', noise));
    expect(['missing_columns', 'not_csv']).toContain(e.code);
    expect(e.message).toMatch(/^Invitations\.csv /);
    expect(e.message.length).toBeLessThan(1000);
  });
});

describe('row counts and warning counts', () => {
  it('refuses more data rows than the limit with one clear error naming the file', async () => {
    const text = inv(Array.from({ length: 101 }, (_, i) => out(`P ${i}`)));
    const e = await readError('Invitations.csv', text, { limits: { maxRows: 100 } });
    expect(e).toMatchObject({ code: 'too_many_rows', file: 'Invitations.csv' });
    expect(e.message).toBe('Invitations.csv has more than 100 rows, over the limit (a LinkedIn export has far fewer); upload the file exactly as LinkedIn exported it, or raise the row limit.');
    expect((await read('Invitations.csv', text, { limits: { maxRows: 101 } })).requests).toHaveLength(101);
  });

  it('refuses 2,000,001 tiny rows at the default limit, in bounded time', async () => {
    const text = `${HEADER_7.join(',')}\n${'a\n'.repeat(DEFAULT_LIMITS.maxRows + 1)}`;
    const e = await within(30, () => readError('Invitations.csv', text));
    expect(e.code).toBe('too_many_rows');
    expect(e.message).toMatch(/^Invitations\.csv has more than 2,000,000 rows/);
  });

  it('lists the first 1,000 warnings of a file and counts the rest in one', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => out(`P ${i}`, '', 'not a date'));
    const d = await read('Invitations.csv', inv(rows));
    expect(d.requests).toEqual([]);
    expect(d.problems).toHaveLength(1001);
    expect(d.problems[999].row).toBe(1001);
    expect(d.problems[1000]).toEqual({ file: 'Invitations.csv', row: 1002, reason: expect.stringMatching(/^4,000 more warnings from this row on, not listed/) });
  });
});

describe('the CSV layer under hostile chunking', () => {
  it('gives the same rows and row numbers whatever the chunk boundaries (CRLF, quotes, emoji split)', async () => {
    const text = `${HEADER_7.join(',')}\r\n${csv(HEADER_7, [out('A "B"', 'x,\r\ny 🚀'), out('Zoë', '"quoted"   '), ['', '', '', '', '', '', '']], '\r\n').split('\r\n').slice(1).join('\r\n')}"a"  ,"b" \r\n`;
    const all = new TextEncoder().encode(text);
    const rowsOf = async (size: number) => {
      const got: [string[], number][] = [];
      async function* pieces() {
        for (let i = 0; i < all.length; i += size) yield all.subarray(i, i + size);
      }
      await readCsv(pieces(), 'x.csv', { required: ['From'] }, (cells, row) => got.push([cells, row]));
      return got;
    };
    const whole = await rowsOf(all.length);
    expect(whole).toEqual([
      [out('A "B"', 'x,\r\ny 🚀'), 2],
      [out('Zoë', '"quoted"   '), 4],
      [['a', 'b'], 6],
    ]);
    for (const size of [1, 2, 3, 5, 7, 64]) expect(await rowsOf(size), `chunks of ${size}`).toEqual(whole);
  });

  const tokens = (pieces: string[], limits = { maxRowChars: 40, maxCellChars: 12 }) => {
    const records: unknown[] = [];
    const t = new CsvTokenizer(limits, (cells, line, flags) => records.push({ cells, line, flags }));
    t.setCut(new Map([[1, 6]]));
    for (const p of pieces) t.push(p);
    t.end();
    return { records, nul: [t.nulCount, t.firstNulLine] };
  };
  const anyText = fc.array(fc.constantFrom('a', 'bc', ',', '"', '""', '\r', '\n', '\r\n', ' ', '🚀', 'é', '\u0000', 'x'.repeat(15)), { maxLength: 60 }).map((a) => a.join(''));

  it('any text, even malformed, tokenizes the same whatever the chunk boundaries, within the limits', () => {
    fc.assert(
      fc.property(anyText, fc.array(fc.nat(), { maxLength: 10 }), (text, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const pieces = [0, ...points].map((p, i, all) => text.slice(p, all[i + 1] ?? text.length));
        const whole = tokens([text]);
        expect(tokens(pieces)).toEqual(whole);
        for (const r of whole.records as { cells: string[] }[]) for (const c of r.cells) expect(c.length).toBeLessThanOrEqual(12);
      }),
      { numRuns: 500 },
    );
  });

  it('splits well-formed CSV exactly as papaparse does', () => {
    const cell = fc.array(fc.constantFrom('a', ',', '"', '\n', '\r\n', ' ', 'é', '🚀'), { maxLength: 6 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n'), (rows, newline) => {
        const text = Papa.unparse(rows, { newline }) + newline;
        const papa = Papa.parse<string[]>(text, { newline, delimiter: ',' }).data.filter((r) => !(r.length === 1 && r[0] === ''));
        const big = { maxRowChars: 1e9, maxCellChars: 1e9 };
        const mine: string[][] = [];
        const t = new CsvTokenizer(big, (cells) => mine.push(cells));
        t.push(text);
        t.end();
        expect(mine).toEqual(papa);
      }),
      { numRuns: 300 },
    );
  });

  it('any bytes decode the same whatever the chunk boundaries: same text, same warnings at the same places, no U+FFFD', async () => {
    const byte = fc.oneof(fc.constantFrom(0x41, 0x2c, 0x0a, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x9a, 0x80, 0xe9, 0x93, 0xff), fc.integer({ min: 1, max: 255 }));
    const decodeAll = async (pieces: Uint8Array[]) => {
      let text = '';
      const warnings: [number, string][] = [];
      async function* source() {
        yield* pieces;
      }
      try {
        for await (const d of decodeText('x.csv')(source())) {
          if (typeof d === 'string') text += d;
          else warnings.push([text.length, d.warning]);
        }
      } catch (e) {
        return { error: (e as Error).message };
      }
      return { text, warnings };
    };
    await fc.assert(
      fc.asyncProperty(fc.array(byte, { minLength: 4, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 8 }), async (list, cuts) => {
        const all = Uint8Array.from([0x61, 0x62, 0x63, 0x0a, ...list]); // ASCII first: never sniffed as UTF-16
        const points = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((a, b) => a - b);
        const pieces = [0, ...points].map((p, i, ps) => all.subarray(p, ps[i + 1] ?? all.length));
        const whole = await decodeAll([all]);
        expect(await decodeAll(pieces)).toEqual(whole);
        if ('text' in whole && !Buffer.from(all).includes(Buffer.from([0xef, 0xbf, 0xbd]))) expect(whole.text).not.toContain('\uFFFD');
      }),
      { numRuns: 1000 },
    );
  });
});
