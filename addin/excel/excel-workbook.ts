// The Excel adapter of addin/workbook/workbook.ts: the active worksheet, read and highlighted in one sync each.
import type { Workbook } from '../workbook/workbook.ts';
import type { HighlightProbe } from './highlight-issues.ts';
import { highlightIssues } from './highlight-issues.ts';
import { readActiveSheet } from './read-active-sheet.ts';
import { selectCell } from './select-cell.ts';

export function excelWorkbook(): Workbook {
  // The previous highlight's fills are read in the same sync as the values; highlight() uses them right after.
  let probe: { sheetName: string; probe: HighlightProbe } | undefined;
  return {
    readGrid: async () => {
      const read = await readActiveSheet();
      probe = { sheetName: read.sheetName, probe: read.highlightProbe };
      return {
        sheetName: read.sheetName,
        grid: read.grid,
        sheetNames: read.sheetNames,
        ...(read.clippedUsedRange ? { clippedUsedRange: read.clippedUsedRange } : {}),
      };
    },
    highlight: async (sheetName, issues) => {
      const p = probe?.sheetName === sheetName ? probe.probe : undefined;
      probe = undefined;
      await highlightIssues(
        sheetName,
        issues.filter((i) => i.column),
        p,
      );
    },
    select: async (sheetName, address) => {
      await selectCell(sheetName, address);
      return true;
    },
  };
}
