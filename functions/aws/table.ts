/**
 * The single-table definition, shared by the CDK table (lib/) and the local dynalite table (local/),
 * so both have the same key schema and indexes.
 */
export const TABLE_PARTITION_KEY = 'pk';
export const TABLE_SORT_KEY = 'sk';

export interface TableIndex {
  indexName: string;
  partitionKey: string;
  sortKey: string;
}

/**
 * - gsi1: verdicts of one user in one year, by date (gsi1pk = `USER#<id>#YEAR#<year>`,
 *   gsi1sk = `<sentAt>#<id>`).
 * - gsi2: every verdict of one user, by date (pk = `USER#<id>`, gsi1sk = `<sentAt>#<id>`). It reuses
 *   the attributes verdict items already have, so it is sparse (only verdicts carry gsi1sk) and
 *   DynamoDB backfills it from the stored items when the index is added to an existing table.
 *
 * `<sentAt>` is a UTC ISO instant (`Date#toISOString`, fixed width), so both sort keys order by date;
 * `<id>` makes them unique, so a page boundary (the cursor) is a single point and paging newest
 * first (ScanIndexForward = false) neither repeats nor skips a verdict.
 */
export const TABLE_INDEXES: readonly TableIndex[] = [
  { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  { indexName: 'gsi2', partitionKey: TABLE_PARTITION_KEY, sortKey: 'gsi1sk' },
];

/** CreateTable input for an emulator (on AWS the CDK stack creates the table). */
export function createTableInput(tableName: string) {
  const attrs = new Set<string>([TABLE_PARTITION_KEY, TABLE_SORT_KEY]);
  for (const i of TABLE_INDEXES) {
    attrs.add(i.partitionKey);
    attrs.add(i.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...attrs].map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: TABLE_PARTITION_KEY, KeyType: 'HASH' as const },
      { AttributeName: TABLE_SORT_KEY, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: TABLE_INDEXES.map((i) => ({
      IndexName: i.indexName,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: i.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}
