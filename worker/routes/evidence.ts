// 佐证材料: upload (one request or in parts), list, delete, and short-lived read links (docs/api.md "Evidence").
// Handlers stay thin: worker/lib/evidence-upload.ts and evidence-multipart.ts decide, worker/db/evidence/ stores the
// metadata.
import { Hono, type Context } from 'hono';
import { EVIDENCE_LIMITS } from '../../core/evidence/limits.ts';
import { EVIDENCE_MEDIA_TYPES, INLINE_TYPES } from '../../core/evidence/sniff-type.ts';
import {
  EvidenceListQuery,
  EvidenceTarget,
  EvidenceUploadStart,
  type EvidenceFile,
} from '../../core/schemas/evidence.ts';
import {
  deleteEvidenceMetadata,
  evidenceLinkTarget,
  getEvidenceFile,
  insertEvidenceLink,
  isEvidenceReferenced,
  listEvidenceFiles,
  logEvidenceAccess,
} from '../db/evidence/index.ts';
import { requireRole, requireUnit, type AppEnv, type UnitAuth } from '../lib/auth.ts';
import { contentDisposition } from '../lib/content-disposition.ts';
import { linkToken, sha256Hex } from '../lib/crypto.ts';
import { evidenceErrors as E } from '../lib/evidence-errors.ts';
import {
  abandonUpload,
  completeUpload,
  getUploadState,
  ownUpload,
  putPart,
  startUpload,
} from '../lib/evidence-multipart.ts';
import { storeSingle, type Uploader } from '../lib/evidence-upload.ts';
import { candidatePlans } from '../db/plans.ts';
import { pickPlan } from '../lib/plan-choice.ts';
import { jsonBody, query } from '../lib/validate.ts';
import { evidenceKey } from '../storage/evidence-store.ts';
import { evidenceStoreOf } from '../storage/r2-store.ts';

type UnitContext = Context<AppEnv & { Variables: { unit: UnitAuth } }>;

function uploader(c: UnitContext): Uploader {
  return { db: c.env.DB, store: evidenceStoreOf(c.env), auth: c.var.unit, now: c.var.now };
}

/** An invalid upload names the file it was about, when the input says (文件“现场照片.jpg”：参数有误). */
const invalidEvidence = (input: unknown) => {
  const name = (input as { name?: unknown } | null)?.name;
  return {
    code: 'invalid_evidence',
    zh: `${typeof name === 'string' && name ? `文件“${name}”：` : ''}参数有误`,
    en: 'invalid parameters',
  };
};

/** The file, if the caller may see it: the unit that uploaded it, or a supervisor. Otherwise as if it did not exist. */
async function visibleFile<E extends AppEnv>(c: Context<E>, id: string): Promise<EvidenceFile> {
  const file = await getEvidenceFile(c.env.DB, id);
  const { role, unitId } = c.var.auth;
  if (!file || (role === 'unit' && file.unitId !== unitId)) throw E.notFound();
  return file;
}

/** The Chinese name in filename*; the ASCII fallback names the type. */
const disposition = (kind: 'inline' | 'attachment', file: EvidenceFile): string =>
  contentDisposition(kind, file.name, `evidence.${file.type === 'ole' ? 'bin' : file.type}`);

const FILE_HEADERS = {
  // A served file can never run script on the API's origin: sandboxed (no script, unique origin), no sniffing.
  'Content-Security-Policy': "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const escapeHtml = (v: string) => v.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** 410: an expired link names its file (the one who had the link knew it); a guessed or unknown one names nothing. */
function linkGonePage(name?: string): Response {
  const what = name ? `文件“${escapeHtml(name)}”的查看链接已失效` : '佐证材料链接已失效或不存在';
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>链接已失效</title></head><body style="font-family:sans-serif;padding:2em">
<h1 style="font-size:18px">${what}</h1><p>查看佐证材料的链接只在生成后 10 分钟内有效。请回到任务窗格或网页，重新点击该文件。</p></body></html>`;
  return new Response(html, { status: 410, headers: { ...FILE_HEADERS, 'Content-Type': 'text/html; charset=utf-8' } });
}

export const evidenceRoutes = new Hono<AppEnv>()
  .post('/evidence', requireUnit, query(EvidenceTarget, { status: 422, what: invalidEvidence }), async (c) => {
    const target = c.req.valid('query');
    const { file, deduplicated } = await storeSingle(
      uploader(c),
      target,
      c.req.raw.body,
      c.req.header('Content-Length'),
    );
    return deduplicated ? c.json({ ...file, deduplicated: true }, 200) : c.json(file, 201);
  })
  .get('/evidence', requireRole('unit', 'supervisor'), query(EvidenceListQuery), async (c) => {
    const q = c.req.valid('query');
    const plan = pickPlan(await candidatePlans(c.env.DB, q.plan), q.plan);
    const auth = c.var.auth;
    const files = await listEvidenceFiles(c.env.DB, {
      planId: plan.id,
      unitId: auth.role === 'unit' ? auth.unitId : q.unit,
      period: q.period,
      measureId: q.measure,
    });
    return c.json({ files });
  })
  .post('/evidence/uploads', requireUnit, jsonBody(EvidenceUploadStart, invalidEvidence), async (c) => {
    const started = await startUpload(uploader(c), c.req.valid('json'));
    return 'file' in started ? c.json({ file: started.file }, 200) : c.json(started.upload, 201);
  })
  .get('/evidence/uploads/:uploadId', requireUnit, async (c) =>
    c.json(await getUploadState(uploader(c), c.req.param('uploadId'))),
  )
  .put('/evidence/uploads/:uploadId/parts/:partNumber', requireUnit, async (c) => {
    const partNumber = Number(c.req.param('partNumber'));
    await putPart(uploader(c), c.req.param('uploadId'), partNumber, c.req.raw.body, c.req.header('Content-Length'));
    return c.json({ partNumber });
  })
  .post('/evidence/uploads/:uploadId/complete', requireUnit, async (c) => {
    const { file, deduplicated } = await completeUpload(uploader(c), c.req.param('uploadId'));
    return deduplicated ? c.json({ ...file, deduplicated: true }, 200) : c.json(file, 201);
  })
  .delete('/evidence/uploads/:uploadId', requireUnit, async (c) => {
    const u = uploader(c);
    await abandonUpload(u.db, u.store, await ownUpload(u, c.req.param('uploadId')));
    return c.body(null, 204);
  })
  .delete('/evidence/:id', requireUnit, async (c) => {
    const file = await visibleFile(c, c.req.param('id'));
    if (
      !(await deleteEvidenceMetadata(
        c.env.DB,
        file.id,
        c.var.auth.tokenId,
        c.var.now.toISOString(),
        'deleted by its unit',
      ))
    ) {
      if (await isEvidenceReferenced(c.env.DB, file.id)) throw E.inUse(file.name);
      throw E.notFound();
    }
    await evidenceStoreOf(c.env).delete([evidenceKey(file.id)]);
    return c.body(null, 204);
  })
  .post('/evidence/:id/link', requireRole('unit', 'supervisor'), async (c) => {
    const file = await visibleFile(c, c.req.param('id'));
    const token = linkToken();
    const expiresAt = new Date(c.var.now.getTime() + EVIDENCE_LIMITS.linkTtlMs).toISOString();
    await insertEvidenceLink(c.env.DB, await sha256Hex(token), file.id, c.var.auth.tokenId, expiresAt);
    return c.json({ url: new URL(`/api/v1/evidence-file/${token}`, c.req.url).toString(), expiresAt }, 201);
  })
  .get('/evidence-file/:token', async (c) => {
    const target = await evidenceLinkTarget(c.env.DB, await sha256Hex(c.req.param('token')), c.var.now.toISOString());
    if (!target) return linkGonePage();
    if (target.expired) return linkGonePage(target.file.name);
    const object = await evidenceStoreOf(c.env).get(evidenceKey(target.file.id));
    if (!object) return linkGonePage(target.file.name);
    await logEvidenceAccess(c.env.DB, target.file.id, 'read', target.tokenId, c.var.now.toISOString(), 'link');
    const inline = INLINE_TYPES.has(target.file.type);
    return new Response(object.body, {
      headers: {
        ...FILE_HEADERS,
        'Content-Type': EVIDENCE_MEDIA_TYPES[target.file.type],
        'Content-Length': String(object.size),
        'Content-Disposition': disposition(inline ? 'inline' : 'attachment', target.file),
        'Cache-Control': 'private, no-store',
      },
    });
  });
