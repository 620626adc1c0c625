// 督办单: POST /notices (the supervisor issues one for a pair), GET /notices (a unit: its own; the office: all, with
// counts per unit), POST /notices/:id/answer (the unit's 回复 with text and its own evidence files), POST
// /notices/:id/print-link (the printable A4 督办单 behind a 10-minute link, for the office or the unit it is addressed to).
import { Hono } from 'hono';
import { z } from 'zod';
import {
  countNotices,
  NoticeAnswer,
  NoticeInput,
  noticeState,
  type Notice,
  type NoticeCounts,
} from '../../core/closure/index.ts';
import { cstDate } from '../../core/calendar/half-month.ts';
import { PlanQuery } from '../../core/schemas/api.ts';
import { answerNotice, getNotice, insertNotice, listNotices, type NoticeRow } from '../db/notices.ts';
import { candidatePlans, getPlan } from '../db/plans.ts';
import { getUnit } from '../db/units.ts';
import { AppError } from '../lib/app-error.ts';
import { ANY_ROLE, requireRole, requireUnit, type AppEnv } from '../lib/auth.ts';
import { createDownloadLink } from '../lib/download-link.ts';
import { noticeSheetHtml } from '../lib/notice-sheet.ts';
import { missingPair, ownEvidence } from '../lib/pair-checks.ts';
import { pickPlan } from '../lib/plan-choice.ts';
import { printLinkLimit } from '../lib/rate-limit.ts';
import { jsonBody, query } from '../lib/validate.ts';

const INVALID_NOTICE = { code: 'invalid_notice', zh: '督办单填写有误', en: 'invalid supervision notice' };
const INVALID_ANSWER = { code: 'invalid_answer', zh: '督办回复填写有误', en: 'invalid answer' };
const NoticesQuery = PlanQuery.extend({ unit: z.string().trim().min(1).max(64).optional() });

function toNotice(r: NoticeRow, today: string): Notice {
  const answer = r.answeredAt
    ? { text: r.answerText ?? '', evidenceIds: JSON.parse(r.answerEvidenceIds ?? '[]') as string[], at: r.answeredAt }
    : null;
  const { answerText: _t, answerEvidenceIds: _e, answeredAt: _a, ...rest } = r;
  return { ...rest, answer, state: noticeState({ dueDate: r.dueDate, answer }, today) };
}

const refuse = (status: 404 | 409 | 422, code: string, path: string, zh: string, en: string) =>
  new AppError(status, code, { zh, en }, [{ path, code, message: zh, messageEn: en }]);

export const noticeRoutes = new Hono<AppEnv>()
  .post('/notices', requireRole('supervisor'), jsonBody(NoticeInput, INVALID_NOTICE), async (c) => {
    const body = c.req.valid('json');
    const plan = pickPlan(await candidatePlans(c.env.DB, body.plan), body.plan, 'body');
    const missing = missingPair(plan, body.measureId, body.unitId);
    if (missing) throw refuse(422, missing.code, missing.path, missing.zh, missing.en);
    const today = cstDate(c.var.now);
    if (body.dueDate < today)
      throw refuse(
        422,
        'due_date_past',
        'dueDate',
        `办结时限 ${body.dueDate} 早于今天（${today}）`,
        'dueDate is before today',
      );
    const { tokenId, label } = c.var.auth;
    const row = await insertNotice(c.env.DB, {
      id: `dn_${crypto.randomUUID()}`,
      planId: plan.id,
      measureId: body.measureId,
      unitId: body.unitId,
      requirement: body.requirement,
      dueDate: body.dueDate,
      at: c.var.now.toISOString(),
      tokenId,
      byLabel: label,
    });
    if (row === 'pair_closed')
      throw refuse(409, 'pair_closed', 'measureId', '该措施已销号，不能再下发督办单', 'the pair is closed');
    return c.json(toNotice(row, today), 201);
  })
  .get('/notices', requireRole(...ANY_ROLE), query(NoticesQuery), async (c) => {
    const q = c.req.valid('query');
    const plan = pickPlan(await candidatePlans(c.env.DB, q.plan), q.plan);
    const auth = c.var.auth;
    const today = cstDate(c.var.now);
    const notices = (await listNotices(c.env.DB, plan.id, auth.role === 'unit' ? auth.unitId : q.unit)).map((r) =>
      toNotice(r, today),
    );
    const perUnit = new Map<string, Notice[]>();
    for (const n of notices) perUnit.set(n.unitId, [...(perUnit.get(n.unitId) ?? []), n]);
    const byUnit: Record<string, NoticeCounts> = {};
    for (const [unit, own] of perUnit) byUnit[unit] = countNotices(own);
    return c.json({ planId: plan.id, today, notices, byUnit });
  })
  .post('/notices/:id/answer', requireUnit, jsonBody(NoticeAnswer, INVALID_ANSWER), async (c) => {
    const body = c.req.valid('json');
    const { unitId, tokenId } = c.var.unit;
    const row = await getNotice(c.env.DB, c.req.param('id'));
    // Another unit's notice is answered as if it did not exist.
    if (!row || row.unitId !== unitId) throw refuse(404, 'not_found', 'id', '督办单不存在', 'no such notice');
    const { foreign } = await ownEvidence(c.env.DB, row.planId, unitId, body.evidenceIds);
    if (foreign) throw refuse(422, foreign.code, foreign.path, foreign.zh, foreign.en);
    const at = c.var.now.toISOString();
    const done = await answerNotice(c.env.DB, {
      id: row.id,
      unitId,
      text: body.text,
      evidenceIds: body.evidenceIds,
      at,
      tokenId,
    });
    if (done === 'not_open')
      throw refuse(409, 'already_answered', 'id', '该督办单已回复', 'the notice was answered already');
    return c.json(toNotice((await getNotice(c.env.DB, row.id))!, cstDate(c.var.now)));
  })
  .post('/notices/:id/print-link', requireRole('unit', 'supervisor'), async (c) => {
    const { role, unitId, tokenId } = c.var.auth;
    const row = await getNotice(c.env.DB, c.req.param('id'));
    // Another unit's notice is answered as if it did not exist.
    if (!row || (role === 'unit' && row.unitId !== unitId))
      throw refuse(404, 'not_found', 'id', '督办单不存在', 'no such notice');
    const limited = await printLinkLimit(c.env, tokenId);
    if (limited) throw limited;
    const [plan, unit] = await Promise.all([getPlan(c.env.DB, row.planId), getUnit(c.env.DB, row.unitId)]);
    if (!plan || !unit) throw refuse(404, 'not_found', 'id', '督办单不存在', 'no such notice');
    const notice = toNotice(row, cstDate(c.var.now));
    const html = noticeSheetHtml({ plan, unit, measure: plan.measures.find((m) => m.id === row.measureId), notice });
    const link = await createDownloadLink(
      c.env.DB,
      {
        fileName: `督办单第${row.number}号.html`,
        contentType: 'text/html; charset=utf-8',
        disposition: 'inline',
        data: new TextEncoder().encode(html),
      },
      { by: tokenId, now: c.var.now, requestUrl: c.req.url },
    );
    return c.json(link, 201);
  });
