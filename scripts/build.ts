/**
 * `npm run build` (also `prepare`, so `npm ci` leaves a runnable clone, `prepack` and `prestart`):
 * the CLI as the package ships it, in dist/.
 *
 * esbuild bundles bin/aoi.ts and everything it imports from this repository into ES modules:
 * dist/aoi.js (argument parsing only) plus one chunk per command, because bin/aoi.ts imports each
 * command's module only when that command runs (`splitting`): `aoi --help` loads 2 files of ours,
 * `aoi check` 6. Packages in node_modules stay external, loaded from the installed `dependencies`.
 * Why a bundle and not `tsc` with rewriteRelativeImportExtensions: the build takes under a second
 * (tsc -p: 17-30 s here), JSX and the JSON model need no extra step, and it ships ~10 files
 * instead of 84; start-up measured the same both ways (`aoi check` is spent initialising the
 * classifier, not loading files: scripts/bench-cli.ts). The type check stays `npm run typecheck`.
 *
 * Beside the chunks, the files that code finds next to itself at run time
 * (`new URL('./…', import.meta.url)`): the page (dist/web/), the dynalite child process
 * (dist/dynalite-child.mjs with the two plain modules it imports) and the fitted data read at
 * run time (dist/fitted/: the word model, classify/fitted.ts, and the gates, classify/gate.ts). sample-data/ ships
 * from the package root, where `new URL('../sample-data/', import.meta.url)` finds it from dist/.
 *
 *   npm run build            # dist/; test/integration/cli/package.test.ts packs and runs it
 */
import { build, type Plugin } from 'esbuild';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { ROLE_MODEL_FILE, WORD_MODEL_FILE } from '../functions/audit/classify/fitted.ts';
import { GATES_FILE } from '../functions/audit/classify/gate.ts';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
/** What local/*.ts expects beside itself at run time (see the modules' `import.meta.url`). */
const RUNTIME_FILES = ['dynalite-child.mjs', 'loopback.mjs', 'sigv4.mjs'];

/**
 * Every package import stays external (loaded from node_modules at run time) but commander's, which
 * is bundled into aoi.js; its `node:child_process` (for git-style subcommands, which aoi has none
 * of) is required when first used, not at every start.
 */
const bundleCommander: Plugin = {
  name: 'bundle-commander',
  setup(b) {
    b.onResolve({ filter: /^[^./]|^\.[^./]|^\.\.[^/]/ }, (args) => {
      if (args.path === 'commander' || args.path.startsWith('commander/')) return undefined;
      if (args.path.startsWith('node:') || !args.path.startsWith('.')) return { path: args.path, external: true };
      return undefined;
    });
    b.onLoad({ filter: /[\\/]node_modules[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const src = await readFile(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!src.includes(eager)) throw new Error(`build: commander's ${args.path} no longer requires child_process as expected`);
      return { contents: src.replace(eager, "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };"), loader: 'js' };
    });
  },
};

/**
 * An ES module import of a Node built-in (`import { readFileSync } from 'node:fs'`) makes Node build
 * its ESM facade, which reads every export of the module once: node:fs's lazy getters then load
 * fs/promises, the fs streams, the watchers and readline (about 12 internal modules Node compiles
 * at run time, ~2.5% of `aoi check`'s instructions). In the bundle, the built-ins our code imports
 * are reached through `require` (defined by the banner), as commander's already are: esbuild's
 * CommonJS interop reads a property only when the code uses it.
 */
const builtinsByRequire: Plugin = {
  name: 'builtins-by-require',
  setup(b) {
    b.onResolve({ filter: /^node:fs$/ }, (args) => (args.kind === 'import-statement' ? { path: args.path, namespace: 'aoi-builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'aoi-builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

/**
 * dist/aoi.js is a few lines that turn on Node's compile cache and then import the CLI proper
 * (bin/aoi.ts and commander, its own chunk): a module compiled before the cache is on is compiled
 * afresh at every start, and that was commander's 60 KB, the largest file `aoi check` compiled.
 * It changes no V8 flag: stop 25 had it turn off V8's regexp tier-up here
 * (`v8.setFlagsFromString('--no-regexp-tier-up')`, about 30 ms off `aoi check` and 4% off the
 * 100k-row audit's CPU), and Node warns that a flag changed after V8 has started may crash the
 * process: it did, silently, at start-up (a segmentation fault in 5 of 300 `aoi check` runs, 3 at
 * a time; 1 in 300 without the compile cache, 0 in 300 without the flag), which made `aoi start`
 * fail in CI. test/integration/cli/build.test.ts checks that the entry sets none.
 */
const entry: Plugin = {
  name: 'aoi-entry',
  setup(b) {
    b.onResolve({ filter: /^aoi-entry$/ }, () => ({ path: 'aoi-entry', namespace: 'aoi-entry' }));
    b.onLoad({ filter: /.*/, namespace: 'aoi-entry' }, () => ({
      // (the CLI's path as a value: this file does not import it, the entry it writes does)
      contents: `import nodeModule from 'node:module';\nnodeModule.enableCompileCache?.();\nawait import(${JSON.stringify('./bin/aoi.ts')});\n`,
      resolveDir: root,
      loader: 'js',
    }));
  },
};

const started = performance.now();
const result = await build({
  absWorkingDir: root,
  entryPoints: { aoi: 'aoi-entry' },
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  // Packages in node_modules stay external, except commander: bundled, it is part of aoi.js and
  // not resolved and loaded as a CommonJS package at every start (see bundleCommander).
  plugins: [entry, builtinsByRequire, bundleCommander],
  // Chunks sit beside aoi.js: `new URL('../sample-data/', import.meta.url)` must reach the package root.
  chunkNames: '[name]-[hash]',
  // The weights stay JSON files beside the chunks (JSON.parse reads data faster than V8 compiles
  // the same data as a JavaScript object literal).
  loader: { '.json': 'copy' },
  assetNames: '[name]-[hash]',
  // No identifier mangling: an `AOI_DEBUG=1` stack trace stays readable.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  // `require` for the bundled CommonJS (commander's `require('node:events')`…): esbuild's shim uses it when defined
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __aoiCreateRequire } from 'node:module';\nconst require = __aoiCreateRequire(import.meta.url);" },
  write: false,
  logLevel: 'warning',
});

const files = new Map<string, Uint8Array | string>();
for (const f of result.outputFiles) files.set(relative(dist, f.path), f.contents);
for (const f of await readdir(join(root, 'local/web'))) files.set(`web/${f}`, await readFile(join(root, 'local/web', f)));
for (const f of RUNTIME_FILES) files.set(f, await readFile(join(root, 'local', f)));
// The fitted data read at run time from beside the classifier's chunk: the word and role models
// (classify/fitted.ts) and the gates derived ahead (classify/gate.ts).
for (const f of [WORD_MODEL_FILE, ROLE_MODEL_FILE, GATES_FILE]) files.set(f, await readFile(join(root, 'functions/audit/classify', f)));

// Each file is written beside its place and renamed over it, and stale files go last: a CLI that
// is running from dist/ while it is rebuilt (`npm pack` in one test, `npm start` in another) only
// ever sees whole files. Chunk names are content hashes, so unchanged code keeps its name. A
// build running at the same time keeps its temporary files: removed as stale, its rename would
// fail and that build with it (`npm start` exiting at once; seen once in CI). A dead build's are
// removed.
/** A temporary file of another build that is still running. */
function inFlight(name: string): boolean {
  const pid = Number(/\.tmp-(\d+)$/.exec(name)?.[1]);
  if (!pid || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let bytes = 0;
for (const [name, contents] of files) {
  const path = join(dist, name);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.tmp-${process.pid}`, contents, { mode: name === 'aoi.js' ? 0o755 : 0o644 });
  await rename(`${path}.tmp-${process.pid}`, path);
  bytes += typeof contents === 'string' ? Buffer.byteLength(contents) : contents.byteLength;
}
for (const f of await readdir(dist, { recursive: true, withFileTypes: true })) {
  const name = relative(dist, join(f.parentPath, f.name));
  if (f.isFile() && !files.has(name) && !inFlight(name)) await rm(join(dist, name), { force: true });
}
const modules = [...files.keys()].filter((f) => f.endsWith('.js')).length;
process.stdout.write(`build: dist/ (${modules} modules, ${(bytes / 1024).toFixed(0)} KiB) in ${Math.round(performance.now() - started)} ms\n`);
