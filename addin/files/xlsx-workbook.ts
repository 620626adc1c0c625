// The exceljs side both .xlsx writers share (write-xlsx.ts: summary sheets; template-xlsx.ts: the unit's template):
// a new workbook that recalculates on opening, its bytes, solid fills, and the print setup as file fields.
import type ExcelJS from 'exceljs';
import type { PrintSetup } from '../sheets/print-setup.ts';

export const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
export const solid = (hex: string): ExcelJS.Fill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: hex.length === 8 ? hex : argb(hex) },
});

export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: ExcelJSLib } = await import('./exceljs-lib.ts');
  const wb = new ExcelJSLib.Workbook();
  wb.creator = '整改进度填报助手';
  // Recalculate on opening: Excel, WPS and LibreOffice then show 完成率 from the cells, not only the cached result.
  wb.calcProperties.fullCalcOnLoad = true;
  return wb;
}

export async function toBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const PAPER = { A4: 9 } as const;

/** The print setup the Excel path writes through Worksheet.pageLayout (excel/write-summary.ts), as file fields. */
export function pageSetup(p: PrintSetup): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: PAPER[p.paperSize],
    orientation: p.orientation,
    // One page wide, as many pages tall as it takes.
    ...(p.fitToWidth ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : {}),
    horizontalCentered: true,
    printTitlesRow: `${p.firstTitleRow ?? 1}:${p.titleRows}`,
  };
}
