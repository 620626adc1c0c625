// Onboarding units (单位与令牌): the office issues a short one-time 连接码 per unit, the clerk exchanges it once for
// the unit's token (POST /enroll, no token needed), and access is revoked or reissued in one call.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { EnrollmentSheetLink } from '../../core/downloads/download-link.ts';
import {
  ENROLLMENT_CODE_DAYS,
  EnrollmentCodeIssue,
  EnrollRequest,
  formatEnrollmentCode,
  isEnrollmentCode,
  newEnrollmentCode,
  normaliseEnrollmentCode,
  type EnrollResult,
  type IssuedEnrollmentCode,
} from '../../core/enrollment/enrollment-code.ts';
import type { Bilingual } from '../../core/schemas/api.ts';
import type { Unit } from '../../core/schemas/unit.ts';
import {
  codeState,
  findCodeByHash,
  insertCodes,
  listUnitAccess,
  redeemCode,
  revokeUnitAccess,
} from '../db/enrollment.ts';
import { getUnit, listUnits } from '../db/units.ts';
import { AppError, notFound } from '../lib/app-error.ts';
import { requireRole, type AppEnv } from '../lib/auth.ts';
import { newToken, sha256Hex } from '../lib/crypto.ts';
import { clientAddress, enrollLimit } from '../lib/rate-limit.ts';
import { createDownloadLink } from '../lib/download-link.ts';
import { enrollmentSheetHtml } from '../lib/enrollment-sheet.ts';
import { jsonBody } from '../lib/validate.ts';

const DAY_MS = 86_400_000;
const ASK_OFFICE = '请联系乡村振兴办重新发放连接码';
/** "2023-09-14 10:05" in Beijing time, as the clerk's clock shows it. */
const cst = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The issue repeats the message: the pane shows an issue's Chinese sentence to the clerk. */
const codeError = (status: 404 | 410 | 422, code: string, text: Bilingual) =>
  new AppError(status, code, text, [{ path: 'code', code, message: text.zh, messageEn: text.en }]);

/** Every exchange attempt counts, right or wrong, before the body is read. */
const enrollAttempt: MiddlewareHandler<AppEnv> = async (c, next) => {
  const limited = await enrollLimit(c.env, clientAddress(c));
  if (limited) throw limited;
  await next();
};

const ISSUE_ERROR = { code: 'invalid_enrollment', zh: '连接码发放参数有误', en: 'invalid request' };

/** Issues one 连接码 per unit of the request; answers the codes in plain, once (the database keeps hashes). */
async function issueCodes(
  c: Context<AppEnv>,
  request: EnrollmentCodeIssue,
): Promise<{ codes: IssuedEnrollmentCode[]; units: Map<string, Unit>; at: string }> {
  const units = new Map((await listUnits(c.env.DB)).map((u) => [u.id, u]));
  const unitIds = [...new Set(request.unitIds)];
  const bad = unitIds.flatMap((id, i) => {
    const u = units.get(id);
    if (u?.active) return [];
    return [
      {
        id,
        issue: {
          path: `unitIds.${i}`,
          code: u ? 'inactive_unit' : 'unknown_unit',
          message: u ? `unit ${id} is deactivated` : `unknown unit ${id}`,
        },
      },
    ];
  });
  if (bad.length) {
    throw new AppError(
      422,
      'invalid_enrollment',
      {
        zh: `单位不存在或已停用：${bad.map((b) => units.get(b.id)?.name ?? b.id).join('、')}`,
        en: 'unknown or inactive unit',
      },
      bad.map((b) => b.issue),
    );
  }
  const at = c.var.now.toISOString();
  const expiresAt = new Date(c.var.now.getTime() + ENROLLMENT_CODE_DAYS * DAY_MS).toISOString();
  const plain = unitIds.map((unitId) => ({ unitId, code: newEnrollmentCode() }));
  await insertCodes(
    c.env.DB,
    await Promise.all(
      plain.map(async (p) => ({ id: crypto.randomUUID(), hash: await sha256Hex(p.code), unitId: p.unitId, expiresAt })),
    ),
    { at, by: c.var.auth.tokenId, replace: request.replace },
  );
  return { codes: plain.map((p) => ({ unitId: p.unitId, code: formatEnrollmentCode(p.code), expiresAt })), units, at };
}

export const enrollmentRoutes = new Hono<AppEnv>()
  .post(
    '/enroll',
    enrollAttempt,
    jsonBody(EnrollRequest, { code: 'invalid_enrollment', zh: '请填写连接码', en: 'code is required' }),
    async (c) => {
      const code = normaliseEnrollmentCode(c.req.valid('json').code);
      if (!isEnrollmentCode(code)) {
        throw codeError(422, 'enrollment_code_malformed', {
          zh: '连接码格式不对：应为 8 位字母和数字（如 ABCD-EFGH，不含 0、O、1、I、L），请核对后重新输入',
          en: 'malformed enrollment code',
        });
      }
      const now = c.var.now.toISOString();
      const record = await findCodeByHash(c.env.DB, await sha256Hex(code));
      if (!record)
        throw codeError(404, 'enrollment_code_unknown', {
          zh: '连接码不正确，请核对后重新输入',
          en: 'unknown enrollment code',
        });
      const state = codeState(record, now);
      if (state === 'used')
        throw codeError(410, 'enrollment_code_used', {
          zh: `该连接码已于 ${cst(record.usedAt!)} 使用过，每个连接码只能使用一次；${ASK_OFFICE}`,
          en: 'code already used',
        });
      if (state === 'revoked')
        throw codeError(410, 'enrollment_code_revoked', {
          zh: `该连接码已作废（已发放新的连接码或已撤销）；${ASK_OFFICE}`,
          en: 'code revoked',
        });
      if (state === 'expired')
        throw codeError(410, 'enrollment_code_expired', {
          zh: `该连接码已于 ${cst(record.expiresAt)} 过期（有效期 ${ENROLLMENT_CODE_DAYS} 天）；${ASK_OFFICE}`,
          en: 'code expired',
        });
      const unit = await getUnit(c.env.DB, record.unitId);
      if (!unit?.active)
        throw codeError(410, 'enrollment_code_revoked', { zh: `该单位已停用；${ASK_OFFICE}`, en: 'unit deactivated' });
      const token = newToken(unit.id);
      const tokenId = crypto.randomUUID();
      const won = await redeemCode(c.env.DB, {
        codeId: record.id,
        at: now,
        token: {
          id: tokenId,
          hash: await sha256Hex(token),
          unitId: unit.id,
          label: `${unit.name}（连接码 ${cst(now)}）`,
        },
      });
      if (!won)
        throw codeError(410, 'enrollment_code_used', {
          zh: `该连接码刚刚已被使用，每个连接码只能使用一次；${ASK_OFFICE}`,
          en: 'code already used',
        });
      const result: EnrollResult = { token, tokenId, unitId: unit.id, unitName: unit.name };
      return c.json(result, 201);
    },
  )
  .use('/enrollment/*', requireRole('supervisor', 'admin'))
  .get('/enrollment/units', async (c) => c.json({ units: await listUnitAccess(c.env.DB, c.var.now.toISOString()) }))
  .post('/enrollment/codes', jsonBody(EnrollmentCodeIssue, ISSUE_ERROR), async (c) => {
    const { codes } = await issueCodes(c, c.req.valid('json'));
    return c.json({ codes }, 201);
  })
  // The same issue, but the codes go only onto a 令牌发放单 the answer's link opens (10 minutes) — printed from the
  // system browser, which works where the pane cannot print (Excel for Mac).
  .post('/enrollment/sheet', jsonBody(EnrollmentCodeIssue, ISSUE_ERROR), async (c) => {
    const { codes, units, at } = await issueCodes(c, c.req.valid('json'));
    const html = enrollmentSheetHtml({
      codes,
      units: [...units.values()],
      pageUrl: new URL('/', c.req.url).toString(),
      issuedAt: at,
    });
    const link = await createDownloadLink(
      c.env.DB,
      {
        fileName: '令牌发放单.html',
        contentType: 'text/html; charset=utf-8',
        disposition: 'inline',
        data: new TextEncoder().encode(html),
      },
      { by: c.var.auth.tokenId, now: c.var.now, requestUrl: c.req.url },
    );
    const answer: EnrollmentSheetLink = { ...link, count: codes.length };
    return c.json(answer, 201);
  })
  .post('/enrollment/units/:id/revoke', async (c) => {
    const id = c.req.param('id');
    if (!(await getUnit(c.env.DB, id))) throw notFound({ zh: '单位不存在', en: 'unit not found' });
    const revokedTokens = await revokeUnitAccess(c.env.DB, id, c.var.now.toISOString());
    return c.json({ unitId: id, revokedTokens });
  });
