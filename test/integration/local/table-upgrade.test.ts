/**
 * A local table kept from an older version (created before gsi2, the every-year date index) is
 * brought up to the shared definition against dynalite: recreated with every index, every item
 * kept, and then listed newest first; a table already up to date is left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { startEmulators, type Emulators } from '../../helpers/emulators.ts';
import { DynamoAuditStore } from '../../../functions/aws/dynamo-store.ts';
import { TABLE_INDEXES, createTableInput } from '../../../functions/aws/table.ts';
import { missingIndexes, upgradeEmulatorTable } from '../../../local/table-upgrade.ts';
import type { ClassifiedRequest } from '../../../functions/audit/model.ts';

let emu: Emulators;
beforeAll(async () => {
  emu = await startEmulators();
});
afterAll(async () => {
  await emu?.stop();
});

function verdict(i: number): ClassifiedRequest {
  const sentAt = new Date(Date.UTC(2024, 0, 1) + ((i * 7919) % 600) * 86_400_000).toISOString();
  return {
    id: `old-${String(i).padStart(3, '0')}`,
    owner: { name: 'Dana', profileUrl: null },
    direction: 'INCOMING',
    counterpart: { name: `P${i}`, profileUrl: null, key: `name:p${i}` },
    sentAt,
    year: Number(sentAt.slice(0, 4)),
    message: '',
    outcome: 'pending',
    source: { file: 'Invitations.csv', row: i + 2 },
    category: 'no_message',
    verdict: 'NEITHER',
    confidence: 1,
    reasons: [],
    role: 'unknown',
    roleReasons: [],
  };
}

const indexNames = async (table: string) =>
  ((await emu.clients.dynamo.send(new DescribeTableCommand({ TableName: table }))).Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName).sort();

describe('an emulator table from an older definition', () => {
  it('is recreated with every index, keeping every item, and then lists verdicts newest first', async () => {
    const table = 'aoi-before-gsi2';
    const current = createTableInput(table);
    const old = { ...current, GlobalSecondaryIndexes: current.GlobalSecondaryIndexes.filter((g) => g.IndexName === 'gsi1') };
    await emu.clients.dynamo.send(new CreateTableCommand(old));
    const store = new DynamoAuditStore(emu.clients.doc, table);
    const stored = Array.from({ length: 60 }, (_, i) => verdict(i));
    await store.putVerdicts('me', stored, '2025-07-02');
    await store.putOwner('me', { name: 'Dana', profileUrl: null });
    // Without gsi2, the every-year list cannot be read.
    await expect(store.queryVerdicts('me', { limit: 10 })).rejects.toThrow(/index/i);

    const table0 = (await emu.clients.dynamo.send(new DescribeTableCommand({ TableName: table }))).Table!;
    expect(missingIndexes(table0).map((i) => i.indexName)).toEqual(['gsi2']);
    const upgrade = await upgradeEmulatorTable(emu.clients.dynamo, emu.clients.doc, table);
    expect(upgrade).toEqual({ added: ['gsi2'], items: 61 });
    expect(await indexNames(table)).toEqual(TABLE_INDEXES.map((i) => i.indexName).sort());

    const listed: ClassifiedRequest[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.queryVerdicts('me', { limit: 7, cursor });
      listed.push(...page.items);
      cursor = page.cursor ?? undefined;
    } while (cursor);
    expect(listed.map((v) => v.id)).toEqual([...stored].sort((a, b) => (`${b.sentAt}#${b.id}` < `${a.sentAt}#${a.id}` ? -1 : 1)).map((v) => v.id));
    expect(await store.getOwner('me')).toEqual({ name: 'Dana', profileUrl: null });
    // Items keep everything they had, export date included: the same reading writes nothing again.
    expect(await store.putVerdicts('me', stored, '2025-07-02')).toEqual({ written: 60, keptNewer: 0, unchanged: 60 });

    // Up to date now: left alone.
    expect(await upgradeEmulatorTable(emu.clients.dynamo, emu.clients.doc, table)).toEqual({ added: [], items: 0 });
  });

  it('the table the emulators create is up to date', async () => {
    const table = (await emu.clients.dynamo.send(new DescribeTableCommand({ TableName: emu.table }))).Table!;
    expect(missingIndexes(table)).toEqual([]);
    expect(await upgradeEmulatorTable(emu.clients.dynamo, emu.clients.doc, emu.table)).toEqual({ added: [], items: 0 });
  });
});
