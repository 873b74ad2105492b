/** The input of readExport: a path or bytes, its size and first bytes, as a byte stream. */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { ExportError } from './errors.ts';
import type { ReadLimits } from './limits.ts';

export type ExportInput = { name: string; path: string } | { name: string; data: Uint8Array };

export const isZipMagic = (h: Uint8Array) => h[0] === 0x50 && h[1] === 0x4b && (h[2] === 3 || h[2] === 5 || h[2] === 7) && (h[3] === 4 || h[3] === 6 || h[3] === 8);

function chunks(data: Uint8Array, size = 64 * 1024): AsyncIterable<Uint8Array> {
  return (async function* () {
    for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
  })();
}

/** The input's bytes, streamed in 64 KB chunks. */
export function inputStream(input: ExportInput): AsyncIterable<Uint8Array> | Readable {
  return 'data' in input ? chunks(input.data) : createReadStream(input.path, { highWaterMark: 64 * 1024 });
}

/** The input's first 8 bytes; throws `not_found`, `too_large` (over maxInputBytes) or `empty`. */
export async function inspectInput(input: ExportInput, limits: ReadLimits): Promise<Uint8Array> {
  const source = input.name;
  let size: number;
  let head: Uint8Array = new Uint8Array(0);
  if ('data' in input) {
    size = input.data.byteLength;
    head = input.data.subarray(0, 8);
  } else {
    try {
      const s = await stat(input.path);
      if (!s.isFile()) throw new Error('not a file');
      size = s.size;
    } catch {
      throw new ExportError('not_found', `${source} cannot be read (no such file); check the path to your LinkedIn export.`, source);
    }
    if (size <= limits.maxInputBytes) {
      const fh = await open(input.path, 'r');
      try {
        const buf = new Uint8Array(8);
        const { bytesRead } = await fh.read(buf, 0, 8, 0);
        head = buf.subarray(0, bytesRead);
      } finally {
        await fh.close();
      }
    }
  }
  if (size > limits.maxInputBytes) {
    throw new ExportError('too_large', `${source} is ${Math.round(size / 1024 / 1024)} MB, over the limit of ${Math.round(limits.maxInputBytes / 1024 / 1024)} MB; upload the LinkedIn export zip itself, or raise the input size limit.`, source);
  }
  if (size === 0) throw new ExportError('empty', `${source} is empty (0 bytes); download your LinkedIn export again and upload the new file.`, source);
  return head;
}
