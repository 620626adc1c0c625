// How a written sheet prints, as data: the Excel path applies it through Worksheet.pageLayout (excel/page-layout.ts),
// the .xlsx writers as the file's page setup (files/xlsx-workbook.ts), so both print alike.
export interface PrintSetup {
  orientation: 'landscape' | 'portrait';
  paperSize: 'A4';
  /** Scale so every column fits one page width (pages run on downwards). */
  fitToWidth: boolean;
  /** Rows repeated at the top of each printed page, through this one (1 = the title row, 2 = title and header). */
  titleRows: number;
  /** The first repeated row when not row 1 (the 整改清单 template repeats only its header row). */
  firstTitleRow?: number;
}

/**
 * A4 landscape, all columns on the page's width, title and header on each page: how every sheet the add-in writes
 * prints unless its spec says otherwise, in Excel (excel/write-summary.ts) and in the downloaded workbook
 * (files/write-xlsx.ts).
 */
export const A4_WIDE: PrintSetup = { orientation: 'landscape', paperSize: 'A4', fitToWidth: true, titleRows: 2 };
