// Request validation with @hono/zod-validator and ONE error hook for every route: a bad body is a 422, a bad query
// or header a 400, each naming the fields in `issues[].path` under the route's own error code.
import { zValidator } from '@hono/zod-validator';
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { AppError, zodIssues } from './app-error.ts';
import { readJsonBody } from './json-body.ts';

/** What a rejected request is called: the error code and the words before the list of fields. */
export interface Rejection {
  code: string;
  zh: string;
  en: string;
}
/** A fixed name, or one taken from the rejected input itself (e.g. the file it was about). */
type Naming = Rejection | ((input: unknown) => Rejection);

type Result = { data: unknown } & ({ success: true } | { success: false; error: { issues: z.core.$ZodIssue[] } });

/** The one hook: turns a failed parse into the API's error, fields named by path. */
export function rejectWith(status: ContentfulStatusCode, naming: Naming) {
  return (result: Result): void => {
    if (result.success) return;
    const what = typeof naming === 'function' ? naming(result.data) : naming;
    const issues = zodIssues(result.error.issues);
    const fields = [...new Set(issues.map((i) => i.path))];
    throw new AppError(
      status,
      what.code,
      { zh: `${what.zh}：${fields.join('、')}`, en: `${what.en}: ${fields.join(', ')}` },
      issues,
    );
  };
}

/**
 * The JSON body, checked in a fixed order — media type (415), size (413, while streaming), syntax (400) — by
 * lib/json-body.ts, then the schema (422). The read text is handed to hono's body cache for zValidator to parse.
 */
export function jsonBody<T extends z.ZodType>(schema: T, what: Naming) {
  const validate = zValidator('json', schema, rejectWith(422, what));
  const read: MiddlewareHandler = async (c: Context, next) => {
    const { text } = await readJsonBody(c.req.raw);
    // hono keeps what it has read of a body as promises in bodyCache; zValidator then parses this same text.
    (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text);
    return validate(c, next);
  };
  return read as unknown as typeof validate;
}

const INVALID_QUERY: Rejection = { code: 'invalid_query', zh: '查询参数有误', en: 'invalid query' };

/** The query string: 400 invalid_query naming the parameter, unless the route names its own error. */
export const query = <T extends z.ZodType>(schema: T, own?: { status: ContentfulStatusCode; what: Naming }) =>
  zValidator('query', schema, rejectWith(own?.status ?? 400, own?.what ?? INVALID_QUERY));

/** Request headers (400 naming the header, e.g. `Idempotency-Key`). */
export const headers = <T extends z.ZodType>(schema: T, what: Naming) =>
  zValidator('header', schema, rejectWith(400, what));
