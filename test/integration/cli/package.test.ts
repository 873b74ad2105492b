/**
 * The package as a user gets it: `npm pack` (prepack builds dist/), then `npm install <tarball>`
 * into an empty folder, then the `aoi` that npm linked in node_modules/.bin, on plain `node`: no
 * TypeScript loader, no dev dependency, nothing from this checkout but the tarball. Proves that
 * `files` ships what runs and that `dependencies` hold everything `aoi` and `aoi start` load.
 * npm installs from its cache first (--prefer-offline): after `npm ci` it needs no download.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleManifest, samplePath } from '../../helpers/sample-data.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../..');
const ZIP = 'Basic_LinkedInDataExport_07-02-2025.zip';

let work: string;
let tarball: string;
let packed: string[];
let aoiBin: string;

async function aoi(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(aoiBin, args, { cwd: work, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'aoi-package-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  const [info] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, info!.filename);
  packed = info!.files.map((f) => f.path);
  // A package.json of its own: npm would otherwise install into the nearest parent folder that has one.
  await writeFile(join(work, 'package.json'), '{ "name": "aoi-user", "private": true }\n');
  await run('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: work, maxBuffer: 16 * 1024 * 1024 });
  aoiBin = join(work, 'node_modules/.bin/aoi');
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('ships the built CLI, the page and the sample data, and no source, test or CDK file', () => {
    expect(packed).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/aoi.js', 'dist/web/index.html', 'dist/dynalite-child.mjs', `sample-data/${ZIP}`]));
    expect(packed.filter((f) => /\.tsx?$/.test(f))).toEqual([]);
    expect(packed.filter((f) => /^(bin|cli|lib|functions|local|test|scripts|eval|types)\//.test(f))).toEqual([]);
  });

  it('installs with runtime dependencies only: no CDK, TypeScript loader or test tool', async () => {
    const pkg = JSON.parse(await readFile(join(work, 'node_modules/accept-or-ignore/package.json'), 'utf8')) as { bin: Record<string, string>; dependencies: Record<string, string> };
    expect(pkg.bin).toEqual({ aoi: 'dist/aoi.js' });
    for (const dev of ['aws-cdk-lib', 'cdk-nag', 'constructs', 'tsx', 'typescript', 'vitest', 'esbuild']) {
      expect(pkg.dependencies, dev).not.toHaveProperty(dev);
    }
    expect((await readFile(join(work, 'node_modules/accept-or-ignore/dist/aoi.js'), 'utf8')).split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('aoi --help', async () => {
    const { code, stdout, stderr } = await aoi('--help');
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('Usage: aoi');
    for (const command of ['audit', 'check', 'classify', 'start']) expect(stdout).toContain(command);
  });

  it('aoi audit on a sample export prints every connection request', async () => {
    const m = sampleManifest.files.find((f) => f.file === ZIP)!;
    const { code, stdout, stderr } = await aoi('audit', samplePath(ZIP), '--format', 'jsonl');
    expect(code, stderr).toBe(0);
    const rows = stdout.trim().split('\n').map((l) => JSON.parse(l) as { direction: string; verdict: string });
    expect(rows).toHaveLength(m.requests);
    expect(rows.filter((r) => r.direction === 'INCOMING')).toHaveLength(m.incoming);
    expect(new Set(rows.map((r) => r.verdict))).toEqual(new Set(['ACCEPT', 'IGNORE', 'NEITHER']));

    const text = await aoi('audit', samplePath(ZIP), '--out', join(work, 'reports'));
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`${m.requests} connection requests`);
    expect(text.stdout).toMatch(/report: .*report-\d{4}\.html/);
  });

  it('aoi check lints a note', async () => {
    const { code, stdout, stderr } = await aoi('check', 'Hi Sam, loved your talk on CSV parsing at DataConf. Would be glad to connect.');
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^verdict: {4}ACCEPT$/m);
    expect(stdout).toMatch(/^category: {3}good$/m);
    expect(stderr).toBe('');
  });

  it('aoi start serves the page and the API from the installed package, seeded with its sample, and stops on SIGTERM', async () => {
    const child = spawn(aoiBin, ['start', '--memory', '--port', '0', '--s3-port', '0', '--dynamo-port', '0'], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const deadline = Date.now() + 60_000;
      while (!out.includes('Press Ctrl-C')) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`aoi start did not come up:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const page = /Page\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
      const apiUrl = /API\s+(http:\/\/127\.0\.0\.1:\d+\/api)/.exec(out)![1]!;
      const token = /Token\s+(\S+)/.exec(out)![1]!;
      const html = await fetch(page);
      expect(html.status).toBe(200);
      expect(await html.text()).toContain('<html');
      expect((await fetch(`${page}/app.js`)).status).toBe(200);
      expect((await fetch(`${apiUrl}/years`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      expect(out).toContain('uploaded the sample export');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(out).toContain('Stopped.');
  }, 120_000);
});
