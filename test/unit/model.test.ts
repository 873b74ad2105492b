import { describe, expect, it } from 'vitest';
import { CATEGORIES, IGNORE_CATEGORIES, verdictOf } from '../../functions/audit/model.ts';
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
