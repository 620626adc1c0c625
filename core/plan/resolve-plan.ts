// resolvePlan: a published plan (PlanInput, already shape-checked by zod) → the stored Plan, with responsible units
// resolved against the township's units and deadlines parsed. Every problem is reported with the JSON path of its
// field, so POST /plans answers 422 naming `measures.2.responsibleUnits`, and the pane maps paths back to cells.
import { calendarFor } from '../calendar/schedule.ts';
import { parseDeadline } from '../deadline/parse-deadline.ts';
import { deadlineContextOf } from './plan-lookup.ts';
import type { Measure, Plan, PlanInput, PlanStatus } from '../schemas/plan.ts';
import type { Unit } from '../schemas/unit.ts';
import { nearestUnit, parseResponsibleUnits } from '../units/unit-registry.ts';

export interface PlanIssue {
  path: string;
  code:
    | 'unknown_unit'
    | 'deadline_unparseable'
    | 'duplicate_measure'
    | 'duplicate_problem'
    | 'unknown_problem'
    | 'invalid_period'
    | 'no_responsible_unit';
  message: string;
}

export type PlanResult = { ok: true; plan: Plan } | { ok: false; issues: PlanIssue[] };

export interface ResolveContext {
  id: string;
  units: readonly Unit[];
  now: Date;
  status?: PlanStatus;
}

export function resolvePlan(input: PlanInput, ctx: ResolveContext): PlanResult {
  const issues: PlanIssue[] = [];
  const cal = calendarFor(input.schedule);
  let firstPeriod = input.firstPeriod ?? cal.periodOf(ctx.now);
  if (!cal.isPeriodId(firstPeriod)) {
    issues.push({
      path: 'firstPeriod',
      code: 'invalid_period',
      message: `首个报送期次“${firstPeriod}”不符合报送周期，应形如 ${cal.periodIdExample}`,
    });
    firstPeriod = cal.periodOf(ctx.now);
  }
  const deadlineCtx = deadlineContextOf({ schedule: input.schedule, firstPeriod });

  const problemIds = new Set<string>();
  input.problems.forEach((p, i) => {
    if (problemIds.has(p.id))
      issues.push({ path: `problems.${i}.id`, code: 'duplicate_problem', message: `问题序号“${p.id}”重复` });
    problemIds.add(p.id);
  });

  const seen = new Map<string, number>();
  const measures: Measure[] = [];
  input.measures.forEach((m, i) => {
    const at = `measures.${i}`;
    const first = seen.get(m.id);
    if (first !== undefined)
      issues.push({
        path: `${at}.id`,
        code: 'duplicate_measure',
        message: `措施编号“${m.id}”重复（第${first + 1}条措施已使用）`,
      });
    else seen.set(m.id, i);
    if (!problemIds.has(m.problemId)) {
      issues.push({
        path: `${at}.problemId`,
        code: 'unknown_problem',
        message: `措施${m.id}所属问题“${m.problemId}”不存在`,
      });
    }
    const units = parseResponsibleUnits(ctx.units, m.responsibleUnits);
    for (const name of units.unknown) {
      const near = nearestUnit(ctx.units, name);
      issues.push({
        path: `${at}.responsibleUnits`,
        code: 'unknown_unit',
        message: `责任单位中“${name}”不是已登记的单位${near ? `，是否为“${near.name}”？` : '，请先在单位管理中添加'}`,
      });
    }
    if (!units.unknown.length && !units.unitIds.length) {
      issues.push({ path: `${at}.responsibleUnits`, code: 'no_responsible_unit', message: `措施${m.id}没有责任单位` });
    }
    const deadline = parseDeadline(m.deadline, deadlineCtx);
    if (!deadline.ok)
      issues.push({
        path: `${at}.deadline`,
        code: 'deadline_unparseable',
        message: `措施${m.id}的整改时限：${deadline.reason}`,
      });
    measures.push({
      id: m.id,
      problemId: m.problemId,
      title: m.title,
      ...(m.text ? { text: m.text } : {}),
      lead: m.lead,
      responsibleUnitsText: m.responsibleUnits,
      responsibleUnitIds: units.unitIds,
      deadlineText: m.deadline,
      deadline: deadline.ok ? deadline.value : { longTerm: false },
      ...(m.dataHint ? { dataHint: m.dataHint } : {}),
      ...(m.completionStandard ? { completionStandard: m.completionStandard } : {}),
    });
  });
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    plan: {
      id: ctx.id,
      title: input.title,
      ...(input.docNumber ? { docNumber: input.docNumber } : {}),
      schedule: input.schedule,
      firstPeriod,
      status: ctx.status ?? 'active',
      problems: input.problems.map((p) => ({
        id: p.id,
        title: p.title,
        ...(p.detail ? { detail: p.detail } : {}),
        ...(p.category ? { category: p.category } : {}),
      })),
      measures,
      ...(input.warningThresholds ? { warningThresholds: input.warningThresholds } : {}),
    },
  };
}
