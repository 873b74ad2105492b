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
