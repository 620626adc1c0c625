// addin/excel: the ONLY code that calls Excel.run (through runExcel, with delayForCellEdit). Everything else in the
// pane goes through these functions. docs/excel-compatibility.md lists each API, its requirement set and the hosts.
//
// Excel API surface used (a fake host for browser tests must provide exactly these):
//   Excel.run({ delayForCellEdit: true }, batch)       context.sync()
//   context.workbook.getActiveCell() (1.7) → Range.rowIndex
//   context.workbook.worksheets: getActiveWorksheet(), getItem(name), getItemOrNullObject(name), add(name),
//              load('items/name'), items[].name
//   Worksheet: name, load('name'), activate(), visibility = 'VeryHidden', getRange(address?), getRanges(addresses),
//              getUsedRangeOrNullObject(valuesOnly), freezePanes.freezeRows(n)
//   Range: load([...]), values, formulas (set), address, rowIndex, columnIndex, rowCount, columnCount, isNullObject, numberFormat,
//          getIntersectionOrNullObject(address), getSpecialCellsOrNullObject('Constants'|'Formulas', 'Numbers')
//          → RangeAreas.areas.items[].{rowIndex, columnIndex, numberFormat}, getCellProperties({format:{fill:{color}}}),
//          select(), merge(across), clear(), format.{font.bold, font.size, font.color, fill.color, wrapText, horizontalAlignment,
//          verticalAlignment, columnWidth (points), rowHeight (points), borders.getItem(edge).{style,color}}, dataValidation.{clear(), rule, errorAlert}
//   RangeAreas (from getRanges): format.fill.color, format.fill.clear()
//   Worksheet.pageLayout (1.9): orientation, paperSize, zoom (set, and load('zoom') to read back), centerHorizontally,
//              setPrintTitleRows(rows)
//   Worksheet.delete() (1.1); Worksheet.charts.add(type, sourceRange, seriesBy) → Chart.title.text, Chart.setPosition(start, end) (1.1)
//   Office.context.document.settings: get, set, remove, saveAsync   (optional: an in-memory map stands in)
//   Office.context.requirements.isSetSupported('ExcelApi', '1.9'), Office.context.displayLanguage, Office.context.partitionKey
export { hasExcel, excelApiReady, isSetSupported, displayLanguage } from './host.ts';
export { readActiveSheet, padToA1, READ_WINDOW, type SheetRead } from './read-active-sheet.ts';
export { runExcel, ExcelBusyError, CELL_EDIT_MESSAGE } from './run-excel.ts';
export { highlightIssues, clearHighlights, planHighlight, type HighlightIssue } from './highlight-issues.ts';
export { selectCell } from './select-cell.ts';
export { insertTemplate } from './insert-template.ts';
// The supervisor's sheet writers (write-summary.ts, trends-sheet.ts) are imported from their files, not re-exported
// here: every module this barrel names ends up in the chunk each unit's pane downloads, and units never write those
// sheets. The pure layouts both adapters share (this one and files/) live in addin/sheets/.
export {
  readDocSettings,
  writeDocSettings,
  getDocSetting,
  updateDocSettings,
  type DocSettings,
} from './doc-settings.ts';
export { chunkAddresses, mergeCells, columnIndex } from './address-chunks.ts';
export { excelWorkbook } from './excel-workbook.ts';
export { activeRow } from './active-row.ts';
