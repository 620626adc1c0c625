// Administration (admin role): tokens — create (the plain token is returned once), list, revoke — and units.
import { Hono } from 'hono';
import { TokenCreate, UnitCreate, UnitPatch, type TokenInfo } from '../../core/index.ts';
import { insertToken, listTokens, revokeToken } from '../db/tokens.ts';
import { getUnit, insertUnit, listUnits, updateUnit } from '../db/units.ts';
import { AppError, zodIssues } from '../lib/app-error.ts';
import { requireRole, type AppEnv } from '../lib/auth.ts';
import { newToken, sha256Hex } from '../lib/crypto.ts';
import { readJsonBody } from '../lib/json-body.ts';

export const adminRoutes = new Hono<AppEnv>()
  .use('/admin/*', requireRole('admin'))
  .post('/admin/tokens', async (c) => {
    const { value } = await readJsonBody(c.req.raw);
    const parsed = TokenCreate.safeParse(value);
    if (!parsed.success) throw new AppError(422, 'invalid_token_request', '令牌参数有误 / invalid token request', zodIssues(parsed.error.issues));
    const { role, label } = parsed.data;
    const unitId = parsed.data.unitId ?? null;
    if (role === 'unit' && !(unitId && (await getUnit(c.env.DB, unitId)))) {
      throw new AppError(422, 'invalid_token_request', '填报单位令牌须指定已登记的单位 / unit tokens need a known unitId', [
        { path: 'unitId', code: unitId ? 'unknown_unit' : 'required', message: unitId ? `unknown unit ${unitId}` : 'required for role unit' },
      ]);
    }
    if (role !== 'unit' && parsed.data.unitId !== undefined) {
      throw new AppError(422, 'invalid_token_request', '只有填报单位令牌可以指定单位 / only unit tokens have a unitId', [
        { path: 'unitId', code: 'unexpected', message: `role ${role} takes no unitId` },
      ]);
    }
    const token = newToken(role === 'unit' ? unitId : null);
    const info: TokenInfo = { id: crypto.randomUUID(), role, unitId, label, createdAt: c.var.now.toISOString(), revokedAt: null };
    await insertToken(c.env.DB, { ...info, hash: await sha256Hex(token) });
    return c.json({ token, ...info }, 201);
  })
  .get('/admin/tokens', async (c) => c.json({ tokens: await listTokens(c.env.DB) }))
  .post('/admin/tokens/:id/revoke', async (c) => {
    const outcome = await revokeToken(c.env.DB, c.req.param('id'), c.var.now.toISOString());
    if (outcome === 'not_found') throw new AppError(404, 'not_found', '令牌不存在 / token not found');
    if (outcome === 'last_admin') {
      throw new AppError(409, 'last_admin_token', '这是最后一个有效的管理员令牌，撤销后将无人能管理令牌；请先创建另一个管理员令牌 / cannot revoke the last active admin token', [
        { path: 'id', code: 'last_admin', message: 'create another admin token first' },
      ]);
    }
    return c.json(outcome);
  })
  .get('/admin/units', async (c) => c.json({ units: await listUnits(c.env.DB) }))
  .post('/admin/units', async (c) => {
    const { value } = await readJsonBody(c.req.raw);
    const parsed = UnitCreate.safeParse(value);
    if (!parsed.success) throw new AppError(422, 'invalid_unit', '单位信息有误 / invalid unit', zodIssues(parsed.error.issues));
    if (!(await insertUnit(c.env.DB, parsed.data))) {
      throw new AppError(409, 'unit_id_taken', `单位编号“${parsed.data.id}”已被使用（编号不会重复使用）/ unit id already used`, [
        { path: 'id', code: 'taken', message: 'unit ids are never reused' },
      ]);
    }
    return c.json(await getUnit(c.env.DB, parsed.data.id), 201);
  })
  .patch('/admin/units/:id', async (c) => {
    const id = c.req.param('id');
    if (!(await getUnit(c.env.DB, id))) throw new AppError(404, 'not_found', '单位不存在 / unit not found');
    const { value } = await readJsonBody(c.req.raw);
    const parsed = UnitPatch.safeParse(value);
    if (!parsed.success) throw new AppError(422, 'invalid_unit', '单位信息有误 / invalid unit', zodIssues(parsed.error.issues));
    return c.json(await updateUnit(c.env.DB, id, parsed.data));
  });
