/**
 * The real storage adapters (DynamoAuditStore on dynalite, S3BlobStore on s3rver) against the
 * ports' contract: the suite the in-memory adapters pass too (test/unit/app/memory-store.test.ts),
 * so unit tests of the use cases on the fakes say something about the real thing. The assertions
 * are the contract's own (test/helpers/store-contract.ts), run here against the emulators.
 */
import { afterAll, beforeAll } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { startEmulators, type Emulators } from '../../helpers/emulators.ts';
import { auditStoreContract, blobStoreContract } from '../../helpers/store-contract.ts';
import { DynamoAuditStore } from '../../../functions/aws/dynamo-store.ts';
import { S3BlobStore } from '../../../functions/aws/s3-blobs.ts';

let emu: Emulators;
beforeAll(async () => {
  emu = await startEmulators();
});
afterAll(async () => {
  await emu?.stop();
});

auditStoreContract('DynamoAuditStore on dynalite', () => new DynamoAuditStore(emu.clients.doc, emu.table));

blobStoreContract('S3BlobStore on s3rver', () => ({
  blobs: new S3BlobStore(emu.clients.s3, emu.bucket),
  async put(key, body, opts = {}) {
    await emu.clients.s3.send(new PutObjectCommand({ Bucket: emu.bucket, Key: key, Body: Buffer.from(body), ContentType: opts.contentType, Metadata: opts.metadata }));
  },
  async post(form, file, filename) {
    const body = new FormData();
    for (const [k, v] of Object.entries(form.fields)) body.append(k, v);
    body.append('file', new Blob([Buffer.from(file)]), filename);
    const res = await fetch(form.url, { method: 'POST', body });
    if (res.status >= 300) throw new Error(`the form was refused: ${res.status} ${await res.text()}`);
  },
  async open(url) {
    const res = await fetch(url);
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    return Buffer.from(await res.arrayBuffer());
  },
}));
