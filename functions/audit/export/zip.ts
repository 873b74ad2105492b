/**
 * Zip access with yauzl (random access from a path or a buffer; entries streamed), with the limits
 * of limits.ts against zip bombs: entry count (from the end-of-central-directory record, before
 * any entry is listed), total uncompressed bytes read, and compression ratio, the last two checked
 * on the sizes the zip declares AND on the bytes actually inflated. Only the entries read are
 * inflated (a nested zip is never opened).
 */
import { Transform, type Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ExportError } from './errors.ts';
import { RATIO_FLOOR_BYTES, type ReadLimits } from './limits.ts';

export interface ZipEntryInfo {
  /** Path inside the zip, `/`-separated. */
  path: string;
  compressedSize: number;
  uncompressedSize: number;
}

/** Longest entry path kept in the listing (characters). */
const MAX_ENTRY_NAME = 1024;

const MiB = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

export class ZipReader {
  readonly entries: ZipEntryInfo[];
  private readonly raw = new Map<string, yauzl.Entry>();
  private inflated = 0;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    entries: yauzl.Entry[],
    private readonly source: string,
    private readonly limits: ReadLimits,
  ) {
    this.entries = entries.map((e) => ({ path: e.fileName, compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize }));
    for (const e of entries) this.raw.set(e.fileName, e);
  }

  static async open(input: { path: string } | { data: Uint8Array }, source: string, limits: ReadLimits): Promise<ZipReader> {
    let zip: yauzl.ZipFile;
    const options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false, decodeStrings: true };
    try {
      zip =
        'path' in input
          ? await yauzl.openPromise(input.path, options)
          : await yauzl.fromBufferPromise(Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength), options);
    } catch {
      throw new ExportError('not_zip', `${source} is not a readable zip file (it may be incomplete or damaged); download your LinkedIn export again and upload the .zip unchanged.`, source);
    }
    if (zip.entryCount > limits.maxEntries) {
      zip.close();
      throw new ExportError('too_many_entries', `${source} has ${zip.entryCount} entries, more than the limit of ${limits.maxEntries}; upload the LinkedIn export zip itself, or raise the entry limit.`, source);
    }
    const entries: yauzl.Entry[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        zip.on('entry', (e: yauzl.Entry) => {
          // directories, and names no export uses (up to 64 KB each), are not kept: 20,000 of those would be 1 GB
          if (!e.fileName.endsWith('/') && e.fileName.length <= MAX_ENTRY_NAME) entries.push(e);
          zip.readEntry();
        });
        zip.on('end', () => resolve());
        zip.on('error', reject);
        zip.readEntry();
      });
    } catch {
      zip.close();
      throw new ExportError('not_zip', `${source} is a damaged zip file (its table of contents cannot be read); download your LinkedIn export again and upload the .zip unchanged.`, source);
    }
    return new ZipReader(zip, entries, source, limits);
  }

  /** Stream one entry's bytes, enforcing the limits while inflating. */
  async openEntry(path: string): Promise<Readable> {
    const entry = this.raw.get(path);
    if (!entry) throw new Error(`no zip entry ${path}`);
    const { limits, source } = this;
    const where = `${path} in ${source}`;
    const tooLarge = () =>
      new ExportError('too_large', `${where} unpacks to more than the limit of ${MiB(limits.maxUncompressedBytes)}; this is not a normal LinkedIn export (upload the original zip), or raise the size limit.`, path);
    const badRatio = () =>
      new ExportError('suspicious_ratio', `${where} is compressed more than ${limits.maxRatio} to 1, which looks like a zip bomb; upload the original LinkedIn export zip, or raise the ratio limit.`, path);
    if (this.inflated + entry.uncompressedSize > limits.maxUncompressedBytes) throw tooLarge();
    if (entry.uncompressedSize > RATIO_FLOOR_BYTES && entry.uncompressedSize > entry.compressedSize * limits.maxRatio) throw badRatio();
    let stream: Readable;
    try {
      stream = await this.zip.openReadStreamPromise(entry);
    } catch {
      throw new ExportError('not_zip', `${where} cannot be unpacked (the zip is damaged or uses an unsupported compression); download your LinkedIn export again.`, path);
    }
    let count = 0;
    const guard = new Transform({
      transform: (chunk: Buffer, _enc, cb) => {
        count += chunk.length;
        this.inflated += chunk.length;
        if (this.inflated > limits.maxUncompressedBytes) return cb(tooLarge());
        if (count > RATIO_FLOOR_BYTES && count > Math.max(entry.compressedSize, 1) * limits.maxRatio) return cb(badRatio());
        cb(null, chunk);
      },
    });
    stream.on('error', (e) => {
      // yauzl's own size validation ("too many bytes in the stream"), a corrupt deflate stream...
      guard.destroy(
        e instanceof ExportError
          ? e
          : new ExportError('not_zip', `${where} is damaged (its data does not match the sizes the zip declares); download your LinkedIn export again.`, path),
      );
    });
    guard.on('close', () => stream.destroy()); // stop inflating when the reader stops early
    return stream.pipe(guard);
  }

  close(): void {
    this.zip.close();
  }
}
