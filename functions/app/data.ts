/**
 * DELETE /data: everything of the caller goes — verdicts, stats, coverage, upload records, the
 * owner record, raw uploads and reports with all their stored versions. Idempotent: a second call
 * removes nothing and says so. Objects go first: a report whose stats are gone is never served,
 * while stats without their objects would point at nothing.
 */
import type { ApiContext } from './api-context.ts';
import type { ApiAnswer, ApiRequest } from './http.ts';

/** What stays after a deletion, and for how long (the README's privacy section says the same). */
export const AFTER_DELETION =
  'Nothing of yours is left in the table or the bucket. Backups: the table\'s point-in-time recovery keeps its state of the last 35 days, then it is gone; deleted objects are not kept.';

export async function deleteMyData(req: ApiRequest, ctx: ApiContext): Promise<ApiAnswer> {
  const objects = await ctx.blobs.deleteUser(req.userId);
  const items = await ctx.store.deleteUser(req.userId);
  ctx.logger.info('user data deleted', { userId: req.userId, objects, ...items });
  return { status: 200, body: { deleted: { ...items, objects }, backups: AFTER_DELETION } };
}
