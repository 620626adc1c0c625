// The 报送单 as an HTML page, from a submitted revision (server data, not the sheet as it is now): A4 landscape, the
// plan's name and 文号, unit, period, a 报送编号 to read over the phone, revision, received time, 按时/逾期, every
// column, 填报人 and 联系电话, the header row repeated on each page, page numbers, and the signature and seal block
// kept on one page with the last rows (the last rows and the block form one unbreakable group). Every value is
// HTML-escaped; nothing in it runs.
import { periodLabel } from '../../core/calendar/period-label.ts';
import { columnByKey } from '../../core/checklist/columns.ts';
import { shortHash, type EvidenceRef } from '../../core/evidence/evidence-id.ts';
import { formatBytes } from '../../core/evidence/limits.ts';
import { measureById } from '../../core/plan/plan-lookup.ts';
import { reportNumber } from '../../core/reports/report-number.ts';
import { REPORT_ROW_COLUMNS, reportRowCell, type ReportRowColumn } from '../../core/reports/report-row-cells.ts';
import type { ReportDetail } from '../../core/schemas/api.ts';
import type { Plan } from '../../core/schemas/plan.ts';
import { TIMELINESS_LABELS, type SubmissionRow } from '../../core/schemas/submission.ts';
import type { Unit } from '../../core/schemas/unit.ts';
import { chineseDate, chineseDateTime, chineseDeadline } from '../../core/text/chinese-date.ts';

const esc = (v: unknown) => String(v ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Rows kept with the signature block, so it never stands alone on a page. */
const TAIL_ROWS = 2;

/** What a cell may look up besides its row: the plan's measures, the report's evidence files by id. */
interface Ctx {
  plan: Plan;
  files: ReadonlyMap<string, EvidenceRef>;
}

/** The 佐证材料 cell: the typed text, then each attached file by name, size and short hash (paper matches file). */
function evidenceCell(r: SubmissionRow, files: ReadonlyMap<string, EvidenceRef>): string {
  const attached = (r.evidenceIds ?? []).map((id) => files.get(id)).filter((f) => f !== undefined);
  const lines = attached.map((f) => `附件“${f.name}”（${formatBytes(f.size)}，SHA-256 ${shortHash(f.sha256)}）`);
  return [r.evidence ?? '', ...lines].filter(Boolean).join('；');
}

/** Each row column's print layout: its share of the page width, centred (c) or right-aligned numbers (n). */
const LAYOUT: Record<ReportRowColumn, { width: string; cls?: 'c' | 'n' }> = {
  measureId: { width: '3.5%', cls: 'c' },
  measure: { width: '10.5%' },
  item: { width: '6%' },
  status: { width: '4.5%', cls: 'c' },
  progress: { width: '35%' },
  target: { width: '4%', cls: 'n' },
  actual: { width: '4%', cls: 'n' },
  unitOfMeasure: { width: '3.5%', cls: 'c' },
  rate: { width: '4%', cls: 'n' },
  fundsPlanned: { width: '5%', cls: 'n' },
  fundsPaid: { width: '5%', cls: 'n' },
  evidence: { width: '8%' },
  note: { width: '4.5%' },
};

/** 序号, then the row columns every report table shows (core's one mapping), under the checklist's headers. */
const COLS: { head: string; width: string; cls?: string; cell: (r: SubmissionRow, i: number, ctx: Ctx) => string }[] = [
  { head: '序号', width: '2.5%', cls: 'c', cell: (_, i) => String(i + 1) },
  ...REPORT_ROW_COLUMNS.map((key) => ({
    head: columnByKey(key).header,
    ...LAYOUT[key],
    cell: (r: SubmissionRow, _: number, { plan, files }: Ctx) =>
      key === 'evidence'
        ? evidenceCell(r, files)
        : String(reportRowCell({ ...r, measureTitle: measureById(plan, r.measureId)?.title ?? '' }, key) ?? ''),
  })),
];

const STYLE = `
@page { size: A4 landscape; margin: 8mm 8mm 11mm; @bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 9pt; } }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "SimSun", sans-serif; font-size: 8pt; color: #000; margin: 0; }
h1 { font-size: 13pt; text-align: center; margin: 0 0 1mm; }
.doc { text-align: center; margin: 0 0 2mm; }
.meta { display: grid; grid-template-columns: repeat(4, auto); gap: 0.5mm 6mm; margin: 0 0 2mm; font-size: 9pt; }
.meta b { font-weight: 600; }
.number { font-size: 12pt; font-weight: 700; letter-spacing: 0.5pt; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 0.6pt solid #000; padding: 0.6mm 1mm; vertical-align: top; word-break: break-all; line-height: 1.3; }
th { background: #e8eef7; font-weight: 600; text-align: center; vertical-align: middle; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.c { text-align: center; } td.n { text-align: right; }
.tail { break-inside: avoid; page-break-inside: avoid; }
tr.sign-row td { border: none; padding: 0; }
.sign { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 6mm; margin-top: 4mm; font-size: 10.5pt; }
.sign div { min-height: 12mm; }
.print-bar { margin: 0 0 4mm; } @media print { .print-bar { display: none; } }
`;

function rowHtml(r: SubmissionRow, i: number, ctx: Ctx): string {
  return `<tr>${COLS.map((c) => `<td${c.cls ? ` class="${c.cls}"` : ''}>${esc(c.cell(r, i, ctx))}</td>`).join('')}</tr>`;
}

/** One table: the header repeats on every page; the last rows and the signature row are one unbreakable group. */
function table(rows: readonly SubmissionRow[], ctx: Ctx, sign: string): string {
  const cut = Math.max(0, rows.length - TAIL_ROWS);
  const colgroup = `<colgroup>${COLS.map((c) => `<col style="width:${c.width}">`).join('')}</colgroup>`;
  const head = `<thead><tr>${COLS.map((c) => `<th>${esc(c.head)}</th>`).join('')}</tr></thead>`;
  const body = cut
    ? `<tbody>${rows
        .slice(0, cut)
        .map((r, i) => rowHtml(r, i, ctx))
        .join('')}</tbody>`
    : '';
  const tail = `<tbody class="tail">${rows
    .slice(cut)
    .map((r, i) => rowHtml(r, cut + i, ctx))
    .join('')}<tr class="sign-row"><td colspan="${COLS.length}">${sign}</td></tr></tbody>`;
  return `<table>${colgroup}${head}${body}${tail}</table>`;
}

export interface PrintSheetInput {
  plan: Plan;
  unit: Pick<Unit, 'name' | 'contactName' | 'contactPhone'>;
  report: ReportDetail;
  /** Deadline of the report's period (ISO). */
  deadline: string;
}

export function printSheetHtml({ plan, unit, report, deadline }: PrintSheetInput): string {
  const number = reportNumber(report.period, unit.name, report.revision);
  const title = `${plan.title}整改进展报送单`;
  const meta = [
    ['填报单位', unit.name],
    ['报送期次', `${periodLabel(report.period, { form: 'name' })}（${chineseDeadline(deadline)}报送）`],
    ['报送编号', `<span class="number">${esc(number)}</span>`],
    ['版本', `第 ${report.revision} 版`],
    ['接收时间', `${chineseDateTime(report.receivedAt)}（北京时间）`],
    ['时效', TIMELINESS_LABELS[report.returned ? 'returned' : report.timeliness].zh],
    // Who filled it in, as the submission says; else the unit's registered contact.
    ['填报人', report.preparer ?? unit.contactName ?? ''],
    ['联系电话', report.preparerPhone ?? unit.contactPhone ?? ''],
  ];
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}（${esc(number)}）</title><style>${STYLE}</style></head><body>
<p class="print-bar">请按 Ctrl+P（Mac：⌘+P）打印，纸张选 A4 横向；打印后由主要负责人签字、加盖单位公章。</p>
<h1>${esc(title)}</h1>
${plan.docNumber ? `<p class="doc">（依据${esc(plan.docNumber)}）</p>` : ''}
<div class="meta">${meta.map(([k, v]) => `<div><b>${esc(k)}：</b>${k === '报送编号' ? v : esc(v)}</div>`).join('')}</div>
${table(report.rows, { plan, files: new Map((report.evidence ?? []).map((f) => [f.id, f])) }, `<div class="sign"><div>主要负责人（签字）：${esc(report.signer)}</div><div>单位（盖章）：</div><div>日期：${esc(chineseDate(report.receivedAt))}</div></div>`)}
</body></html>`;
}
