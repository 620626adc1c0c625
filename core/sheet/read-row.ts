// Reads one checklist row of the sheet into the typed RowInput the shared rules work on, reporting the cell-level
// problems only a sheet can have (blank required cells, Excel error values, text where a number belongs, …).
import { COLUMNS, type ColumnDef, type ColumnKey } from '../checklist/columns.ts';
import { excelSerialToIso, parseDeadline, type Deadline } from '../deadline/parse-deadline.ts';
import { hit, enHeader, quoteValue, zhHeader, type RuleHit } from '../rules/rule-codes.ts';
import { checkTextLength, type RowInput } from '../rules/row-rules.ts';
import { statusFromLabel, type Status } from '../schemas/status.ts';
import { parseResponsibleUnits } from '../units/unit-registry.ts';
import { cellDisplay, cellText, normaliseCell, type Cell } from './normalise-cell.ts';

/** Memo tables for one validation run: a checklist repeats the same deadlines, units and labels on every row. */
export interface ReadMemo {
  readonly deadlines: Map<string, { ok: true; value: Deadline } | { ok: false; reason: string }>;
  readonly units: Map<string, string[]>;
  readonly statuses: Map<string, Status | null>;
}

export function newReadMemo(): ReadMemo {
  return { deadlines: new Map(), units: new Map(), statuses: new Map() };
}

export interface SheetRowRead {
  readonly input: RowInput;
  readonly hits: RuleHit[];
}

const MEASURE_ID = /^(\d{1,2})\s*[-_.·—–~]\s*(\d{1,2})$/;
const SERIAL_MIN = 32874; // 1990-01-01, as in parseDeadline

/** "1-1", "１－１", "01.1", or the date Excel made of "1-1" (January 1st → "1-1"); raw text otherwise. */
function measureIdOf(cell: Cell): string {
  if (cell.kind === 'number') {
    const v = cell.value;
    if (Number.isInteger(v) && v >= SERIAL_MIN && v <= 73415) {
      const [, m, d] = excelSerialToIso(v).split('-');
      return `${Number(m)}-${Number(d)}`;
    }
    const m = MEASURE_ID.exec(String(v));
    return m ? `${Number(m[1])}-${Number(m[2])}` : String(v);
  }
  const text = cellDisplay(cell);
  const m = MEASURE_ID.exec(text);
  return m ? `${Number(m[1])}-${Number(m[2])}` : text;
}

function errorCell(raw: unknown): Cell | undefined {
  if (typeof raw === 'string') {
    // Cheap pre-check: every error value starts with "#" (or its full-width form).
    const t = raw.trimStart();
    if (t.charCodeAt(0) !== 35 && t.charCodeAt(0) !== 0xff03) return undefined;
  } else if (typeof raw !== 'number' || Number.isFinite(raw)) return undefined;
  const cell = normaliseCell(raw);
  return cell.kind === 'error' ? cell : undefined;
}

function errorHit(col: ColumnDef, cell: Cell): RuleHit {
  const v = cellDisplay(cell);
  return hit(
    'excel_error_value',
    col.key,
    `${zhHeader(col.key)}是Excel错误值${v}，请检查公式或改为直接填写`,
    `${enHeader(col.key)} holds the Excel error ${v}; check the formula or type the value`,
  );
}

function emptyHit(key: ColumnKey): RuleHit {
  return hit('required_cell_empty', key, `${zhHeader(key)}为必填项，不能为空`, `${enHeader(key)} is required`);
}

/**
 * Converts a row. `columns` maps keys to indexes (absent keys were not found in the header; the missing column is
 * reported once at sheet level, so its cells are not reported again row by row).
 */
export function readSheetRow(row: readonly unknown[], columns: Partial<Record<ColumnKey, number>>, memo: ReadMemo): SheetRowRead {
  const hits: RuleHit[] = [];
  const input: { -readonly [K in keyof RowInput]: RowInput[K] } = {};

  for (const col of COLUMNS) {
    const index = columns[col.key];
    if (index === undefined) continue;
    const raw = row[index];
    const err = errorCell(raw);
    if (err) {
      hits.push(errorHit(col, err));
      continue;
    }
    switch (col.kind) {
      case 'text': {
        if (col.key === 'measureId') {
          const cell = normaliseCell(raw);
          if (cell.kind === 'empty') hits.push(emptyHit(col.key));
          else input.measureId = measureIdOf(cell);
          break;
        }
        const text = cellText(raw);
        if (text === undefined) {
          if (col.required) hits.push(emptyHit(col.key));
          break;
        }
        if (col.key === 'progress' || col.key === 'evidence' || col.key === 'note') {
          input[col.key] = text; // length checked by the shared row rules
          break;
        }
        if (col.key === 'measure') input.measureText = text;
        if (col.key === 'responsibleUnits') {
          let unknown = memo.units.get(text);
          if (!unknown) memo.units.set(text, (unknown = parseResponsibleUnits(text).unknown));
          if (unknown.length) {
            const names = unknown.map((n) => quoteValue(n, 20)).join('、');
            hits.push(
              hit('unknown_unit', col.key, `${zhHeader(col.key)}中有无法识别的单位：${names}`, `${enHeader(col.key)} names unknown units: ${names}`),
            );
          }
        }
        const long = checkTextLength(col.key, text);
        if (long) hits.push(long);
        break;
      }
      case 'deadline': {
        const cell = normaliseCell(raw);
        if (cell.kind === 'empty') {
          hits.push(emptyHit(col.key));
          break;
        }
        const key = cell.kind === 'number' ? `#${cell.value}` : cellDisplay(cell);
        let parsed = memo.deadlines.get(key);
        if (!parsed) memo.deadlines.set(key, (parsed = parseDeadline(cell.kind === 'number' ? cell.value : cellDisplay(cell))));
        if (parsed.ok) input.deadline = parsed.value;
        else hits.push(hit('deadline_unparseable', col.key, `${zhHeader(col.key)}：${parsed.reason}`, `${enHeader(col.key)} cannot be read as a date or 长期坚持 (long-term): "${quoteValue(cellDisplay(cell))}"`));
        const long = checkTextLength(col.key, cell.kind === 'text' ? cell.text : undefined);
        if (long) hits.push(long);
        break;
      }
      case 'status': {
        const cell = normaliseCell(raw);
        if (cell.kind === 'empty') {
          hits.push(emptyHit(col.key));
          break;
        }
        const label = cellDisplay(cell);
        let status = memo.statuses.get(label);
        if (status === undefined) memo.statuses.set(label, (status = statusFromLabel(label) ?? null));
        if (status) input.status = status;
        else
          hits.push(
            hit(
              'status_invalid',
              col.key,
              `${zhHeader(col.key)}应为“已完成”“阶段性成效”“推进中”“未启动”之一（填写了“${quoteValue(label)}”）`,
              `${enHeader(col.key)} must be one of 已完成 (done), 阶段性成效 (phased), 推进中 (ongoing), 未启动 (not started); got "${quoteValue(label)}"`,
            ),
          );
        break;
      }
      case 'number':
      case 'percent': {
        const cell = normaliseCell(raw);
        if (cell.kind === 'empty') break;
        const key = col.key as 'target' | 'actual' | 'rate' | 'fundsPlanned' | 'fundsPaid';
        // "85%" is a rate; in an amount column it means the figure went into the wrong column.
        if (cell.kind === 'number' && (!cell.percent || col.kind === 'percent')) input[key] = cell.value;
        else {
          const shown = quoteValue(cellDisplay(cell));
          const hint = col.kind === 'percent' ? '如85或85%' : '如12.5，不带单位';
          hits.push(
            hit('number_invalid', col.key, `${zhHeader(col.key)}应为数字（${hint}），填写了“${shown}”`, `${enHeader(col.key)} must be a number; got "${shown}"`),
          );
        }
        break;
      }
    }
  }
  return { input, hits };
}
