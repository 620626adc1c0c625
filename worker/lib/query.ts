// Query-string validation: a bad parameter is a 400 naming it.
import type { z } from 'zod';
import { AppError, zodIssues } from './app-error.ts';

export function parseQuery<T extends z.ZodType>(schema: T, query: Record<string, string>): z.infer<T> {
  const r = schema.safeParse(query);
  if (!r.success) {
    const issues = zodIssues(r.error.issues);
    throw new AppError(400, 'invalid_query', `查询参数有误 / invalid query: ${issues.map((i) => i.path).join(', ')}`, issues);
  }
  return r.data;
}

/** `history=1` / `true` → true. */
export const flag = (v: string | undefined): boolean => v === '1' || v === 'true';
