// The one door to Excel.run. Every batch asks Excel to wait while the user is still typing in a cell
// (`delayForCellEdit`): without it Excel fails the whole batch at once when 校验 is clicked mid-edit. If Excel refuses
// anyway (hosts that ignore the option), the error becomes a sentence the clerk can act on.

/** Excel's error code for a batch refused because a cell is being edited. */
export const CELL_EDIT_CODE = 'InvalidOperationInCellEditMode';
export const CELL_EDIT_MESSAGE = '请先按回车键或 Esc 键结束单元格编辑，再点按钮。';

export class ExcelBusyError extends Error {
  readonly code = CELL_EDIT_CODE;
  constructor() {
    super(CELL_EDIT_MESSAGE);
    this.name = 'ExcelBusyError';
  }
}

export async function runExcel<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  try {
    return await Excel.run({ delayForCellEdit: true }, batch);
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code === CELL_EDIT_CODE) throw new ExcelBusyError();
    throw err;
  }
}
