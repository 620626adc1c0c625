// The paged views: GET /warnings (counts per colour and unit, then warned pairs worst first) and GET /closure-ledger
// (pairs in plan order with the 整改情况 applied with and the latest verdict). Each page reads its own rows only, so
// the answer and its cost follow the page size and the number of units, never the length of the history.
import { warningText, type WarningEntry, type WarningList } from '../../core/closure/index.ts';
import { cstDate } from '../../core/calendar/half-month.ts';
import type { Plan } from '../../core/schemas/plan.ts';
import { listEvents, type StoredClosureEvent } from '../db/closures.ts';
import { evidenceCounts } from '../db/pair-inputs.ts';
import { pairPage, warnedPairs, warningCounts, type StoredPair, type WarningKey } from '../db/pair-warnings.ts';
import { viewsOf, type PairView } from './closure-pairs.ts';
import { refreshSchedules, versionOf } from './pair-schedules.ts';

async function views(db: D1Database, plan: Plan, now: Date, stored: StoredPair[]) {
  const pageUnits = [...new Set(stored.map((s) => s.unitId))];
  const files = stored.length ? await evidenceCounts(db, plan.id, pageUnits) : new Map<string, number>();
  return viewsOf(plan, now, stored, files);
}

const keyText = (k: WarningKey) => `${k.rank}~${k.due}~${k.ord}`;
function keyOf(cursor: string): WarningKey {
  const [rank, due, ord] = cursor.split('~');
  return { rank: Number(rank), due: due!, ord: Number(ord) };
}

export async function warningPage(
  db: D1Database,
  plan: Plan,
  now: Date,
  o: { unitId?: string; limit: number; cursor?: string },
): Promise<Pick<WarningList, 'counts' | 'byUnit' | 'warnings' | 'nextCursor'>> {
  await refreshSchedules(db, plan, now);
  const today = cstDate(now);
  const [perUnit, stored] = await Promise.all([
    warningCounts(db, versionOf(plan), today, o.unitId),
    warnedPairs(db, versionOf(plan), today, {
      unitId: o.unitId,
      limit: o.limit,
      ...(o.cursor ? { after: keyOf(o.cursor) } : {}),
    }),
  ]);
  const counts = { red: 0, yellow: 0, blue: 0 };
  for (const c of perUnit.values()) {
    counts.red += c.red;
    counts.yellow += c.yellow;
    counts.blue += c.blue;
  }
  const warnings: WarningEntry[] = (await views(db, plan, now, stored)).flatMap((p) =>
    p.warning
      ? [{ measureId: p.measureId, unitId: p.unitId, unitName: p.unitName, ...p.warning, text: warningText(p.warning) }]
      : [],
  );
  const last = stored.at(-1);
  return {
    counts,
    byUnit: Object.fromEntries(perUnit),
    warnings,
    nextCursor: stored.length === o.limit && last ? keyText(last.key) : null,
  };
}

export interface LedgerRow extends PairView {
  summary: string | null;
  verdict: { kind: string; opinion: string; verifiedOn: string | null; by: string; at: string } | null;
}

export async function ledgerPage(
  db: D1Database,
  plan: Plan,
  now: Date,
  o: { limit: number; cursor?: string },
): Promise<{ rows: LedgerRow[]; nextCursor: string | null }> {
  await refreshSchedules(db, plan, now);
  const stored = await pairPage(db, versionOf(plan), {
    limit: o.limit,
    ...(o.cursor ? { afterOrd: Number(o.cursor) } : {}),
  });
  const pageUnits = [...new Set(stored.map((s) => s.unitId))];
  const [pairs, events] = await Promise.all([
    views(db, plan, now, stored),
    stored.length ? listEvents(db, plan.id, { unitIds: pageUnits }) : Promise.resolve([]),
  ]);
  // The latest verdict and application of each pair: 核查意见, 核查日期, who, and the 整改情况 applied with.
  const last = new Map<string, { verdict?: StoredClosureEvent; application?: StoredClosureEvent }>();
  for (const e of events) {
    const key = `${e.measureId}|${e.unitId}`;
    const entry = last.get(key) ?? {};
    if (e.kind === 'applied') entry.application = e;
    if (e.kind === 'closed' || e.kind === 'rejected') entry.verdict = e;
    last.set(key, entry);
  }
  const rows = pairs.map((p) => {
    const e = last.get(`${p.measureId}|${p.unitId}`) ?? {};
    return {
      ...p,
      summary: e.application?.text ?? null,
      verdict: e.verdict
        ? {
            kind: e.verdict.kind,
            opinion: e.verdict.text,
            verifiedOn: e.verdict.verifiedOn ?? null,
            by: e.verdict.by,
            at: e.verdict.at,
          }
        : null,
    };
  });
  const end = stored.at(-1);
  return { rows, nextCursor: stored.length === o.limit && end ? String(end.ord) : null };
}
