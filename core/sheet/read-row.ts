// Reads the checklist rows of a sheet into the typed RowInput the shared rules work on (core/rules/row-rules.ts),
// with the cell readers of cell-readers.ts. Checklists repeat the same measure ids, deadlines, units and labels on
// every row and every re-validation, so readings of text cells are memoised.
import type { Measure } from '../catalog/plan-catalog.ts';
import type { ColumnKey } from '../checklist/columns.ts';
import type { Deadline } from '../deadline/parse-deadline.ts';
import type { RuleHit } from '../rules/rule-codes.ts';
import type { MeasureSeen } from '../rules/set-rules.ts';
import type { RowInput } from '../rules/row-rules.ts';
import {
  MAX_LEAD,
  MAX_MEASURE,
  MAX_PROBLEM,
  NONE,
  plainText,
  push,
  READ_ACTUAL,
  READ_FUNDS_PAID,
  READ_FUNDS_PLANNED,
  READ_RATE,
  READ_TARGET,
  readDeadline,
  readLead,
  readMeasure,
  readMeasureId,
  readProblem,
  readProse,
  readStatus,
  readUnits,
  type Read,
  type Reader,
} from './cell-readers.ts';

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

/** Entries per column memo; a full memo is cleared, which bounds memory when every cell differs. */
const MEMO_MAX = 10_000;

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

/** What validateChecklist derives from one set of plan cells: checkMeasureCells' outcome and the set-rule state. */
export interface MeasureChecks {
  readonly measure: Measure | undefined;
  readonly hits: readonly RuleHit[] | undefined;
  /** The measure's state in the run's set rules once a row reported it. */
  seen: MeasureSeen | undefined;
}

/**
 * The cells a row copies from the plan (问题, 牵头领导, 责任单位, 措施编号, 整改措施, 整改时限) as last read for one
 * measure-ID cell, with what they read as. Rows of one measure carry the same six cells, so a row whose cells equal
 * the entry's (`===`: a pointer compare when Excel hands back the same strings, a content compare otherwise) reuses
 * the readings instead of reading six cells.
 */
export class PlanCells {
  /** The measure rules' outcome on these readings (checkMeasureCells), filled in by the caller on first use. */
  measureChecks: MeasureChecks | undefined = undefined;

  constructor(
    readonly problem: unknown,
    readonly lead: unknown,
    readonly units: unknown,
    readonly measure: unknown,
    readonly deadline: unknown,
    readonly measureId: string | undefined,
    readonly measureText: string | undefined,
    readonly deadlineRead: Deadline | undefined,
    /** The six cells' findings, in reading order; undefined when none. */
    readonly hits: readonly RuleHit[] | undefined,
  ) {}
}

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
  // One set per validation run: repeated values within a sheet (units, deadlines, statuses) are read once, and
  // nothing carries over between runs, so a re-validation costs what the first one did.
  private readonly mUnits = new Memo();
  private readonly mMeasureId = new Memo();
  private readonly mDeadline = new Memo();
  private readonly mStatus = new Memo();
  private readonly mTarget = new Memo();
  private readonly mActual = new Memo();
  private readonly mRate = new Memo();
  private readonly mFundsPlanned = new Memo();
  private readonly mFundsPaid = new Memo();
  /** Plan cells per measure-ID cell value (see PlanCells). */
  private readonly plan = new Map<unknown, PlanCells>();
  /** The plan cells of the row read last. */
  planCells: PlanCells | undefined = undefined;

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
    this.readPlanCells(row, hits, out);
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

  /** The six plan columns, through the PlanCells memo when the row has a measure-ID column. */
  private readPlanCells(row: readonly unknown[], hits: RuleHit[], out: MutableRowInput): void {
    const problem = this.iProblem >= 0 ? row[this.iProblem] : undefined;
    const lead = this.iLead >= 0 ? row[this.iLead] : undefined;
    const units = this.iUnits >= 0 ? row[this.iUnits] : undefined;
    const measure = this.iMeasure >= 0 ? row[this.iMeasure] : undefined;
    const deadline = this.iDeadline >= 0 ? row[this.iDeadline] : undefined;
    const key = this.iMeasureId >= 0 ? row[this.iMeasureId] : undefined;
    const known = this.plan.get(key);
    if (known && known.problem === problem && known.lead === lead && known.units === units && known.measure === measure && known.deadline === deadline) {
      if (known.hits) for (let k = 0; k < known.hits.length; k++) hits.push(known.hits[k]!);
      out.measureId = known.measureId;
      out.measureText = known.measureText;
      out.deadline = known.deadlineRead;
      this.planCells = known;
      return;
    }
    const start = hits.length;
    // Read for their findings only: these columns are not part of a SubmissionRow.
    if (this.iProblem >= 0) this.text(readProblem, problem, MAX_PROBLEM, hits);
    if (this.iLead >= 0) this.text(readLead, lead, MAX_LEAD, hits);
    if (this.iUnits >= 0) push(hits, memoised(readUnits, units, this.mUnits));
    out.measureId = this.iMeasureId >= 0 ? this.cell(readMeasureId, key, this.mMeasureId, hits) : undefined;
    out.measureText = this.iMeasure >= 0 ? this.text(readMeasure, measure, MAX_MEASURE, hits) : undefined;
    out.deadline = this.iDeadline >= 0 ? this.cell(readDeadline, deadline, this.mDeadline, hits) : undefined;
    if (this.plan.size >= MEMO_MAX) this.plan.clear();
    const found = hits.length > start ? hits.slice(start) : undefined;
    const entry = new PlanCells(problem, lead, units, measure, deadline, out.measureId, out.measureText, out.deadline, found);
    this.plan.set(key, entry);
    this.planCells = entry;
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
    if (plainText(raw)) return raw;
    // An empty optional cell (备注 is usually blank) needs no reading.
    if ((raw === '' || raw === null || raw === undefined) && key !== 'progress') return undefined;
    return readProse(key, raw, hits);
  }

  private number(reader: Reader<number>, raw: unknown, table: Memo, hits: RuleHit[]): number | undefined {
    if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
    return this.cell(reader, raw, table, hits);
  }
}
