// 佐证材料 as links in 报送明细 and 整改进展汇总表: in 报送明细 a cell per file pointing at the page's ?evidence=<id>, its
// text the file's name through the formula-safe rule; in 整改进展汇总表 a cell per (measure, unit) with the count,
// pointing at the page's ?evidence-list= (佐证材料查阅 of that unit, measure and period) — in the spec, through the
// Excel double and in the written .xlsx.
import ExcelJSLib from 'exceljs/dist/exceljs.bare.min.js';
import { afterEach, describe, expect, it } from 'vitest';
import { columnLetter } from '../../../core/checklist/columns.ts';
import type { DetailRow, Details } from '../../../core/schemas/api.ts';
import type { EvidenceRef } from '../../../core/evidence/evidence-id.ts';
import { writeSheets } from '../../../addin/excel/write-summary.ts';
import { specsToXlsx } from '../../../addin/files/write-xlsx.ts';
import {
  evidenceListOf,
  evidenceListUrl,
  evidencePageUrl,
  linkEvidence,
} from '../../../addin/sheets/evidence-links.ts';
import { progressSheet } from '../../../addin/sheets/progress-sheet.ts';
import { detailsSheet } from '../../../addin/sheets/summary-sheets.ts';
import { DEMO_PLAN } from '../../fixtures/demo-plan.ts';
import { installExcel, uninstallExcel } from '../excel-harness.ts';

afterEach(uninstallExcel);

const ORIGIN = 'https://zhenggai.example.gov.cn';
const file = (n: number, name: string): EvidenceRef => ({
  id: `ev_${String(n).repeat(26)}`,
  name,
  size: 1000 * n,
  sha256: String(n).repeat(64),
  type: 'pdf',
});
const photo = file(1, '现场照片.jpg');
const minutes = file(2, '会议纪要.pdf');
const evil = file(3, '=HYPERLINK("http://x","点我").pdf');

const row = (unitId: string, unitName: string, r: Partial<DetailRow>): DetailRow => ({
  unitId,
  unitName,
  revision: 1,
  signer: '李四',
  receivedAt: '2023-11-28T02:00:00.000Z',
  measureId: '4-1',
  measureTitle: '',
  status: 'ongoing',
  progress: '完成公示3项',
  ...r,
});
// Plants: 丁来村 with two files on its first row, 民良村 with none, 永安村 with one whose name looks like a formula.
const details: Details = {
  planId: DEMO_PLAN.id,
  period: '2023-11-H2',
  rows: [
    row('v-dinglai', '丁来村', { evidenceFiles: [photo, minutes] }),
    row('v-minliang', '民良村', { progress: '拨付资金8万元' }),
    row('v-yongan', '永安村', { evidenceFiles: [evil] }),
  ],
};
const detailSpec = () => linkEvidence(detailsSheet(details, '生成于 2023-11-30'), ORIGIN);
const summary = {
  planId: DEMO_PLAN.id,
  period: details.period,
  deadline: '2023-11-29T16:00:00.000Z',
  generatedAt: '2023-11-30T02:00:00.000Z',
  units: ['v-dinglai', 'v-minliang', 'v-yongan'].map((unitId, i) => ({
    unitId,
    unitName: ['丁来村', '民良村', '永安村'][i]!,
    kind: 'village' as const,
    contactName: null,
    contactPhone: null,
    timeliness: 'on_time' as const,
    receivedAt: null,
    firstReceivedAt: null,
    revision: 1,
    signer: null,
    rowCount: 1,
    statusCounts: { done: 0, phased: 0, ongoing: 1, not_started: 0 },
    warningCount: 0,
    returnedReason: null,
  })),
  measures: [],
  totals: { units: 3, on_time: 3, late: 0, missing: 0, not_due: 0, returned: 0, rows: 3 },
};
const progressSpec = () => linkEvidence(progressSheet({ plan: DEMO_PLAN, summary, details }), ORIGIN);

describe('linkEvidence', () => {
  it('gives 报送明细 a column per file after the table, each file a link to the page’s ?evidence=<id>', () => {
    const plain = detailsSheet(details, '');
    const spec = detailSpec();
    const first = plain.header.length;
    expect(spec.header.slice(first)).toEqual(['佐证文件1', '佐证文件2']);
    expect(spec.rows[0]!.slice(first)).toEqual(['现场照片.jpg', '会议纪要.pdf']);
    expect(spec.rows[1]!.length).toBe(first);
    expect(spec.text).toEqual(expect.arrayContaining([first, first + 1]));
    expect(spec.links).toEqual([
      { row: 3, column: 'T', url: `${ORIGIN}/?evidence=${photo.id}`, text: '现场照片.jpg' },
      { row: 3, column: 'U', url: `${ORIGIN}/?evidence=${minutes.id}`, text: '会议纪要.pdf' },
      { row: 5, column: 'T', url: `${ORIGIN}/?evidence=${evil.id}`, text: `'${evil.name}` },
    ]);
  });

  it('puts a file name that looks like a formula through the formula-safe rule', () => {
    const link = detailSpec().links!.find((l) => l.url.endsWith(evil.id))!;
    expect(link.text.startsWith("'=")).toBe(true);
  });

  it('leaves a sheet whose rows have no file as it was', () => {
    const none: Details = { ...details, rows: [details.rows[1]!] };
    const spec = detailsSheet(none, '');
    expect(linkEvidence(spec, ORIGIN)).toBe(spec);
  });

  it('gives 整改进展汇总表 one cell per unit on the measure’s line, its count of files linked to 佐证材料查阅 of that unit, measure and period', () => {
    const joined = linkEvidence(progressSheet({ plan: DEMO_PLAN, summary, details }), ORIGIN);
    const at = joined.rows.findIndex((r) => r[0] === '4-1') + 3;
    const list = (unit: string) => ({ plan: DEMO_PLAN.id, unit, measure: '4-1', period: details.period });
    // Right after the table's own columns.
    const col = joined.header.indexOf('佐证材料1');
    expect(col).toBe(progressSheet({ plan: DEMO_PLAN, summary, details }).header.length);
    expect(joined.links!.filter((l) => l.row === at)).toEqual([
      { row: at, column: columnLetter(col), url: evidenceListUrl(ORIGIN, list('v-dinglai')), text: '丁来村：2 个文件' },
      {
        row: at,
        column: columnLetter(col + 1),
        url: evidenceListUrl(ORIGIN, list('v-yongan')),
        text: '永安村：1 个文件',
      },
    ]);
    expect(joined.header.slice(col)).toEqual(['佐证材料1', '佐证材料2']);
    expect(joined.links).toHaveLength(2);
  });

  it('keeps 整改进展汇总表 one column wide for a unit however many files it sent, per-unit rows included', () => {
    const many = Array.from({ length: 30 }, (_, i) => file(4 + (i % 5), `照片${i + 1}.jpg`));
    const more: Details = {
      ...details,
      rows: [
        row('v-dinglai', '丁来村', { evidenceFiles: many.slice(0, 20), item: '一组' }),
        row('v-dinglai', '丁来村', { evidenceFiles: many.slice(20), item: '二组' }),
      ],
    };
    const joined = linkEvidence(progressSheet({ plan: DEMO_PLAN, summary, details: more }), ORIGIN);
    expect(joined.links!.map((l) => l.text)).toEqual(['丁来村：30 个文件']);
    expect(joined.header.filter((h) => h.startsWith('佐证'))).toEqual(['佐证材料1']);
    const perUnit = linkEvidence(
      progressSheet({ plan: DEMO_PLAN, summary, details: more, layout: 'per-unit' }),
      ORIGIN,
    );
    // On the unit's first row for the measure; its second 子项 row shares the list.
    const first = perUnit.rows.findIndex((r) => r[0] === '4-1') + 3;
    expect(perUnit.links).toEqual([
      {
        row: first,
        column: columnLetter(perUnit.header.indexOf('佐证材料1')),
        url: evidenceListUrl(ORIGIN, { plan: DEMO_PLAN.id, unit: 'v-dinglai', measure: '4-1', period: details.period }),
        text: '30 个文件',
      },
    ]);
    expect(perUnit.header.filter((h) => h.startsWith('佐证'))).toEqual(['佐证材料1']);
  });

  it('reads back the filter its ?evidence-list= address carries, and calls one with a part missing bad', () => {
    const q = { plan: DEMO_PLAN.id, unit: 'v-dinglai', measure: '4-1', period: '2023-11-H2' };
    const url = new URL(evidenceListUrl(`${ORIGIN}/`, q));
    expect(url.origin + url.pathname).toBe(`${ORIGIN}/`);
    expect(evidenceListOf(url.searchParams)).toEqual(q);
    url.searchParams.delete('measure');
    expect(evidenceListOf(url.searchParams)).toBe('bad');
    expect(evidenceListOf(new URLSearchParams('evidence=ev_1'))).toBeNull();
  });

  it('makes the page address from a server address with or without a trailing slash', () => {
    expect(evidencePageUrl(`${ORIGIN}/`, photo.id)).toBe(`${ORIGIN}/?evidence=${photo.id}`);
  });
});

describe('the link cells as written', () => {
  it('sets a hyperlink on each file’s cell in Excel, after the values, with the file name as its text', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    await writeSheets([detailSpec()]);
    const links = h.log.filter((e) => e.path === 'hyperlink');
    expect(links.map((e) => [e.target, e.value])).toEqual([
      ['T3', { address: `${ORIGIN}/?evidence=${photo.id}`, textToDisplay: '现场照片.jpg' }],
      ['U3', { address: `${ORIGIN}/?evidence=${minutes.id}`, textToDisplay: '会议纪要.pdf' }],
      ['T5', { address: `${ORIGIN}/?evidence=${evil.id}`, textToDisplay: `'${evil.name}` }],
    ]);
    const valuesAt = h.log.findIndex((e) => e.path === 'values' && e.target.startsWith('A2:'));
    expect(h.log.findIndex((e) => e.path === 'hyperlink')).toBeGreaterThan(valuesAt);
    // The cell's own value is the same text, in a text-formatted column.
    const table = h.writes('报送明细').find((w) => w.target.startsWith('A2:'))!.value;
    expect(table[1]!.slice(19, 21)).toEqual(['现场照片.jpg', '会议纪要.pdf']);
  });

  it('writes each file’s cell in the .xlsx as a hyperlink to the page, read back with exceljs', async () => {
    const wb = new ExcelJSLib.Workbook();
    await wb.xlsx.load((await specsToXlsx([detailSpec()])).buffer as ArrayBuffer);
    const ws = wb.getWorksheet('报送明细')!;
    expect(ws.getCell('T2').value).toBe('佐证文件1');
    expect(ws.getCell('T3').value).toEqual({ text: '现场照片.jpg', hyperlink: `${ORIGIN}/?evidence=${photo.id}` });
    expect(ws.getCell('U3').value).toEqual({ text: '会议纪要.pdf', hyperlink: `${ORIGIN}/?evidence=${minutes.id}` });
    expect(ws.getCell('T5').value).toEqual({ text: `'${evil.name}`, hyperlink: `${ORIGIN}/?evidence=${evil.id}` });
    expect(ws.getCell('T4').hyperlink).toBeUndefined();
  });

  it('writes 整改进展汇总表’s per-unit cells with their list links in Excel and in the .xlsx alike', async () => {
    const spec = progressSpec();
    const at = spec.rows.findIndex((r) => r[0] === '4-1') + 3;
    const url = (unit: string) =>
      evidenceListUrl(ORIGIN, { plan: DEMO_PLAN.id, unit, measure: '4-1', period: details.period });
    const [v, w] = [0, 1].map((j) => columnLetter(spec.header.indexOf('佐证材料1') + j));
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    await writeSheets([spec]);
    expect(h.log.filter((e) => e.path === 'hyperlink').map((e) => [e.target, e.value])).toEqual([
      [`${v}${at}`, { address: url('v-dinglai'), textToDisplay: '丁来村：2 个文件' }],
      [`${w}${at}`, { address: url('v-yongan'), textToDisplay: '永安村：1 个文件' }],
    ]);
    const wb = new ExcelJSLib.Workbook();
    await wb.xlsx.load((await specsToXlsx([spec])).buffer as ArrayBuffer);
    const ws = wb.getWorksheet('整改进展汇总表')!;
    expect([ws.getCell(`${v}2`).value, ws.getCell(`${w}2`).value]).toEqual(['佐证材料1', '佐证材料2']);
    expect(ws.getCell(`${v}${at}`).value).toEqual({ text: '丁来村：2 个文件', hyperlink: url('v-dinglai') });
    expect(ws.getCell(`${w}${at}`).value).toEqual({ text: '永安村：1 个文件', hyperlink: url('v-yongan') });
  });
});
