// The file adapter of addin/workbook/workbook.ts: an uploaded workbook and the sheet chosen in it. Reading is from
// memory; highlight() remembers the issues so 下载标注版 can fill exactly the cells the list shows.
import { findHeader } from '../../core/sheet/find-header.ts';
import { type ChecklistIssue } from '../../core/validate-checklist.ts';
import type { Workbook } from '../workbook/workbook.ts';
import type { LoadedBook } from './read-upload.ts';

export interface FileWorkbook extends Workbook {
  readonly book: LoadedBook;
  sheetName: string;
  /** The issues of the latest check of `sheetName`. */
  lastIssues(): readonly ChecklistIssue[];
}

/** The sheet to preselect: the first whose header row looks like a checklist, else the first with any value. */
export function likelyChecklistSheet(book: LoadedBook): string {
  const withHeader = book.sheets.find((s) => findHeader(s.grid).headerRow >= 0);
  const nonEmpty = book.sheets.find((s) =>
    s.grid.some((r) => r.some((v) => v !== '' && v !== null && v !== undefined)),
  );
  return (withHeader ?? nonEmpty ?? book.sheets[0]!).name;
}

export function fileWorkbook(book: LoadedBook, sheetName = likelyChecklistSheet(book)): FileWorkbook {
  let issues: readonly ChecklistIssue[] = [];
  const wb: FileWorkbook = {
    book,
    sheetName,
    readGrid: async () => {
      const sheet = book.sheets.find((s) => s.name === wb.sheetName) ?? book.sheets[0]!;
      return { sheetName: sheet.name, grid: sheet.grid };
    },
    highlight: async (name, list) => {
      issues = name === wb.sheetName ? list : [];
    },
    select: async () => false,
    lastIssues: () => issues,
  };
  return wb;
}
