// The text of a reminder or missing list, for one robot: a title, a few header lines, then one line per unit naming
// its contact person (and, for DingTalk, @ its phone so the person is notified), with how many periods it is behind
// when known. Kept under the robots' size limit (WeCom: 4096 bytes of markdown).
import type { PendingUnit } from '../db/reminders.ts';
import type { Robot, RobotMessage } from './robots.ts';

const MAX_CONTENT_BYTES = 3800;

/** Mainland mobile numbers only: a landline cannot be @-ed. */
const MOBILE = /^1\d{10}$/;

const mobileOf = (u: PendingUnit) => {
  const digits = u.contactPhone?.replace(/[\s-]/g, '') ?? '';
  return MOBILE.test(digits) ? digits : null;
};

function unitLine(u: PendingUnit, robot: Robot, behind: number | undefined): string {
  const mobile = mobileOf(u);
  const phone = robot === 'dingtalk' && mobile ? `@${mobile}` : (u.contactPhone?.trim() ?? '');
  const contact = [u.contactName, phone].filter(Boolean).join(' ');
  const who = contact ? (robot === 'dingtalk' ? `${u.name} ${contact}` : `${u.name}（${contact}）`) : u.name;
  return behind && behind > 0 ? `- ${who}：累计 ${behind} 期未报\n` : `- ${who}\n`;
}

/** `lines` get the number of units this robot's group is told about. */
export function reminderMessage(
  robot: Robot,
  title: string,
  lines: (count: number) => string[],
  units: PendingUnit[],
  behind?: ReadonlyMap<string, number>,
): RobotMessage {
  let markdown = `### ${title}\n${lines(units.length).join('\n')}\n`;
  const mobiles: string[] = [];
  const enc = new TextEncoder();
  for (const u of units) {
    const next = unitLine(u, robot, behind?.get(u.id));
    if (enc.encode(markdown + next).length > MAX_CONTENT_BYTES - 40) {
      markdown += `- ……等共 ${units.length} 个单位\n`;
      break;
    }
    markdown += next;
    const mobile = mobileOf(u);
    if (robot === 'dingtalk' && mobile) mobiles.push(mobile);
  }
  return { title, markdown, mobiles };
}
