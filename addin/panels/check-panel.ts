// 插入整改清单模板 and 校验: validates the active sheet and lists its issues (a click selects the cell). The 提交 area
// reacts to each verdict through `onChecked`, so it never keeps a stale "ready" or "blocked" line.
import { checkWorkbook, type SheetCheck } from '../check-sheet.ts';
import { READ_WINDOW, excelWorkbook, insertTemplate } from '../excel/index.ts';
import type { Workbook } from '../workbook/workbook.ts';
import { checkView, type CheckView } from '../ui/check-view.ts';
import { renderIssues } from '../ui/issues-view.ts';
import { $, type PaneContext } from './pane-context.ts';

export interface CheckPanel {
  /** Validates the active sheet and shows the result everywhere it matters (校验 list + status, 提交 area). */
  run(): Promise<SheetCheck>;
  /** The latest result, which 确认提交 sends. */
  last(): SheetCheck | undefined;
  /** Drops the latest result (another file or sheet was chosen: 确认提交 must not send the old one). */
  forget(): void;
  wire(): void;
}

/** `workbook` names the workbook worked on at each check: Excel's, or (in a plain browser) the uploaded file. */
export function createCheckPanel(ctx: PaneContext, onChecked: (view: CheckView, c: SheetCheck) => void, workbook: () => Workbook = excelWorkbook): CheckPanel {
  let lastCheck: SheetCheck | undefined;
  let lastWorkbook: Workbook | undefined;

  function showCheck(c: SheetCheck): void {
    const view = checkView({ errors: c.errors, warnings: c.warnings, rows: c.rows.length }, ctx.t);
    const clipped = c.clippedUsedRange ? ` ${ctx.t('readClipped', { used: c.clippedUsedRange, window: READ_WINDOW.address })}` : '';
    ctx.setStatus('validate-status', view.validate.text + clipped, view.validate.kind);
    const sheet = c.sheetName;
    $('issues').replaceChildren(
      renderIssues(c.issues, ctx.t, ctx.locale, (issue) => {
        if (issue.column) void lastWorkbook?.select(sheet, `${issue.column}${issue.row}`).catch((e) => ctx.setStatus('validate-status', ctx.errorText(e), 'error'));
      }),
    );
    onChecked(view, c);
  }

  async function run(): Promise<SheetCheck> {
    $('validate-progress').hidden = false;
    try {
      const plan = ctx.plan();
      if (!plan) throw new Error(ctx.me ? ctx.t('noPlan') : ctx.notConnectedText());
      lastWorkbook = workbook();
      lastCheck = await checkWorkbook(lastWorkbook, { plan, units: ctx.units(), unitId: ctx.unitId(), now: new Date() });
    } finally {
      $('validate-progress').hidden = true;
    }
    showCheck(lastCheck);
    return lastCheck;
  }

  function wire(): void {
    $('insert-template').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'template-status', async () => {
        const id = ctx.unitId();
        const plan = ctx.plan();
        const unit = ctx.units().find((u) => u.id === id);
        if (!id || !unit) throw new Error(ctx.notConnectedText());
        if (!plan) throw new Error(ctx.t('noPlan'));
        const r = await insertTemplate(plan, unit);
        ctx.setStatus('template-status', ctx.t('templateDone', { sheet: r.sheetName, rows: r.rows }), 'ok');
      }),
    );

    $('validate').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'validate-status', async () => {
        await run();
      }),
    );
  }

  return { run, last: () => lastCheck, forget: () => void (lastCheck = undefined), wire };
}
