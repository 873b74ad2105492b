/**
 * Regex linearity checks (issue 13): the regex literals of some source files, long adversarial
 * texts (about 200,000 characters: what makes a backtracking pattern super-linear), and a sweep
 * that runs patterns on them in a worker with a deadline per pattern, so a catastrophic pattern
 * fails a test (naming itself) instead of hanging it. No speed is asserted: a linear pattern takes
 * milliseconds on these texts, a quadratic one tens of seconds, an exponential one forever.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';

export interface Pattern {
  where: string;
  source: string;
  flags: string;
}

/** Every regex literal in the classifier's sources, with its file and line. */
export function literalPatterns(dir: string, root: string, only: (file: string) => boolean = () => true): Pattern[] {
  const out: Pattern[] = [];
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : /\.tsx?$/.test(f) && only(join(d, f)) ? [join(d, f)] : []));
  for (const file of walk(dir)) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node) => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const t = n.getText(sf);
        const end = t.lastIndexOf('/');
        const line = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
        out.push({ where: `${file.slice(root.length + 1)}:${line}`, source: t.slice(1, end), flags: t.slice(end + 1) });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

/** Long adversarial texts (about 200,000 characters each): what makes a backtracking pattern super-linear. */
const N = 200_000;
const pump = (unit: string, prefix = '', suffix = '') => prefix + unit.repeat(Math.ceil(N / unit.length)) + suffix;
export const ADVERSARIAL: string[] = [
  pump('a', '', '!'),
  pump('a'),
  pump('A', '', '\u0000'),
  pump(' ', 'x', '\u0000'),
  pump(' ', 'thanks', 'x y z w!'),
  pump(' ', 'in', 'x'),
  pump(' ', '[Recipient'),
  pump(' ', '{{a'),
  pump('\t', '', '\u0000\t'),
  pump('\n', 'in', '\u0000'),
  pump('\n', 'x'),
  pump('0', 'x', '\u0000'),
  pump('0,', '', 'x'),
  pump('1.', '', '\u0000'),
  pump('.', 'x', 'x'),
  pump(',', '', '\u0000'),
  pump('!', '', '\u0000!'),
  pump("'", '\u0000', "'\u0000"),
  pump('-', '', '\u0000'),
  pump('a-', '', '\u0000'),
  pump('@', 'x', '\u0000'),
  pump('a@', '', '\u0000'),
  pump('/', '', '\u0000'),
  pump('é'),
  pump('😀'),
  pump('a '),
  pump('ab  '),
  pump('Ab, '),
  pump('a, '),
  pump('. '),
  pump('Hi Sam, '),
  pump('thanks '),
  pump('your '),
  pump('saw your '),
  pump('as a '),
  pump('for '),
  pump('we help '),
  pump('can you '),
  pump('https://x.io/a '),
  pump('I read your post on pricing. '),
  pump('Hi Sam, we help clinics cut costs. Quick call? '),
];

/**
 * Runs every pattern on every adversarial text in a worker; resolves with the first pattern that
 * misses the deadline (the worker is then stopped), or null. Each pattern runs as it is used: once,
 * or through all its matches when it is global.
 */
export function sweep(patterns: readonly Pattern[], texts: readonly string[], deadlineMs: number): Promise<{ pattern: Pattern; text: string } | null> {
  const code = `
    const { parentPort } = require('node:worker_threads');
    let texts = [];
    parentPort.on('message', (m) => {
      if (m.texts) { texts = m.texts; return; }
      const re = new RegExp(m.source, m.flags);
      for (let t = 0; t < texts.length; t++) {
        parentPort.postMessage({ i: m.i, text: t });
        const s = texts[t];
        if (re.global || re.sticky) {
          re.lastIndex = 0;
          let x;
          while ((x = re.exec(s))) if (x[0].length === 0) re.lastIndex++;
        } else re.exec(s);
      }
      parentPort.postMessage({ i: m.i, done: true });
    });`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true });
    worker.postMessage({ texts });
    let i = -1;
    let text = 0;
    let timer: NodeJS.Timeout | undefined;
    const next = () => {
      clearTimeout(timer);
      if (++i >= patterns.length) {
        void worker.terminate();
        resolve(null);
        return;
      }
      timer = setTimeout(() => {
        void worker.terminate();
        resolve({ pattern: patterns[i], text: texts[text] });
      }, deadlineMs);
      worker.postMessage({ i, source: patterns[i].source, flags: patterns[i].flags });
    };
    worker.on('message', (m: { i: number; text?: number; done?: boolean }) => {
      if (m.i !== i) return;
      if (m.done) next();
      else text = m.text!;
    });
    worker.on('error', reject);
    next();
  });
}

