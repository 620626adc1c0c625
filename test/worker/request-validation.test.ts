// The one validation hook (worker/lib/validate.ts) on every route: bodies, queries and headers that do not fit the
// core schema answer with the route's own error code, the fields named by path, and the message in both languages.
import { describe, expect, it, beforeAll } from 'vitest';
import { call, errorOf, makeToken, submissionFor, type TestToken } from './helpers.ts';

let admin: TestToken;
let supervisor: TestToken;
let unit: TestToken;

describe('request validation', () => {
  beforeAll(async () => {
    admin = await makeToken('admin');
    supervisor = await makeToken('supervisor');
    unit = await makeToken('unit', 'v-yongan');
  });

  it('answers a body that breaks the schema with 422, the route code, and every bad field in Chinese and English', async () => {
    const res = await call('/admin/units', { token: admin.token, body: { id: 'Bad Id', name: '', kind: 'town' } });
    expect(res.status).toBe(422);
    const err = await errorOf(res);
    expect(err).toMatchObject({
      code: 'invalid_unit',
      message: '单位信息有误：id、name、kind',
      messageEn: 'invalid unit: id, name, kind',
    });
    expect(err.issues?.map((i) => i.path)).toEqual(['id', 'name', 'kind']);
  });

  it('gives each route its own code through the same hook', async () => {
    const plan = await call('/plans', { token: supervisor.token, body: { title: 42 } });
    expect(plan.status).toBe(422);
    expect((await errorOf(plan)).code).toBe('invalid_plan');
    const enroll = await call('/enroll', { body: {} });
    expect(enroll.status).toBe(422);
    expect(await errorOf(enroll)).toMatchObject({
      code: 'invalid_enrollment',
      issues: [expect.objectContaining({ path: 'code' })],
    });
  });

  it('answers a bad query parameter with 400 invalid_query naming it', async () => {
    const res = await call('/summary?period=2023-13-H1', { token: supervisor.token });
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err).toMatchObject({
      code: 'invalid_query',
      message: '查询参数有误：period',
      messageEn: 'invalid query: period',
    });
    expect(err.issues?.map((i) => i.path)).toEqual(['period']);
  });

  it('answers a repeated query parameter with 400 naming it instead of picking one of the values', async () => {
    const res = await call('/summary?period=2023-09-H1&period=2023-09-H2', { token: supervisor.token });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).issues?.[0]?.path).toBe('period');
  });

  it('checks the media type (415) and the syntax (400) before the schema (422)', async () => {
    const asText = await call('/admin/units', {
      token: admin.token,
      rawBody: '{}',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(asText.status).toBe(415);
    expect((await errorOf(asText)).issues?.[0]?.path).toBe('Content-Type');
    const broken = await call('/admin/units', {
      token: admin.token,
      rawBody: '{"id":',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect((await errorOf(broken)).code).toBe('invalid_json');
  });

  it('reads a vendor JSON media type and a body starting with a byte order mark like plain JSON', async () => {
    const res = await call('/admin/units', {
      token: admin.token,
      rawBody: '\uFEFF{"id":"o-bom-office","name":"测试办","kind":"office"}',
      headers: { 'Content-Type': 'application/vnd.rectify+json; charset=utf-8' },
    });
    expect(res.status).toBe(201);
  });

  it('names the Idempotency-Key header when it is missing or not a UUID, before reading the body', async () => {
    const res = await call('/reports', {
      token: unit.token,
      rawBody: 'not json',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'x' },
    });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({
      code: 'idempotency_key_required',
      issues: [expect.objectContaining({ path: 'Idempotency-Key', code: 'invalid' })],
    });
    const ok = await call('/reports', {
      token: unit.token,
      body: submissionFor('v-yongan', '2023-09-H1'),
      headers: { 'Idempotency-Key': crypto.randomUUID().toUpperCase() },
      now: '2023-09-10T00:00:00Z',
    });
    expect(ok.status).toBe(201);
  });
});
