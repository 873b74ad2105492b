/**
 * The in-memory storage adapters (test/helpers/memory-store.ts) against the ports' contract, the
 * same suite the real adapters pass on the emulators (test/integration/aws/store-contract.test.ts),
 * plus what only the fakes offer tests (forms that enforce their limits, links, snapshots).
 */
import { describe, expect, it } from 'vitest';
import { auditStoreContract, blobStoreContract, contractCr } from '../../helpers/store-contract.ts';
import { MemoryAuditStore, MemoryBlobStore, stored } from '../../helpers/memory-store.ts';

auditStoreContract('MemoryAuditStore', () => new MemoryAuditStore());

blobStoreContract('MemoryBlobStore', () => {
  const blobs = new MemoryBlobStore();
  return {
    blobs,
    put: async (key, body, opts) => blobs.put(key, body, opts),
    post: async (form, file) => blobs.post(form, file),
    open: async (url) => blobs.open(url),
  };
});

describe('memory adapters, beyond the contract', () => {
  it('copy values in and out: a caller changing what it gave or got changes nothing stored', async () => {
    const store = new MemoryAuditStore();
    const cr = contractCr(1);
    await store.putVerdicts('u', [cr]);
    cr.message = 'changed after the write';
    const page = await store.queryVerdicts('u', { limit: 5 });
    expect(page.items[0]!.message).toBe('note 1');
    page.items[0]!.reasons.push({ rule: 'x', category: 'good', weight: 1, evidence: 'y' });
    expect((await store.queryVerdicts('u', { limit: 5 })).items[0]!.reasons).toHaveLength(1);
  });

  it('refuse what DynamoDB cannot store', () => {
    expect(() => stored({ a: Number.POSITIVE_INFINITY })).toThrow(/finite/);
    expect(() => stored({ a: new Date() })).toThrow(/Date/);
    expect(stored({ a: undefined, b: [1, undefined, 2], c: { d: undefined } })).toEqual({ b: [1, 2], c: {} });
  });

  it('a form refuses what S3 would: too large, empty, expired, never issued; a link expires', async () => {
    let now = new Date('2026-03-31T10:00:00Z');
    const blobs = new MemoryBlobStore(() => now);
    const form = await blobs.uploadForm('u', 'id1', 'csv', { maxBytes: 10, metadata: { filename: 'a.csv' }, expiresInSeconds: 60 });
    expect(() => blobs.post(form, 'x'.repeat(11))).toThrow(/EntityTooLarge/);
    expect(() => blobs.post(form, '')).toThrow(/EntityTooSmall/);
    expect(() => blobs.post({ ...form, key: 'uploads/u/other.csv', fields: { ...form.fields, key: 'uploads/u/other.csv' } }, 'x')).toThrow(/no upload form/);
    expect(blobs.keys()).toEqual([]);
    blobs.post(form, 'a,b');
    expect(blobs.read('uploads/u/id1.csv')?.toString()).toBe('a,b');
    const link = await blobs.reportLink('u', 2025, 30);
    await blobs.putReport('u', 2025, '<p>2025</p>');
    expect(link).toContain(encodeURIComponent('reports/u/report-2025.html'));
    expect(blobs.open(link)?.toString()).toBe('<p>2025</p>');
    now = new Date(now.getTime() + 61_000);
    expect(blobs.open(link)).toBeNull();
    expect(() => blobs.post(form, 'a,b')).toThrow(/expired/);
  });

  it('a form refuses metadata that is not ASCII (the port asks the use case to encode it)', async () => {
    const blobs = new MemoryBlobStore();
    await expect(blobs.uploadForm('u', 'id', 'zip', { maxBytes: 10, metadata: { filename: 'é.zip' }, expiresInSeconds: 60 })).rejects.toThrow(/ASCII/);
  });
});
