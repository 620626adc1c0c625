// The printable 督办单 (A4 portrait, no script): number within the plan, the plan's name and 文号, the unit, the
// measure and its 整改时限, the 督办要求 and 办结时限, the unit's 回复 when there is one (blank lines to write on
// otherwise), and the signature and seal lines of both sides. Rendered when the link is made and kept sealed behind it
// (lib/download-link.ts), like the 令牌发放单. Every value is HTML-escaped.
import { NOTICE_STATE_LABELS, noticeNumberText, type Notice } from '../../core/closure/index.ts';
import type { Measure, Plan } from '../../core/schemas/plan.ts';
import type { Unit } from '../../core/schemas/unit.ts';
import { chineseDate, chineseDateTime } from '../../core/text/chinese-date.ts';

const esc = (v: unknown) => String(v ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** A YYYY-MM-DD day as "2023年12月10日". */
const day = (isoDay: string) => chineseDate(`${isoDay}T00:00:00+08:00`);

const STYLE = `
@page { size: A4 portrait; margin: 15mm 16mm; }
body { font-family: "Noto Serif CJK SC", "SimSun", "Songti SC", serif; font-size: 12pt; color: #000; margin: 0; }
h1 { text-align: center; font-size: 22pt; letter-spacing: 6pt; margin: 0 0 3mm; }
.number { text-align: center; margin: 0 0 6mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 1px solid #000; padding: 2.5mm 3mm; vertical-align: top; text-align: left; line-height: 1.6; }
th { width: 28mm; font-weight: bold; text-align: center; vertical-align: middle; }
td.tall { height: 30mm; }
td.write { height: 48mm; }
.lines { white-space: pre-wrap; }
.sign { display: flex; justify-content: space-between; margin-top: 8mm; gap: 10mm; break-inside: avoid; }
.sign div { flex: 1; line-height: 2.4; }
.note { margin-top: 6mm; font-size: 10.5pt; }
.screen-only { background: #fff4ce; border: 1px solid #c19c00; padding: 2mm 3mm; margin: 0 0 4mm; font: 10.5pt sans-serif; }
@media print { .screen-only { display: none; } }
@media screen { body { max-width: 178mm; margin: 8mm auto; padding: 0 4mm; } }
`;

export interface NoticeSheetData {
  plan: Plan;
  unit: Unit;
  measure: Measure | undefined;
  notice: Notice;
}

export function noticeSheetHtml(d: NoticeSheetData): string {
  const { plan, unit, measure, notice: n } = d;
  const planName = plan.docNumber ? `${plan.title}（${plan.docNumber}）` : plan.title;
  const measureText = measure ? `${n.measureId} ${measure.title}` : n.measureId;
  const answer = n.answer
    ? `<td colspan="3" class="write"><div class="lines">${esc(n.answer.text)}</div><p>回复时间：${esc(chineseDateTime(n.answer.at))}${
        n.answer.evidenceIds.length ? `；佐证材料 ${n.answer.evidenceIds.length} 份（见系统）` : ''
      }</p></td>`
    : '<td colspan="3" class="write"></td>';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>督办单 ${esc(noticeNumberText(n))}</title><style>${STYLE}</style></head>
<body>
<p class="screen-only">请用浏览器的“打印”（Ctrl+P，Mac 上 ⌘P）打印本页，签字盖章后报乡村振兴办。本链接 10 分钟内有效。</p>
<h1>整改督办单</h1>
<p class="number">${esc(noticeNumberText(n))}</p>
<table>
<tr><th>整改方案</th><td colspan="3">${esc(planName)}</td></tr>
<tr><th>责任单位</th><td colspan="3">${esc(unit.name)}</td></tr>
<tr><th>整改措施</th><td colspan="3">${esc(measureText)}</td></tr>
<tr><th>整改时限</th><td>${esc(measure?.deadlineText ?? '')}</td><th>办结时限</th><td>${esc(day(n.dueDate))}前</td></tr>
<tr><th>督办要求</th><td colspan="3" class="tall"><div class="lines">${esc(n.requirement)}</div></td></tr>
<tr><th>下发</th><td>${esc(chineseDate(n.issuedAt))}（${esc(n.issuedBy)}）</td><th>状态</th><td>${esc(NOTICE_STATE_LABELS[n.state].zh)}</td></tr>
<tr><th>办理情况</th>${answer}</tr>
</table>
<div class="sign">
<div>督办单位（盖章）：<br>经办人（签字）：<br>日期：　　　　年　　月　　日</div>
<div>责任单位（盖章）：<br>主要负责人（签字）：<br>日期：　　　　年　　月　　日</div>
</div>
<p class="note">请责任单位于办结时限前完成整改，在“整改进度填报助手”任务窗格的“督办与销号”中回复并上传佐证材料，并将本督办单签字盖章后报乡村振兴办。</p>
</body></html>`;
}
