// The /export.csv table: one line per row of every unit's current report, and one line for a unit without one.
// Column headers are the checklist's own (core COLUMNS), so the CSV reads like the sheet the units fill in.
import {
  STATUS_LABELS,
  TIMELINESS_LABELS,
  columnByKey,
  formatCst,
  type ColumnKey,
  type DetailRow,
  type Details,
  type Summary,
} from '../../core/index.ts';
import type { CsvCell } from './csv.ts';

const ROW_KEYS = [
  'measureId',
  'measure',
  'item',
  'status',
  'progress',
  'target',
  'actual',
  'unitOfMeasure',
  'rate',
  'fundsPlanned',
  'fundsPaid',
  'evidence',
  'note',
] as const satisfies readonly ColumnKey[];

export const EXPORT_HEADER: readonly string[] = [
  '期次',
  '填报单位',
  '报送情况',
  '首次报送时间（北京时间）',
  '版本',
  '本版本报送时间（北京时间）',
  '主要负责人',
  ...ROW_KEYS.map((k) => columnByKey(k).header),
];

function rowCells(r: DetailRow): CsvCell[] {
  return [
    r.measureId,
    r.measureTitle,
    r.item,
    STATUS_LABELS[r.status].zh,
    r.progress,
    r.target,
    r.actual,
    r.unitOfMeasure,
    r.rate,
    r.fundsPlanned,
    r.fundsPaid,
    r.evidence,
    r.note,
  ];
}

export function exportTable(summary: Summary, details: Details): CsvCell[][] {
  const rowsByUnit = new Map<string, DetailRow[]>();
  for (const r of details.rows) {
    const list = rowsByUnit.get(r.unitId);
    if (list) list.push(r);
    else rowsByUnit.set(r.unitId, [r]);
  }
  const table: CsvCell[][] = [[...EXPORT_HEADER]];
  for (const u of summary.units) {
    const base: CsvCell[] = [
      summary.period,
      u.unitName,
      TIMELINESS_LABELS[u.timeliness].zh,
      u.firstReceivedAt && formatCst(u.firstReceivedAt),
      u.revision,
      u.receivedAt && formatCst(u.receivedAt),
      u.signer,
    ];
    const rows = rowsByUnit.get(u.unitId) ?? [];
    if (!rows.length) table.push([...base, ...ROW_KEYS.map(() => null)]);
    for (const r of rows) table.push([...base, ...rowCells(r)]);
  }
  return table;
}
