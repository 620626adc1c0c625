// The one error type routes throw; app.onError turns it into `{error:{code,message,messageEn,issues}}`, where
// `message` is the Chinese text and `messageEn` the English one. Every error answer has `issues` (an empty list only
// where no field is at fault, as for a 500).
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiIssue, Bilingual } from '../../core/schemas/api.ts';

export class AppError extends Error {
  readonly messageEn: string;

  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    text: Bilingual,
    readonly issues: ApiIssue[] = [],
    /** Extra response headers, e.g. Retry-After on 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(text.zh);
    this.name = 'AppError';
    this.messageEn = text.en;
  }
}

/** 404 for what a path parameter names (`id` unless told): the issue names that parameter. */
export const notFound = (text: Bilingual, path = 'id') =>
  new AppError(404, 'not_found', text, [{ path, code: 'not_found', message: text.zh, messageEn: text.en }]);

/** A custom refinement (core's text-cleaning rule) names its reason ("bidi_control"); that is the useful code. */
function customCode(i: { code: string; params?: Record<string, unknown> }): string {
  return i.code === 'custom' && typeof i.params?.reason === 'string' ? i.params.reason : i.code;
}

/** zod issues → API issues whose `path` names the field ("rows.2.progress"). */
export function zodIssues(
  issues: readonly {
    path: readonly PropertyKey[];
    code: string;
    message: string;
    keys?: readonly string[];
    params?: Record<string, unknown>;
  }[],
  prefix = '',
): ApiIssue[] {
  const toPath = (parts: readonly PropertyKey[]) => {
    const path = parts.map(String).join('.');
    return prefix && path ? `${prefix}.${path}` : prefix || path || '(body)';
  };
  // An unknown key is named in the path itself ("rows.0.__proto__"), one issue per key, like any other bad field.
  return issues.flatMap((i) =>
    i.code === 'unrecognized_keys' && i.keys?.length
      ? i.keys.map((key) => ({
          path: toPath([...i.path, key]),
          code: i.code,
          message: `unknown field "${key}"`,
          severity: 'error' as const,
        }))
      : [{ path: toPath(i.path), code: customCode(i), message: i.message, severity: 'error' as const }],
  );
}
