// Helpers for worker tests: real tokens in the test file's D1, requests through the real Worker (SELF).
import { SELF } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { halfMonthDeadline } from '../../core/calendar/half-month.ts';
import { type Role } from '../../core/schemas/api.ts';
import { type Submission } from '../../core/schemas/submission.ts';
import { insertToken, revokeToken } from '../../worker/db/tokens.ts';
import { newToken, sha256Hex } from '../../worker/lib/crypto.ts';
import { demoMeasuresFor } from '../fixtures/demo-plan.ts';

export const ORIGIN = 'https://rectify.test';

export interface TestToken {
  id: string;
  token: string;
}

/** A token as the Worker issues it (unit tokens `<unit id>.rt_…`); `legacy` makes a unit token without the prefix. */
export async function makeToken(
  role: Role,
  unitId: string | null = null,
  o: { legacy?: boolean } = {},
): Promise<TestToken> {
  const token = newToken(o.legacy ? null : unitId);
  const id = crypto.randomUUID();
  await insertToken(env.DB, {
    id,
    hash: await sha256Hex(token),
    role,
    unitId,
    label: `test ${role} ${unitId ?? ''}`,
    createdAt: new Date().toISOString(),
  });
  return { id, token };
}

export async function makeRevokedToken(role: Role, unitId: string | null = null): Promise<TestToken> {
  const t = await makeToken(role, unitId);
  await revokeToken(env.DB, t.id, new Date().toISOString());
  return t;
}

export interface CallOptions {
  method?: string;
  token?: string;
  /** Injected clock (X-Rectify-Now). */
  now?: string | Date;
  body?: unknown;
  rawBody?: BodyInit;
  headers?: Record<string, string>;
}

export function call(path: string, o: CallOptions = {}): Promise<Response> {
  const headers = new Headers(o.headers);
  if (o.token) headers.set('Authorization', `Bearer ${o.token}`);
  if (o.now) headers.set('X-Rectify-Now', typeof o.now === 'string' ? o.now : o.now.toISOString());
  let body: BodyInit | undefined = o.rawBody;
  if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  }
  return SELF.fetch(`${ORIGIN}/api/v1${path}`, {
    method: o.method ?? (body !== undefined ? 'POST' : 'GET'),
    headers,
    body,
  });
}

/** A valid submission covering every measure of the demo plan the unit is responsible for. */
export function submissionFor(unitId: string, period: string, signer = '张三'): Submission {
  return {
    period,
    signer,
    rows: demoMeasuresFor(unitId).map((m, i) => ({
      measureId: m.id,
      status: i % 2 ? 'ongoing' : 'phased',
      progress: `${m.title}：已召开专题会议，完成入户走访 ${i + 1} 次。`,
      evidence: '会议记录、走访台账',
    })),
  };
}

export function submit(token: string, body: unknown, o: { key?: string; now?: string | Date } = {}): Promise<Response> {
  return call('/reports', { token, body, now: o.now, headers: { 'Idempotency-Key': o.key ?? crypto.randomUUID() } });
}

/** An instant `ms` milliseconds from the period's deadline (negative = before); the demo plan is half-monthly. */
export function aroundDeadline(period: string, ms: number): string {
  return new Date(halfMonthDeadline(period).getTime() + ms).toISOString();
}

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    messageEn?: string;
    issues?: { path: string; code: string; message: string }[];
  };
}

export async function errorOf(res: Response): Promise<ErrorBody['error']> {
  const body = (await res.json()) as ErrorBody;
  return body.error;
}
