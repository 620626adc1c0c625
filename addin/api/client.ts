// Typed client for the Worker's /api/v1. Every response body is parsed with core's zod schemas, every failure
// becomes an ApiError. fetch is injectable (tests, the offline queue); the base URL may be '' for same origin.
// One class: the report API's calls side by side (the 销号 and evidence calls are chunks of their own:
// closure-client.ts, evidence-client.ts, both extending this one).
import { z } from 'zod';
import { ApiErrorBody, Details, Matrix, Me, ReportDetail, ReportHeader, Summary } from '../../core/schemas/api.ts';
import { DownloadLink, EnrollmentSheetLink } from '../../core/downloads/download-link.ts';
import { EnrollResult, IssuedEnrollmentCode, UnitAccess } from '../../core/enrollment/enrollment-code.ts';
import { Plan, type PlanInput } from '../../core/schemas/plan.ts';
import { Receipt, type Submission } from '../../core/schemas/submission.ts';
import { Trends } from '../../core/schemas/trends.ts';
import { UnitStatus } from '../../core/reports/unit-status.ts';
import { ApiError } from './api-error.ts';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Server origin (+ optional path), e.g. "https://rectify.example.org"; '' means the page's own origin. */
  baseUrl: string;
  token?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

export interface PostResult {
  receipt: Receipt;
  /** True when the server answered a replay of an already accepted Idempotency-Key. */
  replayed: boolean;
}

/** A print or evidence link (core's EvidenceLink has the same shape; importing it would put the evidence schemas in the pane's first chunk). */
const TimedLink = z.object({ url: z.string(), expiresAt: z.string() });

const ReportList = z.union([
  z.array(ReportHeader),
  z.object({ reports: z.array(ReportHeader) }).transform((b) => b.reports),
]);

export class ApiClient {
  readonly baseUrl: string;
  private readonly token: string | undefined;
  private readonly fetchImpl: FetchLike;
  private readonly timeoutMs: number;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token?.trim() || undefined;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 20_000;
  }

  me(): Promise<Me> {
    return this.request('GET', '/me', Me).then((r) => r.body);
  }

  async postReport(submission: Submission, idempotencyKey: string): Promise<PostResult> {
    const res = await this.request('POST', '/reports', Receipt, submission, { 'Idempotency-Key': idempotencyKey });
    return { receipt: res.body, replayed: res.headers.get('Idempotent-Replayed') === 'true' };
  }

  listReports(period?: string, plan?: string): Promise<ReportHeader[]> {
    return this.request('GET', `/reports${query({ plan, period })}`, ReportList).then((r) => r.body);
  }

  /** This unit's standing per period under the plan (unit tokens). */
  unitStatus(plan?: string): Promise<UnitStatus> {
    return this.request('GET', `/reports/status${query({ plan })}`, UnitStatus).then((r) => r.body);
  }

  /** A 10-minute link that opens an evidence file (no bearer token in it): the owner unit or a supervisor. */
  evidenceLink(id: string): Promise<{ url: string; expiresAt: string }> {
    return this.request('POST', `/evidence/${encodeURIComponent(id)}/link`, TimedLink).then((r) => r.body);
  }

  /** A 10-minute link to the report's printable 报送单 (no bearer token in it). */
  printLink(id: string): Promise<{ url: string; expiresAt: string }> {
    return this.request('POST', `/reports/${encodeURIComponent(id)}/print-link`, TimedLink).then((r) => r.body);
  }

  getReport(id: string): Promise<ReportDetail> {
    return this.request('GET', `/reports/${encodeURIComponent(id)}`, ReportDetail).then((r) => r.body);
  }

  async returnReport(id: string, reason: string): Promise<void> {
    await this.request('POST', `/reports/${encodeURIComponent(id)}/return`, z.unknown(), { reason });
  }

  /** Withdraws a 退回 while the unit has not filed again; answers the report as it now stands. */
  unreturnReport(id: string): Promise<ReportDetail> {
    return this.request('POST', `/reports/${encodeURIComponent(id)}/unreturn`, ReportDetail).then((r) => r.body);
  }

  publishPlan(input: PlanInput): Promise<Plan> {
    return this.request('POST', '/plans', Plan, input).then((r) => r.body);
  }

  summary(period?: string, plan?: string): Promise<Summary> {
    return this.request('GET', `/summary${query({ plan, period })}`, Summary).then((r) => r.body);
  }

  /** 报送明细: every unit's current rows for the period (supervisor). */
  details(period?: string, plan?: string): Promise<Details> {
    return this.request('GET', `/details${query({ plan, period })}`, Details).then((r) => r.body);
  }

  matrix(from?: string, to?: string, plan?: string): Promise<Matrix> {
    return this.request('GET', `/matrix${query({ plan, from, to })}`, Matrix).then((r) => r.body);
  }

  /** 连接码 → the unit's token, once (no token needed). */
  enroll(code: string): Promise<EnrollResult> {
    return this.request('POST', '/enroll', EnrollResult, { code }).then((r) => r.body);
  }

  /** 单位与令牌 (supervisor, admin). */
  unitAccess(): Promise<UnitAccess[]> {
    return this.request('GET', '/enrollment/units', z.object({ units: z.array(UnitAccess) })).then((r) => r.body.units);
  }

  /** `replace`: 重新发放 — also revokes the units' tokens. */
  issueEnrollmentCodes(unitIds: string[], replace = false): Promise<IssuedEnrollmentCode[]> {
    return this.request('POST', '/enrollment/codes', z.object({ codes: z.array(IssuedEnrollmentCode) }), {
      unitIds,
      replace,
    }).then((r) => r.body.codes);
  }

  async revokeUnitAccess(unitId: string): Promise<void> {
    await this.request('POST', `/enrollment/units/${encodeURIComponent(unitId)}/revoke`, z.unknown(), {});
  }

  /** Per-period aggregates for the 趋势 charts (supervisor); the server picks the span when from/to are left out. */
  trends(plan?: string, from?: string, to?: string): Promise<Trends> {
    return this.request('GET', `/trends${query({ plan, from, to })}`, Trends).then((r) => r.body);
  }

  /** GET /export.csv as a file: its bytes (BOM kept) and the name the server suggests. */
  async exportCsv(period?: string, plan?: string): Promise<{ blob: Blob; filename: string }> {
    const headers: Record<string, string> = { Accept: 'text/csv' };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.baseUrl}/api/v1/export.csv${query({ plan, period })}`, { headers });
    } catch (err) {
      throw ApiError.network(err);
    }
    if (!res.ok) throw await errorOf(res);
    const filename = fileNameOf(res.headers.get('Content-Disposition') ?? '') ?? `rectify-${period ?? 'export'}.csv`;
    return { blob: new Blob([await res.arrayBuffer()], { type: 'text/csv;charset=utf-8' }), filename };
  }

  /** A 10-minute link to `data` for the system browser (where the pane's webview cannot save a file). */
  async downloadLink(fileName: string, data: Blob): Promise<DownloadLink> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Content-Type': 'application/octet-stream',
      'X-File-Name': encodeURIComponent(fileName),
    };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.baseUrl}/api/v1/download-links`, { method: 'POST', headers, body: data });
    } catch (err) {
      throw ApiError.network(err);
    }
    if (!res.ok) throw await errorOf(res);
    return DownloadLink.parse(await res.json());
  }

  /** Issues 连接码 for the units onto a 令牌发放单 page; the answer is its 10-minute link (the codes are only there). */
  enrollmentSheet(unitIds: string[]): Promise<EnrollmentSheetLink> {
    return this.request('POST', '/enrollment/sheet', EnrollmentSheetLink, { unitIds }).then((r) => r.body);
  }

  protected async request<T>(
    method: string,
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<{ body: T; headers: Headers }> {
    const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    let res: Response;
    let text: string;
    try {
      res = await this.fetchImpl(`${this.baseUrl}/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
      text = await res.text();
    } catch (err) {
      throw timedOut ? ApiError.timeout(this.timeoutMs) : ApiError.network(err);
    } finally {
      clearTimeout(timer);
    }
    return { body: readAnswer(res.status, text, schema), headers: res.headers };
  }
}

/**
 * One answer of the Worker as the pane takes it: the body parsed with core's schema when the status is 2xx, else the
 * server's {error:{…}} as an ApiError. Shared with the evidence uploads (addin/evidence/), which send over XHR.
 */
export function readAnswer<T>(status: number, text: string, schema: z.ZodType<T>): T {
  const ok = status >= 200 && status < 300;
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    if (!ok) throw ApiError.fromStatus(status, `http_${status}`, text.slice(0, 200));
    throw ApiError.badResponse(status, text.slice(0, 200));
  }
  if (!ok) {
    const err = ApiErrorBody.safeParse(json);
    if (err.success) throw ApiError.fromBody(status, err.data.error);
    throw ApiError.fromStatus(status, `http_${status}`, text.slice(0, 200));
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw ApiError.badResponse(status, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

export function query(params: Record<string, string | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string] => !!e[1]);
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : '';
}

/** The ApiError of a failed response that is not read as JSON by request(). */
async function errorOf(res: Response): Promise<ApiError> {
  const err = ApiErrorBody.safeParse(await res.json().catch(() => null));
  if (err.success) return ApiError.fromBody(res.status, err.data.error);
  return ApiError.fromStatus(res.status, `http_${res.status}`, res.statusText);
}

/** The name in a Content-Disposition: the UTF-8 `filename*` (RFC 6266) when present, else the plain `filename`. */
export function fileNameOf(disposition: string): string | undefined {
  const utf8 = /filename\*=UTF-8''([^;\s]+)/i.exec(disposition)?.[1];
  if (utf8) {
    try {
      return decodeURIComponent(utf8);
    } catch {
      // a malformed encoding: fall back to the ASCII name
    }
  }
  return /filename="([^"]+)"/.exec(disposition)?.[1];
}
