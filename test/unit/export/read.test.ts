import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { counterpartKey, readExport, requestId } from '../../../functions/audit/export/index.ts';
import { CONNECTIONS_HEADER, CONNECTIONS_PREAMBLE, csv, HEADER_5, HEADER_7, read, readError, zip } from '../../helpers/export-csv.ts';

const ALEX = 'https://www.linkedin.com/in/alex-example';
const inv7 = (rows: string[][]) => csv(HEADER_7, rows);
const out = (to: string, sentAt: string, message = '', toUrl = '') => ['Alex Example', to, sentAt, message, 'OUTGOING', ALEX, toUrl];
const inc = (from: string, sentAt: string, message = '', fromUrl = '') => [from, 'Alex Example', sentAt, message, 'INCOMING', fromUrl, ALEX];

describe('eras of Invitations.csv', () => {
  it('reads the 5-column era (no URLs): keys by normalised name, owner from From/To', async () => {
    const text = csv(HEADER_5, [
      ['Alex Example', 'Chris Madeup', '8/18/22, 9:08 AM', '', 'OUTGOING'],
      ['Dana Notreal', 'Alex Example', '7/10/22, 9:48 AM', "Hi Alex! Saw your post on CSV parsing - let's connect.", 'INCOMING'],
      ['  Éva  Ñandú ', 'Alex Example', '7/9/22, 1:00 PM', '', 'INCOMING'],
    ]);
    const d = await read('Invitations.csv', text);
    expect(d.owner).toEqual({ name: 'Alex Example', profileUrl: null });
    expect(d.requests).toHaveLength(3);
    const [a, b, c] = d.requests;
    expect(a).toMatchObject({ direction: 'OUTGOING', counterpart: { name: 'Chris Madeup', profileUrl: null, key: 'name:chris madeup' }, sentAt: '2022-08-18T16:08:00.000Z', year: 2022, message: '', outcome: 'unknown', source: { file: 'Invitations.csv', row: 2 } });
    expect(b).toMatchObject({ direction: 'INCOMING', counterpart: { name: 'Dana Notreal' }, message: "Hi Alex! Saw your post on CSV parsing - let's connect." });
    expect(c.counterpart.key).toBe('name:éva ñandú');
    expect(d.connections).toBeNull();
    expect(d.profile).toBeNull();
    expect(d.files).toEqual(['Invitations.csv']);
    expect(d.problems).toEqual([]);
  });

  it('reads the 7-column era with URLs (owner URL from inviterProfileUrl)', async () => {
    const d = await read('Invitations.csv', inv7([out('Priya Sampleton', '3/14/26, 9:05 AM', '', 'https://www.linkedin.com/in/priya-sampleton-4b7c21a9'), inc('Marta Inventada', '3/15/26, 7:30 AM', 'Hola', 'https://www.linkedin.com/in/marta-inventada')]));
    expect(d.owner).toEqual({ name: 'Alex Example', profileUrl: ALEX });
    expect(d.requests.map((r) => r.counterpart.key)).toEqual(['in:priya-sampleton-4b7c21a9', 'in:marta-inventada']);
    expect(d.requests[1].counterpart.profileUrl).toBe('https://www.linkedin.com/in/marta-inventada');
  });

  it('reads the Dec-2023 bare URLs as "no slug" and falls back to names', async () => {
    const bare = 'https://www.linkedin.com/in';
    const d = await read('Invitations.csv', csv(HEADER_7, [['Alex Example', 'Chris Madeup', '12/14/23, 12:13 PM', '', 'OUTGOING', bare, bare]]));
    expect(d.owner).toEqual({ name: 'Alex Example', profileUrl: null });
    expect(d.requests[0].counterpart).toMatchObject({ profileUrl: null, key: 'name:chris madeup' });
  });

  it('reads Excel re-saves: BOM, CRLF, re-ordered columns with odd case and spaces', async () => {
    const text = '\uFEFF' + csv([' direction ', 'SENT AT', 'message', 'to', 'from'], [['OUTGOING', '1/2/24, 10:00 AM', 'Hi, there', 'Chris Madeup', 'Alex Example'], ['incoming', '1/3/24, 10:00 AM', '', 'Alex Example', 'Dana Notreal']], '\r\n');
    const d = await read('Invitations.csv', text);
    expect(d.requests).toHaveLength(2);
    expect(d.requests[0]).toMatchObject({ direction: 'OUTGOING', message: 'Hi, there', counterpart: { name: 'Chris Madeup' }, sentAt: '2024-01-02T18:00:00.000Z', source: { row: 2 } });
    expect(d.requests[1]).toMatchObject({ direction: 'INCOMING', counterpart: { name: 'Dana Notreal' }, source: { row: 3 } });
  });

  it('converts UTF-16 LE and BE (with BOM) and UTF-16 LE without BOM', async () => {
    const text = inv7([out('Zoë Placeholder', '3/12/26, 11:46 PM', 'Grüße 🚀', 'https://www.linkedin.com/in/zoë-p')]);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le).swap16();
    for (const bytes of [le, be, Buffer.from(text, 'utf16le')]) {
      const d = await read('Invitations.csv', new Uint8Array(bytes));
      expect(d.requests).toHaveLength(1);
      expect(d.requests[0]).toMatchObject({ message: 'Grüße 🚀', counterpart: { name: 'Zoë Placeholder', key: 'in:zoë-p' } });
    }
  });

  it('accepts any .csv whose header is the Invitations header', async () => {
    const d = await read('my invites (copy).csv', inv7([out('Chris Madeup', '3/14/26, 9:05 AM')]));
    expect(d.requests).toHaveLength(1);
    expect(d.requests[0].source.file).toBe('my invites (copy).csv');
  });

  it('counts physical rows across blank lines and multi-line quoted notes', async () => {
    const body = Papa.unparse([out('A B', '3/14/26, 9:05 AM', 'line one\nline two'), out('C D', '3/14/26, 9:06 AM'), out('E F', 'bad')], { newline: '\n' });
    const text = `${HEADER_7.join(',')}\n\n${body}\n`;
    const d = await read('Invitations.csv', text);
    expect(d.requests.map((r) => r.source.row)).toEqual([3, 5]);
    expect(d.requests[0].message).toBe('line one\nline two');
    expect(d.problems).toEqual([{ file: 'Invitations.csv', row: 6, reason: expect.stringContaining('"bad"') }]);
  });
});

describe('zip exports', () => {
  const invitations = inv7([
    out('Zoë Placeholder 🚀', '3/12/26, 11:46 PM', '', 'https://www.linkedin.com/in/zoë-placeholder-91a3b2c'),
    out('Priya Sampleton', '3/14/26, 9:05 AM', 'Hi Priya, we met at the data meetup.', 'https://www.linkedin.com/in/priya-sampleton'),
    inc('Old Pending Person', '4/22/17, 2:45 AM', '', 'https://www.linkedin.com/in/old-pending-person'),
    inc('Marta Inventada', '3/15/26, 7:30 AM', 'Hola', 'https://www.linkedin.com/in/marta-inventada'),
  ]);
  const connections =
    CONNECTIONS_PREAMBLE +
    csv(CONNECTIONS_HEADER, [
      ['Zoë', 'Placeholder', 'https://www.linkedin.com/in/zo%C3%AB-placeholder-91a3b2c', '', 'Acme, Inc.', 'CTO', '13 Mar 2026'],
      ['Marta', 'Inventada', 'https://www.linkedin.com/in/marta-inventada', '', 'Datos SL', 'Analista', '16 Mar 2026'],
      ['', '', '', '', '', '', '02 Jan 2026'],
    ]).trimEnd();
  const profile = csv(['First Name', 'Last Name', 'Maiden Name', 'Address', 'Birth Date', 'Headline', 'Summary', 'Industry'], [['Alex', 'Example', '', '', '', 'Data engineer, CSV whisperer', 'I build pipelines.', 'Software Development']]);
  const positions = csv(['Company Name', 'Title', 'Description', 'Location', 'Started On', 'Finished On'], [['Example Corp', 'Data Engineer', '', '', 'Jan 2024', ''], ['Old Co', 'Intern', '', '', '2020', 'Dec 2021']]);
  const skills = csv(['Name'], [['TypeScript'], ['Análisis de datos']]);

  it('reads a Basic export with the files in a folder, joins Connections (Zoë / zo%C3%AB) and fills outcomes', async () => {
    const dir = 'Basic_LinkedInDataExport_03-20-2026/';
    const z = zip({
      [`${dir}Invitations.csv`]: invitations,
      [`${dir}Connections.csv`]: connections,
      [`${dir}Profile.csv`]: profile,
      [`${dir}Positions.csv`]: positions,
      [`${dir}Skills.csv`]: skills,
      [`${dir}messages.csv`]: 'CONVERSATION ID,FROM\n1,x\n',
      [`${dir}learning_coach_messages.csv`]: 'x\n',
      [`${dir}Jobs/Job Applications.csv`]: 'a\n',
    });
    const d = await read('upload.zip', z);
    expect(d.files.sort()).toEqual(['Connections.csv', 'Invitations.csv', 'Positions.csv', 'Profile.csv', 'Skills.csv'].map((f) => dir + f));
    expect(d.connections).toHaveLength(2); // the hidden-profile row is not a person
    expect(d.connections?.[0]).toEqual({ key: 'in:zoë-placeholder-91a3b2c', name: 'Zoë Placeholder', profileUrl: 'https://www.linkedin.com/in/zoë-placeholder-91a3b2c', company: 'Acme, Inc.', position: 'CTO', connectedOn: '2026-03-13' });
    const by = Object.fromEntries(d.requests.map((r) => [r.counterpart.name, r]));
    expect(by['Zoë Placeholder 🚀']).toMatchObject({ outcome: 'accepted', counterpart: { company: 'Acme, Inc.', position: 'CTO' } });
    expect(by['Priya Sampleton'].outcome).toBe('pending');
    expect(by['Priya Sampleton'].counterpart.company).toBeUndefined();
    expect(by['Marta Inventada']).toMatchObject({ outcome: 'accepted', direction: 'INCOMING' });
    expect(by['Old Pending Person'].outcome).toBe('pending');
    expect(d.profile).toEqual({
      firstName: 'Alex', lastName: 'Example', headline: 'Data engineer, CSV whisperer', industry: 'Software Development', summary: 'I build pipelines.',
      positions: [{ company: 'Example Corp', title: 'Data Engineer', current: true }, { company: 'Old Co', title: 'Intern', current: false }],
      skills: ['TypeScript', 'Análisis de datos'],
    });
    // the folder name dates the export when the upload name does not
    expect(d.coverage).toEqual({ source: 'upload.zip', exportDate: '2026-03-20', windowStart: '2025-09-21', oldestSentAt: '2017-04-22T09:45:00.000Z', newestSentAt: '2026-03-15T14:30:00.000Z' });
    expect(d.problems).toEqual([]);
  });

  it('reads files at the root, takes the date from the zip name, matches names case-insensitively with a _digits suffix', async () => {
    const z = zip({ 'INVITATIONS_2.csv': invitations, 'connections.CSV': connections, 'learning_coach_messages.csv': 'x' });
    for (const name of ['Basic_LinkedInDataExport_01-06-2026.zip', 'Basic_LinkedInDataExport_01-06-2026.zip.zip', 'Complete_LinkedInDataExport_01-06-2026 (1).zip']) {
      const d = await read(name, z);
      expect(d.files.sort()).toEqual(['INVITATIONS_2.csv', 'connections.CSV']);
      expect(d.coverage.exportDate).toBe('2026-01-06');
      expect(d.coverage.windowStart).toBe('2025-07-10');
      expect(d.requests.filter((r) => r.outcome === 'accepted')).toHaveLength(2);
    }
  });

  it('without a dated name, the export date is the newest date in its files', async () => {
    const d = await read('export.zip', zip({ 'Invitations.csv': invitations, 'Connections.csv': connections }));
    expect(d.coverage.exportDate).toBe('2026-03-16'); // Marta's Connected On beats the newest Sent At (3/15)
  });

  it('gives the same CR the same id from two exports, and collapses exact duplicate rows', async () => {
    const row = out('Priya Sampleton', '3/14/26, 9:05 AM', 'Hi Priya, we met at the data meetup.', 'https://www.linkedin.com/in/priya-sampleton');
    const reinvite = out('Priya Sampleton', '4/20/26, 9:05 AM', 'Hi Priya, we met at the data meetup.', 'https://www.linkedin.com/in/priya-sampleton');
    const first = await read('a_03-20-2026.zip', zip({ 'Invitations.csv': inv7([row, row, reinvite]) }));
    const later = await read('Invitations.csv', inv7([out('Someone Else', '5/1/26, 9:00 AM'), row]));
    expect(first.requests).toHaveLength(2); // the exact duplicate collapsed, the re-invite kept
    expect(first.requests[0].id).toBe(later.requests[1].id);
    expect(first.requests[0].id).not.toBe(first.requests[1].id);
    const expected = requestId(counterpartKey(ALEX, 'Alex Example'), 'OUTGOING', 'in:priya-sampleton', '2026-03-14T16:05:00.000Z', 'Hi Priya, we met at the data meetup.');
    expect(first.requests[0].id).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{32}$/);
  });

  it('joins name-only CRs (5-column era) to Connections by normalised name', async () => {
    const d = await read('x.zip', zip({ 'Invitations.csv': csv(HEADER_5, [['Alex Example', 'ZOË  placeholder', '8/18/22, 9:08 AM', '', 'OUTGOING']]), 'Connections.csv': connections }));
    expect(d.requests[0]).toMatchObject({ outcome: 'accepted', counterpart: { company: 'Acme, Inc.' } });
  });

  it('warns when Profile.csv names someone else than the Invitations owner', async () => {
    const other = csv(['First Name', 'Last Name'], [['Pat', 'Other']]);
    const d = await read('x.zip', zip({ 'Invitations.csv': invitations, 'Profile.csv': other }));
    expect(d.owner?.name).toBe('Alex Example');
    expect(d.problems).toEqual([{ file: 'Profile.csv', row: 2, reason: expect.stringContaining('Pat Other') }]);
  });

  it('a broken side file is a warning, not a failure', async () => {
    const d = await read('x.zip', zip({ 'Invitations.csv': invitations, 'Connections.csv': 'Foo,Bar\n1,2\n', 'Skills.csv': '' }));
    expect(d.connections).toBeNull();
    expect(d.requests.every((r) => r.outcome === 'unknown')).toBe(true);
    expect(d.problems.map((p) => p.file).sort()).toEqual(['Connections.csv', 'Skills.csv']);
  });

  it('reads from a path and reports progress', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aoi-export-'));
    try {
      const path = join(dir, 'Basic_LinkedInDataExport_03-20-2026.zip');
      await writeFile(path, zip({ 'Invitations.csv': invitations, 'Connections.csv': connections }));
      const seen: { file: string; rows: number }[] = [];
      const d = await readExport({ name: 'Basic_LinkedInDataExport_03-20-2026.zip', path }, { onProgress: (p) => seen.push(p) });
      expect(d.requests).toHaveLength(4);
      expect(seen).toContainEqual({ file: 'Invitations.csv', rows: 4 });
      expect(seen).toContainEqual({ file: 'Connections.csv', rows: 2 });
      const csvPath = join(dir, 'Invitations.csv');
      await writeFile(csvPath, invitations);
      expect((await readExport({ name: 'Invitations.csv', path: csvPath })).requests).toHaveLength(4);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('bad rows: skipped or kept with a warning, the rest kept', () => {
  it('skips bad dates and directions, keeps long notes, each with file and row', async () => {
    const long = 'x'.repeat(299) + '🚀🚀'; // 301 code points
    const text = inv7([
      out('A Good', '3/14/26, 9:05 AM'),
      out('B Baddate', '3/32/26, 9:05 AM'),
      ['Alex Example', 'C Baddir', '3/14/26, 9:05 AM', '', 'SIDEWAYS', '', ''],
      inc('D Long', '3/14/26, 9:05 AM', long),
      inc('E Exactly300', '3/14/26, 9:06 AM', 'y'.repeat(300)),
    ]);
    const d = await read('Invitations.csv', text);
    expect(d.requests.map((r) => r.counterpart.name)).toEqual(['A Good', 'D Long', 'E Exactly300']);
    expect(d.requests[1].message).toBe(long);
    expect(d.problems).toEqual([
      { file: 'Invitations.csv', row: 3, reason: expect.stringMatching(/Sent At "3\/32\/26, 9:05 AM".*skipped/) },
      { file: 'Invitations.csv', row: 4, reason: expect.stringMatching(/Direction is "SIDEWAYS".*skipped/) },
      { file: 'Invitations.csv', row: 5, reason: expect.stringMatching(/301 characters.*kept/) },
    ]);
  });
});

describe('unusable input: one ExportError sentence, no stack trace', () => {
  const one = inv7([out('A B', '3/14/26, 9:05 AM')]);

  it('rejects a file that is neither a zip nor a CSV', async () => {
    const e = await readError('photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3]));
    expect(e.code).toBe('not_csv');
    expect(e.message).toMatch(/^photo\.png is not a CSV/);
  });

  it('rejects a .zip that is not a zip, and a truncated zip', async () => {
    expect((await readError('Basic_LinkedInDataExport_01-06-2026.zip', 'hello')).code).toBe('not_zip');
    const z = zip({ 'Invitations.csv': one });
    const e = await readError('cut.zip', z.subarray(0, z.length - 30));
    expect(e.code).toBe('not_zip');
    expect(e.message).toMatch(/download your LinkedIn export again/);
  });

  it('rejects a zip without Invitations.csv (a decoy name does not count)', async () => {
    const e = await readError('x.zip', zip({ 'Connections.csv': 'a', 'Old_Invitations.csv': one, 'Invitations.csv.bak': one }));
    expect(e.code).toBe('no_invitations');
    expect(e.message).toMatch(/x\.zip has no Invitations\.csv/);
  });

  it('names the missing and the found columns', async () => {
    const e = await readError('Invitations.csv', 'From,To,Date,Note\nA,B,C,D\n');
    expect(e.code).toBe('missing_columns');
    expect(e.file).toBe('Invitations.csv');
    expect(e.message).toContain('missing "Sent At", "Message", "Direction"');
    expect(e.message).toContain('found "From", "To", "Date", "Note"');
  });

  it('says Connections.csv is not Invitations.csv', async () => {
    const e = await readError('Connections.csv', CONNECTIONS_PREAMBLE + csv(CONNECTIONS_HEADER, []));
    expect(e.code).toBe('not_invitations');
  });

  it('rejects empty files: 0 bytes, blank text, an empty Invitations.csv in a zip', async () => {
    expect((await readError('Invitations.csv', '')).code).toBe('empty');
    expect((await readError('Invitations.csv', '\uFEFF\n\r\n  \n')).code).toBe('empty');
    const e = await readError('x.zip', zip({ 'a/Invitations.csv': '' }));
    expect(e).toMatchObject({ code: 'empty', file: 'a/Invitations.csv' });
  });

  it('rejects an unknown path and an unknown time zone', async () => {
    await expect(readExport({ name: 'nope.zip', path: '/nonexistent/nope.zip' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(read('Invitations.csv', one, { timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'bad_time_zone' });
  });

  it('enforces the input size and entry count limits', async () => {
    expect((await readError('Invitations.csv', one, { limits: { maxInputBytes: 50 } })).code).toBe('too_large');
    const many = zip(Object.fromEntries([['Invitations.csv', one], ...Array.from({ length: 10 }, (_, i) => [`f${i}.csv`, 'x'])]));
    const e = await readError('x.zip', many, { limits: { maxEntries: 5 } });
    expect(e.code).toBe('too_many_entries');
    expect(e.message).toContain('11 entries');
    expect((await read('x.zip', many)).requests).toHaveLength(1);
  });

  it('enforces the total uncompressed size limit', async () => {
    const big = inv7(Array.from({ length: 200 }, (_, i) => out(`P ${i}`, '3/14/26, 9:05 AM', `note ${i}`)));
    const e = await readError('x.zip', zip({ 'Invitations.csv': big }), { limits: { maxUncompressedBytes: 5000 } });
    expect(e.code).toBe('too_large');
    expect(e.message).toMatch(/Invitations\.csv in x\.zip unpacks to more than/);
  });

  it('stops a zip bomb by its declared ratio', async () => {
    const bomb = new Uint8Array(3 * 1024 * 1024).fill(0x41); // deflates ~1000:1
    const e = await readError('bomb.zip', zip({ 'Invitations.csv': bomb }, 9));
    expect(e.code).toBe('suspicious_ratio');
  });

  it('stops a zip whose declared sizes lie, while inflating', async () => {
    const text = one + 'A'.repeat(3 * 1024 * 1024);
    const z = zip({ 'Invitations.csv': text }, 9);
    // rewrite the declared uncompressed size (local header @22, central directory @24) to a small value
    const view = new DataView(z.buffer, z.byteOffset, z.byteLength);
    for (let i = 0; i + 4 <= z.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50) view.setUint32(i + 22, 1000, true);
      if (sig === 0x02014b50) view.setUint32(i + 24, 1000, true);
    }
    const e = await readError('liar.zip', z);
    expect(e.code).toBe('not_zip');
    expect(e.message).toMatch(/does not match the sizes the zip declares/);
    // and with a lenient ratio the actual inflated bytes still hit the size limit
    const e2 = await readError('liar.zip', zip({ 'Invitations.csv': text }, 9), { limits: { maxRatio: 1e9, maxUncompressedBytes: 2 * 1024 * 1024 } });
    expect(e2.code).toBe('too_large');
  });
});

describe('zone options through readExport (the CLI --tz)', () => {
  const nye = inv7([inc('Zoë Placeholder', '12/31/25, 11:48 PM', 'Happy New Year!')]);
  it('counts a Dec 31 evening Pacific send in that year by default, and in the next with a UTC year zone', async () => {
    expect((await read('Invitations.csv', nye)).requests[0]).toMatchObject({ sentAt: '2026-01-01T07:48:00.000Z', year: 2025 });
    expect((await read('Invitations.csv', nye, { yearTimeZone: 'UTC' })).requests[0]).toMatchObject({ sentAt: '2026-01-01T07:48:00.000Z', year: 2026 });
    expect((await read('Invitations.csv', nye, { timeZone: 'Europe/Berlin' })).requests[0]).toMatchObject({ sentAt: '2025-12-31T22:48:00.000Z', year: 2025 });
  });
});

describe('error messages', () => {
  it('are one sentence without a stack trace, naming the file', async () => {
    const errors = await Promise.all([
      readError('photo.png', new Uint8Array([0x89, 0x50, 0, 0, 1, 2])),
      readError('x.zip', 'nope'),
      readError('x.zip', zip({ 'a.csv': 'x' })),
      readError('Invitations.csv', 'a,b\n1,2\n'),
      readError('Invitations.csv', ''),
      readError('x.zip', zip({ 'Invitations.csv': new Uint8Array(2 * 1024 * 1024) }, 9)),
    ]);
    for (const e of errors) {
      expect(e.message).toMatch(/^[^\n]+\.$/);
      expect(e.message).not.toMatch(/\bat .*:\d+/);
      expect(e.message).toMatch(/photo\.png|x\.zip|Invitations\.csv/);
    }
  });
});
