/**
 * Dev script: writes a yearly report to test-artifacts/ to look at in a browser.
 *   npx tsx scripts/render-sample-report.ts [year] [--redact]
 * Reads and classifies sample-data/*.zip with the real pipeline when present, else uses the
 * hand-built fixtures of the report tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { renderYearReport } from '../functions/audit/report/index.ts';
import { loadReportData } from '../test/helpers/report-data.ts';

const data = await loadReportData();
const year = Number(process.argv.find((a) => /^\d{4}$/.test(a)) ?? data.year);
const redact = process.argv.includes('--redact');
const started = performance.now();
const html = renderYearReport({ requests: data.requests, coverages: data.coverages, year, owner: data.owner, redact, generatedAt: data.generatedAt });
const ms = performance.now() - started;
mkdirSync('test-artifacts', { recursive: true });
const path = `test-artifacts/sample-report-${year}${redact ? '-redacted' : ''}.html`;
writeFileSync(path, html);
console.log(`wrote ${path} from ${data.from}: ${data.requests.length} CRs, ${html.length} bytes, rendered in ${ms.toFixed(1)} ms`);
