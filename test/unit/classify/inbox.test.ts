import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../cli/check.ts';
import { runClassify } from '../../../cli/classify.ts';
import { classifyInbox } from '../../../functions/audit/classify/index.ts';
import { parseNotesJsonl } from '../../../functions/audit/classify/jsonl.ts';
import { verdictOf } from '../../../functions/audit/model.ts';
import { examplesOf, makeFolds, setFeatures } from '../../../scripts/training/evaluate.ts';
import { fitWeights } from '../../../scripts/training/fit-weights.ts';
import { evidencePieces } from '../../helpers/classify-examples.ts';

const DEV = new URL('../../../eval/dev.jsonl', import.meta.url);
const dev = parseNotesJsonl(readFileSync(DEV, 'utf8'), 'dev.jsonl');

function capture() {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (b) => (o += b));
  err.on('data', (b) => (e += b));
  return { io: { stdout: out, stderr: err }, out: () => o, err: () => e };
}

describe('every verdict is explained', () => {
  // every tuning set, each as one batch (the holdout is report-only: not read here)
  const SETS = ['dev', 'tune', 'tune2', 'tune3', 'tune4', 'tune5', 'tune6', 'tune7'];
  it.each(SETS)('%s: every non-no_message verdict has a reason with evidence from the note or its context; template bots say how many', (name) => {
    const notes = parseNotesJsonl(readFileSync(new URL(`../../../eval/${name}.jsonl`, import.meta.url), 'utf8'), name);
    const out = classifyInbox(notes);
    for (const n of notes) {
      const c = out.get(n.id)!;
      expect(c.verdict).toBe(verdictOf(c.category));
      expect(c.confidence).toBeGreaterThan(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
      if (c.category === 'no_message') continue;
      expect(c.reasons.length, n.id).toBeGreaterThan(0);
      for (const r of c.reasons) {
        expect(r.evidence.trim(), `${n.id} ${r.rule}`).not.toBe('');
        const fromContext = r.rule.startsWith('template.') || r.rule === 'bot.wrong_name';
        if (!fromContext) for (const piece of evidencePieces(n.text, r.evidence)) expect(n.text, `${n.id} ${r.rule}`).toContain(piece);
        if (r.rule.startsWith('template.')) expect(r.evidence, n.id).toMatch(/\d+ (?:people|unrelated senders|person)/);
      }
    }
  });
});

describe('over the whole dev set (as one inbox)', () => {
  const result = classifyInbox(dev);
  it('is deterministic and independent of the input order', () => {
    const again = classifyInbox([...dev].reverse());
    for (const n of dev) expect(again.get(n.id)).toEqual(result.get(n.id));
  });
  it('folds keep coworker groups together', () => {
    const folds = makeFolds(dev, 5);
    const byGroup = new Map<string, Set<number>>();
    dev.forEach((n, i) => {
      if (!n.group) return;
      const s = byGroup.get(n.group) ?? new Set<number>();
      s.add(folds[i]);
      byGroup.set(n.group, s);
    });
    expect(byGroup.size).toBeGreaterThan(0);
    for (const s of byGroup.values()) expect(s.size).toBe(1);
  });
  it('fitting is deterministic', () => {
    const d = setFeatures(dev.slice(0, 40));
    const a = fitWeights(examplesOf(d, () => true), { iterations: 200 });
    const b = fitWeights(examplesOf(d, () => true), { iterations: 200 });
    expect(a).toEqual(b);
  });
});

describe('CLI', () => {
  it('aoi check prints verdict, category, reasons with evidence and advice', async () => {
    const c = capture();
    const code = await runCheck('Hi Jo, we help clinics fill empty slots. Book a 15-min demo: $99/mo.', {}, c.io);
    expect(code).toBe(0);
    expect(c.out()).toMatch(/verdict:\s+IGNORE/);
    expect(c.out()).toMatch(/category:\s+sales_pitch/);
    expect(c.out()).toContain('"$99/mo"');
    expect(c.out()).toMatch(/advice:/);
  });
  it('aoi check --to judges relevance, --format json is parseable', async () => {
    const c = capture();
    await runCheck('Hi Jo, as a veterinarian you know how hard after-hours calls are. Our vet triage line helps. Quick call?', { to: 'Tax accountant | Accounting', format: 'json' }, c.io);
    const json = JSON.parse(c.out());
    expect(json.category).toBe('swing_and_miss');
    expect(json.verdict).toBe('IGNORE');
  });
  it('aoi classify reads the dev-set format and prints one line per note', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aoi-classify-'));
    const file = join(dir, 'notes.jsonl');
    const lines = ['A', 'B', 'C'].map((s, i) =>
      JSON.stringify({ id: `t${i}`, sender: `Person ${s}`, sender_company: '', recipient_profile: 'Nurse | Hospitals', text: 'I am looking to expand my network with like-minded professionals across industries. Looking forward to connecting!', label: 'x' }),
    );
    lines.push(JSON.stringify({ id: 'e', text: '' }));
    writeFileSync(file, lines.join('\n') + '\n');
    const c = capture();
    expect(await runClassify({ input: file }, c.io)).toBe(0);
    const out = c.out().trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['t0', 't1', 't2', 'e']);
    expect(out[0].category).toBe('bot');
    expect(out[0].reasons.some((r: { rule: string }) => r.rule === 'template.many_senders')).toBe(true);
    expect(out[3]).toMatchObject({ category: 'no_message', verdict: 'NEITHER' });
  });
  it('aoi classify names the bad line and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aoi-classify-'));
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"id":"a","text":"hello"}\n\n{"id":"b","text":42}\n');
    const c = capture();
    expect(await runClassify({ input: file }, c.io)).toBe(2);
    expect(c.err()).toMatch(/line 3/);
    expect(c.err()).toMatch(/text/);
    const missing = capture();
    expect(await runClassify({ input: join(dir, 'nope.jsonl') }, missing.io)).toBe(2);
    expect(missing.err()).toMatch(/does not exist/);
  });
});
