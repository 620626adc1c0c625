// 计量单位: the one glossary of units of measure a 目标值/完成值 may be counted in, and the nearest known unit for a
// near miss ("户数" → 户, "千米" → 公里, "平米" → 平方米). A unit outside the glossary is a WARNING, not an error:
// townships count in units no list foresees (盏, 棵), and the figures are still summed only within one unit.
import { foldSpaces } from '../text/fold.ts';

export const UNITS_OF_MEASURE: readonly string[] = [
  '个',
  '户',
  '人',
  '万元',
  '元',
  '公里',
  '米',
  '亩',
  '平方米',
  '次',
  '场',
  '项',
  '件',
  '名',
  '期',
  '座',
  '所',
  '台',
  '套',
  '吨',
  '%',
  '人次',
  '户次',
  '万人',
  '千元',
  '公顷',
  '平方公里',
  '立方米',
  '延米',
  '处',
  '条',
  '家',
  '间',
  '栋',
  '眼',
  '口',
  '块',
  '辆',
  '头',
  '只',
  '株',
  '棵',
  '盏',
  '份',
  '张',
  '本',
  '册',
  '篇',
  '天',
  '月',
  '批',
  '组',
  '村',
  '所次',
  '千瓦',
  '元/人',
];

/** Spellings that mean a glossary unit. */
const SAME_AS: Readonly<Record<string, string>> = {
  千米: '公里',
  km: '公里',
  m: '米',
  平米: '平方米',
  m2: '平方米',
  'm²': '平方米',
  '㎡': '平方米',
  'km²': '平方公里',
  'm³': '立方米',
  方: '立方米',
  百分比: '%',
  百分点: '%',
  户数: '户',
  人数: '人',
  个数: '个',
  次数: '次',
  场次: '场',
  项目: '项',
  万: '万元',
  元钱: '元',
  t: '吨',
  公斤: '吨',
  座数: '座',
  套数: '套',
  台数: '台',
  件数: '件',
  名数: '名',
};

const GLOSSARY = new Set(UNITS_OF_MEASURE);

/** The unit as compared and stored: NFKC-folded (full-width ％ → %), blanks removed, ASCII in lower case. */
export function foldUnitOfMeasure(text: string): string {
  return foldSpaces(text).toLowerCase();
}

function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}

/**
 * Whether a 计量单位 is in the glossary and, when it is not, the nearest glossary unit: an alias, the longest
 * glossary unit the text starts with or holds in a few more characters ("户（脱贫户）" → 户), or one at edit distance 1 ("平方" → 平方米).
 */
export function checkUnitOfMeasure(text: string): { known: true } | { known: false; suggestion?: string } {
  const folded = foldUnitOfMeasure(text);
  if (GLOSSARY.has(folded)) return { known: true };
  const alias = SAME_AS[folded];
  if (alias) return { known: false, suggestion: alias };
  const contained = UNITS_OF_MEASURE.filter((u) => folded.includes(u)).sort((a, b) => b.length - a.length)[0];
  if (contained && (folded.startsWith(contained) || folded.length <= contained.length + 3))
    return { known: false, suggestion: contained };
  const near = UNITS_OF_MEASURE.find((u) => distance(u, folded) === 1 && Math.max(u.length, folded.length) >= 2);
  return near ? { known: false, suggestion: near } : { known: false };
}
