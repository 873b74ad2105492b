import { createRequire } from 'node:module';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../functions/audit/export/index.ts';
import { HEADER_7, read } from '../../helpers/export-csv.ts';

const require = createRequire(import.meta.url);
type SpectrumItem = { name: string; csv: Buffer; json: Buffer };
const spectrum = require('csv-spectrum') as (cb: (err: Error | null, items: SpectrumItem[]) => void) => void;
const spectrumItems = () => new Promise<SpectrumItem[]>((resolve, reject) => spectrum((err, items) => (err ? reject(err) : resolve(items))));

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function records(bytes: Uint8Array, required: string[], chunkSize: number): Promise<Record<string, string>[]> {
  const out: Record<string, string>[] = [];
  await readCsv(pieces(bytes, chunkSize), 'case.csv', { required }, (cells, _row, header) => {
    out.push(Object.fromEntries(header.cells.map((name, i) => [name, cells[i] ?? ''])));
  });
  return out;
}

describe('the CSV layer on csv-spectrum', () => {
  it('matches every csv-spectrum case, whole and in 1-byte chunks', async () => {
    const items = await spectrumItems();
    const checked: string[] = [];
    for (const item of items) {
      // location_coordinates is broken upstream: its JSON is one object (not an array) and its phone
      // number differs from the CSV's (see the csv-spectrum note in shared/notes/toolchain.md).
      if (item.name === 'location_coordinates') continue;
      const expected = JSON.parse(item.json.toString('utf8')) as Record<string, string>[];
      const required = Object.keys(expected[0]);
      expect(await records(item.csv, required, 64 * 1024), item.name).toEqual(expected);
      expect(await records(item.csv, required, 1), `${item.name} (1-byte chunks)`).toEqual(expected);
      checked.push(item.name);
    }
    expect(checked).toHaveLength(items.length - 1);
    expect(checked.length).toBeGreaterThanOrEqual(11);
  });

  it('finds the header after a preamble, not at a fixed line', async () => {
    const text = 'Notes:\n"Some, quoted\nnote"\n\nFirst Name,Last Name,Connected On\nZoë,P,08 Feb 2026\n';
    const rows: [string[], number][] = [];
    const r = await readCsv(pieces(new TextEncoder().encode(text), 3), 'Connections.csv', { required: ['first name', 'CONNECTED ON'] }, (cells, row) => rows.push([cells, row]));
    expect(r.header.row).toBe(5);
    expect(rows).toEqual([[['Zoë', 'P', '08 Feb 2026'], 6]]);
  });
});

describe('round trip: generated Invitations rows written by Papa.unparse, read back by readExport', () => {
  const tricky = fc.constantFrom(',', '"', '""', ' ', '  ', "'", '🚀', '👩‍👩‍👧', '🇩🇪', 'Zoë', 'Ñ', '\u00A0', '\t', 'a,b', '"quoted"', 'ü', '中文', '\n');
  const text = fc.array(fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 8 }).map((a) => a.join('').replace(/\u0000/g, ''));
  const name = text.map((s) => s.replace(/[\r\n]/g, ' ').normalize('NFC').trim()).filter((s) => s !== '');
  const row = fc.record({
    counterpart: name,
    message: text,
    direction: fc.constantFrom('INCOMING' as const, 'OUTGOING' as const),
    year: fc.integer({ min: 2018, max: 2030 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
  });
  // one CR per (direction, counterpart, time, message): identical rows would collapse by design
  const rows = fc.uniqueArray(row, {
    minLength: 1,
    maxLength: 25,
    selector: (r) => JSON.stringify([r.direction, r.counterpart.toLowerCase().replace(/\s+/gu, ' '), r.year, r.month, r.day, r.hour, r.minute, r.message]),
  });

  it('keeps every name, note, direction and time', async () => {
    await fc.assert(
      fc.asyncProperty(rows, async (generated) => {
        const owner = 'Owner, "The" Person 🚀';
        const data = generated.map((r) => {
          const h12 = r.hour % 12 === 0 ? 12 : r.hour % 12;
          const sentAt = `${r.month}/${r.day}/${String(r.year % 100).padStart(2, '0')}, ${h12}:${String(r.minute).padStart(2, '0')} ${r.hour < 12 ? 'AM' : 'PM'}`;
          const [from, to] = r.direction === 'OUTGOING' ? [owner, r.counterpart] : [r.counterpart, owner];
          return [from, to, sentAt, r.message, r.direction, '', ''];
        });
        const csvText = Papa.unparse({ fields: HEADER_7, data }, { newline: '\n' }) + '\n';
        const d = await read('Invitations.csv', csvText, { timeZone: 'UTC' });
        expect(d.problems).toEqual([]);
        expect(d.owner?.name).toBe(owner);
        expect(
          d.requests.map((r) => ({ counterpart: r.counterpart.name, message: r.message, direction: r.direction, sentAt: r.sentAt, year: r.year })),
        ).toEqual(
          generated.map((r) => ({
            counterpart: r.counterpart,
            message: r.message,
            direction: r.direction,
            sentAt: new Date(Date.UTC(r.year, r.month - 1, r.day, r.hour, r.minute)).toISOString(),
            year: r.year,
          })),
        );
      }),
      { numRuns: 150 },
    );
  });
});
