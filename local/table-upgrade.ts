/**
 * Bringing an emulator's table, created by an older version from an older definition, up to the
 * shared one (table.ts). Only for the emulators: on AWS the CDK stack adds an index to the table in
 * place and DynamoDB backfills it from the stored items.
 *
 * dynalite cannot add an index to an existing table (its UpdateTable only changes throughput), so
 * a table that lacks one of TABLE_INDEXES is read whole (consistent scan), deleted, created again
 * from createTableInput and written back. Everything is held in memory meanwhile (a local table
 * holds one person's requests: thousands of items, not millions).
 */
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, type DynamoDBClient, type TableDescription } from '@aws-sdk/client-dynamodb';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { NativeAttributeValue } from '@aws-sdk/util-dynamodb';
import { batchPut } from '../functions/aws/dynamo-store.ts';
import { TABLE_INDEXES, createTableInput, type TableIndex } from '../functions/aws/table.ts';

/** The indexes of the shared definition that a table lacks, or whose keys differ. */
export function missingIndexes(table: Pick<TableDescription, 'GlobalSecondaryIndexes'>): TableIndex[] {
  const have = new Map((table.GlobalSecondaryIndexes ?? []).map((g) => [g.IndexName, g.KeySchema ?? []]));
  return TABLE_INDEXES.filter((i) => {
    const schema = have.get(i.indexName);
    if (!schema) return true;
    const hash = schema.find((k) => k.KeyType === 'HASH')?.AttributeName;
    const range = schema.find((k) => k.KeyType === 'RANGE')?.AttributeName;
    return hash !== i.partitionKey || range !== i.sortKey;
  });
}

export interface TableUpgrade {
  /** Indexes that were missing (empty: the table was up to date and was left alone). */
  added: string[];
  /** Items copied into the recreated table. */
  items: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function describe(dynamo: DynamoDBClient, tableName: string): Promise<TableDescription | null> {
  try {
    return (await dynamo.send(new DescribeTableCommand({ TableName: tableName }))).Table ?? null;
  } catch (err) {
    if ((err as { name?: string }).name === 'ResourceNotFoundException') return null;
    throw err;
  }
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`DynamoDB emulator: timed out waiting until ${what}`);
    await sleep(25);
  }
}

/**
 * Recreate an emulator's existing table with the current definition when it lacks an index of
 * it, keeping every item; a table already up to date is left alone. Call it when CreateTable
 * answers ResourceInUseException (the table was kept from a previous run).
 */
export async function upgradeEmulatorTable(dynamo: DynamoDBClient, doc: DynamoDBDocumentClient, tableName: string): Promise<TableUpgrade> {
  const table = await describe(dynamo, tableName);
  if (!table) throw new Error(`DynamoDB emulator: table ${tableName} does not exist`);
  const missing = missingIndexes(table);
  if (missing.length === 0) return { added: [], items: 0 };

  const items: Record<string, NativeAttributeValue>[] = [];
  let start: Record<string, NativeAttributeValue> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...((page.Items ?? []) as Record<string, NativeAttributeValue>[]));
    start = page.LastEvaluatedKey;
  } while (start);

  await dynamo.send(new DeleteTableCommand({ TableName: tableName }));
  await until(async () => (await describe(dynamo, tableName)) === null, `table ${tableName} is deleted`);
  await dynamo.send(new CreateTableCommand(createTableInput(tableName)));
  await until(async () => (await describe(dynamo, tableName))?.TableStatus === 'ACTIVE', `table ${tableName} is active`);
  await batchPut(doc, tableName, items);
  return { added: missing.map((i) => i.indexName), items: items.length };
}
