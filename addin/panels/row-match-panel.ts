// The row-matching step of 校验 for a unit's own ledger (a checklist with the measures' wording but no 措施编号):
// each row is matched to one of the unit's measures by its text (core.matchRows), shown for the clerk to confirm or
// correct, and the confirmed choice is remembered by the row's wording. Until every row shown was confirmed, the
// check stops with a notice instead of a verdict; the same step serves Excel and the uploaded file. A chunk of its
// own: check-panel.ts loads it only for a sheet that is such a ledger.
import { isLedgerHeader, matchRows, rowMatchKey } from '../../core/checklist/match-rows.ts';
import { measuresFor } from '../../core/plan/plan-lookup.ts';
import { type HeaderResult } from '../../core/sheet/find-header.ts';
import { type Plan } from '../../core/schemas/plan.ts';
import { PaneNotice } from '../pane-notice.ts';
import { rowMatchView } from '../ui/row-match-view.ts';
import type { SheetGrid } from '../workbook/workbook.ts';
import { rememberRows, rememberedRows } from './match-choices.ts';
import { $, type PaneContext } from './pane-context.ts';

/**
 * The measure of each sheet row when the sheet is a ledger whose rows were all confirmed; undefined when the sheet
 * has 措施编号 (or is no checklist at all). `header`: the sheet's columns, as recognised or as the clerk matched
 * them. Throws a PaneNotice while rows wait for the clerk; `recheck` runs the check again once the clerk confirms.
 */
export function ledgerMeasures(
  ctx: PaneContext,
  plan: Plan,
  read: SheetGrid,
  header: HeaderResult,
  recheck: () => Promise<void>,
): Map<number, string> | undefined {
  const box = $('row-match');
  const cols = header.columns;
  const unitId = ctx.unitId();
  if (header.headerRow < 0 || !isLedgerHeader(cols) || !unitId) {
    box.replaceChildren();
    return undefined;
  }
  const measures = measuresFor(plan, unitId);
  const matches = matchRows(read.grid, header.headerRow, cols, plan, measures);
  const scope = `${plan.id}:${unitId}`;
  const remembered = rememberedRows(ctx.storage, scope);
  const chosen = new Map<number, string | undefined>();
  let confirmed = true;
  for (const m of matches) {
    const key = rowMatchKey(m);
    if (remembered.has(key)) chosen.set(m.sheetRow, remembered.get(key) ?? undefined);
    else {
      chosen.set(m.sheetRow, m.measureId);
      confirmed = false;
    }
  }
  // Open while anything waits for the clerk: a row not yet confirmed, or one confirmed as unmatched.
  const open = !confirmed || [...chosen.values()].some((id) => id === undefined);
  box.replaceChildren(
    rowMatchView({ matches, measures, chosen }, ctx.t, open, (picked) => {
      rememberRows(ctx.storage, scope, new Map(matches.map((m) => [rowMatchKey(m), picked.get(m.sheetRow) ?? null])));
      void recheck();
    }),
  );
  if (!confirmed) {
    $('issues').replaceChildren();
    throw new PaneNotice(ctx.t('ledgerConfirmRows'));
  }
  const byRow = new Map<number, string>();
  for (const [row, id] of chosen) if (id) byRow.set(row, id);
  return byRow;
}
