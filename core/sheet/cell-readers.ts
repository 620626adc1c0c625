// The cell readers of the checklist's columns: raw value → value + findings (blank required cells, Excel error values,
// text where a number belongs, unknown units, unreadable deadlines, invalid statuses). A reading depends only on the
// column and the value, which is what lets read-row.ts memoise it.
import { COLUMNS, type ColumnKey } from '../checklist/columns.ts';
import { excelSerialToIso, parseDeadline, type Deadline } from '../deadline/parse-deadline.ts';
import { enHeader, hit, quoteValue, zhHeader, type RuleHit } from '../rules/rule-codes.ts';
import { checkTextLength } from '../rules/row-rules.ts';
import { statusFromLabel, type Status } from '../schemas/status.ts';
import { parseResponsibleUnits } from '../units/unit-registry.ts';
import { cellDisplay, cellText, isSpaceCode, normaliseCell, type Cell } from './normalise-cell.ts';

/**
 * A cell's value and the findings about it; both depend on the column and the raw value only. Always built by
 * `read()` so that every instance has one shape (the row loop reads these fields 10,000s of times).
 */
export interface Read<T> {
  readonly value: T | undefined;
  readonly hits: readonly RuleHit[] | undefined;
}

function read<T>(value: T | undefined, hits?: readonly RuleHit[]): Read<T> {
  return { value, hits };
}

export type Reader<T> = (raw: unknown) => Read<T>;
export const NONE: Read<never> = read<never>(undefined);

const one = <T>(h: RuleHit, value?: T): Read<T> => read(value, [h]);

function errorHit(key: ColumnKey, cell: Cell): RuleHit {
  const v = cellDisplay(cell);
  return hit(
    'excel_error_value',
    key,
    `${zhHeader(key)}是Excel错误值${v}，请检查公式或改为直接填写`,
    `${enHeader(key)} holds the Excel error ${v}; check the formula or type the value`,
  );
}

const emptyReads = new Map<ColumnKey, Read<never>>();
function empty(key: ColumnKey): Read<never> {
  let found = emptyReads.get(key);
  if (!found) emptyReads.set(key, (found = one(hit('required_cell_empty', key, `${zhHeader(key)}为必填项，不能为空`, `${enHeader(key)} is required`))));
  return found;
}

/** Every Excel error value starts with "#" (or its full-width form) — a cheap test before normalising. */
function errorCell(raw: unknown): Cell | undefined {
  if (typeof raw === 'string') {
    let i = 0;
    while (i < raw.length && isSpaceCode(raw.charCodeAt(i))) i++;
    const c = raw.charCodeAt(i);
    if (c !== 35 && c !== 0xff03) return undefined;
  } else if (typeof raw !== 'number' || Number.isFinite(raw)) return undefined;
  const cell = normaliseCell(raw);
  return cell.kind === 'error' ? cell : undefined;
}

const MEASURE_ID = /^(\d{1,2})\s*[-_.·—–~]\s*(\d{1,2})$/;
const SERIAL_MIN = 32874; // 1990-01-01, as in parseDeadline
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

export const readMeasureId: Reader<string> = (raw) => {
  const cell = normaliseCell(raw);
  if (cell.kind === 'empty') return empty('measureId');
  if (cell.kind === 'error') return one(errorHit('measureId', cell));
  return read(measureIdOf(cell));
};

function textReader(key: ColumnKey, required: boolean, extra?: (text: string) => RuleHit | undefined): Reader<string> {
  return (raw) => {
    const err = errorCell(raw);
    if (err) return one(errorHit(key, err));
    const text = cellText(raw);
    if (text === undefined) return required ? empty(key) : NONE;
    const long = checkTextLength(key, text);
    const other = extra?.(text);
    if (!long && !other) return read(text);
    return read(text, [long, other].filter((h) => h !== undefined));
  };
}

const unknownUnits = (text: string): RuleHit | undefined => {
  const unknown = parseResponsibleUnits(text).unknown;
  if (!unknown.length) return undefined;
  const names = unknown.map((n) => quoteValue(n, 20)).join('、');
  return hit('unknown_unit', 'responsibleUnits', `${zhHeader('responsibleUnits')}中有无法识别的单位：${names}`, `${enHeader('responsibleUnits')} names unknown units: ${names}`);
};

export const readMeasure = textReader('measure', true);
export const readUnits = textReader('responsibleUnits', true, unknownUnits);
export const readProblem = textReader('problem', false);
export const readLead = textReader('lead', false);

export const readDeadline: Reader<Deadline> = (raw) => {
  const cell = normaliseCell(raw);
  if (cell.kind === 'empty') return empty('deadline');
  if (cell.kind === 'error') return one(errorHit('deadline', cell));
  const parsed = parseDeadline(cell.kind === 'number' ? cell.value : cellDisplay(cell));
  const long = checkTextLength('deadline', cell.kind === 'text' ? cell.text : undefined);
  const hits = long ? [long] : [];
  if (!parsed.ok) {
    hits.unshift(
      hit('deadline_unparseable', 'deadline', `${zhHeader('deadline')}：${parsed.reason}`, `${enHeader('deadline')} cannot be read as a date or 长期坚持 (long-term): "${quoteValue(cellDisplay(cell))}"`),
    );
  }
  return read(parsed.ok ? parsed.value : undefined, hits.length ? hits : undefined);
};

export const readStatus: Reader<Status> = (raw) => {
  const cell = normaliseCell(raw);
  if (cell.kind === 'empty') return empty('status');
  if (cell.kind === 'error') return one(errorHit('status', cell));
  const label = cellDisplay(cell);
  const status = statusFromLabel(label);
  if (status) return read(status);
  return one(
    hit(
      'status_invalid',
      'status',
      `${zhHeader('status')}应为“已完成”“阶段性成效”“推进中”“未启动”之一（填写了“${quoteValue(label)}”）`,
      `${enHeader('status')} must be one of 已完成 (done), 阶段性成效 (phased), 推进中 (ongoing), 未启动 (not started); got "${quoteValue(label)}"`,
    ),
  );
};

type NumberKey = 'target' | 'actual' | 'rate' | 'fundsPlanned' | 'fundsPaid';
function numberReader(key: NumberKey): Reader<number> {
  const percentOk = key === 'rate';
  return (raw) => {
    const cell = normaliseCell(raw);
    if (cell.kind === 'empty') return NONE;
    if (cell.kind === 'error') return one(errorHit(key, cell));
    // "85%" is a rate; in an amount column it means the figure went into the wrong column.
    if (cell.kind === 'number' && (!cell.percent || percentOk)) return read(cell.value);
    const shown = quoteValue(cellDisplay(cell));
    const hint = percentOk ? '如85或85%' : '如12.5，不带单位';
    return one(hit('number_invalid', key, `${zhHeader(key)}应为数字（${hint}），填写了“${shown}”`, `${enHeader(key)} must be a number; got "${shown}"`));
  };
}
export const READ_TARGET = numberReader('target');
export const READ_ACTUAL = numberReader('actual');
export const READ_RATE = numberReader('rate');
export const READ_FUNDS_PLANNED = numberReader('fundsPlanned');
export const READ_FUNDS_PAID = numberReader('fundsPaid');

export function push(hits: RuleHit[], r: Read<unknown>): void {
  if (r.hits) for (const h of r.hits) hits.push(h);
}

const maxOf = (key: ColumnKey) => COLUMNS.find((c) => c.key === key)?.maxLength ?? Infinity;
export const MAX_PROBLEM = maxOf('problem');
export const MAX_LEAD = maxOf('lead');
export const MAX_MEASURE = maxOf('measure');

/** A non-empty string needing no trimming that cannot be an Excel error: the cell as written is the value. */
export function plainText(raw: unknown): raw is string {
  if (typeof raw !== 'string' || raw.length === 0) return false;
  const a = raw.charCodeAt(0);
  return a !== 35 && a !== 0xff03 && !isSpaceCode(a) && !isSpaceCode(raw.charCodeAt(raw.length - 1));
}

/** Free prose (progress, evidence, note): mostly unique per row, so read directly; length is a row rule. */
export function readProse(key: 'progress' | 'evidence' | 'note', raw: unknown, hits: RuleHit[]): string | undefined {
  const err = errorCell(raw);
  if (err) {
    hits.push(errorHit(key, err));
    return undefined;
  }
  const text = cellText(raw);
  if (text === undefined && key === 'progress') push(hits, empty(key));
  return text;
}
