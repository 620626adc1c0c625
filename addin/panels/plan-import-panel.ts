// 导入整改方案 (supervisor): reads the active sheet as a published plan table (core.readPlanSheet), lists every
// problem by cell (click to select it), previews which units get which measures, and publishes it with POST /plans.
// Findings the Worker returns by JSON path (`measures.3.responsibleUnits`) are placed back on their cells.
import {
  deadlineContextOf,
  measuresFor,
  readPlanSheet,
  resolvePlan,
  type PlanInput,
  type PlanSheetResult,
  type Schedule,
} from '../../core/index.ts';
import { ApiError } from '../api/api-error.ts';
import { hasExcel, readActiveSheet, selectCell } from '../excel/index.ts';
import { h } from '../ui/dom.ts';
import { renderIssues } from '../ui/issues-view.ts';
import type { CheckIssue } from '../check-sheet.ts';
import { $, input, type PaneContext } from './pane-context.ts';
import { PaneNotice } from '../pane-notice.ts';

const PATH_COLUMN: Record<string, 'seq' | 'problem' | 'measure' | 'lead' | 'units' | 'deadline' | 'dataHint'> = {
  id: 'seq',
  problemId: 'problem',
  title: 'measure',
  text: 'measure',
  lead: 'lead',
  responsibleUnits: 'units',
  deadline: 'deadline',
  dataHint: 'dataHint',
};

export function createPlanImportPanel(ctx: PaneContext, onPublished: () => Promise<void>): { wire(): void } {
  let read: { sheetName: string; sheet: PlanSheetResult } | undefined;

  function schedule(): Schedule {
    if ($<HTMLSelectElement>('plan-schedule').value === 'half-monthly') return { kind: 'half-monthly' };
    const day = input('plan-day').value.trim();
    return { kind: 'monthly', day: day === 'last' ? 'last' : Number(day) };
  }

  function planInput(sheet: PlanSheetResult): PlanInput {
    const doc = input('plan-doc').value.trim();
    const first = input('plan-first').value.trim();
    return {
      title: input('plan-title').value.trim(),
      ...(doc ? { docNumber: doc } : {}),
      schedule: schedule(),
      ...(first ? { firstPeriod: first } : {}),
      problems: sheet.problems,
      measures: sheet.measures,
    };
  }

  function showIssues(sheetName: string, issues: CheckIssue[]): void {
    $('plan-issues').replaceChildren(
      renderIssues(issues, ctx.t, ctx.locale, (issue) => {
        if (issue.column)
          void selectCell(sheetName, `${issue.column}${issue.row}`).catch((e) =>
            ctx.setStatus('plan-status', ctx.errorText(e), 'error'),
          );
      }),
    );
  }

  function asIssue(row: number, column: string, message: string, code = 'plan'): CheckIssue {
    return { code: code as CheckIssue['code'], severity: 'error', row, column, message };
  }

  /** Which units report on which measures, as the township will see it once published. */
  function showPreview(inputPlan: PlanInput): void {
    const resolved = resolvePlan(inputPlan, { id: 'preview', units: ctx.units(), now: new Date() });
    if (!resolved.ok) return;
    const plan = resolved.plan;
    const lines = ctx
      .units()
      .map((u) => ({ name: u.name, ids: measuresFor(plan, u.id).map((m) => m.id) }))
      .filter((u) => u.ids.length > 0)
      .map((u) => h('li', {}, `${u.name}：${u.ids.join('、')}`));
    $('plan-preview').replaceChildren(
      h('p', { class: 'small' }, ctx.t('planUnits')),
      h('ul', { class: 'small' }, lines),
    );
  }

  async function readSheet(): Promise<void> {
    if (!hasExcel()) throw new PaneNotice(ctx.t('planNeedsExcel'));
    const grid = await readActiveSheet();
    const firstPeriod = input('plan-first').value.trim();
    const timing = { schedule: schedule(), firstPeriod: firstPeriod || '2000-01-H1' };
    const deadline = firstPeriod ? deadlineContextOf(timing) : { planYear: new Date().getFullYear() };
    const sheet = readPlanSheet(grid.grid, { units: ctx.units(), deadline });
    read = { sheetName: grid.sheetName, sheet };
    $('plan-preview').replaceChildren();
    showIssues(
      grid.sheetName,
      sheet.issues.map((i) => asIssue(i.row, i.column, i.message, i.code)),
    );
    const ok = sheet.issues.length === 0 && sheet.measures.length > 0;
    $('publish-plan').hidden = !ok;
    if (!ok) {
      ctx.setStatus('plan-status', ctx.t('planHasIssues', { n: sheet.issues.length }), 'error');
      return;
    }
    ctx.setStatus(
      'plan-status',
      ctx.t('planRead', { problems: sheet.problems.length, measures: sheet.measures.length }),
      'ok',
    );
    showPreview(planInput(sheet));
  }

  /** The Worker's findings (`measures.2.responsibleUnits`) on the cells they are about. */
  function placeServerIssues(err: ApiError, r: NonNullable<typeof read>): void {
    const issues = (err.issues ?? []).map((i) => {
      const m = /^measures\.(\d+)\.(\w+)$/.exec(i.path);
      const row = m ? r.sheet.measureRows[Number(m[1])] : undefined;
      const column = m ? r.sheet.columns[PATH_COLUMN[m[2]!] ?? 'measure'] : undefined;
      return asIssue(row ?? 1, column ?? 'A', i.message);
    });
    showIssues(r.sheetName, issues);
  }

  async function publish(): Promise<void> {
    if (!read) return;
    const body = planInput(read.sheet);
    if (!body.title) throw new PaneNotice(ctx.t('planTitleMissing'));
    try {
      const plan = await ctx.client().publishPlan(body);
      $('publish-plan').hidden = true;
      ctx.setStatus('plan-status', ctx.t('planPublished', { title: plan.title, measures: plan.measures.length }), 'ok');
      await onPublished();
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) placeServerIssues(err, read);
      throw err;
    }
  }

  return {
    wire() {
      $('plan-schedule').addEventListener('change', () => {
        $('plan-day-field').hidden = $<HTMLSelectElement>('plan-schedule').value !== 'monthly';
      });
      $('read-plan').addEventListener('click', (ev) =>
        ctx.action(ev.currentTarget as HTMLButtonElement, 'plan-status', readSheet),
      );
      $('publish-plan').addEventListener('click', (ev) =>
        ctx.action(ev.currentTarget as HTMLButtonElement, 'plan-status', publish),
      );
    },
  };
}
