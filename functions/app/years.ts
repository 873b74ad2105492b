/** GET /years (the years with data) and GET /stats/{year} (a year's numbers, coverage judged as of today). */
import { yearStatsAsOf } from '../audit/stats/index.ts';
import type { ApiContext } from './api-context.ts';
import { notFound, parse, type ApiAnswer, type ApiRequest } from './http.ts';
import { yearParam } from './schemas.ts';

export async function listYears(req: ApiRequest, ctx: ApiContext): Promise<ApiAnswer> {
  return { status: 200, body: { years: await ctx.store.listYears(req.userId) } };
}

export async function getYearStats(req: ApiRequest, ctx: ApiContext): Promise<ApiAnswer> {
  const { year } = parse(yearParam, req.params, 'path');
  const stats = await ctx.store.getYearStats(req.userId, year);
  if (!stats) throw notFound(`no data for ${year}: GET /years lists the years with data`);
  return { status: 200, body: yearStatsAsOf(stats, ctx.now().toISOString().slice(0, 10)) };
}
