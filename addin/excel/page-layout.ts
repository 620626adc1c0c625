// A sheet's print setup through Worksheet.pageLayout (ExcelApi 1.9): the one place the Excel path turns a
// PrintSetup (sheets/print-setup.ts) into page fields, for the summary sheets, 趋势, 报送 and the 整改清单 template.
// The .xlsx writer turns the same PrintSetup into file fields (files/xlsx-workbook.ts pageSetup).
import type { PrintSetup } from '../sheets/print-setup.ts';

export function applyPrint(sheet: Excel.Worksheet, p: PrintSetup): void {
  const layout = sheet.pageLayout;
  layout.orientation = p.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  layout.paperSize = p.paperSize;
  // One page wide, as many pages tall as it takes (0 = automatic, as fitToHeight="0" in the file format).
  if (p.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  layout.centerHorizontally = true;
  layout.setPrintTitleRows(`$${p.firstTitleRow ?? 1}:$${p.titleRows}`);
}
