/**
 * The yearly "best of the worst" report: one self-contained HTML page per year.
 * `buildReportModel` computes what the page shows (pure data); `renderYearReport` renders it.
 */
import { buildReportModel, type ReportInput } from './build.ts';
import { renderPage } from './page.tsx';

export { buildReportModel, safeProfileUrl, highlight, scoreOf, byScore, byConfidentScore } from './build.ts';
export type { ReportInput, ReportModel, ExampleView, ShameEntry, ClusterView, YearOverYearRow, NoteSegment, TemplatesView, TemplateView, ViewInfo, RoleRow, RoleMonth, WhoWritesView } from './build.ts';
export { gradeSentTemplates, isMassTemplate, isOneSenderTemplate, type SentTemplates, type TemplateGrade, type OneByOne, type SentOutcomes } from './templates.ts';
export { computeYearStats, yearsOf, type YearStats } from '../stats/index.ts';
export { CSP } from './page.tsx';

/** One self-contained HTML document (inline CSS and SVG, no script, a CSP that forbids any request). */
export function renderYearReport(input: ReportInput): string {
  return renderPage(buildReportModel(input));
}
