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

/** gsi1: verdicts of one user by year (gsi1pk = `USER#<id>#YEAR#<year>`, gsi1sk = `<sentAt>#<id>`). */
export const TABLE_INDEXES: readonly TableIndex[] = [{ indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }];

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
