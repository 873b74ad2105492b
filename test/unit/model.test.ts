import { describe, expect, it } from 'vitest';
import { bySentOrder, CATEGORIES, IGNORE_CATEGORIES, verdictOf } from '../../functions/audit/model.ts';
import { isIngestKey } from '../../functions/aws/keys.ts';
import { createTableInput, TABLE_INDEXES } from '../../functions/aws/table.ts';

describe('taxonomy', () => {
  it('grades good as ACCEPT, no_message as NEITHER and the six bad categories as IGNORE', () => {
    expect(verdictOf('good')).toBe('ACCEPT');
    expect(verdictOf('no_message')).toBe('NEITHER');
    for (const c of IGNORE_CATEGORIES) expect(verdictOf(c)).toBe('IGNORE');
    expect(CATEGORIES.filter((c) => verdictOf(c) === 'IGNORE')).toEqual([...IGNORE_CATEGORIES]);
  });
});

describe('the order of CRs (bySentOrder)', () => {
  it('is by Sent At in time, then by id, whatever order they come in', () => {
    const times = [Date.UTC(2019, 11, 31, 23, 59, 59), Date.UTC(2020, 0, 1), Date.UTC(2020, 0, 1, 9, 5), Date.UTC(2026, 2, 14, 16, 5)];
    const crs = times.flatMap((t) => ['0f', 'a1', '0a'].map((id) => ({ sentAt: new Date(t).toISOString(), id: `${id}${t}` })));
    const expected = [...crs].sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt) || (a.id < b.id ? -1 : 1));
    for (const start of [crs, [...crs].reverse(), [...crs.slice(5), ...crs.slice(0, 5)]]) expect([...start].sort(bySentOrder)).toEqual(expected);
    expect(bySentOrder(crs[0]!, { ...crs[0]! })).toBe(0);
  });
});

describe('ingest key filter (shared by the CDK notification and the local S3 bridge)', () => {
  it.each([
    ['uploads/u1/export.zip', true],
    ['uploads/u1/Invitations.CSV', true],
    ['uploads/u1/my export é.zip', true],
    ['reports/u1/report-2025.html', false],
    ['uploads/u1/notes.txt', false],
    ['uploads/u1/export.Zip', false], // S3 suffix filters are case-sensitive: mixed case matches no notification
    ['other/uploads/x.zip', false],
  ])('%s -> %s', (key, expected) => {
    expect(isIngestKey(key)).toBe(expected);
  });
});

describe('table definition', () => {
  it('declares every key attribute used by the table and its indexes', () => {
    const input = createTableInput('t');
    const declared = input.AttributeDefinitions.map((a) => a.AttributeName).sort();
    const used = [
      ...input.KeySchema.map((k) => k.AttributeName),
      ...input.GlobalSecondaryIndexes.flatMap((g) => g.KeySchema.map((k) => k.AttributeName)),
    ];
    expect(declared).toEqual([...new Set(used)].sort());
    expect(input.GlobalSecondaryIndexes.map((g) => g.IndexName)).toEqual(TABLE_INDEXES.map((i) => i.indexName));
  });
});
