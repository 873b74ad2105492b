/**
 * The rule prefilter (gate.ts) must never change what the rules find: the gated run and the full
 * run of every rule give the same fired rules with the same evidence. Also the exact literal every
 * match of an alternative contains (requiredLiteral) and the AND-of-OR gate (AndGate).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fireTextRules, type Fired } from '../../../functions/audit/classify/engine.ts';
import { compiled, compiledLater } from '../../../functions/audit/classify/compiled.ts';
import { alternatives, AndGate, distributed, Gate, gatesOf, LAZY_PATTERNS, lazyRule, requiredLiteral, scanOnce } from '../../../functions/audit/classify/gate.ts';
import { parseNotesJsonl } from '../../../functions/audit/classify/jsonl.ts';
import { VERTICALS } from '../../../functions/audit/classify/relevance.ts';
import { ROLE_RULES } from '../../../functions/audit/classify/role.ts';
import { TEXT_RULES } from '../../../functions/audit/classify/rules.ts';
import { fold, foldSameLength } from '../../../functions/audit/classify/text.ts';
import { CASES, MORE_CASES } from '../../helpers/classify-examples.ts';

const both = (text: string) => {
  const gated: Fired[] = [];
  const full: Fired[] = [];
  fireTextRules(text, gated, true);
  fireTextRules(text, full, false);
  return { gated, full };
};

describe('gate derivation', () => {
  it('takes required words from literal text, whole words where a word end follows', () => {
    const g = gatesOf('\\bwe (?:help|offer)\\b|\\bour clients\\b')!;
    expect(g).toEqual(expect.arrayContaining(['help$', 'offer$']));
    expect(g.some((x) => x.startsWith('clients'))).toBe(true);
  });

  it('gives up (null) when an alternative has no required word', () => {
    expect(gatesOf('[?¿]')).toBeNull();
    expect(gatesOf('\\bfoo\\b|\\d+%')).toBeNull();
  });

  it('skips optional parts', () => {
    const g = gatesOf('\\b(?:very )?happy\\b')!;
    expect(g).toEqual(['happy$']);
  });

  it('scan enables a rule only when one of its words starts a word of the note', () => {
    const gate = new Gate(['\\bbanana\\b', '\\bapple', '[?]']);
    expect([...gate.scan('i like apples?')]).toEqual([0, 1, 1]);
    expect([...gate.scan('bananas are not banana-ish')]).toEqual([1, 0, 1]);
  });
});

describe('gated rules find exactly what the full rules find', () => {
  const texts: string[] = [...CASES, ...MORE_CASES].map((c) => c.text);
  const dev = new URL('../../../eval/dev.jsonl', import.meta.url);
  texts.push(...parseNotesJsonl(readFileSync(dev, 'utf8')).map((n) => n.text));

  it('on the example notes and the dev set', () => {
    for (const t of texts) {
      const { gated, full } = both(t);
      expect(gated).toEqual(full);
    }
  });

  it('on random mixes of the rules\' own words (property)', () => {
    // words cut from the rule sources and from the notes, so rules actually fire
    const vocab = [
      ...new Set(
        [...TEXT_RULES.map((r) => r.re.source), ...texts]
          .join(' ')
          .split(/[^A-Za-zÀ-ÿ0-9'$%€?¿-]+/)
          .filter((w) => w.length > 0 && w.length < 16),
      ),
    ];
    const sep = fc.constantFrom(' ', ' ', ' ', ', ', '. ', '! ', '? ', '-', "'", '\n');
    const note = fc.array(fc.tuple(fc.constantFrom(...vocab), sep), { minLength: 1, maxLength: 30 }).map((p) => p.map(([w, s]) => w + s).join(''));
    fc.assert(
      fc.property(note, (t) => {
        const { gated, full } = both(t);
        expect(gated).toEqual(full);
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('the niche gate never hides a niche term', () => {
    const gate = new Gate(VERTICALS.map((v) => v.re.source));
    const single = VERTICALS.map((v) => new RegExp(v.re.source));
    for (const t0 of texts) {
      const t = fold(t0);
      const en = gate.scan(t);
      single.forEach((re, i) => {
        if (re.test(t)) expect(en[i]).toBe(1);
      });
    }
  });
});

describe('alternatives: a regex source split at its top-level |', () => {
  // the split character by character, as it was before runs of plain characters were skipped at once
  const byChar = (src: string): string[] => {
    const out: string[] = [];
    let depth = 0;
    let last = 0;
    for (let j = 0; j < src.length; j++) {
      const ch = src[j];
      if (ch === '\\') j++;
      else if (ch === '[') {
        let k = j + 1;
        if (src[k] === '^') k++;
        if (src[k] === ']') k++;
        while (k < src.length && src[k] !== ']') k += src[k] === '\\' ? 2 : 1;
        j = k;
      } else if (ch === '(') depth++;
      else if (ch === ')') depth--;
      else if (ch === '|' && depth === 0) {
        out.push(src.slice(last, j));
        last = j + 1;
      }
    }
    out.push(src.slice(last));
    return out;
  };
  it('splits only at the top level, not in groups, classes or escapes', () => {
    expect(alternatives('a|b(?:c|d)|[|]|\\||e')).toEqual(['a', 'b(?:c|d)', '[|]', '\\|', 'e']);
    expect(alternatives('')).toEqual(['']);
    expect(alternatives('abc')).toEqual(['abc']);
    expect(alternatives('x\\')).toEqual(['x\\']);
  });
  it('splits every rule as the character-by-character split does, and random sources too (property)', () => {
    for (const rule of [...TEXT_RULES, ...ROLE_RULES]) expect(alternatives(rule.source), rule.id).toEqual(byChar(rule.source));
    const src = fc.array(fc.constantFrom('a', 'b', ' ', '|', '(', ')', '[', ']', '\\', '^', '?', ':'), { maxLength: 40 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(src, (x) => {
        expect(alternatives(x)).toEqual(byChar(x));
      }),
      { numRuns: 2000, seed: 5 },
    );
  });
});

describe('distributed: a \\b(?:…|…)\\b alternative split at its group', () => {
  it('splits only that shape', () => {
    expect(distributed('\\b(?:ab|c(?:d|e)|f)\\b')).toEqual(['\\b(?:ab)\\b', '\\b(?:c(?:d|e))\\b', '\\b(?:f)\\b']);
    expect(distributed('\\b(?:ab|cd)')).toEqual(['\\b(?:ab)', '\\b(?:cd)']);
    for (const src of ['\\b(?:ab|cd) x', '\\b(?:ab)\\b', 'x\\b(?:ab|cd)\\b', '\\b(?:ab|cd)\\b(?:e|f)', '(?:ab|cd)\\b', '\\b(?:a|b)?c']) expect(distributed(src), src).toEqual([src]);
  });
  it("finds the whole regex's match: the leftmost of the parts' matches, at one position the earlier part (property)", () => {
    const piece = fc.array(fc.constantFrom('a', 'b', 'ab', ' ', 'a?', 'b+', '(?:a|ab)', '(?:\\S+ ){0,2}', '[ab]{1,2}', '\\b'), { minLength: 1, maxLength: 4 }).map((p) => p.join(''));
    const source = fc.tuple(fc.array(piece, { minLength: 2, maxLength: 5 }), fc.boolean()).map(([parts, end]) => `\\b(?:${parts.join('|')})${end ? '\\b' : ''}`);
    const text = fc.array(fc.constantFrom('a', 'b', ' ', 'c', '.'), { maxLength: 14 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(source, text, (src, t) => {
        const whole = new RegExp(src, 'u').exec(t);
        let best: RegExpExecArray | null = null;
        for (const part of distributed(src)) {
          const m = new RegExp(part, 'u').exec(t);
          if (m && (!best || m.index < best.index)) best = m;
        }
        expect(best && [best.index, best[0]], `${src} on ${JSON.stringify(t)}`).toEqual(whole && [whole.index, whole[0]]);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});

describe('scanOnce: one note read without the trie', () => {
  // the gates of every text and role rule alternative (some with none), and a few word lists
  const sources: (string[] | null)[] = [...TEXT_RULES, ...ROLE_RULES].flatMap((r) => alternatives(r.source).map((a) => gatesOf(a)));
  sources.push(['a'], ['a$'], ['ab', 'a$'], ['zz$', 'z'], null, ['0', '1$']);
  const texts = [...CASES, ...MORE_CASES].map((c) => foldSameLength(c.text));
  const trie = new Gate(sources);
  const same = (note: string) => {
    trie.scan(note);
    const once = scanOnce(sources, note);
    expect(once.enabledList, note).toEqual(trie.enabledList);
    expect(once.enabledList.map((r) => once.first[r]), note).toEqual(trie.enabledList.map((r) => trie.first[r]));
  };

  it('enables what the trie enables, in its order, at the same places, on the example notes', () => {
    expect(sources.filter((g) => g === null).length).toBeGreaterThan(0);
    for (const t of texts) same(t);
    same('');
    same('a ab abc a-b 0 01 1 zz zzz z');
    same(`${'x'.repeat(5000)} ${'a'.repeat(3000)} we help`);
  });

  it('on random mixes of the gate words (property)', () => {
    const vocab = [...new Set(sources.flatMap((g) => g ?? []).map((w) => w.replace(/\$$/, '')))];
    const sep = fc.constantFrom(' ', ', ', '. ', '-', "'", '\n', '');
    const note = fc.array(fc.tuple(fc.constantFrom(...vocab), sep), { minLength: 0, maxLength: 40 }).map((p) => p.map(([w, x]) => w + x).join(''));
    fc.assert(fc.property(note, same), { numRuns: 500, seed: 11 });
  });
});

describe('lazyRule: a rule whose regex is built on first read', () => {
  it('knows its source and flags before the regex is built, the same as the regex has', () => {
    const rule = lazyRule({ id: 'x' }, 'a/b|\\bc\\d+', 'u');
    expect(Object.getOwnPropertyDescriptor(rule, 're')?.get).toBeTypeOf('function');
    expect(rule.source).toBe('a\\/b|\\bc\\d+');
    expect(rule.re.source).toBe(rule.source);
    expect(rule.re.flags).toBe('u');
    expect(rule.re).toBe(rule.re);
    expect(rule.re.exec('x c42')?.[0]).toBe('c42');
  });
  it('every text and role rule: source and flags as its regex reads them', () => {
    for (const rule of [...TEXT_RULES, ...ROLE_RULES]) {
      expect(rule.source, rule.id).toBe(rule.re.source);
      expect(rule.flags, rule.id).toBe(rule.re.flags);
    }
  });
});

describe('compiled: a regex compiled to machine code before its first run', () => {
  const subjects = ['', ' ', '   x  ', 'a b', 'we are hiring senior engineers', ' '.repeat(1000), `x${' '.repeat(1200)}y`];
  const cases = [
    ['\\s+', 'g'],
    ['\\s+', 'y'],
    ['\\s+', 'gy'],
    [' *', 'gu'],
    ['^\\s*$', ''],
    ['\\bwe (?:are )?hiring (?:\\S+ ){0,3}engineers?\\b', 'u'],
    ['(?<!\\S)x|y$', 'g'],
  ] as const;
  it('finds what the same regex built with new RegExp finds, from lastIndex 0, whatever its flags', () => {
    for (const [src, flags] of cases) {
      const re = compiled(new RegExp(src, flags));
      expect([re.source, re.flags, re.lastIndex]).toEqual([new RegExp(src, flags).source, flags, 0]);
      for (const s of subjects) {
        const slow = new RegExp(src, flags);
        expect(re.exec(s), `${src} /${flags} on ${JSON.stringify(s.slice(0, 20))}`).toEqual(slow.exec(s));
        expect(re.lastIndex).toBe(slow.lastIndex);
        re.lastIndex = 0;
      }
    }
  });
  it('compiledLater: the same regex object on every call, lastIndex 0 on the first', () => {
    for (const [src, flags] of cases) {
      const literal = new RegExp(src, flags);
      const later = compiledLater(literal);
      expect(later()).toBe(literal);
      expect(literal.lastIndex).toBe(0);
      expect(later().exec('a  b')).toEqual(new RegExp(src, flags).exec('a  b'));
    }
  });
  it('every rule alternative built on first use: same matches as new RegExp on the example notes', () => {
    const notes = CASES.map((c) => foldSameLength(c.text));
    for (const { source, flags } of LAZY_PATTERNS) {
      const re = compiled(new RegExp(source, flags));
      const slow = new RegExp(source, flags);
      for (const s of notes) {
        const [m, n] = [re.exec(s), slow.exec(s)];
        expect([m?.index, m?.[0]], source).toEqual([n?.index, n?.[0]]);
        re.lastIndex = slow.lastIndex = 0;
      }
    }
  });
});

describe('requiredLiteral: the exact prefilter', () => {
  it('keeps only top-level literal text every match must contain', () => {
    expect(requiredLiteral('\\bwe (?:help|offer)\\b')).toBe('we ');
    expect(requiredLiteral('\\b(?:could|can) you (?:please )?help\\b')).toBe(' you ');
    expect(requiredLiteral('\\bravie? de vous avoir rencontr[ee]')).toBe(' de vous avoir rencontr');
    expect(requiredLiteral('\\btrabalho com (?:\\S+ ){0,2}(?:empresas|marcas)\\b')).toBe('trabalho com ');
    expect(requiredLiteral('[?¿]')).toBe('');
    expect(requiredLiteral('\\d+x\\b')).toBe('');
  });
  it('every match of every rule alternative on the example notes contains its literal', () => {
    const notes = [...CASES, ...MORE_CASES].map((c) => foldSameLength(c.text));
    let checked = 0;
    for (const rule of [...TEXT_RULES, ...ROLE_RULES]) {
      for (const alt of alternatives(rule.re.source)) {
        const lit = requiredLiteral(alt);
        if (!lit) continue;
        const re = new RegExp(alt, rule.re.flags);
        for (const n of notes) {
          const m = re.exec(n);
          if (!m) continue;
          checked++;
          expect(m[0].includes(lit), `${rule.id}: "${m[0]}" lacks "${lit}"`).toBe(true);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('AndGate: the AND-of-OR prefilter', () => {
  const sources = ['\\bwe help (?:clinics|dentists)\\b', '\\byour (?:talk|post) (?:was|is)\\b', '\\bfree (?:trial|demo)\\b', '[?]'];
  const gate = new AndGate(sources);
  const or = new Gate(sources);
  it('enables a regex only when every gate group occurs, never fewer than the regex can match', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('we', 'help', 'clinics', 'your', 'talk', 'was', 'free', 'trial', 'demo', 'x', '?', 'dentists', 'post'), { maxLength: 12 }), (words) => {
        const text = words.join(' ');
        gate.scan(text);
        const enabled = new Set(gate.enabledList);
        or.scan(text);
        sources.forEach((src, i) => {
          if (new RegExp(src).test(text)) expect(enabled.has(i)).toBe(true);
        });
        for (const i of enabled) expect(or.enabledList).toContain(i);
      }),
    );
    gate.scan('we help you');
    expect(gate.enabledList.includes(0)).toBe(false);
    expect(gate.scan('we help clinics')).toBe(gate.enabledList.length);
    expect(gate.enabledList.includes(0)).toBe(true);
  });
  it('never changes what the rules find on the tuning sets', () => {
    for (const name of ['tune3', 'tune4']) {
      for (const line of readFileSync(new URL(`../../../eval/${name}.jsonl`, import.meta.url), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const { text } = JSON.parse(line) as { text: string };
        const { gated, full } = both(text);
        expect(gated).toEqual(full);
      }
    }
  });
});
