/** GET /verdicts: the caller's verdicts, newest first, filtered and paged with an opaque cursor. */
import { isUnsure } from '../audit/model.ts';
import { InvalidCursorError } from '../audit/ports.ts';
import type { ApiContext } from './api-context.ts';
import { badRequest, parse, type ApiAnswer, type ApiRequest } from './http.ts';
import { verdictQuery } from './schemas.ts';

export async function listVerdicts(req: ApiRequest, ctx: ApiContext): Promise<ApiAnswer> {
  const query = parse(verdictQuery, req.query, 'query');
  try {
    const page = await ctx.store.queryVerdicts(req.userId, query);
    // `unsure` is derived, never stored: a verdict below UNSURE_BELOW is shown as unsure.
    return { status: 200, body: { items: page.items.map((v) => ({ ...v, unsure: isUnsure(v) })), cursor: page.cursor } };
  } catch (err) {
    if (err instanceof InvalidCursorError) throw badRequest(`invalid query: ${err.message}`);
    throw err;
  }
}
