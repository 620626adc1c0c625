// The one error type routes throw; app.onError turns it into `{error:{code,message,issues}}`.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiIssue } from '../../core/index.ts';

export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: ApiIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** zod issues → API issues whose `path` names the field ("rows.2.progress"). */
export function zodIssues(
  issues: readonly { path: readonly PropertyKey[]; code: string; message: string }[],
  prefix = '',
): ApiIssue[] {
  return issues.map((i) => {
    const path = i.path.map(String).join('.');
    return {
      path: prefix && path ? `${prefix}.${path}` : prefix || path || '(body)',
      code: i.code,
      message: i.message,
      severity: 'error' as const,
    };
  });
}
