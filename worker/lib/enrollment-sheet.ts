// The 令牌发放单 as an HTML page (A4 portrait, no script): each unit with its contact, 连接码 and expiry, and how to
// use the code — in the pane's 设置, or the page link with ?code=. Rendered once, when the codes are issued (the
// server keeps only their hashes); the page is stored sealed behind a 10-minute link (lib/download-link.ts), so a
// code is shown on this sheet and nowhere else. Every value is HTML-escaped.
import { formatEnrollmentCode, type IssuedEnrollmentCode } from '../../core/enrollment/enrollment-code.ts';
import type { Unit } from '../../core/schemas/unit.ts';

const esc = (v: unknown) => String(v ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** "2024-01-10 10:00" in Beijing time. */
const cst = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

const STYLE = `
@page { size: A4 portrait; margin: 15mm; }
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "SimSun", sans-serif; font-size: 11pt; color: #000; margin: 0; }
h1 { text-align: center; font-size: 18pt; margin: 0 0 6mm; }
.meta { display: flex; justify-content: space-between; margin: 0 0 4mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #000; padding: 1.6mm 2mm; vertical-align: top; font-size: 10pt; }
tr { page-break-inside: avoid; }
td.code { font: bold 14pt Consolas, "Courier New", monospace; letter-spacing: 1px; white-space: nowrap; }
.how { margin-top: 6mm; font-size: 10.5pt; }
.screen-only { background: #fff4ce; border: 1px solid #c19c00; padding: 2mm 3mm; margin: 0 0 4mm; font-size: 10.5pt; }
@media print { .screen-only { display: none; } }
@media screen { body { max-width: 190mm; margin: 8mm auto; padding: 0 4mm; } }
`;

export interface EnrollmentSheetData {
  codes: readonly IssuedEnrollmentCode[];
  units: readonly Unit[];
  /** The page units open without Excel (the server's own address). */
  pageUrl: string;
  issuedAt: string;
}

export function enrollmentSheetHtml(d: EnrollmentSheetData): string {
  const byId = new Map(d.units.map((u) => [u.id, u]));
  const rows = d.codes
    .map((c, i) => {
      const u = byId.get(c.unitId);
      const cells = [String(i + 1), u?.name ?? c.unitId, u?.contactName ?? '', u?.contactPhone ?? '']
        .map((v) => `<td>${esc(v)}</td>`)
        .join('');
      return `<tr>${cells}<td class="code">${esc(formatEnrollmentCode(c.code))}</td><td>${esc(cst(c.expiresAt))}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>令牌发放单</title><style>${STYLE}</style></head>
<body>
<p class="screen-only">请用浏览器的“打印”（Ctrl+P，Mac 上 ⌘P）打印本页。连接码只显示在本页：链接 10 分钟后失效，服务器不保存连接码原文。</p>
<h1>整改进度填报助手 令牌发放单</h1>
<p class="meta"><span>发放时间：${esc(cst(d.issuedAt))}（北京时间）</span><span>${esc(d.pageUrl)}</span></p>
<table>
<thead><tr><th>序号</th><th>填报单位</th><th>联系人</th><th>电话</th><th>连接码</th><th>有效期至</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="how">使用方法：在 Excel 任务窗格“设置”中输入连接码，点“用连接码连接”；不用 Excel 的单位用浏览器打开 ${esc(d.pageUrl)}?code=连接码 。每个连接码只能使用一次，请妥善保管，勿外传。</p>
</body></html>`;
}
