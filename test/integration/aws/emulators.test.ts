/** The emulator helper: free ports, bucket and table created, and data kept on disk when asked. */
import { describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { startEmulators } from '../../helpers/emulators.ts';
import { TABLE_INDEXES } from '../../../functions/aws/table.ts';

describe('startEmulators', () => {
  it('starts two independent stacks on free loopback ports with the table and its index', async () => {
    const [a, b] = await Promise.all([startEmulators(), startEmulators()]);
    try {
      for (const e of [a, b]) {
        expect(e.s3Endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(e.dynamoEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const t = await e.clients.dynamo.send(new DescribeTableCommand({ TableName: e.table }));
        expect(t.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(TABLE_INDEXES.map((i) => i.indexName));
      }
      expect(a.s3Endpoint).not.toBe(b.s3Endpoint);
      await a.clients.s3.send(new PutObjectCommand({ Bucket: a.bucket, Key: 'x', Body: Buffer.from('only in a') }));
      await expect(b.clients.s3.send(new GetObjectCommand({ Bucket: b.bucket, Key: 'x' }))).rejects.toThrow();
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('keeps S3 objects and DynamoDB items across restarts with { memory: false, dir }', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aoi-emu-test-'));
    try {
      const first = await startEmulators({ memory: false, dir });
      await first.clients.s3.send(new PutObjectCommand({ Bucket: first.bucket, Key: 'uploads/u/é.csv', Body: Buffer.from('a,b\n') }));
      await first.clients.doc.send(new PutCommand({ TableName: first.table, Item: { pk: 'USER#u', sk: 'OWNER', name: 'Dana' } }));
      await first.stop();
      const second = await startEmulators({ memory: false, dir });
      try {
        const obj = await second.clients.s3.send(new GetObjectCommand({ Bucket: second.bucket, Key: 'uploads/u/é.csv' }));
        expect(await obj.Body!.transformToString()).toBe('a,b\n');
        const item = await second.clients.doc.send(new GetCommand({ TableName: second.table, Key: { pk: 'USER#u', sk: 'OWNER' } }));
        expect(item.Item?.name).toBe('Dana');
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
