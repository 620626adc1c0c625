// 销号核查 (supervisors only): loads GET /closures, GET /notices and each pending application's events, renders them
// (ui/closure-review-view.ts) and sends 销号 / 驳回, 重新打开 and 督办单, each payload built and checked with core's one
// schema before it leaves; a 督办单 prints through a 10-minute link opened in the system browser. 销号台账: a sheet in
// Excel, an .xlsx download on the page, from GET /closure-ledger.
// 通报: an editable .docx draft of the period chosen under 汇总 (core/closure/bulletin.ts, files/bulletin-docx.ts).
import {
  buildBulletin,
  ClosureReopen,
  ClosureVerdict,
  NoticeInput,
  type ClosureEvent,
  type ClosurePair,
} from '../../core/closure/index.ts';
import { closureClientFor } from '../api/closure-client.ts';
import { hasExcel } from '../excel/host.ts';
import { writeSheets } from '../excel/write-summary.ts';
import { printNote } from './print-note.ts';
import { closureLedgerSheet } from '../sheets/closure-ledger-sheet.ts';
import { inLocale } from '../ui/bilingual.ts';
import { CLOSURE_SECTION_TEXT, closureReviewText, type ClosureReviewTextKey } from '../ui/closure-review-text.ts';
import { renderClosureReview } from '../ui/closure-review-view.ts';
import { PaneNotice } from '../pane-notice.ts';
import { deliverFile } from './deliver-file.ts';
import { openEvidenceFile } from './evidence-link.ts';
import { printNotice } from './notice-print.ts';
import { $, type PaneContext } from './pane-context.ts';
import type { z } from 'zod';

export interface ClosureReviewPanel {
  refresh(): Promise<void>;
  wire(): void;
}

const FIELD_LABELS: Record<string, ClosureReviewTextKey> = {
  opinion: 'opinion',
  verifiedOn: 'verifiedOn',
  extendedDeadline: 'extended',
  reason: 'reopenReason',
  requirement: 'requirement',
  dueDate: 'due',
};

export function createClosureReviewPanel(ctx: PaneContext): ClosureReviewPanel {
  const status = (text: string, kind: 'ok' | 'error' | '' = 'ok') => ctx.setStatus('closure-status', text, kind);
  const api = () => closureClientFor(ctx.storage);
  const zh = ctx.locale !== 'en-US';

  /** The payload as core's schema takes it, or a PaneNotice naming the first field that is wrong (in the pane's language). */
  function build<T>(schema: z.ZodType<T>, body: unknown): T {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    const key = FIELD_LABELS[String(issue.path[0])];
    const label = key ? closureReviewText(key, ctx.locale) : issue.path.join('.');
    const value = (body as Record<string, unknown>)[String(issue.path[0])];
    const blank = typeof value !== 'string' || !value.trim();
    throw new PaneNotice(`${label}：${blank ? (zh ? '请填写' : 'required') : issue.message}`);
  }

  async function refresh(): Promise<void> {
    const plan = ctx.plan();
    try {
      const client = api();
      const [list, notices] = await Promise.all([client.closures(plan?.id), client.notices(plan?.id)]);
      const applied = list.pairs.filter((p) => p.state === 'applied');
      const events = new Map<string, ClosureEvent[]>();
      await Promise.all(
        applied.map(async (p) =>
          events.set(`${p.measureId}|${p.unitId}`, await client.closureEvents(p.measureId, p.unitId, plan?.id)),
        ),
      );
      // The unit chosen in the list stays chosen after a verdict or a refresh.
      const chosen = $('closure-review').querySelector<HTMLSelectElement>('.closure-unit-filter')?.value ?? '';
      $('closure-review').replaceChildren(
        renderClosureReview(
          list,
          plan,
          events,
          notices,
          ctx.locale,
          { verdict, reopen, notice, openEvidence, print: (n, line) => printNotice(ctx, n, line) },
          chosen,
        ),
      );
    } catch (e) {
      status(ctx.errorText(e), 'error');
    }
  }

  /** Runs one request for a pair, then shows its outcome and the list as it now stands. */
  function send(work: () => Promise<string>): void {
    void work()
      .then(async (done) => {
        await refresh();
        status(done);
      })
      .catch((e) => status(ctx.errorText(e), 'error'));
  }

  const pairName = (p: ClosurePair) => `${p.unitName} ${p.measureId}`;

  function verdict(
    p: ClosurePair,
    decision: 'close' | 'reject',
    f: { opinion: string; verifiedOn: string; extendedDeadline: string },
  ): void {
    send(async () => {
      const body = build(ClosureVerdict, {
        decision,
        opinion: f.opinion,
        verifiedOn: f.verifiedOn,
        ...(decision === 'reject' ? { extendedDeadline: f.extendedDeadline || undefined } : {}),
      });
      await api().verdict(p.measureId, p.unitId, body, ctx.plan()?.id);
      if (decision === 'close') return zh ? `已销号：${pairName(p)}` : `Closed: ${pairName(p)}`;
      return zh
        ? `已驳回：${pairName(p)}，限期 ${body.extendedDeadline}`
        : `Rejected: ${pairName(p)}, due ${body.extendedDeadline}`;
    });
  }

  function reopen(p: ClosurePair, reason: string): void {
    send(async () => {
      await api().reopen(p.measureId, p.unitId, build(ClosureReopen, { reason }).reason, ctx.plan()?.id);
      return zh ? `已重新打开：${pairName(p)}` : `Reopened: ${pairName(p)}`;
    });
  }

  function notice(p: ClosurePair, requirement: string, dueDate: string): void {
    send(async () => {
      const n = await api().issueNotice(
        build(NoticeInput, { plan: ctx.plan()?.id, measureId: p.measureId, unitId: p.unitId, requirement, dueDate }),
      );
      return zh ? `已下发督办单第 ${n.number} 号：${pairName(p)}` : `Notice no. ${n.number} issued: ${pairName(p)}`;
    });
  }

  /** An evidence file opens as everywhere in the pane: a 10-minute link in the system browser (Office) or a new tab. */
  const openEvidence = (id: string) => openEvidenceFile(ctx, id, (e) => status(ctx.errorText(e), 'error'));

  async function ledgerSpec() {
    const plan = ctx.plan();
    return closureLedgerSheet(await api().ledger(plan?.id), plan);
  }

  async function downloadLedger(): Promise<void> {
    const spec = await ledgerSpec();
    const { specsToXlsx } = await import('../files/index.ts');
    status(await deliverFile(ctx, `销号台账-${new Date().toISOString().slice(0, 10)}.xlsx`, await specsToXlsx([spec])));
  }

  /**
   * 通报 draft of the period chosen under 汇总 (the open one when none is): the period's /summary, the timeliness so
   * far (/matrix), /closures and /notices, built by core's buildBulletin and written by the lazily loaded .docx writer.
   */
  async function downloadBulletin(): Promise<void> {
    const plan = ctx.plan();
    if (!plan) throw new PaneNotice(zh ? '尚无整改方案。' : 'No plan yet.');
    const period = $<HTMLSelectElement>('summary-period').value || undefined;
    const client = api();
    const [summary, matrix, closures, notices] = await Promise.all([
      client.summary(period, plan.id),
      client.matrix(undefined, period, plan.id),
      client.closures(plan.id),
      client.notices(plan.id),
    ]);
    const bulletin = buildBulletin({ plan, summary, matrix, closures, notices, today: closures.today });
    const { bulletinDocx } = await import('../files/bulletin-docx.ts');
    status(await deliverFile(ctx, bulletin.fileName, await bulletinDocx(bulletin)));
  }

  function wire(): void {
    for (const [id, text] of Object.entries(CLOSURE_SECTION_TEXT)) $(id).textContent = inLocale(text, ctx.locale);
    $('closure-refresh').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'closure-status', refresh),
    );
    $('closure-ledger-download').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'closure-status', downloadLedger),
    );
    $('bulletin-download').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'closure-status', downloadBulletin),
    );
    $('closure-ledger-write').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'closure-status', async () => {
        // In a plain browser the ledger arrives as a download instead.
        if (!hasExcel()) return downloadLedger();
        const written = await writeSheets([await ledgerSpec()]);
        const names = written.names;
        status((zh ? `已生成：${names.join('、')}` : `Written: ${names.join(', ')}`) + printNote(ctx.t, written));
      }),
    );
  }

  return { refresh, wire };
}
