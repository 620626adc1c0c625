// Bearer-token authentication and role checks. 401: no / unknown / revoked token; 403: valid token, wrong role.
import type { Context, MiddlewareHandler } from 'hono';
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

/** The bearer token of an Authorization header, or null. */
export function bearerToken(header: string | undefined): string | null {
  return (header && /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1]) || null;
}

export const missingToken = () =>
  new AppError(401, 'unauthorized', '缺少访问令牌 / missing bearer token', [
    { path: 'Authorization', code: 'required', message: 'send Authorization: Bearer <token>' },
  ]);

export const invalidToken = () =>
  new AppError(401, 'invalid_token', '访问令牌无效 / invalid token', [
    { path: 'Authorization', code: 'invalid', message: 'unknown or malformed bearer token' },
  ]);

export const revokedToken = (at: string) =>
  new AppError(401, 'token_revoked', '访问令牌已被撤销 / token revoked', [
    { path: 'Authorization', code: 'revoked', message: `revoked at ${at}` },
  ]);

async function authenticate(header: string | undefined, db: D1Database): Promise<Auth> {
  if (!header) throw missingToken();
  const token = bearerToken(header);
  const tokenHash = token ? await sha256Hex(token) : '';
  const record = token ? await findTokenByHash(db, tokenHash) : null;
  if (!record) throw invalidToken();
  if (record.revokedAt) throw revokedToken(record.revokedAt);
  return { tokenId: record.id, role: record.role, unitId: record.unitId, label: record.label, tokenHash };
}

/**
 * Looks the token up and checks its role; a failed authentication counts towards the per-address limit (429
 * instead of 401 once over it; a good token from that address is still served).
 */
export async function authenticateRequest(c: Context<AppEnv>, roles: readonly Role[]): Promise<Auth> {
  const auth = await authenticate(c.req.header('Authorization'), c.env.DB).catch(async (e: unknown) => {
    throw (await countAuthFailure(c, e)) ?? e;
  });
  if (!roles.includes(auth.role)) {
    throw new AppError(403, 'forbidden', `此操作仅限${roles.map((r) => ROLE_ZH[r]).join('、')} / requires role ${roles.join(' or ')}`);
  }
  return auth;
}

/** For a 401 about to be sent: the 429 to send instead when this address is over the failure limit. */
export async function countAuthFailure(c: Context<AppEnv>, e: unknown): Promise<AppError | null> {
  return e instanceof AppError && e.status === 401 ? authFailureLimit(c.env, clientAddress(c)) : null;
}

/** Authenticates the request and admits only the given roles. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('auth', await authenticateRequest(c, roles));
    await next();
  };
}

export const ANY_ROLE: Role[] = ['unit', 'supervisor', 'admin'];
