// Where the pane runs: inside Excel (the Excel global exists) or in a plain browser (settings still usable).
// Requirement sets above the manifest's minimum (ExcelApi 1.9) are checked here at runtime.

export function hasExcel(): boolean {
  return typeof Excel !== 'undefined' && typeof Excel.run === 'function';
}

/** Office.context.requirements.isSetSupported, false when Office is absent or not initialised. */
export function isSetSupported(name: string, version: string): boolean {
  try {
    return typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported(name, version);
  } catch {
    return false;
  }
}

/** The pane needs worksheet.getRanges (ExcelApi 1.9) and data validation (1.8, implied by 1.9). */
export function excelApiReady(): boolean {
  return hasExcel() && isSetSupported('ExcelApi', '1.9');
}

/** Office's UI language ("zh-CN", "en-US"); empty outside Office. */
export function displayLanguage(): string {
  try {
    return (typeof Office !== 'undefined' && Office.context?.displayLanguage) || '';
  } catch {
    return '';
  }
}
