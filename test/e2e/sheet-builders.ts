// Cell values the e2e tests type into the fake workbook: a clean row, and a large checklist with planted problems.
import { COLUMNS, columnLetter, type ColumnKey } from '../../core/checklist/columns.ts';
import { STATUS_LABELS } from '../../core/schemas/status.ts';
import { DEMO_PLAN, demoMeasuresFor } from '../fixtures/demo-plan.ts';

/** The template's column letter for a key ("status" → "H"). */
export function col(key: ColumnKey): string {
  const i = COLUMNS.findIndex((c) => c.key === key);
  if (i < 0) throw new Error(`no column ${key}`);
  return columnLetter(i);
}

/** A row every rule accepts: ongoing, progress with figures, consistent rate (6 / 10 = 60 %), evidence. */
export function goodRow(sheetRow: number, measureTitle?: string): Record<string, unknown> {
  const cells: Record<string, unknown> = {
    [`${col('status')}${sheetRow}`]: STATUS_LABELS.ongoing.zh,
    [`${col('progress')}${sheetRow}`]: '已开工项目6个，完成投资120万元',
    [`${col('target')}${sheetRow}`]: 10,
    [`${col('actual')}${sheetRow}`]: 6,
    [`${col('rate')}${sheetRow}`]: 60,
    [`${col('evidence')}${sheetRow}`]: '项目台账',
  };
  if (measureTitle !== undefined) cells[`${col('measure')}${sheetRow}`] = measureTitle;
  return cells;
}

/**
 * A checklist grid from A1 (title, header, `rows` data rows cycling through the unit's measures). Every third row
 * carries one bad cell, rotating over 完成情况 / 整改进展 / 完成率 so the flagged cells do not merge into a few
 * rectangles and the highlight needs many getRanges areas.
 */
export function bigChecklist(unitId: string, rows: number): unknown[][] {
  const measures = demoMeasuresFor(unitId);
  const index = Object.fromEntries(COLUMNS.map((c, i) => [c.key, i])) as Record<ColumnKey, number>;
  const grid: unknown[][] = [
    [`${DEMO_PLAN.title}整改清单`, ...COLUMNS.slice(1).map(() => '')],
    COLUMNS.map((c) => c.header),
  ];
  for (let r = 0; r < rows; r++) {
    const m = measures[r % measures.length]!;
    const line: unknown[] = COLUMNS.map(() => '');
    line[index.seq] = String(r + 1);
    line[index.measureId] = m.id;
    line[index.measure] = m.title;
    line[index.responsibleUnits] = m.responsibleUnitsText;
    line[index.deadline] = m.deadlineText;
    line[index.status] = STATUS_LABELS.ongoing.zh;
    line[index.progress] = `第${r + 1}行：已开工项目6个，完成投资120万元`;
    line[index.target] = 10;
    line[index.actual] = 6;
    line[index.rate] = 60;
    if (r % 3 === 0) {
      const which = (r / 3) % 3;
      if (which === 0) line[index.status] = '差不多';
      else if (which === 1) line[index.progress] = '';
      else line[index.rate] = 150;
    }
    grid.push(line);
  }
  return grid;
}
