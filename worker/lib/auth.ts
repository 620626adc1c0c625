// Bearer-token authentication and role checks. 401: no / unknown / revoked token; 403: valid token, wrong role.
import type { MiddlewareHandler } from 'hono';
import type { Role } from '../../core/index.ts';
import { findTokenByHash } from '../db/tokens.ts';
import { AppError } from './app-error.ts';
import { sha256Hex } from './crypto.ts';
import { authFailureLimit, clientAddress } from './rate-limit.ts';

export type AppEnv = { Bindings: Cloudflare.Env; Variables: { auth: Auth; now: Date } };

const ROLE_ZH: Record<Role, string> = { unit: '填报单位', supervisor: '乡村振兴办（督办）', admin: '管理员' };

export interface Auth {
  tokenId: string;
  role: Role;
  unitId: string | null;
  label: string;
  /** SHA-256 of the bearer token: the per-token rate-limit key. */
  tokenHash: string;
}

async function authenticate(header: string | undefined, db: D1Database): Promise<Auth> {
  if (!header) {
    throw new AppError(401, 'unauthorized', '缺少访问令牌 / missing bearer token', [
      { path: 'Authorization', code: 'required', message: 'send Authorization: Bearer <token>' },
    ]);
  }
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const token = m?.[1];
  const tokenHash = token ? await sha256Hex(token) : '';
  const record = token ? await findTokenByHash(db, tokenHash) : null;
  if (!record) {
    throw new AppError(401, 'invalid_token', '访问令牌无效 / invalid token', [
      { path: 'Authorization', code: 'invalid', message: 'unknown or malformed bearer token' },
    ]);
  }
  if (record.revokedAt) {
    throw new AppError(401, 'token_revoked', '访问令牌已被撤销 / token revoked', [
      { path: 'Authorization', code: 'revoked', message: `revoked at ${record.revokedAt}` },
    ]);
  }
  return { tokenId: record.id, role: record.role, unitId: record.unitId, label: record.label, tokenHash };
}

/** Authenticates the request and admits only the given roles. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = await authenticate(c.req.header('Authorization'), c.env.DB).catch(async (e: unknown) => {
      // Over the failure limit the answer is 429 instead of 401; a good token from the address is still served.
      if (e instanceof AppError && e.status === 401) throw (await authFailureLimit(c.env, clientAddress(c))) ?? e;
      throw e;
    });
    if (!roles.includes(auth.role)) {
      throw new AppError(403, 'forbidden', `此操作仅限${roles.map((r) => ROLE_ZH[r]).join('、')} / requires role ${roles.join(' or ')}`);
    }
    c.set('auth', auth);
    await next();
  };
}

export const ANY_ROLE: Role[] = ['unit', 'supervisor', 'admin'];
