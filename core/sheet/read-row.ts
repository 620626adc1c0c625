// Reads one checklist row of the sheet into the typed RowInput the shared rules work on, reporting the cell-level
// problems only a sheet can have (blank required cells, Excel error values, text where a number belongs, …).
// A cell's reading depends only on its column and value, and checklists repeat the same measure ids, deadlines,
// units and labels on every row, so readings of text cells are memoised per validation run.
import { COLUMNS, type ColumnKey } from '../checklist/columns.ts';
import { excelSerialToIso, parseDeadline, type Deadline } from '../deadline/parse-deadline.ts';
import { enHeader, hit, quoteValue, zhHeader, type RuleHit } from '../rules/rule-codes.ts';
import { checkTextLength, type RowInput } from '../rules/row-rules.ts';
import { statusFromLabel, type Status } from '../schemas/status.ts';
import { parseResponsibleUnits } from '../units/unit-registry.ts';
import { cellDisplay, cellText, isSpaceCode, normaliseCell, type Cell } from './normalise-cell.ts';

/**
 * A cell's value and the findings about it; both depend on the column and the raw value only. Always built by
 * `read()` so that every instance has one shape (the row loop reads these fields 10,000s of times).
 */
interface Read<T> {
  readonly value: T | undefined;
  readonly hits: readonly RuleHit[] | undefined;
}

function read<T>(value: T | undefined, hits?: readonly RuleHit[]): Read<T> {
  return { value, hits };
}

type Reader<T> = (raw: unknown) => Read<T>;
/** Entries per column memo; a full memo is cleared, which bounds memory when every cell differs. */
const MEMO_MAX = 10_000;
const NONE: Read<never> = read<never>(undefined);

export type ColumnIndex = Partial<Record<ColumnKey, number>>;
type RowInputKey = keyof RowInput;
/** RowInput with every field present (possibly undefined) and writable: the reader's reusable row. */
export type MutableRowInput = { -readonly [K in RowInputKey]: RowInput[K] };

/** A fresh row object with every field present, so that all rows share one shape. */
export function emptyRowInput(): MutableRowInput {
  return {
    measureId: undefined,
    measureText: undefined,
    deadline: undefined,
    status: undefined,
    progress: undefined,
    target: undefined,
    actual: undefined,
    rate: undefined,
    fundsPlanned: undefined,
    fundsPaid: undefined,
    evidence: undefined,
    note: undefined,
  };
}
/** Memo of one column: the previous row's value first (a pointer compare), then a map of every value seen. */
class Memo {
  last: unknown = NONE;
  lastRead: Read<unknown> = NONE;
  readonly table = new Map<string, Read<unknown>>();
}

function memoised<T>(reader: Reader<T>, raw: unknown, memo: Memo): Read<T> {
  if (raw === memo.last) return memo.lastRead as Read<T>;
  if (typeof raw !== 'string') return reader(raw);
  let found = memo.table.get(raw) as Read<T> | undefined;
  if (!found) {
    found = reader(raw);
    if (memo.table.size >= MEMO_MAX) memo.table.clear();
    memo.table.set(raw, found);
  }
  memo.last = raw;
  memo.lastRead = found;
  return found;
}

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

const readMeasureId: Reader<string> = (raw) => {
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

const readMeasure = textReader('measure', true);
const readUnits = textReader('responsibleUnits', true, unknownUnits);
const readProblem = textReader('problem', false);
const readLead = textReader('lead', false);

const readDeadline: Reader<Deadline> = (raw) => {
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

const readStatus: Reader<Status> = (raw) => {
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
const READ_TARGET = numberReader('target');
const READ_ACTUAL = numberReader('actual');
const READ_RATE = numberReader('rate');
const READ_FUNDS_PLANNED = numberReader('fundsPlanned');
const READ_FUNDS_PAID = numberReader('fundsPaid');

function push(hits: RuleHit[], r: Read<unknown>): void {
  if (r.hits) for (const h of r.hits) hits.push(h);
}

const maxOf = (key: ColumnKey) => COLUMNS.find((c) => c.key === key)?.maxLength ?? Infinity;
const MAX_PROBLEM = maxOf('problem');
const MAX_LEAD = maxOf('lead');
const MAX_MEASURE = maxOf('measure');

/** A non-empty string needing no trimming that cannot be an Excel error: the cell as written is the value. */
function plainText(raw: unknown): raw is string {
  if (typeof raw !== 'string' || raw.length === 0) return false;
  const a = raw.charCodeAt(0);
  return a !== 35 && a !== 0xff03 && !isSpaceCode(a) && !isSpaceCode(raw.charCodeAt(raw.length - 1));
}

/** Free prose (progress, evidence, note): mostly unique per row, so read directly; length is a row rule. */
function readProse(key: 'progress' | 'evidence' | 'note', raw: unknown, hits: RuleHit[]): string | undefined {
  const err = errorCell(raw);
  if (err) {
    hits.push(errorHit(key, err));
    return undefined;
  }
  const text = cellText(raw);
  if (text === undefined && key === 'progress') push(hits, empty(key));
  return text;
}

const MEMOS = {
  units: new Memo(),
  measureId: new Memo(),
  deadline: new Memo(),
  status: new Memo(),
  target: new Memo(),
  actual: new Memo(),
  rate: new Memo(),
  fundsPlanned: new Memo(),
  fundsPaid: new Memo(),
};

/**
 * Reads the rows of one sheet. Column indexes and memo tables are fixed, named fields (not lookups by key), which
 * keeps the per-row path monomorphic: reading is the bulk of a validation run.
 */
export class SheetRowReader {
  // -1: the column is absent (reported once at sheet level, not again on every row).
  private readonly iProblem: number;
  private readonly iLead: number;
  private readonly iUnits: number;
  private readonly iMeasureId: number;
  private readonly iMeasure: number;
  private readonly iDeadline: number;
  private readonly iStatus: number;
  private readonly iProgress: number;
  private readonly iTarget: number;
  private readonly iActual: number;
  private readonly iRate: number;
  private readonly iFundsPlanned: number;
  private readonly iFundsPaid: number;
  private readonly iEvidence: number;
  private readonly iNote: number;
  // Shared by every reader: a reading depends on nothing but the column and the value, and the add-in
  // re-validates the same sheet after each edit.
  private readonly mUnits = MEMOS.units;
  private readonly mMeasureId = MEMOS.measureId;
  private readonly mDeadline = MEMOS.deadline;
  private readonly mStatus = MEMOS.status;
  private readonly mTarget = MEMOS.target;
  private readonly mActual = MEMOS.actual;
  private readonly mRate = MEMOS.rate;
  private readonly mFundsPlanned = MEMOS.fundsPlanned;
  private readonly mFundsPaid = MEMOS.fundsPaid;

  constructor(cols: ColumnIndex) {
    this.iProblem = cols.problem ?? -1;
    this.iLead = cols.lead ?? -1;
    this.iUnits = cols.responsibleUnits ?? -1;
    this.iMeasureId = cols.measureId ?? -1;
    this.iMeasure = cols.measure ?? -1;
    this.iDeadline = cols.deadline ?? -1;
    this.iStatus = cols.status ?? -1;
    this.iProgress = cols.progress ?? -1;
    this.iTarget = cols.target ?? -1;
    this.iActual = cols.actual ?? -1;
    this.iRate = cols.rate ?? -1;
    this.iFundsPlanned = cols.fundsPlanned ?? -1;
    this.iFundsPaid = cols.fundsPaid ?? -1;
    this.iEvidence = cols.evidence ?? -1;
    this.iNote = cols.note ?? -1;
  }

  /**
   * Converts a row into `out` (one object reused for every row: the rules read it, toSubmissionRow copies it);
   * cell-level findings are appended to `hits`.
   */
  read(row: readonly unknown[], hits: RuleHit[], out: MutableRowInput): MutableRowInput {
    // Read for their findings only: these columns are not part of a SubmissionRow.
    if (this.iProblem >= 0) this.text(readProblem, row[this.iProblem], MAX_PROBLEM, hits);
    if (this.iLead >= 0) this.text(readLead, row[this.iLead], MAX_LEAD, hits);
    if (this.iUnits >= 0) push(hits, memoised(readUnits, row[this.iUnits], this.mUnits));
    out.measureId = this.iMeasureId >= 0 ? this.cell(readMeasureId, row[this.iMeasureId], this.mMeasureId, hits) : undefined;
    out.measureText = this.iMeasure >= 0 ? this.text(readMeasure, row[this.iMeasure], MAX_MEASURE, hits) : undefined;
    out.deadline = this.iDeadline >= 0 ? this.cell(readDeadline, row[this.iDeadline], this.mDeadline, hits) : undefined;
    out.status = this.iStatus >= 0 ? this.cell(readStatus, row[this.iStatus], this.mStatus, hits) : undefined;
    out.progress = this.iProgress >= 0 ? this.prose('progress', row[this.iProgress], hits) : undefined;
    out.target = this.iTarget >= 0 ? this.number(READ_TARGET, row[this.iTarget], this.mTarget, hits) : undefined;
    out.actual = this.iActual >= 0 ? this.number(READ_ACTUAL, row[this.iActual], this.mActual, hits) : undefined;
    out.rate = this.iRate >= 0 ? this.number(READ_RATE, row[this.iRate], this.mRate, hits) : undefined;
    out.fundsPlanned = this.iFundsPlanned >= 0 ? this.number(READ_FUNDS_PLANNED, row[this.iFundsPlanned], this.mFundsPlanned, hits) : undefined;
    out.fundsPaid = this.iFundsPaid >= 0 ? this.number(READ_FUNDS_PAID, row[this.iFundsPaid], this.mFundsPaid, hits) : undefined;
    out.evidence = this.iEvidence >= 0 ? this.prose('evidence', row[this.iEvidence], hits) : undefined;
    out.note = this.iNote >= 0 ? this.prose('note', row[this.iNote], hits) : undefined;
    return out;
  }

  private cell<T>(reader: Reader<T>, raw: unknown, table: Memo, hits: RuleHit[]): T | undefined {
    const r = memoised(reader, raw, table);
    if (r.hits) push(hits, r);
    return r.value;
  }

  /** Text columns without parsing: the common cell is taken as is; anything unusual goes through the reader. */
  private text(reader: Reader<string>, raw: unknown, max: number, hits: RuleHit[]): string | undefined {
    if (plainText(raw) && raw.length <= max) return raw;
    const r = reader(raw);
    if (r.hits) push(hits, r);
    return r.value;
  }

  private prose(key: 'progress' | 'evidence' | 'note', raw: unknown, hits: RuleHit[]): string | undefined {
    return plainText(raw) ? raw : readProse(key, raw, hits);
  }

  private number(reader: Reader<number>, raw: unknown, table: Memo, hits: RuleHit[]): number | undefined {
    if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
    return this.cell(reader, raw, table, hits);
  }
}
