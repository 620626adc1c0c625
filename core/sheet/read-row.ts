// Reads one checklist row into the typed RowInput the shared rules work on (core/rules/row-rules.ts), collecting
// the cell readers' findings in column order.
import type { ColumnKey } from '../checklist/columns.ts';
import type { RuleHit } from '../rules/rule-codes.ts';
import type { RowInput } from '../rules/row-rules.ts';
import {
  readDeadline,
  readMeasureId,
  readNumber,
  readProse,
  readStatus,
  readText,
  readUnits,
  type ParseDeadline,
  type Read,
  type UnknownUnits,
} from './cell-readers.ts';

export type ColumnIndex = Partial<Record<ColumnKey, number>>;

export interface RowReadContext {
  /** unknownUnitsOf(units), made once for the sheet. */
  readonly unknownUnits: UnknownUnits;
  /** deadlinesOf(deadline context), made once for the sheet. */
  readonly deadline: ParseDeadline;
}

/** The readers of the plain columns, made once: reading runs on every row of sheets of thousands of rows. */
const readProblem = (raw: unknown) => readText('problem', raw);
const readLead = (raw: unknown) => readText('lead', raw);
const readMeasure = (raw: unknown) => readText('measure', raw);
const readItem = (raw: unknown) => readText('item', raw);
const readProgress = (raw: unknown) => readProse('progress', raw);
const readEvidence = (raw: unknown) => readProse('evidence', raw);
const readNote = (raw: unknown) => readProse('note', raw);
const readUnitOfMeasure = (raw: unknown) => readText('unitOfMeasure', raw);
const readTarget = (raw: unknown) => readNumber('target', raw);
const readActual = (raw: unknown) => readNumber('actual', raw);
const readRate = (raw: unknown) => readNumber('rate', raw);
const readFundsPlanned = (raw: unknown) => readNumber('fundsPlanned', raw);
const readFundsPaid = (raw: unknown) => readNumber('fundsPaid', raw);

/** Reads column `key` of the row when the sheet has it (an absent column was reported once for the whole sheet). */
function take<T>(
  row: readonly unknown[],
  cols: ColumnIndex,
  key: ColumnKey,
  reader: (raw: unknown) => Read<T>,
  hits: RuleHit[],
): T | undefined {
  const index = cols[key];
  if (index === undefined) return undefined;
  const read = reader(row[index]);
  for (const h of read.hits) hits.push(h);
  return read.value;
}

export function readRow(
  row: readonly unknown[],
  cols: ColumnIndex,
  ctx: RowReadContext,
): { input: RowInput; hits: RuleHit[] } {
  const hits: RuleHit[] = [];
  // The plan's columns are read for their findings; only 措施编号, 整改措施 and 整改时限 feed the rules.
  take(row, cols, 'problem', readProblem, hits);
  take(row, cols, 'lead', readLead, hits);
  take(row, cols, 'responsibleUnits', (raw) => readUnits(raw, ctx.unknownUnits), hits);
  const input: RowInput = {
    measureId: take(row, cols, 'measureId', readMeasureId, hits),
    measureText: take(row, cols, 'measure', readMeasure, hits),
    item: take(row, cols, 'item', readItem, hits),
    deadline: take(row, cols, 'deadline', (raw) => readDeadline(raw, ctx.deadline), hits),
    status: take(row, cols, 'status', readStatus, hits),
    progress: take(row, cols, 'progress', readProgress, hits),
    target: take(row, cols, 'target', readTarget, hits),
    actual: take(row, cols, 'actual', readActual, hits),
    unitOfMeasure: take(row, cols, 'unitOfMeasure', readUnitOfMeasure, hits),
    rate: take(row, cols, 'rate', readRate, hits),
    fundsPlanned: take(row, cols, 'fundsPlanned', readFundsPlanned, hits),
    fundsPaid: take(row, cols, 'fundsPaid', readFundsPaid, hits),
    evidence: take(row, cols, 'evidence', readEvidence, hits),
    note: take(row, cols, 'note', readNote, hits),
  };
  return { input, hits };
}
