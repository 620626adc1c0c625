// Reads one checklist row into the typed RowInput the shared rules work on (core/rules/row-rules.ts), collecting
// the cell readers' findings in column order.
import type { ColumnKey } from '../checklist/columns.ts';
import type { RuleHit } from '../rules/rule-codes.ts';
import type { RowInput } from '../rules/row-rules.ts';
import { readDeadline, readMeasureId, readNumber, readProse, readStatus, readText, readUnits, type ParseDeadline, type Read, type UnknownUnits } from './cell-readers.ts';

export type ColumnIndex = Partial<Record<ColumnKey, number>>;

export interface RowReadContext {
  /** unknownUnitsOf(units), made once for the sheet. */
  readonly unknownUnits: UnknownUnits;
  /** deadlinesOf(deadline context), made once for the sheet. */
  readonly deadline: ParseDeadline;
}

export function readRow(row: readonly unknown[], cols: ColumnIndex, ctx: RowReadContext): { input: RowInput; hits: RuleHit[] } {
  const hits: RuleHit[] = [];
  /** Reads the column when the sheet has it; an absent column was reported once for the whole sheet. */
  const take = <T>(key: ColumnKey, reader: (raw: unknown) => Read<T>): T | undefined => {
    const index = cols[key];
    if (index === undefined) return undefined;
    const read = reader(row[index]);
    hits.push(...read.hits);
    return read.value;
  };
  // The plan's columns are read for their findings; only 措施编号, 整改措施 and 整改时限 feed the rules.
  take('problem', (raw) => readText('problem', raw));
  take('lead', (raw) => readText('lead', raw));
  take('responsibleUnits', (raw) => readUnits(raw, ctx.unknownUnits));
  const input: RowInput = {
    measureId: take('measureId', readMeasureId),
    measureText: take('measure', (raw) => readText('measure', raw)),
    item: take('item', (raw) => readText('item', raw)),
    deadline: take('deadline', (raw) => readDeadline(raw, ctx.deadline)),
    status: take('status', readStatus),
    progress: take('progress', (raw) => readProse('progress', raw)),
    target: take('target', (raw) => readNumber('target', raw)),
    actual: take('actual', (raw) => readNumber('actual', raw)),
    rate: take('rate', (raw) => readNumber('rate', raw)),
    fundsPlanned: take('fundsPlanned', (raw) => readNumber('fundsPlanned', raw)),
    fundsPaid: take('fundsPaid', (raw) => readNumber('fundsPaid', raw)),
    evidence: take('evidence', (raw) => readProse('evidence', raw)),
    note: take('note', (raw) => readProse('note', raw)),
  };
  return { input, hits };
}
