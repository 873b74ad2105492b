/**
 * `aoi audit <export.zip|Invitations.csv>...`: read, classify, summarise; optionally write the
 * yearly report pages. Thin: the work is done by the domain (functions/audit).
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { auditExport, mergeAudits, type AuditResult, type MergedAudit } from '../functions/audit/audit.ts';
import { ExportError, isValidTimeZone, type ReadLimits } from '../functions/audit/export/index.ts';
import { computeYearsStats, requestsByYear, yearsOf } from '../functions/audit/stats/index.ts';
import { CATEGORIES, isUnsure, KEEPABLE_ROLES, ROLES, UNSURE_BELOW, type ClassifiedRequest, type KeepableRole } from '../functions/audit/model.ts';
import { gradeSentTemplates, type SentTemplates } from '../functions/audit/report/templates.ts';
import { describeUnexpected, type CliIO } from './io.ts';
import { createLineWriter, createProgress } from './output.ts';

export interface AuditCliOptions {
  format: 'text' | 'json' | 'jsonl';
  out?: string;
  tz: string;
  year?: number;
  redact?: boolean;
  maxBytes?: number;
  maxEntries?: number;
  maxUncompressed?: number;
  maxRatio?: number;
  /**
   * The user's view (issue 16): roles whose notes to keep, e.g. `recruiter` (the job seeker's view:
   * a recruiter's note that names a concrete role is graded ACCEPT). A comma-separated string or a list.
   */
  keep?: string | string[];
}

class UsageError extends Error {}

/** `--keep recruiter` (or `recruiter,…`, or the option repeated): each one a KEEPABLE_ROLES name. */
export function parseKeep(keep: string | string[] | undefined): KeepableRole[] {
  if (keep === undefined) return [];
  const names = (Array.isArray(keep) ? keep : [keep]).flatMap((k) => k.split(',')).map((k) => k.trim().toLowerCase()).filter(Boolean);
  const out: KeepableRole[] = [];
  for (const name of names) {
    if (!(KEEPABLE_ROLES as readonly string[]).includes(name)) {
      throw new UsageError(`--keep "${name}" is not a role you can keep; use ${KEEPABLE_ROLES.join(', ')} (e.g. --keep recruiter: you are looking for a job).`);
    }
    if (!out.includes(name as KeepableRole)) out.push(name as KeepableRole);
  }
  return out;
}

function checkTimeZone(tz: string): void {
  if (!isValidTimeZone(tz)) throw new UsageError(`--tz "${tz}" is not a time zone; use an IANA name such as America/Los_Angeles or Europe/Berlin.`);
}

async function checkReadable(path: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new UsageError(`cannot read ${path}: no such file. Pass the path of your LinkedIn export zip or its Invitations.csv.`);
  }
  if (!info.isFile()) throw new UsageError(`${path} is not a file. Pass the path of your LinkedIn export zip or its Invitations.csv.`);
}

function limitsFrom(opts: AuditCliOptions): Partial<ReadLimits> {
  const limits: Partial<ReadLimits> = {};
  if (opts.maxBytes !== undefined) limits.maxInputBytes = opts.maxBytes;
  if (opts.maxEntries !== undefined) limits.maxEntries = opts.maxEntries;
  if (opts.maxUncompressed !== undefined) limits.maxUncompressedBytes = opts.maxUncompressed;
  if (opts.maxRatio !== undefined) limits.maxRatio = opts.maxRatio;
  return limits;
}

export async function runAudit(inputs: string[], opts: AuditCliOptions, io: CliIO): Promise<number> {
  const progress = createProgress(io.stderr);
  try {
    checkTimeZone(opts.tz);
    const keep = parseKeep(opts.keep);
    for (const input of inputs) await checkReadable(input);
    const results: AuditResult[] = [];
    for (const input of inputs) {
      const result = await auditExport(
        { name: basename(input), path: resolve(input) },
        {
          timeZone: opts.tz,
          limits: limitsFrom(opts),
          keep,
          onPhase: (phase, { file, requests, done }) =>
            progress.update(phase, phase === 'reading' ? { file } : phase === 'classifying' ? { file, done: done ?? 0, total: requests, unit: 'requests' } : { file, done: requests, unit: 'requests' }),
          onProgress: ({ file, rows }) => progress.update('reading', { file, done: rows, unit: 'rows' }),
        },
      );
      results.push(result);
    }
    const merged = mergeAudits(results);
    progress.clear();
    for (const p of merged.problems) io.stderr.write(`warning: ${p.file} row ${p.row}: ${p.reason}\n`);

    const years = yearsOf(merged.requests).filter((y) => opts.year === undefined || y === opts.year);
    const requests = opts.year === undefined ? merged.requests : merged.requests.filter((r) => r.year === opts.year);
    if (opts.year !== undefined && requests.length === 0) {
      io.stderr.write(`warning: no connection requests in ${opts.year}; the exports cover ${describeYears(yearsOf(merged.requests))}.\n`);
    }

    progress.update('writing', { done: requests.length, unit: 'requests' });
    if (opts.format === 'jsonl') {
      // on a terminal the lines would run into the progress line: it shows only when stdout goes elsewhere
      const quiet = Boolean((io.stdout as NodeJS.WriteStream).isTTY);
      if (quiet) progress.clear();
      const out = createLineWriter(io.stdout);
      for (let i = 0; i < requests.length; i++) {
        const r = requests[i];
        const wait = out.writeRecordWithUnsure(r, isUnsure(r));
        if (wait) await wait;
        if ((i & 4095) === 4095 && !quiet) progress.update('writing', { done: i + 1, total: requests.length, unit: 'requests' });
      }
      await out.flush();
    } else if (opts.format === 'json') {
      const stats = computeYearsStats(merged.requests, merged.coverages, years, { timeZone: opts.tz });
      const json = `${JSON.stringify({ owner: merged.owner, sources: merged.sources, coverages: merged.coverages, stats, requests: requests.map(withUnsure), problems: merged.problems }, null, 2)}\n`;
      progress.clear();
      io.stdout.write(json);
    } else {
      const text = textSummary(merged, years, opts.tz, keep);
      progress.clear();
      io.stdout.write(text);
    }
    progress.clear();

    if (opts.out) {
      progress.update('writing', { file: `report pages to ${opts.out}` });
      const written = await writeReports(merged, years, opts);
      progress.clear();
      const target = opts.format === 'text' ? io.stdout : io.stderr;
      for (const path of written) target.write(`${opts.format === 'text' ? 'report: ' : 'wrote '}${path}\n`);
    }
    return 0;
  } catch (err) {
    progress.clear();
    if (err instanceof ExportError || err instanceof UsageError) {
      io.stderr.write(`error: ${err.message}\n`);
      return 2;
    }
    io.stderr.write(`${describeUnexpected(err)}\n`);
    return 1;
  }
}

async function writeReports(merged: MergedAudit, years: number[], opts: AuditCliOptions): Promise<string[]> {
  // the page renderer (preact and the page's code: about 35 ms to load) only when pages are asked for
  const { renderYearReport } = await import('../functions/audit/report/index.ts');
  const dir = resolve(opts.out!);
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const year of years) {
    const html = renderYearReport({
      requests: merged.requests,
      coverages: merged.coverages,
      year,
      owner: merged.owner,
      timeZone: opts.tz,
      redact: opts.redact,
      keep: parseKeep(opts.keep),
    });
    const path = join(dir, `report-${year}.html`);
    await writeFile(path, html, 'utf8');
    written.push(path);
  }
  return written;
}

/** A CR as `--format json|jsonl` prints it: the model's fields plus `unsure` (confidence below UNSURE_BELOW). */
export function withUnsure(r: ClassifiedRequest): ClassifiedRequest & { unsure: boolean } {
  return { ...r, unsure: isUnsure(r) };
}

function describeYears(years: number[]): string {
  return years.length ? years.join(', ') : 'no year at all';
}

const pct = (n: number, d: number) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(0)}%`);
const pad = (s: string | number, n: number) => String(s).padStart(n);

function categoryLine(counts: Record<string, number>): string {
  const parts = CATEGORIES.filter((c) => c !== 'no_message' && (counts[c] ?? 0) > 0).map((c) => `${c} ${counts[c]}`);
  return parts.length ? parts.join(' · ') : 'no notes';
}

const PATTERN_WIDTH = 72;

/** One line of a note: whitespace collapsed, cut at `width` characters with an ellipsis. */
function oneLine(text: string, width: number): string {
  const t = text.replace(/\s+/gu, ' ').trim();
  const chars = [...t];
  return chars.length <= width ? t : `${chars.slice(0, width - 1).join('')}…`;
}

function verdictText(v: { verdict: string; category: string; unsure: boolean; confidence: number }): string {
  return `${v.verdict} ${v.category}${v.unsure ? ` (unsure — ${v.confidence.toFixed(2)})` : ''}`;
}

/**
 * The per-year "Your templates" block of the text summary: one line per template (sent, accepted,
 * rate, verdict, the pattern), then the notes written one by one. Empty when no sent note.
 */
export function templateLines(t: SentTemplates): string[] {
  if (t.withNote === 0) return [];
  const lines = [`  your templates${t.outcomesKnown ? '' : ' (accepted: unknown, the export has no Connections.csv)'}`];
  const figures = (x: { sent: number; accepted: number; rate: number | null }) =>
    t.outcomesKnown ? `${pad(x.sent, 5)} sent ${pad(x.accepted, 5)} accepted ${pad(x.rate === null ? '–' : `${Math.round(x.rate * 100)}%`, 4)}` : `${pad(x.sent, 5)} sent`;
  for (const row of t.templates) {
    lines.push(`    ${figures(row)}   ${verdictText(row)}${row.recipientsInAll >= 3 ? `, to ${row.recipientsInAll} people` : ''}`);
    lines.push(`           "${oneLine(row.pattern, PATTERN_WIDTH)}"`);
  }
  const one = t.oneByOne;
  if (one.sent > 0) {
    const verdicts = (['ACCEPT', 'IGNORE', 'NEITHER'] as const).filter((v) => one.byVerdict[v] > 0).map((v) => `${v} ${one.byVerdict[v]}`);
    lines.push(`    ${figures(one)}   written one by one: ${verdicts.join(' · ')}${one.unsure ? ` (${one.unsure} unsure)` : ''}`);
  }
  if (t.templates.length === 0) lines.push('    no template: every note was written one by one');
  return lines;
}

/**
 * Who wrote (issue 16), for one year and direction: notes per role with their ACCEPT count, most
 * frequent first (`unknown` last). The role of a sent CR is the invitee's where Connections.csv
 * names one, else the owner's intent read from the note.
 */
export function roleLine(requests: readonly ClassifiedRequest[]): string {
  const counts = new Map<string, { n: number; accept: number }>();
  for (const r of requests) {
    const c = counts.get(r.role) ?? { n: 0, accept: 0 };
    c.n++;
    if (r.verdict === 'ACCEPT') c.accept++;
    counts.set(r.role, c);
  }
  const order = ROLES.filter((role) => counts.has(role)).sort((a, b) => (a === 'unknown' ? 1 : b === 'unknown' ? -1 : counts.get(b)!.n - counts.get(a)!.n));
  return order.map((role) => `${role} ${counts.get(role)!.n}${counts.get(role)!.accept ? ` (${counts.get(role)!.accept} ACCEPT)` : ''}`).join(' · ');
}

function textSummary(merged: MergedAudit, years: number[], tz: string, keep: readonly KeepableRole[] = []): string {
  const lines: string[] = [];
  const who = merged.owner ? merged.owner.name : 'unknown owner';
  lines.push(`Accept or Ignore — ${who}`);
  if (keep.length) {
    lines.push(`view: keeping ${keep.join(', ')} (you are looking for a job: a recruiter's note that names a role is graded ACCEPT; its category stays)`);
  }
  lines.push(`${merged.sources.length} export${merged.sources.length === 1 ? '' : 's'}: ${merged.sources.join(', ')}`);
  lines.push(`${merged.requests.length} connection requests, ${merged.problems.length} warning${merged.problems.length === 1 ? '' : 's'}; times in ${tz}`);
  // each year's CRs and stats from one reading of all of them (not several passes a year)
  const byYear = requestsByYear(merged.requests);
  const stats = computeYearsStats(merged.requests, merged.coverages, years, { timeZone: tz }, byYear);
  years.forEach((year, y) => {
    const s = stats[y]!;
    const ofYear = byYear.get(year) ?? [];
    // the year's received and sent CRs with a note or a known role, its unsure verdicts and kept ones, in one pass
    const received: ClassifiedRequest[] = [];
    const sentWith: ClassifiedRequest[] = [];
    let unsure = 0;
    let kept = 0;
    for (const r of ofYear) {
      if (r.role !== 'unknown' || r.message.trim() !== '') (r.direction === 'INCOMING' ? received : sentWith).push(r);
      if (isUnsure(r)) unsure++;
      if (r.kept) kept++;
    }
    lines.push('');
    lines.push(`${year}`);
    const inc = s.byDirection.INCOMING;
    const out = s.byDirection.OUTGOING;
    lines.push(
      `  received ${pad(inc.total, 5)}   with a note ${pad(inc.withNote, 4)}   ACCEPT ${pad(inc.byVerdict.ACCEPT, 4)}   IGNORE ${pad(inc.byVerdict.IGNORE, 4)}   no note ${pad(inc.byVerdict.NEITHER, 4)}`,
    );
    if (inc.withNote) lines.push(`           ${categoryLine(inc.byCategory)}`);
    if (received.length) lines.push(`           by role: ${roleLine(received)}`);
    const acc = s.sentAcceptance;
    lines.push(
      `  sent     ${pad(out.total, 5)}   with a note ${pad(out.withNote, 4)}   ACCEPT ${pad(out.byVerdict.ACCEPT, 4)}   IGNORE ${pad(out.byVerdict.IGNORE, 4)}   no note ${pad(out.byVerdict.NEITHER, 4)}`,
    );
    if (out.withNote) lines.push(`           ${categoryLine(out.byCategory)}`);
    if (sentWith.length) lines.push(`           by role (the invitee's where Connections.csv says it): ${roleLine(sentWith)}`);
    if (out.total) lines.push(`           accepted ${acc.accepted} (${pct(acc.accepted, acc.sent)}), pending ${acc.pending}, unknown ${acc.unknown}`);
    if (s.worstCategory) lines.push(`  worst category received: ${s.worstCategory}`);
    if (unsure) lines.push(`  unsure verdicts (confidence below ${UNSURE_BELOW}): ${unsure}`);
    if (keep.length) lines.push(`  kept by your view (${keep.join(', ')}): ${kept} graded ACCEPT`);
    lines.push(...templateLines(gradeSentTemplates(ofYear, year)));
  });
  lines.push('');
  return lines.join('\n');
}
