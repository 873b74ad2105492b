/**
 * The house rules that a reader of the import lines can check (issue 12): no import cycles
 * anywhere, the domain (functions/audit) imports no adapter, use case, AWS SDK or network code,
 * use cases (functions/app) import no adapter, and the Lambda handlers stay thin.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCE_DIRS = ['bin', 'cli', 'functions', 'lib', 'local', 'scripts'];
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.mjs', '.js'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (EXTENSIONS.some((ext) => name.endsWith(ext)) && !name.endsWith('.d.mts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Every module specifier a file imports: static imports, re-exports and dynamic `import('…')` with a literal. */
export function specifiersOf(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\s[^;'"]*?\sfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.push(m[1]!);
  return found;
}

function resolveLocal(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  const candidates = [base, ...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => join(base, 'index' + ext))];
  // `.js` written for a `.ts` file (NodeNext style)
  if (/\.(m?js)$/.test(base)) candidates.push(base.replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts'));
  for (const c of candidates) {
    try {
      if (statSync(c).isFile()) return c;
    } catch {
      /* next */
    }
  }
  throw new Error(`${relative(ROOT, from)} imports ${specifier}, which does not resolve`);
}

interface Graph {
  files: string[];
  edges: Map<string, string[]>;
  external: Map<string, string[]>;
}

function buildGraph(): Graph {
  const files = SOURCE_DIRS.flatMap((d) => sourceFiles(join(ROOT, d)));
  const edges = new Map<string, string[]>();
  const external = new Map<string, string[]>();
  for (const file of files) {
    const specs = specifiersOf(readFileSync(file, 'utf8'));
    edges.set(file, specs.map((s) => resolveLocal(file, s)).filter((p): p is string => p !== null));
    external.set(file, specs.filter((s) => !s.startsWith('.')));
  }
  return { files, edges, external };
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
export function cyclesOf(nodes: string[], edges: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const n of nodes) if (!indices.has(n)) visit(n);
  return cycles;
}

const graph = buildGraph();
const rel = (p: string) => relative(ROOT, p);
const under = (dir: string) => (p: string) => rel(p).startsWith(dir + '/');

describe('the import graph', () => {
  it('finds the files and their imports (the check looks at something)', () => {
    expect(graph.files.length).toBeGreaterThan(100);
    const ingest = graph.edges.get(join(ROOT, 'functions/ingest.ts'))!.map(rel);
    expect(ingest).toContain('functions/app/ingest-upload.ts');
  });

  it('has no import cycles', () => {
    expect(cyclesOf(graph.files, graph.edges).map((c) => c.map(rel))).toEqual([]);
  });

  it('detects a cycle when there is one', () => {
    const edges = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['d']],
      ['e', ['a']],
    ]);
    expect(cyclesOf(['a', 'b', 'c', 'd', 'e'], edges)).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('reads static, re-export, side-effect and dynamic imports', () => {
    const source = `import a from './a.ts';\nimport { b,\n c } from "./b.ts";\nexport * from './c.ts';\nimport './d.ts';\nconst e = await import('./e.ts');\n// from './nope.ts' in a comment line is not an import\n`;
    expect(specifiersOf(source).sort()).toEqual(['./a.ts', './b.ts', './c.ts', './d.ts', './e.ts']);
  });
});

describe('layers', () => {
  const domain = graph.files.filter(under('functions/audit'));
  const useCases = graph.files.filter(under('functions/app'));

  it('the domain (functions/audit) imports nothing outside itself but pure packages', () => {
    const PURE_PACKAGES = /^(node:(buffer|crypto|stream|string_decoder|zlib|util)|zod|papaparse|fflate|yauzl|preact|preact-render-to-string|preact\/.*)$/;
    // The one file that opens a path given by the caller: the reader's edge (export/input.ts).
    const FILE_EDGE = 'functions/audit/export/input.ts';
    // The classifier's fitted data, read-only, from files shipped beside the module (like a JSON
    // import, but read on first use): every node:fs use there must name a path relative to
    // import.meta.url (checked below), never one from the caller or the environment.
    const FITTED_DATA = ['functions/audit/classify/fitted.ts', 'functions/audit/classify/gate.ts'];
    const offences: string[] = [];
    for (const file of domain) {
      for (const target of graph.edges.get(file)!) if (!under('functions/audit')(target)) offences.push(`${rel(file)} → ${rel(target)}`);
      for (const pkg of graph.external.get(file)!) {
        if (PURE_PACKAGES.test(pkg)) continue;
        if (rel(file) === FILE_EDGE && /^node:fs(\/promises)?$/.test(pkg)) continue;
        if (FITTED_DATA.includes(rel(file)) && pkg === 'node:fs') {
          const reads = readFileSync(file, 'utf8').match(/readFileSync\([^\n]*/g) ?? [];
          if (reads.length && reads.every((r) => /^readFileSync\(new URL\(`\.\/\$\{[A-Z_]+\}`, import\.meta\.url\)/.test(r))) continue;
        }
        offences.push(`${rel(file)} → ${pkg}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('the use cases (functions/app) import the domain, not the adapters or an SDK', () => {
    const offences: string[] = [];
    for (const file of useCases) {
      for (const target of graph.edges.get(file)!) if (!under('functions/audit')(target) && !under('functions/app')(target)) offences.push(`${rel(file)} → ${rel(target)}`);
      for (const pkg of graph.external.get(file)!) if (/^(@aws-sdk|aws-lambda|@aws-lambda-powertools)/.test(pkg)) offences.push(`${rel(file)} → ${pkg}`);
    }
    expect(offences).toEqual([]);
  });

  it('the Lambda handlers stay thin (at most about 80 lines)', () => {
    for (const handler of ['functions/ingest.ts', 'functions/api.ts']) {
      const lines = readFileSync(join(ROOT, handler), 'utf8').split('\n').length;
      expect(lines, handler).toBeLessThanOrEqual(90);
    }
  });
});
