import { once } from 'node:events';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLineWriter, createProgress } from '../../../cli/output.ts';

function sink(opts: { tty?: boolean; highWaterMark?: number } = {}) {
  const writes: string[] = [];
  const stream = new Writable({
    highWaterMark: opts.highWaterMark ?? 16 * 1024,
    write(chunk: Buffer, _enc, cb) {
      writes.push(chunk.toString('utf8'));
      setImmediate(cb);
    },
  });
  if (opts.tty) Object.assign(stream, { isTTY: true });
  // Everything written, once the stream has processed it.
  const settled = async () => {
    stream.end();
    await once(stream, 'finish');
  };
  return { stream, writes, settled, text: () => writes.join('') };
}

describe('createLineWriter', () => {
  it('writes many lines in few writes, in order, all of them after flush', async () => {
    const s = sink({ highWaterMark: 1 << 20 });
    const out = createLineWriter(s.stream, 1000);
    const lines = Array.from({ length: 500 }, (_, i) => `line ${i} ${'x'.repeat(i % 17)}\n`);
    for (const l of lines) await out.write(l);
    await out.flush();
    await s.settled();
    expect(s.text()).toBe(lines.join(''));
    expect(s.writes.length).toBeLessThan(20);
    expect(s.writes.length).toBeGreaterThan(1);
  });

  it('waits for drain when the stream is full', async () => {
    const s = sink({ highWaterMark: 10 });
    const out = createLineWriter(s.stream, 50);
    let waits = 0;
    for (let i = 0; i < 100; i++) {
      const w = out.write(`${i}: ${'y'.repeat(20)}\n`);
      if (w) {
        waits++;
        await w;
      }
    }
    await out.flush();
    await s.settled();
    expect(waits).toBeGreaterThan(0);
    expect(s.text().split('\n')).toHaveLength(101);
  });
});

describe('createLineWriter writeRecordWithUnsure', () => {
  it('writes JSON.stringify({ ...r, unsure }) and a newline per record, multi-byte text and records larger than the buffer included', async () => {
    const s = sink({ highWaterMark: 1 << 20 });
    const out = createLineWriter(s.stream, 256);
    const records = [
      { id: 'a1', message: 'Olá Inés! 👋 "quoted"\n', n: null, reasons: [{ rule: 'x', weight: 1.5 }] },
      {},
      { id: 'big', message: 'ü'.repeat(500) },
      ...Array.from({ length: 200 }, (_, i) => ({ id: `r${i}`, message: 'Zoë 🚀 '.repeat(i % 9) })),
    ];
    const expected: string[] = [];
    records.forEach((r, i) => {
      const unsure = i % 3 === 0;
      expected.push(`${JSON.stringify({ ...r, unsure })}\n`);
      void out.writeRecordWithUnsure(r, unsure);
    });
    await out.flush();
    await s.settled();
    expect(s.text()).toBe(expected.join(''));
  });
});

describe('createLineWriter writeRecordWithUnsure, strings', () => {
  it("writes every string as JSON.stringify's UTF-8: escapes, 2-, 3- and 4-byte characters, lone surrogates, control characters", async () => {
    const chunks: Buffer[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(Buffer.from(chunk));
        cb();
      },
    });
    const out = createLineWriter(stream, 128);
    // characters of each kind putString tells apart, each string a random mix of them
    const pieces = ['a', 'Z', ' ', '~', '\x7f', '"', '\\', '\n', '\r', '\t', '\b', '\f', '\x00', '\x1f', '\x0b', 'é', 'ß', '\u07ff', '\u0800', 'ñ', '€', '\u2028', '\ufeff', '\uffff', '👋', '🚀', '\ud800', '\udfff', '\udbff\udfff', '\ud800\ud800'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const records: Record<string, string>[] = [];
    for (let i = 0; i < 2000; i++) {
      let text = '';
      const length = next() % (i % 10 === 0 ? 120 : 12);
      for (let k = 0; k < length; k++) text += pieces[next() % pieces.length];
      records.push({ id: `r${i}`, text, [`k${i % 3}`]: text.slice(0, 60) });
    }
    // long strings with nothing to escape and no surrogate (written by Buffer#write), and one character from it
    for (const plain of ['a', 'é', '€', '\u2028', '\ufeff', '\x7f']) {
      for (const length of [15, 16, 17, 200]) records.push({ id: plain, text: plain.repeat(length), tail: `${plain.repeat(length - 1)}"`, lone: `${'a'.repeat(length)}\ud800` });
    }
    const expected: string[] = [];
    records.forEach((r, i) => {
      expected.push(`${JSON.stringify({ ...r, unsure: i % 2 === 0 })}\n`);
      void out.writeRecordWithUnsure(r, i % 2 === 0);
    });
    await out.flush();
    expect(Buffer.concat(chunks).equals(Buffer.from(expected.join(''), 'utf8'))).toBe(true);
  });
});

describe('createLineWriter writeRecordWithUnsure, one record', () => {
  it('is JSON.stringify({ ...r, unsure }) plus a newline, key order included', async () => {
    const r = { id: 'a1', sentAt: '2025-01-02T03:04:05.000Z', message: 'Hi "Sam",\nhello 👋', reasons: [{ rule: 'x', weight: 1.5 }], cluster: undefined, n: null };
    for (const unsure of [true, false]) {
      const s = sink();
      const out = createLineWriter(s.stream);
      void out.writeRecordWithUnsure(r, unsure);
      await out.flush();
      await s.settled();
      expect(s.text()).toBe(`${JSON.stringify({ ...r, unsure })}\n`);
    }
    const s = sink();
    const out = createLineWriter(s.stream);
    void out.writeRecordWithUnsure({}, true);
    await out.flush();
    await s.settled();
    expect(s.text()).toBe('{"unsure":true}\n');
  });
});

describe('createLineWriter writeRecordWithUnsure, numbers', () => {
  it('writes every number as JSON.stringify does, a number repeated or not, more distinct ones than it remembers', async () => {
    const values = [0.887, 0.1 + 0.2, -1.5, 1e21, 1e-7, 2 ** 60, -(2 ** 53), NaN, Infinity, -Infinity, -0, 0, 7, -12, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE];
    for (let i = 0; i < 5000; i++) values.push(i / 1000 + 0.0005, i / 1000 + 0.0005); // each fraction twice, 5,000 of them
    const s = sink({ highWaterMark: 1 << 20 });
    const out = createLineWriter(s.stream, 256);
    const expected: string[] = [];
    values.forEach((confidence, i) => {
      const r = { id: `n${i}`, confidence, nested: { weight: confidence } };
      expected.push(`${JSON.stringify({ ...r, unsure: false })}\n`);
      void out.writeRecordWithUnsure(r, false);
    });
    await out.flush();
    await s.settled();
    expect(s.text()).toBe(expected.join(''));
  });
});

describe('createLineWriter writeRecordWithUnsure, more shared values than it remembers', () => {
  it('writes what JSON.stringify writes when the remembered values are dropped and taken again', async () => {
    const owner = { name: 'Robin', profileUrl: null };
    const lists = Array.from({ length: 10_000 }, (_, i) => [{ rule: 'words.good', weight: 0.6, evidence: `word ${i}` }]);
    const s = sink({ highWaterMark: 1 << 24 });
    const out = createLineWriter(s.stream);
    const expected: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      // each list three times, far apart: after the remembered ones were dropped for being too many
      const r = { id: `r${i}`, owner, reasons: lists[i % lists.length]!, roleReasons: lists[(i * 7) % lists.length]! };
      expected.push(`${JSON.stringify({ ...r, unsure: false })}\n`);
      void out.writeRecordWithUnsure(r, false);
    }
    await out.flush();
    await s.settled();
    expect(s.text()).toBe(expected.join(''));
  });
});

describe('createLineWriter writeRecordWithUnsure, key orders', () => {
  it('writes what JSON.stringify writes when records change their keys, their order, and the keys of their nested objects', async () => {
    // the writer finds a key by its position in the last record's order: every kind of change of that order
    const inherited = Object.assign(Object.create({ inheritedKey: 'not written' }) as object, { own: 1 });
    const shapes: object[] = [
      { id: 'a', counterpart: { name: 'Sam', key: 'in:sam' }, source: { file: 'x.csv', row: 2 }, category: 'good', advice: 'write it yourself', role: 'peer' },
      { id: 'b', counterpart: { name: 'Zoë', profileUrl: null, key: 'in:zoë', company: 'Acme' }, source: { file: 'x.csv', row: 3 }, category: 'bot', role: 'unknown' },
      { id: 'c', counterpart: { key: 'in:kim', name: 'Kim' }, source: { row: 4, file: 'x.csv' }, category: 'bot', role: 'vendor', advice: 'later', kept: undefined },
      { category: 'good', id: 'd', counterpart: {}, source: { file: 'y.csv', row: 5 } },
      { id: 'e', counterpart: { name: 'Sam', key: 'in:sam' }, skipped: undefined, source: { file: 'x.csv', row: 2 }, category: 'good', advice: 'write it yourself', role: 'peer' },
      { 7: 'integer key', id: 'f', counterpart: { name: 'Sam', key: 'in:sam', 0: 'first' } },
      { id: 'g', counterpart: inherited, nested: { counterpart: { name: 'deeper' } } },
      inherited,
      Object.assign(Object.create(null) as object, { id: 'h', counterpart: { name: 'no prototype' } }),
    ];
    const s = sink({ highWaterMark: 1 << 20 });
    const out = createLineWriter(s.stream, 512);
    const expected: string[] = [];
    for (let i = 0; i < 200; i++) {
      const r = shapes[(i * 7) % shapes.length]!; // every order after every other, over and over
      expected.push(`${JSON.stringify({ ...r, unsure: i % 2 === 0 })}\n`);
      void out.writeRecordWithUnsure(r, i % 2 === 0);
    }
    await out.flush();
    await s.settled();
    expect(s.text()).toBe(expected.join(''));
  });
});

describe('createProgress', () => {
  it('says nothing when stderr is not a terminal', () => {
    const s = sink();
    const p = createProgress(s.stream);
    p.update('reading', { file: 'x.zip', done: 10_000, unit: 'rows' });
    p.clear();
    expect(s.writes).toEqual([]);
  });

  it('on a terminal: one self-overwriting line per phase, throttled within a phase, erased by clear', async () => {
    const s = sink({ tty: true });
    let now = 0;
    const p = createProgress(s.stream, { minIntervalMs: 100, now: () => now });
    p.update('reading', { file: 'x.zip', done: 10_000, unit: 'rows' });
    now = 50;
    p.update('reading', { file: 'x.zip', done: 20_000, unit: 'rows' }); // throttled
    now = 60;
    p.update('classifying', { done: 30_000, unit: 'requests' }); // a new phase always shows
    now = 70;
    p.update('writing');
    p.clear();
    p.clear(); // nothing left to erase
    await s.settled();
    expect(s.writes).toEqual(['\r\x1b[Kreading x.zip: 10,000 rows…', '\r\x1b[Kclassifying: 30,000 requests…', '\r\x1b[Kwriting…', '\r\x1b[K']);
  });
});

describe('createLineWriter writeRecordWithUnsure, shared values', () => {
  it('writes what JSON.stringify writes, for shared and per-record values alike, in a buffer smaller than some values', async () => {
    const owner = { name: 'Robin "R" Example', profileUrl: null };
    const cluster = { id: 'tpl-1', size: 3, example: 'Dear Robin,\nI am expanding my network of leaders in your industry.' };
    const note = 'Dear Robin,\nI am expanding my network of leaders in your industry. \u2028 "quoted" \\ ok';
    const ascii = 'Dear Robin, I am expanding my network of leaders in your industry. Happy to connect.';
    const when = new Date(Date.UTC(2025, 0, 2));
    const records: object[] = [
      { id: 'a', owner, counterpart: { name: 'Zoë', key: 'in:zoë' }, year: 2024, message: note, cluster, reasons: [], confidence: 0.887, kept: undefined, none: null },
      { id: 'b', owner, counterpart: { name: 'Sam', key: 'in:sam', none: undefined }, year: 2025, message: note, cluster, reasons: [{ rule: 'x', weight: 5 }], f: () => 1, big: -0 },
      { 2: 'integer keys first', id: 'c', owner, message: 'short', cluster: null, nested: { deep: [1, 'two', { three: true }], empty: {}, gone: { x: undefined } } },
      { id: 'd', message: ascii, n: [-12, 1e21, 0.1 + 0.2, -1.5, Number.MAX_SAFE_INTEGER, 2 ** 60, NaN, Infinity], when, at: { when }, control: 'tab\there\u0001', lone: '\ud800x', emoji: '🚀'.repeat(30) },
      { id: 'e', message: ascii, counterpart: Object.assign(Object.create(null), { name: 'no prototype' }), own: { toJSON: () => 'custom' }, k: -7, z: 0, t: true, f: false },
      { id: 'f', message: 'ü'.repeat(300), long: 'x'.repeat(700) },
      {},
      { only: undefined },
    ];
    const s = sink({ highWaterMark: 1 << 20 });
    const out = createLineWriter(s.stream, 256);
    const expected: string[] = [];
    for (let pass = 0; pass < 3; pass++) {
      records.forEach((r, i) => {
        const unsure = (i + pass) % 2 === 0;
        expected.push(`${JSON.stringify({ ...r, unsure })}\n`);
        void out.writeRecordWithUnsure(r, unsure);
      });
    }
    await out.flush();
    await s.settled();
    expect(s.text()).toBe(expected.join(''));
  });
});
