// Administration (admin role): tokens — create (the plain token is returned once), list, revoke — and units.
import { Hono } from 'hono';
import { TokenCreate, type TokenInfo } from '../../core/schemas/api.ts';
import { UnitCreate, UnitPatch } from '../../core/schemas/unit.ts';
import { insertToken, listTokens, revokeToken } from '../db/tokens.ts';
import { getUnit, insertUnit, listUnits, updateUnit } from '../db/units.ts';
import { AppError, notFound } from '../lib/app-error.ts';
import { requireRole, type AppEnv } from '../lib/auth.ts';
import { newToken, sha256Hex } from '../lib/crypto.ts';
import { jsonBody } from '../lib/validate.ts';

const INVALID_UNIT = { code: 'invalid_unit', zh: '单位信息有误', en: 'invalid unit' };

export const adminRoutes = new Hono<AppEnv>()
  .use('/admin/*', requireRole('admin'))
  .post(
    '/admin/tokens',
    jsonBody(TokenCreate, { code: 'invalid_token_request', zh: '令牌参数有误', en: 'invalid token request' }),
    async (c) => {
      const body = c.req.valid('json');
      const { role, label } = body;
      const unitId = body.unitId ?? null;
      if (role === 'unit' && !(unitId && (await getUnit(c.env.DB, unitId)))) {
        throw new AppError(
          422,
          'invalid_token_request',
          { zh: '填报单位令牌须指定已登记的单位', en: 'unit tokens need a known unitId' },
          [
            {
              path: 'unitId',
              code: unitId ? 'unknown_unit' : 'required',
              message: unitId ? `unknown unit ${unitId}` : 'required for role unit',
            },
          ],
        );
      }
      if (role !== 'unit' && body.unitId !== undefined) {
        throw new AppError(
          422,
          'invalid_token_request',
          { zh: '只有填报单位令牌可以指定单位', en: 'only unit tokens have a unitId' },
          [{ path: 'unitId', code: 'unexpected', message: `role ${role} takes no unitId` }],
        );
      }
      const token = newToken(role === 'unit' ? unitId : null);
      const info: TokenInfo = {
        id: crypto.randomUUID(),
        role,
        unitId,
        label,
        createdAt: c.var.now.toISOString(),
        revokedAt: null,
      };
      await insertToken(c.env.DB, { ...info, hash: await sha256Hex(token) });
      return c.json({ token, ...info }, 201);
    },
  )
  .get('/admin/tokens', async (c) => c.json({ tokens: await listTokens(c.env.DB) }))
  .post('/admin/tokens/:id/revoke', async (c) => {
    const outcome = await revokeToken(c.env.DB, c.req.param('id'), c.var.now.toISOString());
    if (outcome === 'not_found') throw notFound({ zh: '令牌不存在', en: 'token not found' });
    if (outcome === 'last_admin') {
      throw new AppError(
        409,
        'last_admin_token',
        {
          zh: '这是最后一个有效的管理员令牌，撤销后将无人能管理令牌；请先创建另一个管理员令牌',
          en: 'cannot revoke the last active admin token',
        },
        [{ path: 'id', code: 'last_admin', message: 'create another admin token first' }],
      );
    }
    return c.json(outcome);
  })
  .get('/admin/units', async (c) => c.json({ units: await listUnits(c.env.DB) }))
  .post('/admin/units', jsonBody(UnitCreate, INVALID_UNIT), async (c) => {
    const unit = c.req.valid('json');
    if (!(await insertUnit(c.env.DB, unit))) {
      throw new AppError(
        409,
        'unit_id_taken',
        { zh: `单位编号“${unit.id}”已被使用（编号不会重复使用）`, en: 'unit id already used' },
        [{ path: 'id', code: 'taken', message: 'unit ids are never reused' }],
      );
    }
    return c.json(await getUnit(c.env.DB, unit.id), 201);
  })
  .patch('/admin/units/:id', jsonBody(UnitPatch, INVALID_UNIT), async (c) => {
    const id = c.req.param('id');
    if (!(await getUnit(c.env.DB, id))) throw notFound({ zh: '单位不存在', en: 'unit not found' });
    return c.json(await updateUnit(c.env.DB, id, c.req.valid('json')));
  });
