/**
 * GET /settings and PUT /settings: the caller's view of their inbox, stored per user. `keep`
 * lists the roles whose notes the user wants to keep: `["recruiter"]` is the job seeker's view
 * (a recruiter's note that names a concrete role is graded ACCEPT, its category stays the seed's),
 * `[]` the standard view. A change applies from the next upload on: the stored verdicts, stats
 * and reports stay as they were graded (upload the latest export again to re-grade them).
 */
import type { ApiContext } from './api-context.ts';
import { parse, type ApiAnswer, type ApiRequest } from './http.ts';
import { settingsBody } from './schemas.ts';

export async function getSettings(req: ApiRequest, ctx: ApiContext): Promise<ApiAnswer> {
  const settings = await ctx.store.getSettings(req.userId);
  return { status: 200, body: settings };
}

export async function putSettings(req: ApiRequest, ctx: ApiContext): Promise<ApiAnswer> {
  const { keep } = parse(settingsBody, req.body ?? {}, 'body');
  const settings = { keep, updatedAt: ctx.now().toISOString() };
  await ctx.store.putSettings(req.userId, settings);
  ctx.logger.info('settings changed', { userId: req.userId, keep });
  return { status: 200, body: settings };
}
