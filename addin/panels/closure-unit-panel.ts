// 销号 for a unit: its open 督办单 (回复 with text and files) and its pairs (申请销号 with 整改情况 and at least one
// evidence file). Files go up through the evidence upload client (addin/evidence/) first; the application or answer
// then names them by id. The Worker re-checks everything; its refusal is shown under the form, naming the field.
import {
  ClosureApplication,
  closureRefusalMessage,
  closureTransition,
  NoticeAnswer,
  type ClosurePair,
  type Notice,
} from '../../core/closure/index.ts';
import { closureClientFor } from '../api/closure-client.ts';
import { prepareFile } from '../evidence/prepare-image.ts';
import { xhrTransport } from '../evidence/transport.ts';
import { uploadEvidence } from '../evidence/upload-client.ts';
import { savedConnection } from '../queue/storage.ts';
import { inLocale } from '../ui/bilingual.ts';
import { closureText, renderNotices, renderPairs } from '../ui/closure-unit-view.ts';
import { printNotice } from './notice-print.ts';
import { $, showStatus, type PaneContext } from './pane-context.ts';

export interface ClosureUnitPanel {
  /** Connected (or another plan chosen): shows the unit's 督办单 and pairs, or nothing for other roles. */
  refresh(): Promise<void>;
}

export function createClosureUnitPanel(ctx: PaneContext): ClosureUnitPanel {
  const say = showStatus;
  const api = () => closureClientFor(ctx.storage);

  /** Uploads the chosen files under the pair's measure and the open period; answers their ids. */
  async function upload(measure: string, files: File[]): Promise<string[]> {
    const plan = ctx.plan()!.id;
    const connection = savedConnection(ctx.storage);
    const ids: string[] = [];
    for (const file of files) {
      const prepared = await prepareFile(file, false);
      const stored = await uploadEvidence(
        prepared.blob,
        { plan, period: ctx.openPeriod, measure, name: prepared.name },
        { ...connection, transport: xhrTransport },
      );
      ids.push(stored.id);
    }
    return ids;
  }

  async function apply(
    pair: ClosurePair,
    form: { summary: string; part: 'whole' | 'dated'; files: File[] },
    status: HTMLElement,
  ): Promise<void> {
    // Checked before any upload; the Worker checks the same again.
    if (!form.summary.trim())
      return say(status, ctx.locale === 'en-US' ? 'Fill in 整改情况 (what was done).' : '请填写“整改情况”。', 'error');
    // The same rule the Worker applies, asked before any file goes up (a refused application leaves no upload behind).
    const may = closureTransition(pair.state, {
      kind: 'apply',
      part: form.part,
      latestStatus: pair.latestStatus,
      deadline: pair.deadline,
      evidenceCount: form.files.length,
    });
    if (!may.ok) return say(status, inLocale(closureRefusalMessage(may.refusal), ctx.locale), 'error');
    try {
      say(status, ctx.locale === 'en-US' ? 'Uploading evidence…' : '正在上传佐证材料…');
      const evidenceIds = await upload(pair.measureId, form.files);
      const application = ClosureApplication.parse({
        plan: ctx.plan()!.id,
        measureId: pair.measureId,
        part: form.part,
        summary: form.summary,
        evidenceIds,
      });
      await api().applyForClosure(application);
      await refresh();
    } catch (err) {
      say(status, ctx.errorText(err), 'error');
    }
  }

  async function answer(notice: Notice, text: string, files: File[], status: HTMLElement): Promise<void> {
    if (!text.trim()) return say(status, ctx.locale === 'en-US' ? 'Fill in the answer.' : '请填写回复内容。', 'error');
    try {
      const evidenceIds = files.length ? await upload(notice.measureId, files) : [];
      await api().answerNotice(notice.id, NoticeAnswer.parse({ text, evidenceIds }));
      await refresh();
    } catch (err) {
      say(status, ctx.errorText(err), 'error');
    }
  }

  async function refresh(): Promise<void> {
    const section = $('closure-unit-section');
    const plan = ctx.plan();
    ctx.closedMeasureIds = new Set();
    if (ctx.me?.role !== 'unit' || !plan) {
      section.hidden = true;
      return;
    }
    section.hidden = false;
    $('closure-unit-title').textContent = closureText('title', ctx.locale);
    try {
      const client = api();
      const [notices, closures] = await Promise.all([client.notices(plan.id), client.closures(plan.id)]);
      ctx.closedMeasureIds = new Set(closures.pairs.filter((p) => p.state === 'closed').map((p) => p.measureId));
      const titles = new Map(plan.measures.map((m) => [m.id, m.title]));
      const noticeBox = renderNotices(notices.notices, titles, ctx.locale, {
        answer: (n, t, f, s) => void answer(n, t, f, s),
        print: (n, s) => printNotice(ctx, n, s),
      });
      $('closure-unit-box').replaceChildren(
        ...(noticeBox ? [noticeBox] : []),
        renderPairs(closures.pairs, titles, ctx.locale, { apply: (p, f, s) => void apply(p, f, s) }),
      );
      ctx.setStatus('closure-unit-status', '');
    } catch (err) {
      ctx.setStatus('closure-unit-status', ctx.errorText(err), 'error');
    }
  }

  return { refresh };
}
