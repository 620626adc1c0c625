// One error type for everything the HTTP client can meet, with a Chinese message for the pane and the server's
// own code/message/issues kept for detail. `retryable` drives the offline queue: network failures, timeouts,
// 408, 429 and 5xx are worth retrying; other 4xx will fail the same way again.
import type { ApiErrorBody, ApiIssue } from '../../core/schemas/api.ts';

export type ApiErrorKind = 'network' | 'timeout' | 'http' | 'bad_response';

const STATUS_MESSAGES: Record<number, [zh: string, en: string]> = {
  400: ['请求内容有误', 'Bad request'],
  401: [
    '访问令牌无效或已撤销，请在“设置”中重新粘贴令牌',
    'The access token is invalid or revoked; paste a new one in Settings',
  ],
  403: ['当前令牌无权执行此操作', 'This token is not allowed to do that'],
  404: ['未找到请求的内容', 'Not found'],
  408: ['服务器等待超时，请稍后重试', 'The server timed out; try again later'],
  409: ['与已提交的内容冲突（同一提交键的内容不同）', 'Conflicts with an earlier submission under the same key'],
  410: ['已失效', 'No longer valid'],
  413: ['提交的内容过大', 'The submission is too large'],
  415: ['提交的内容格式不正确', 'Unsupported content type'],
  422: ['提交的内容未通过校验', 'The submission did not pass validation'],
  429: ['请求过于频繁，请稍后重试', 'Too many requests; try again later'],
};

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    /** HTTP status; 0 when no response arrived. */
    readonly status: number,
    /** Server error code (e.g. "validation_failed") or the kind. */
    readonly code: string,
    /** Chinese message for the pane. */
    message: string,
    readonly messageEn: string,
    readonly issues: readonly ApiIssue[] = [],
    /** The server's own message (Chinese from the Worker; a status text or body excerpt otherwise), shown as detail. */
    readonly serverMessage?: string,
    /** The Worker's English message, for an English pane. */
    readonly serverMessageEn?: string,
  ) {
    super(message);
  }

  get retryable(): boolean {
    return (
      this.kind === 'network' ||
      this.kind === 'timeout' ||
      this.status === 408 ||
      this.status === 429 ||
      this.status >= 500
    );
  }

  static network(cause: unknown): ApiError {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return new ApiError(
      'network',
      0,
      'network',
      '无法连接服务器，请检查网络或服务器地址',
      'Cannot reach the server; check the network or server URL',
      [],
      detail,
    );
  }

  static timeout(ms: number): ApiError {
    return new ApiError(
      'timeout',
      0,
      'timeout',
      `服务器 ${Math.round(ms / 1000)} 秒内未响应`,
      `No answer from the server within ${Math.round(ms / 1000)} s`,
    );
  }

  static badResponse(status: number, detail: string): ApiError {
    return new ApiError(
      'bad_response',
      status,
      'bad_response',
      '服务器返回的内容无法识别（服务器地址是否正确？）',
      'The server answered something unexpected (is the server URL right?)',
      [],
      detail,
    );
  }

  static fromStatus(
    status: number,
    code: string,
    serverMessage: string | undefined,
    issues: readonly ApiIssue[] = [],
    serverMessageEn?: string,
  ): ApiError {
    const [zh, en] =
      STATUS_MESSAGES[status] ??
      (status >= 500
        ? ['服务器暂时出错，请稍后重试', 'Server error; try again later']
        : ['请求失败', 'Request failed']);
    // The clerk gets no HTTP codes (the console keeps the status for whoever debugs); English keeps it.
    return new ApiError('http', status, code, zh, `${en} (HTTP ${status})`, issues, serverMessage, serverMessageEn);
  }

  /** The Worker's `{error:{code,message,messageEn,issues}}` answer. */
  static fromBody(status: number, error: ApiErrorBody['error']): ApiError {
    return ApiError.fromStatus(status, error.code, error.message, error.issues ?? [], error.messageEn);
  }
}
