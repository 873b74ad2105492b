/**
 * Confidence calibration (scripts/training/evaluate.ts and the engine's `calibrate`): the isotonic
 * map, the fallback ceiling and structural confidences fitted from first looks, reliability bins;
 * and which JSONL files are the tuning sets (scripts/training/sets.ts).
 */
import { describe, expect, it } from 'vitest';
import { calibrate, decide } from '../../../functions/audit/classify/engine.ts';
import { classifyNote } from '../../../functions/audit/classify/index.ts';
import { confidenceOf, FALLBACK_CEILING, fitCalibration, fitIsotonic, reliability, type FirstLookRow, type HeldOut } from '../../../scripts/training/evaluate.ts';
import { tuningSetFiles } from '../../../scripts/training/sets.ts';

describe('confidence calibration', () => {
  it('the isotonic map is monotone and never claims certainty from a small block', () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({ p: 0.3 + (0.7 * i) / 199, ok: i % 7 !== 0 && (i > 40 || i % 2 === 0) }));
    const m = fitIsotonic(rows);
    for (let i = 1; i < m.y.length; i++) expect(m.y[i]).toBeGreaterThanOrEqual(m.y[i - 1]);
    for (let i = 1; i < m.x.length; i++) expect(m.x[i]).toBeGreaterThan(m.x[i - 1]);
    expect(Math.max(...m.y)).toBeLessThan(1);
    expect(calibrate(0.1, m)).toBe(m.y[0]);
    expect(calibrate(1, m)).toBe(m.y[m.y.length - 1]);
  });
  it('the map, the fallback ceiling and structural confidences come from first looks when there are enough of them', () => {
    const mk = (s: number[], best: number, label: number, fallback: boolean): HeldOut => ({ scores: s, best, label, fallback });
    const samples = [
      ...Array.from({ length: 50 }, () => mk([4, 0, 0], 0, 0, false)),
      ...Array.from({ length: 10 }, () => mk([2, 1, 0], 0, 1, false)),
      ...Array.from({ length: 20 }, () => mk([2, 0, 0], 0, 0, true)),
    ];
    const plain = fitCalibration(samples);
    // first looks: weighed verdicts right only half the time, whatever their probability
    const looks: FirstLookRow[] = [
      ...Array.from({ length: 60 }, (_, i) => ({ p: 0.9 + (i % 10) / 100, ok: i % 2 === 0 })),
      ...Array.from({ length: 20 }, (_, i) => ({ p: 0.7, ok: i < 4, fallback: true })),
      ...Array.from({ length: 10 }, (_, i) => ({ ok: i < 6, rule: 'bot.wrong_name' })),
    ];
    const measured = fitCalibration(samples, looks);
    expect(Math.max(...measured.calibration.y)).toBeLessThan(Math.max(...plain.calibration.y));
    expect(Math.max(...measured.calibration.y)).toBeLessThan(0.7);
    expect(measured.calibration.fallback).toBeCloseTo((4 + 1) / (20 + 2), 3);
    expect(measured.structural['bot.wrong_name']).toBeCloseTo((6 + 3.6) / (10 + 4), 3);
    expect(plain.calibration.fallback).toBeLessThanOrEqual(FALLBACK_CEILING);
    const fb = confidenceOf(samples[70], measured);
    expect(fb).toBeLessThanOrEqual(measured.calibration.fallback);
  });
  it('the shipped classifier is less confident when only the fallback decided', () => {
    const fallback = decide([{ id: 'structure.no_reason', evidence: 'Hello there friend' }]);
    const family = classifyNote('Hi Jo, we help clinics fill empty slots. Book a 15-min demo: $99/mo.');
    expect(fallback.confidence).toBeLessThan(family.confidence);
  });
  it('reliability bins count every row once', () => {
    const rows = [0.2, 0.55, 0.65, 0.75, 0.85, 0.92, 0.97, 1].map((conf, i) => ({ conf, ok: i % 2 === 0 }));
    expect(reliability(rows).reduce((a, b) => a + b.notes, 0)).toBe(rows.length);
  });
});

describe('the JSONL tuning sets (tuningSetFiles)', () => {
  it('are the dev set and every tune*.jsonl in natural order, never the holdout', () => {
    expect(tuningSetFiles(['tune10.jsonl', 'holdout.jsonl', 'tune2.jsonl', 'README.md', 'tune.jsonl', 'dev.jsonl', 'tune4.jsonl'])).toEqual([
      'dev.jsonl',
      'tune.jsonl',
      'tune2.jsonl',
      'tune4.jsonl',
      'tune10.jsonl',
    ]);
  });
});
