// The 22 reporting units (填报单位) of 勐来乡: 9 villages and the 13 offices named in the 2023 plan.
// Default data; a deployment may seed a different registry into the Worker's database.

export type UnitKind = 'village' | 'office';

export interface Unit {
  readonly id: string;
  readonly name: string;
  readonly kind: UnitKind;
  /** Other spellings met in documents (the seed writes both 村镇规划建设服务中心 and 村镇规划服务中心). */
  readonly aliases: readonly string[];
}

export const UNITS: readonly Unit[] = [
  { id: 'v-minliang', name: '民良村', kind: 'village', aliases: ['民良村委会', '民良村民委员会'] },
  { id: 'v-yongan', name: '永安村', kind: 'village', aliases: ['永安村委会', '永安村民委员会'] },
  { id: 'v-dinglai', name: '丁来村', kind: 'village', aliases: ['丁来村委会', '丁来村民委员会'] },
  { id: 'v-gongnong', name: '公弄村', kind: 'village', aliases: ['公弄村委会', '公弄村民委员会'] },
  { id: 'v-yingge', name: '英格村', kind: 'village', aliases: ['英格村委会', '英格村民委员会'] },
  { id: 'v-banlie', name: '班列村', kind: 'village', aliases: ['班列村委会', '班列村民委员会'] },
  { id: 'v-menglai', name: '勐来村', kind: 'village', aliases: ['勐来村委会', '勐来村民委员会'] },
  { id: 'v-gongsa', name: '公撒村', kind: 'village', aliases: ['公撒村委会', '公撒村民委员会'] },
  { id: 'v-manlai', name: '曼来村', kind: 'village', aliases: ['曼来村委会', '曼来村民委员会'] },
  { id: 'o-party-building', name: '基层党建办', kind: 'office', aliases: ['党建办', '基层党建工作办公室'] },
  { id: 'o-rural-revitalization', name: '乡村振兴办', kind: 'office', aliases: ['乡乡村振兴办', '振兴办'] },
  { id: 'o-planning', name: '村镇规划建设服务中心', kind: 'office', aliases: ['村镇规划服务中心', '规划建设服务中心'] },
  { id: 'o-school', name: '勐来乡九年一贯中心校', kind: 'office', aliases: ['九年一贯中心校', '中心校'] },
  { id: 'o-water', name: '水务服务中心', kind: 'office', aliases: ['水务中心'] },
  { id: 'o-agriculture', name: '农业农村服务中心', kind: 'office', aliases: ['农业服务中心'] },
  { id: 'o-social-security', name: '社保服务中心', kind: 'office', aliases: ['社会保障服务中心'] },
  { id: 'o-civil-affairs', name: '民政办', kind: 'office', aliases: ['民政办公室'] },
  { id: 'o-forestry', name: '林业和草原服务中心', kind: 'office', aliases: ['林草服务中心', '林业服务中心'] },
  { id: 'o-disabled-persons', name: '乡残联', kind: 'office', aliases: ['残联', '勐来乡残联'] },
  { id: 'o-culture-tourism', name: '文化和旅游广播电视体育服务中心', kind: 'office', aliases: ['文旅中心', '文化旅游广播电视体育服务中心'] },
  { id: 'o-projects', name: '项目办', kind: 'office', aliases: ['项目办公室'] },
  { id: 'o-finance', name: '财政所', kind: 'office', aliases: ['乡财政所', '勐来乡财政所'] },
];

/** The collective phrase in the seed that assigns a measure to every village. */
export const ALL_VILLAGES = '各行政村';

const byId = new Map(UNITS.map((u) => [u.id, u]));

/** Folds spaces (ASCII, full-width, NBSP) and full-width ASCII so that names compare as written by hand. */
export function foldName(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, '')
    .trim();
}

const byName = new Map<string, Unit>();
for (const unit of UNITS) {
  for (const name of [unit.name, ...unit.aliases]) byName.set(foldName(name), unit);
}

export function unitById(id: string): Unit | undefined {
  return byId.get(id);
}

/** Resolves a unit name or alias as written in a sheet; undefined when unknown. */
export function resolveUnitName(name: string): Unit | undefined {
  return byName.get(foldName(name));
}

export function villages(): Unit[] {
  return UNITS.filter((u) => u.kind === 'village');
}

/**
 * Splits a 责任单位 cell ("财政所、乡村振兴办，村镇规划服务中心，各行政村") into resolved unit ids.
 * "各行政村" expands to every village. Names that resolve to nothing are returned in `unknown`.
 */
export function parseResponsibleUnits(text: string): { unitIds: string[]; unknown: string[] } {
  const unitIds: string[] = [];
  const unknown: string[] = [];
  const add = (id: string) => {
    if (!unitIds.includes(id)) unitIds.push(id);
  };
  for (const raw of text.split(/[、，,;；\n]+/)) {
    const part = foldName(raw);
    if (!part) continue;
    if (part === ALL_VILLAGES || part === '各村') {
      villages().forEach((v) => add(v.id));
      continue;
    }
    const unit = resolveUnitName(part);
    if (unit) add(unit.id);
    else unknown.push(raw.trim());
  }
  return { unitIds, unknown };
}
