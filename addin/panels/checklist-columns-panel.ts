// The column-matching step of 校验 for a unit's ledger whose required columns have other headers (办理状态,
// 目前工作推进情况): the same step as the plan import's (ui/column-match-view.ts), each checklist field ← a column
// suggested by similarity, the choice remembered for that header layout. Until it is confirmed the check stops with a
// notice instead of "缺少必填列"; the same step serves Excel and the uploaded file.
import { CHECKLIST_FIELDS, columnsToAsk, type ChecklistColumns } from '../../core/checklist/checklist-fields.ts';
import { COLUMNS, type ColumnKey } from '../../core/checklist/columns.ts';
import { findHeader } from '../../core/sheet/find-header.ts';
import { matchColumns } from '../../core/sheet/column-match.ts';
import { PaneNotice } from '../pane-notice.ts';
import { columnMatchView } from '../ui/column-match-view.ts';
import type { SheetGrid } from '../workbook/workbook.ts';
import { rememberColumns, rememberedColumns } from './match-choices.ts';
import { $, type PaneContext } from './pane-context.ts';

/**
 * The columns to read the sheet with when its headers did not name every required column: remembered for its
 * layout, else undefined after asking (throws a PaneNotice; `recheck` runs the check again once confirmed).
 * Undefined without asking when the headers name every required column (or the sheet has no header at all).
 */
export function checklistColumns(
  ctx: PaneContext,
  read: SheetGrid,
  recheck: () => Promise<void>,
): ChecklistColumns | undefined {
  const box = $('column-match');
  const ask = columnsToAsk(findHeader(read.grid));
  const match = ask.length ? matchColumns(read.grid, CHECKLIST_FIELDS) : undefined;
  if (!match) {
    box.replaceChildren();
    return undefined;
  }
  const remembered = rememberedColumns<ColumnKey>(ctx.storage, 'checklist', match.layoutKey);
  const fields = COLUMNS.map((c) => ({ key: c.key, label: c.header, required: ask.includes(c.key) }));
  box.replaceChildren(
    columnMatchView(
      {
        fields,
        headers: match.headers,
        columns: remembered ?? match.columns,
        known: remembered ? fields.map((f) => f.key) : match.known,
        hint: ctx.t('matchChecklistHint'),
        confirmLabel: ctx.t('matchConfirmColumnsCheck'),
      },
      ctx.t,
      !remembered,
      (columns) => {
        rememberColumns(ctx.storage, 'checklist', match.layoutKey, columns);
        void recheck();
      },
    ),
  );
  if (remembered) return { headerRow: match.headerRow, columns: remembered };
  $('issues').replaceChildren();
  throw new PaneNotice(ctx.t('ledgerConfirmColumns'));
}
