/**
 * The API's request and answer, independent of API Gateway: a route gets the caller (the token's
 * subject), path parameters, query and parsed JSON body, and answers a status and a JSON body, or
 * throws an HttpProblem (answered as application/problem+json by the handler).
 */
import type * as z from 'zod';

export interface ApiRequest {
  /** The caller: the verified token's `sub`, never a parameter. */
  userId: string;
  params: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  /** The parsed JSON body; undefined without a body. */
  body: unknown;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
}

/** A refusal worded for the caller: 400 names the bad parameter, 404 says what to ask instead. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export const badRequest = (detail: string) => new HttpProblem(400, 'Bad Request', detail);
export const notFound = (detail: string) => new HttpProblem(404, 'Not Found', detail);

/** zod issues → "name: what is wrong; …" */
function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/** Validates `value` (the path, query or body: `where`), or throws a 400 that names what is wrong. */
export function parse<T>(schema: z.ZodType<T>, value: unknown, where: 'path' | 'query' | 'body'): T {
  const out = schema.safeParse(value);
  if (!out.success) throw badRequest(`invalid ${where}: ${describeIssues(out.error)}`);
  return out.data;
}

/** The request body as JSON (undefined without one), or a 400 that shows what a body looks like. */
export function parseJsonBody(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('the request body must be JSON, e.g. {"filename": "Basic_LinkedInDataExport_03-14-2026.zip"}');
  }
}

/** A refusal as an application/problem+json document (RFC 9457). */
export function problemDocument(p: Pick<HttpProblem, 'status' | 'title' | 'detail'>): { type: string; title: string; status: number; detail: string } {
  return { type: 'about:blank', title: p.title, status: p.status, detail: p.detail };
}
