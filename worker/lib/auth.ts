// Bearer-token authentication as middleware that hands the handler a verified caller. 401: no / unknown / revoked
// token; 403: valid token, wrong role, or a unit token whose unit was deactivated.
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Role } from '../../core/schemas/api.ts';
import { UnitId } from '../../core/schemas/unit.ts';
import { findTokenByHash } from '../db/tokens.ts';
import { AppError } from './app-error.ts';
import { claimedUnit, sha256Hex } from './crypto.ts';
import { authFailureLimit, clientAddress } from './rate-limit.ts';

export type AppEnv = { Bindings: Cloudflare.Env; Variables: { auth: Auth; now: Date } };

const ROLE_ZH: Record<Role, string> = { unit: '填报单位', supervisor: '乡村振兴办（督办）', admin: '管理员' };

interface TokenFacts {
  tokenId: string;
  label: string;
  /** SHA-256 of the bearer token: the per-token rate-limit key. */
  tokenHash: string;
}
/** A unit's token always names its unit; the office's tokens name none. */
export interface UnitAuth extends TokenFacts {
  role: 'unit';
  unitId: string;
}
export interface OfficeAuth extends TokenFacts {
  role: 'supervisor' | 'admin';
  unitId: null;
}
export type Auth = UnitAuth | OfficeAuth;

/** The bearer token of an Authorization header, or null. */
export function bearerToken(header: string | undefined): string | null {
  return (header && /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1]) || null;
}

export const missingToken = () =>
  new AppError(401, 'unauthorized', { zh: '缺少访问令牌', en: 'missing bearer token' }, [
    { path: 'Authorization', code: 'required', message: 'send Authorization: Bearer <token>' },
  ]);

export const invalidToken = () =>
  new AppError(401, 'invalid_token', { zh: '访问令牌无效', en: 'invalid token' }, [
    { path: 'Authorization', code: 'invalid', message: 'unknown or malformed bearer token' },
  ]);

export const revokedToken = (at: string) =>
  new AppError(401, 'token_revoked', { zh: '访问令牌已被撤销', en: 'token revoked' }, [
    { path: 'Authorization', code: 'revoked', message: `revoked at ${at}` },
  ]);

export const inactiveUnit = () =>
  new AppError(
    403,
    'unit_inactive',
    {
      zh: '本单位已停用，访问令牌不再有效；如有疑问请联系乡村振兴办',
      en: 'this unit has been deactivated; its tokens no longer work',
    },
    [
      {
        path: 'Authorization',
        code: 'unit_inactive',
        message: '该令牌所属单位已停用',
        messageEn: "the token's unit is deactivated",
      },
    ],
  );

async function authenticate(header: string | undefined, db: D1Database): Promise<Auth> {
  if (!header) throw missingToken();
  const token = bearerToken(header);
  const tokenHash = token ? await sha256Hex(token) : '';
  const record = token ? await findTokenByHash(db, tokenHash) : null;
  if (!record) throw invalidToken();
  if (record.revokedAt) throw revokedToken(record.revokedAt);
  const facts = { tokenId: record.id, label: record.label, tokenHash };
  if (record.role !== 'unit') return { ...facts, role: record.role, unitId: null };
  if (!record.unitId) throw invalidToken();
  if (record.unitActive === false) throw inactiveUnit();
  return { ...facts, role: 'unit', unitId: record.unitId };
}

/** For a 401 about to be sent: the 429 to send instead when this address is over the failure limit. */
export async function countAuthFailure<E extends AppEnv>(c: Context<E>, e: unknown): Promise<AppError | null> {
  return e instanceof AppError && e.status === 401 ? authFailureLimit(c.env, clientAddress(c)) : null;
}

/**
 * Looks the token up and checks its role; a failed authentication counts towards the per-address limit (429
 * instead of 401 once over it; a good token from that address is still served).
 */
async function authenticateRequest<E extends AppEnv>(c: Context<E>, roles: readonly Role[]): Promise<Auth> {
  const auth = await authenticate(c.req.header('Authorization'), c.env.DB).catch(async (e: unknown) => {
    throw (await countAuthFailure(c, e)) ?? e;
  });
  if (!roles.includes(auth.role)) {
    const required = roles.map((r) => ROLE_ZH[r]).join('、');
    const text = { zh: `此操作仅限${required}`, en: `requires role ${roles.join(' or ')}` };
    throw new AppError(403, 'forbidden', text, [
      {
        path: 'Authorization',
        code: 'forbidden',
        message: `此操作仅限${required}，该令牌属于${ROLE_ZH[auth.role]}`,
        messageEn: `${text.en}; this token's role is ${auth.role}`,
      },
    ]);
  }
  return auth;
}

/** Authenticates the request and admits only the given roles: the handler reads `c.var.auth`. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('auth', await authenticateRequest(c, roles));
    await next();
  };
}

export const ANY_ROLE: Role[] = ['unit', 'supervisor', 'admin'];

/** Admits unit tokens only: the handler reads `c.var.unit`, whose `unitId` is a string. */
export const requireUnit = createMiddleware<AppEnv & { Variables: { unit: UnitAuth } }>(async (c, next) => {
  const auth = await authenticateRequest(c, ['unit']);
  if (auth.role !== 'unit') throw invalidToken(); // authenticateRequest admitted only 'unit'; this narrows the type
  c.set('auth', auth);
  c.set('unit', auth);
  await next();
});

/**
 * The caller of POST /reports. Which token the insert must find valid in the same statement: by its hash for
 * `<unit id>.rt_…` tokens (no lookup before: one D1 round trip per submission), by its id when the request was
 * authenticated by a lookup (older unit tokens without the prefix).
 */
export interface Submitter {
  unitId: string;
  tokenHash: string;
  guard: { hash: string } | { id: string };
  /** Resolves once the token is known to be the unit's and valid; throws its 401/403 otherwise. Memoised. */
  verify(): Promise<void>;
}

/** An answer that is itself the verdict on the token needs no second look-up. */
const isTokenVerdict = (e: unknown) => e instanceof AppError && (e.status === 401 || e.code === 'unit_inactive');

/**
 * For POST /reports: hands the handler `c.var.submitter`. A token that names its unit is taken at its word here
 * and checked by the insert itself; before any other answer than success reaches the caller, the token is looked
 * up (a 422 must not tell an unknown caller more than a 401 would). Only failures pay for that look-up.
 */
export const claimUnit = createMiddleware<AppEnv & { Variables: { submitter: Submitter } }>(async (c, next) => {
  const token = bearerToken(c.req.header('Authorization'));
  const claimed = token ? claimedUnit(token) : null;
  let submitter: Submitter;
  if (claimed && UnitId.safeParse(claimed).success) {
    let verdict: Promise<void> | undefined;
    submitter = {
      unitId: claimed,
      tokenHash: await sha256Hex(token!),
      guard: { hash: '' },
      verify: () =>
        (verdict ??= authenticateRequest(c, ['unit']).then((auth) => {
          if (auth.unitId !== claimed) throw invalidToken();
        })),
    };
    submitter.guard = { hash: submitter.tokenHash };
  } else {
    const auth = await authenticateRequest(c, ['unit']);
    if (auth.role !== 'unit') throw invalidToken();
    submitter = { unitId: auth.unitId, tokenHash: auth.tokenHash, guard: { id: auth.tokenId }, verify: async () => {} };
  }
  c.set('submitter', submitter);
  await next();
  if (c.error && !isTokenVerdict(c.error)) await submitter.verify();
});
