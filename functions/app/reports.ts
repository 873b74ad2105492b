/** GET /reports/{year}: a short-lived link to the year's report page. */
import type { ApiContext } from './api-context.ts';
import { notFound, parse, type ApiAnswer, type ApiRequest } from './http.ts';
import { yearParam } from './schemas.ts';

export async function getReportLink(req: ApiRequest, ctx: ApiContext): Promise<ApiAnswer> {
  const { year } = parse(yearParam, req.params, 'path');
  // Stats are stored after the report, so a year with stats has a report. (No HEAD: without
  // s3:ListBucket, S3 answers 403, not 404, for a missing key.)
  if (!(await ctx.store.getYearStats(req.userId, year))) throw notFound(`no report for ${year}: GET /years lists the years with data`);
  const url = await ctx.blobs.reportLink(req.userId, year, ctx.reportLinkSeconds);
  return { status: 200, body: { year, url, expiresAt: new Date(ctx.now().getTime() + ctx.reportLinkSeconds * 1000).toISOString() } };
}
