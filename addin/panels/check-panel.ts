// 插入整改清单模板 and 校验: validates the active sheet and lists its issues (a click selects the cell). Each verdict
// also goes to whoever listens (the 提交 step), so nothing keeps a stale "ready" or "blocked" state. A unit's own
// ledger whose required columns have other headers first has its columns matched (checklist-columns-panel.ts), and one
// without 措施编号 has its rows matched to the unit's measures (row-match-panel.ts).
import { checkWorkbook, type SheetCheck } from '../check-sheet.ts';
import { confirmedHeader } from '../../core/checklist/checklist-fields.ts';
import { findHeader } from '../../core/sheet/find-header.ts';
import { isLedgerHeader } from '../../core/checklist/match-rows.ts';
import { checklistColumns } from './checklist-columns-panel.ts';
import { READ_WINDOW, excelWorkbook, insertTemplate } from '../excel/index.ts';
import type { Workbook } from '../workbook/workbook.ts';
import { checkView } from '../ui/check-view.ts';
import { renderIssues } from '../ui/issues-view.ts';
import { $, type PaneContext } from './pane-context.ts';
import { PaneNotice } from '../pane-notice.ts';
import { templateRows } from '../sheets/template-layout.ts';

export interface CheckPanel {
  /** Validates the active sheet, shows the result in 校验 and hands it to the listeners. */
  run(): Promise<SheetCheck>;
  /** Called with every verdict. */
  listen(fn: (c: SheetCheck) => void): void;
  wire(): void;
}

/** `workbook` names the workbook worked on at each check: Excel's, or (in a plain browser) the uploaded file. */
export function createCheckPanel(ctx: PaneContext, workbook: () => Workbook = excelWorkbook): CheckPanel {
  const listeners: ((c: SheetCheck) => void)[] = [];
  let lastWorkbook: Workbook | undefined;

  function showCheck(c: SheetCheck): void {
    const view = checkView({ errors: c.errors, warnings: c.warnings, rows: c.rows.length }, ctx.t);
    const clipped = c.clippedUsedRange
      ? ` ${ctx.t('readClipped', { used: c.clippedUsedRange, window: READ_WINDOW.address })}`
      : '';
    ctx.setStatus('validate-status', view.validate.text + clipped, view.validate.kind);
    const sheet = c.sheetName;
    $('issues').replaceChildren(
      renderIssues(c.issues, ctx.t, ctx.locale, (issue) => {
        if (issue.column)
          void lastWorkbook
            ?.select(sheet, `${issue.column}${issue.row}`)
            .catch((e) => ctx.setStatus('validate-status', ctx.errorText(e), 'error'));
      }),
    );
    for (const fn of listeners) fn(c);
  }

  async function run(): Promise<SheetCheck> {
    $('validate-progress').hidden = false;
    let result: SheetCheck;
    try {
      const plan = ctx.plan();
      if (!plan) throw new PaneNotice(ctx.me ? ctx.t('noPlan') : ctx.notConnectedText());
      lastWorkbook = workbook();
      const read = await lastWorkbook.readGrid();
      const recheck = () =>
        ctx.action($<HTMLButtonElement>('validate'), 'validate-status', async () => void (await run()));
      const columns = checklistColumns(ctx, read, recheck);
      const header = columns ? confirmedHeader(columns) : findHeader(read.grid);
      let measureIdsByRow: Map<number, string> | undefined;
      if (header.headerRow >= 0 && isLedgerHeader(header.columns)) {
        const { ledgerMeasures } = await import('./row-match-panel.ts');
        measureIdsByRow = ledgerMeasures(ctx, plan, read, header, recheck);
      } else $('row-match').replaceChildren();
      result = await checkWorkbook(
        lastWorkbook,
        {
          plan,
          units: ctx.units(),
          unitId: ctx.unitId(),
          closedMeasureIds: ctx.closedMeasureIds,
          now: new Date(),
          ...(measureIdsByRow ? { measureIdsByRow } : {}),
          ...(columns ? { columns } : {}),
        },
        read,
      );
    } finally {
      $('validate-progress').hidden = true;
    }
    showCheck(result);
    return result;
  }

  function wire(): void {
    $('insert-template').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'template-status', async () => {
        const id = ctx.unitId();
        const plan = ctx.plan();
        const unit = ctx.units().find((u) => u.id === id);
        if (!id || !unit) throw new PaneNotice(ctx.notConnectedText());
        if (!plan) throw new PaneNotice(ctx.t('noPlan'));
        const r = await insertTemplate(plan, unit, templateRows(plan, unit.id, ctx.closedMeasureIds));
        ctx.setStatus('template-status', ctx.t('templateDone', { sheet: r.sheetName, rows: r.rows }), 'ok');
      }),
    );

    $('validate').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'validate-status', async () => {
        await run();
      }),
    );
  }

  return { run, listen: (fn) => void listeners.push(fn), wire };
}
