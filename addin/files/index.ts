// The web path's spreadsheet surface, loaded with a dynamic import() (its own chunk): reading uploads, the file
// adapter of the Workbook interface, and the .xlsx files the page offers for download.
export { readUpload, fileKind, type LoadedBook, type LoadedSheet } from './read-upload.ts';
export { fileWorkbook, likelyChecklistSheet, type FileWorkbook } from './file-workbook.ts';
export { specsToXlsx } from './write-xlsx.ts';
export { templateXlsx, previousXlsx } from './template-xlsx.ts';
export { annotatedXlsx, RESULT_SHEET } from './annotate.ts';
export { UploadError, MAX_UPLOAD_BYTES, MAX_SHEETS, type UploadErrorCode } from './upload-error.ts';
