// The cell readers of the checklist's columns: raw value → value + findings (blank required cells, Excel error values,
// text where a number belongs, unknown units, unreadable deadlines, invalid statuses).
import { columnByKey, type ColumnKey } from '../checklist/columns.ts';
import {
  excelSerialToIso,
  parseDeadline,
  type Deadline,
  type DeadlineContext,
  type DeadlineResult,
} from '../deadline/parse-deadline.ts';
import { enHeader, hit, quoteValue, zhHeader, type RuleHit } from '../rules/rule-codes.ts';
import { checkTextLength } from '../rules/row-rules.ts';
import type { Unit } from '../schemas/unit.ts';
import { statusFromLabel, type Status } from '../schemas/status.ts';
import { parseResponsibleUnits, unitNames } from '../units/unit-registry.ts';
import { cellDisplay, cellText, LONGEST_EXCEL_ERROR, normaliseCell, type Cell } from './normalise-cell.ts';

/** A cell's value (undefined when blank or unreadable) and the findings about it. */
export interface Read<T> {
  value: T | undefined;
  hits: readonly RuleHit[];
}

/** The findings of a clean cell: shared, never added to (most cells have none). */
const NO_HITS: readonly RuleHit[] = Object.freeze([]);

function ok<T>(value: T | undefined, hits: readonly RuleHit[] = NO_HITS): Read<T> {
  return { value, hits };
}
const fail = <T>(h: RuleHit): Read<T> => ({ value: undefined, hits: [h] });

function errorHit(key: ColumnKey, cell: Cell): RuleHit {
  const v = cellDisplay(cell);
  return hit(
    'excel_error_value',
    key,
    `${zhHeader(key)}是Excel错误值${v}，请检查公式或改为直接填写`,
    `${enHeader(key)} holds the Excel error ${v}; check the formula or type the value`,
  );
}

function emptyHit(key: ColumnKey): RuleHit {
  return hit('required_cell_empty', key, `${zhHeader(key)}为必填项，不能为空`, `${enHeader(key)} is required`);
}

/** An Excel error value (#N/A, #DIV/0!, …) in a cell that is otherwise read as text. */
function errorCell(raw: unknown): Cell | undefined {
  // Folding never turns a text into a shorter ASCII one, so prose longer than any error code is not folded to find out.
  if (typeof raw === 'string' && raw.trim().length > LONGEST_EXCEL_ERROR) return undefined;
  const cell = normaliseCell(raw);
  return cell.kind === 'error' ? cell : undefined;
}

const MEASURE_ID = /^(\d{1,2})\s*[-_.·—–~]\s*(\d{1,2})$/;
/** Excel serials between 1990-01-01 and 2100-12-31, as in parseDeadline. */
const SERIAL_MIN = 32874;
const SERIAL_MAX = 73415;

/** "1-1", "１－１", "01.1", or the date Excel made of "1-1" (January 1st → "1-1"); raw text otherwise. */
function measureIdOf(cell: Cell): string {
  if (cell.kind === 'number' && Number.isInteger(cell.value) && cell.value >= SERIAL_MIN && cell.value <= SERIAL_MAX) {
    const [, m, d] = excelSerialToIso(cell.value).split('-');
    return `${Number(m)}-${Number(d)}`;
  }
  const text = cellDisplay(cell);
  const m = MEASURE_ID.exec(text);
  return m ? `${Number(m[1])}-${Number(m[2])}` : text;
}

export function readMeasureId(raw: unknown): Read<string> {
  const cell = normaliseCell(raw);
  if (cell.kind === 'empty') return fail(emptyHit('measureId'));
  if (cell.kind === 'error') return fail(errorHit('measureId', cell));
  return ok(measureIdOf(cell));
}

/** A text column copied from the plan (问题, 整改措施, 牵头负责人, 责任单位): trimmed, length-checked. */
export function readText(key: ColumnKey, raw: unknown): Read<string> {
  const err = errorCell(raw);
  if (err) return fail(errorHit(key, err));
  const text = cellText(raw);
  if (text === undefined) return columnByKey(key).required ? fail(emptyHit(key)) : ok<string>(undefined);
  const long = checkTextLength(key, text);
  return ok(text, long ? [long] : []);
}

/** The names in a 责任单位 cell that resolve to no unit. */
export type UnknownUnits = (text: string) => string[];

/**
 * An UnknownUnits for one sheet: a sheet repeats each measure's 责任单位 text on every row, and resolving a long
 * list of names is the costliest reading of a row, so each distinct text is resolved once.
 */
export function unknownUnitsOf(units: readonly Unit[]): UnknownUnits {
  const names = unitNames(units);
  const resolved = new Map<string, string[]>();
  return (text) => {
    let unknown = resolved.get(text);
    if (!unknown) {
      unknown = parseResponsibleUnits(units, text, names).unknown;
      resolved.set(text, unknown);
    }
    return unknown;
  };
}

export function readUnits(raw: unknown, unknownUnits: UnknownUnits): Read<string> {
  const read = readText('responsibleUnits', raw);
  if (read.value === undefined) return read;
  const unknown = unknownUnits(read.value);
  if (unknown.length) {
    const names = unknown.map((n) => quoteValue(n, 20)).join('、');
    return ok(read.value, [
      ...read.hits,
      hit(
        'unknown_unit',
        'responsibleUnits',
        `${zhHeader('responsibleUnits')}中有无法识别的单位：${names}`,
        `${enHeader('responsibleUnits')} names unknown units: ${names}`,
      ),
    ]);
  }
  return read;
}

/** Parses a 整改时限 cell's text or serial number. */
export type ParseDeadline = (input: string | number) => DeadlineResult;

/**
 * A ParseDeadline for one sheet: every row of a measure repeats its 整改时限 text, and parsing that text (a dozen
 * patterns over the whole string) is the costliest reading of a row, so each distinct text is parsed once.
 */
export function deadlinesOf(ctx: DeadlineContext): ParseDeadline {
  const parsed = new Map<string | number, DeadlineResult>();
  return (input) => {
    let result = parsed.get(input);
    if (!result) {
      result = parseDeadline(input, ctx);
      parsed.set(input, result);
    }
    return result;
  };
}

export function readDeadline(raw: unknown, parse: ParseDeadline): Read<Deadline> {
  const cell = normaliseCell(raw);
  if (cell.kind === 'empty') return fail(emptyHit('deadline'));
  if (cell.kind === 'error') return fail(errorHit('deadline', cell));
  const parsed = parse(cell.kind === 'number' ? cell.value : cellDisplay(cell));
  const hits: RuleHit[] = [];
  if (!parsed.ok) {
    hits.push(
      hit(
        'deadline_unparseable',
        'deadline',
        `${zhHeader('deadline')}：${parsed.reason}`,
        `${enHeader('deadline')} cannot be read as a date or 长期坚持 (long-term): "${quoteValue(cellDisplay(cell))}"`,
      ),
    );
  }
  const long = checkTextLength('deadline', cell.kind === 'text' ? cell.text : undefined);
  if (long) hits.push(long);
  return ok(parsed.ok ? parsed.value : undefined, hits);
}

export function readStatus(raw: unknown): Read<Status> {
  const cell = normaliseCell(raw);
  if (cell.kind === 'empty') return fail(emptyHit('status'));
  if (cell.kind === 'error') return fail(errorHit('status', cell));
  const label = cellDisplay(cell);
  const status = statusFromLabel(label);
  if (status) return ok(status);
  return fail(
    hit(
      'status_invalid',
      'status',
      `${zhHeader('status')}应为“已完成”“阶段性成效”“推进中”“未启动”之一（填写了“${quoteValue(label)}”）`,
      `${enHeader('status')} must be one of 已完成 (done), 阶段性成效 (phased), 推进中 (ongoing), 未启动 (not started); got "${quoteValue(label)}"`,
    ),
  );
}

export type NumberKey = 'target' | 'actual' | 'rate' | 'fundsPlanned' | 'fundsPaid';

export function readNumber(key: NumberKey, raw: unknown): Read<number> {
  const cell = normaliseCell(raw);
  if (cell.kind === 'empty') return ok<number>(undefined);
  if (cell.kind === 'error') return fail(errorHit(key, cell));
  // "85%" is a rate; in an amount column it means the figure went into the wrong column.
  if (cell.kind === 'number' && (!cell.percent || key === 'rate')) return ok(cell.value);
  const shown = quoteValue(cellDisplay(cell));
  const example = key === 'rate' ? '如85或85%' : '如12.5，不带单位';
  return fail(
    hit(
      'number_invalid',
      key,
      `${zhHeader(key)}应为数字（${example}），填写了“${shown}”`,
      `${enHeader(key)} must be a number; got "${shown}"`,
    ),
  );
}

/** Free prose (整改进展, 佐证材料, 备注): kept as written; its length is a row rule, shared with the Worker. */
export function readProse(key: 'progress' | 'evidence' | 'note', raw: unknown): Read<string> {
  const err = errorCell(raw);
  if (err) return fail(errorHit(key, err));
  const text = cellText(raw);
  if (text === undefined && key === 'progress') return fail(emptyHit(key));
  return ok(text);
}
