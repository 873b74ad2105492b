/**
 * The local page (local/web/) states the API's upload limit in two places it cannot import from
 * functions/ (plain browser files, no build step): the limit it checks before uploading (app.js)
 * and the one it tells the user (index.html). Both must be the API's MAX_UPLOAD_BYTES.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../../functions/app/upload.ts';

const web = (name: string) => readFileSync(new URL(`../../local/web/${name}`, import.meta.url), 'utf8');

describe('local page upload limit', () => {
  it('app.js refuses files over the API limit, and index.html says the same', () => {
    const js = /const MAX_UPLOAD_BYTES = (\d+) \* 1024 \* 1024;/.exec(web('app.js'));
    expect(js, 'app.js declares MAX_UPLOAD_BYTES as <n> * 1024 * 1024').not.toBeNull();
    expect(Number(js![1]) * 1024 * 1024).toBe(MAX_UPLOAD_BYTES);
    const html = /up to (\d+) MB/.exec(web('index.html'));
    expect(html).not.toBeNull();
    expect(Number(html![1]) * 1024 * 1024).toBe(MAX_UPLOAD_BYTES);
  });
});
