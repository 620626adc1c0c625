// The plan catalog (整改方案), transcribed from the 2023 勐来乡 rectification plan (勐发〔2023〕85号):
// 4 problem areas (存在问题) and 13 measures (整改措施) with stable ids `problem-measure`.
import { parseDeadline, type Deadline } from '../deadline/parse-deadline.ts';
import { parseResponsibleUnits } from '../units/unit-registry.ts';

export interface Problem {
  readonly id: string;
  readonly title: string;
  readonly detail: string;
}

export interface Measure {
  readonly id: string;
  readonly problemId: string;
  readonly title: string;
  readonly lead: string;
  /** 责任单位 as written in the plan. */
  readonly responsibleUnitsText: string;
  /** Resolved unit ids; 各行政村 is expanded to every village. */
  readonly responsibleUnitIds: readonly string[];
  readonly deadlineText: string;
  readonly deadline: Deadline;
}

export const PROBLEMS: readonly Problem[] = [
  {
    id: '1',
    title: '责任落实有差距',
    detail: '个别帮扶单位和驻村干部责任落实不到位，少数群众反映有的村干部和驻村干部很少入户，有的农户未得到具体帮扶，“群众满意度”偏低。',
  },
  {
    id: '2',
    title: '帮扶工作有差距',
    detail: '有的脱贫户信息系统数据存在错项漏项，有的村收入核算不规范。脱贫人口和监测对象人均纯收入低于1万元的占10.73%。',
  },
  {
    id: '3',
    title: '资金项目管理不规范',
    detail: '部分衔接资金超范围使用；农村供水保障三年专项行动投资完成率仅28.28%；2023年新增农村危房改造中央资金支出率仅11.64%；就业补助发放不及时。',
  },
  {
    id: '4',
    title: '部分东西部协作项目进度与资金支出进度不匹配',
    detail: '资料数据不精准。工作相关资料不完整、逻辑关系不清晰、重要数据前后不对应等情况。',
  },
];

const AUG = '2023年8月31日前取得阶段性成效，长期坚持';
const OCT = '2023年10月31日前取得阶段性成效，长期坚持';
const SUPPORT_UNITS =
  '乡村振兴办、村镇规划建设服务中心、水务服务中心、勐来乡九年一贯中心校、农业农村服务中心、社保服务中心、文化和旅游广播电视体育服务中心、民政办、林业和草原服务中心、乡残联，各行政村';
const COOPERATION_UNITS = '财政所、项目办，各行政村';

const RAW: readonly [id: string, title: string, lead: string, units: string, deadline: string][] = [
  ['1-1', '加强驻村工作队员管理', '鲍健斌', '基层党建办、乡村振兴办、村镇规划建设服务中心、勐来乡九年一贯中心校、水务服务中心、农业农村服务中心、社保服务中心，各行政村', AUG],
  ['1-2', '提升驻村帮扶能力', '白钰', '基层党建办、乡村振兴办，各行政村', AUG],
  ['1-3', '充分发挥联席会议制度作用', '白钰', '基层党建办、乡村振兴办，各行政村', AUG],
  ['2-1', '扎实开展监测帮扶集中排查工作', '鲍健斌', '乡村振兴办、村镇规划建设服务中心、水务服务中心、勐来乡九年一贯中心校、社保服务中心、民政办、林业和草原服务中心、乡残联，各行政村', OCT],
  ['2-2', '精准制定帮扶措施', '鲍健斌', SUPPORT_UNITS, OCT],
  ['2-3', '严格风险消除程序', '鲍健斌', SUPPORT_UNITS, OCT],
  ['2-4', '认真梳理政策措施', '鲍健斌', SUPPORT_UNITS, OCT],
  ['3-1', '加快项目建设进度', '赵勇', '乡村振兴办、林业和草原服务中心、项目办，各行政村', OCT],
  ['3-2', '提高资金拨付率加快项目进度', '赵勇', '财政所、乡村振兴办，村镇规划服务中心、水务服务中心、项目办，各行政村', OCT],
  ['3-3', '加大政策宣传力度', '何金勇', '社保服务中心、乡村振兴办，各行政村', OCT],
  ['4-1', '加强协作资金管理', '赵勇', COOPERATION_UNITS, OCT],
  ['4-2', '强化业务培训', '赵勇', COOPERATION_UNITS, OCT],
  ['4-3', '开展专项排查', '赵勇', COOPERATION_UNITS, OCT],
];

function buildMeasure([id, title, lead, units, deadlineText]: (typeof RAW)[number]): Measure {
  const parsedUnits = parseResponsibleUnits(units);
  if (parsedUnits.unknown.length) throw new Error(`catalog ${id}: unknown units ${parsedUnits.unknown.join(',')}`);
  const deadline = parseDeadline(deadlineText);
  if (!deadline.ok) throw new Error(`catalog ${id}: ${deadline.reason}`);
  return {
    id,
    problemId: id.split('-')[0]!,
    title,
    lead,
    responsibleUnitsText: units,
    responsibleUnitIds: parsedUnits.unitIds,
    deadlineText,
    deadline: deadline.value,
  };
}

export const MEASURES: readonly Measure[] = RAW.map(buildMeasure);

const measureIndex = new Map(MEASURES.map((m) => [m.id, m]));
const problemIndex = new Map(PROBLEMS.map((p) => [p.id, p]));

export function measureById(id: string): Measure | undefined {
  return measureIndex.get(id);
}

export function problemById(id: string): Problem | undefined {
  return problemIndex.get(id);
}

/** The measures a unit must report on, in catalog order. */
export function measuresFor(unitId: string): Measure[] {
  return MEASURES.filter((m) => m.responsibleUnitIds.includes(unitId));
}
