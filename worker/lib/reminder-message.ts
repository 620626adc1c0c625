// The text of a reminder or missing list, for one robot: a title, a few header lines, then one line per unit naming
// its contact person (and, for DingTalk, @ its phone so the person is notified), with how many periods it is behind
// when known, and under it the unit's 红色预警 pairs by measure id (at most RED_ITEMS_SHOWN, the rest counted); one
// closing line names those measures with a short title. Kept under the robots' size limit (WeCom: 4096 bytes).
import type { PendingUnit } from '../db/reminders.ts';
import type { Robot, RobotMessage } from './robots.ts';

const MAX_CONTENT_BYTES = 3800;

/** A unit's red pair as a reminder names it. */
export interface RedItem {
  measureId: string;
  title: string;
}

/** Red pairs named under a unit; the rest are counted ("等 5 项"). */
export const RED_ITEMS_SHOWN = 3;
/** Characters of a measure's title kept in the closing line. */
const TITLE_CHARS = 12;
/** Bytes the closing line of measure titles may take at most. */
const MAX_LEGEND_BYTES = 900;

const shortTitle = (t: string) => (t.length > TITLE_CHARS ? `${t.slice(0, TITLE_CHARS)}…` : t);

function redLine(items: readonly RedItem[] | undefined): string {
  if (!items?.length) return '';
  const named = items
    .slice(0, RED_ITEMS_SHOWN)
    .map((i) => i.measureId)
    .join('、');
  const more = items.length > RED_ITEMS_SHOWN ? ` 等 ${items.length} 项` : '';
  return `  红色预警：${named}${more}\n`;
}

/** "红色预警措施：1-1 加强驻村工作队员管理；2-3 严格风险消除程序" for the measures named above, within its byte cap. */
function legend(named: ReadonlyMap<string, string>, enc: TextEncoder): string {
  if (!named.size) return '';
  let line = '> 红色预警措施：';
  let first = true;
  for (const [id, title] of [...named].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) {
    const part = `${first ? '' : '；'}${id} ${shortTitle(title)}`;
    if (enc.encode(line + part).length > MAX_LEGEND_BYTES - 10) return `${line}……\n`;
    line += part;
    first = false;
  }
  return `${line}\n`;
}

/** Mainland mobile numbers only: a landline cannot be @-ed. */
const MOBILE = /^1\d{10}$/;

const mobileOf = (u: PendingUnit) => {
  const digits = u.contactPhone?.replace(/[\s-]/g, '') ?? '';
  return MOBILE.test(digits) ? digits : null;
};

function unitLine(
  u: PendingUnit,
  robot: Robot,
  behind: number | undefined,
  red: readonly RedItem[] | undefined,
): string {
  const mobile = mobileOf(u);
  const phone = robot === 'dingtalk' && mobile ? `@${mobile}` : (u.contactPhone?.trim() ?? '');
  const contact = [u.contactName, phone].filter(Boolean).join(' ');
  const who = contact ? (robot === 'dingtalk' ? `${u.name} ${contact}` : `${u.name}（${contact}）`) : u.name;
  const line = behind && behind > 0 ? `- ${who}：累计 ${behind} 期未报\n` : `- ${who}\n`;
  return line + redLine(red);
}

/** `lines` get the number of units this robot's group is told about. */
export function reminderMessage(
  robot: Robot,
  title: string,
  lines: (count: number) => string[],
  units: PendingUnit[],
  behind?: ReadonlyMap<string, number>,
  red?: ReadonlyMap<string, readonly RedItem[]>,
): RobotMessage {
  let markdown = `### ${title}\n${lines(units.length).join('\n')}\n`;
  const mobiles: string[] = [];
  const enc = new TextEncoder();
  const named = new Map<string, string>();
  for (const u of units)
    for (const i of red?.get(u.id)?.slice(0, RED_ITEMS_SHOWN) ?? []) named.set(i.measureId, i.title);
  const closing = legend(named, enc);
  const budget = MAX_CONTENT_BYTES - 40 - enc.encode(closing).length;
  for (const u of units) {
    const next = unitLine(u, robot, behind?.get(u.id), red?.get(u.id));
    if (enc.encode(markdown + next).length > budget) {
      markdown += `- ……等共 ${units.length} 个单位\n`;
      break;
    }
    markdown += next;
    const mobile = mobileOf(u);
    if (robot === 'dingtalk' && mobile) mobiles.push(mobile);
  }
  return { title, markdown: markdown + closing, mobiles };
}
