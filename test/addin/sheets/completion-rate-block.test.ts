// 整改完成率 under the title of 整改进展汇总表: the lines (plan, problems, units ranked) from /closures' rates, and
// the same title through both writers — the .xlsx read back with exceljs, and Excel through the recording double.
import { afterEach, describe, expect, it } from 'vitest';
import ExcelJSLib from 'exceljs/dist/exceljs.bare.min.js';
import { closureRates, type PairFact } from '../../../core/closure/index.ts';
import {
  asOfText,
  completionRateLines,
  unitsByRate,
  type ClosureAtEnd,
} from '../../../addin/sheets/completion-rate-block.ts';
import { periodSheets } from '../../../addin/sheets/period-sheets.ts';
import { titleHeight } from '../../../addin/sheets/template-layout.ts';
import { specsToXlsx } from '../../../addin/files/index.ts';
import { writeSheets } from '../../../addin/excel/write-summary.ts';
import { installExcel, uninstallExcel } from '../excel-harness.ts';
import { DEMO_PLAN, DEMO_UNITS } from '../../fixtures/demo-plan.ts';
import { unitSummaryOf } from '../../fixtures/unit-summary.ts';

const name = (id: string) => DEMO_UNITS.find((u) => u.id === id)!.name;
const names = new Map(DEMO_UNITS.map((u) => [u.id, u.name]));
/** Every pair of the demo plan at 11-H2's due day; 丁来村 had closed all of its pairs, 民良村 one, the rest none. */
function closureAtEnd(): ClosureAtEnd {
  const facts: PairFact[] = [];
  for (const m of DEMO_PLAN.measures) {
    for (const unitId of m.responsibleUnitIds) {
      const closed = unitId === 'v-dinglai' || (unitId === 'v-minliang' && m.id === '1-1');
      facts.push({ measureId: m.id, problemId: m.problemId, unitId, state: closed ? 'closed' : 'in_progress' });
    }
  }
  return { asOf: '2023-11-29', deadline: '2023-11-29', rates: closureRates(facts) };
}

const end = closureAtEnd();
const period = '2023-11-H2';
const summary = {
  planId: DEMO_PLAN.id,
  period,
  deadline: '2023-11-29T16:00:00.000Z',
  generatedAt: '2023-11-30T02:00:00.000Z',
  // As /summary lists them: the names the rate lines use.
  units: DEMO_UNITS.map((u) => unitSummaryOf(u)),
  measures: [],
  totals: { units: 0, on_time: 0, late: 0, missing: 0, not_due: 0, returned: 0, rows: 0 },
};
const input = {
  plan: DEMO_PLAN,
  summary,
  details: { planId: DEMO_PLAN.id, period, rows: [] },
  matrix: { planId: DEMO_PLAN.id, from: period, to: period, periods: [period], units: [] },
};

describe('completionRateLines', () => {
  const [plan, problems, units] = completionRateLines(end, DEMO_PLAN, names) as [string, string, string];
  const r = end.rates;

  it('states the plan’s rate over pairs and over measures as of the period’s due day', () => {
    expect(plan).toBe(
      `整改完成率（截至 2023-11-29（期次截止日），已销号 ÷ 应销号）：单位·措施 ${r.pairs.closed}/${r.pairs.total}（${((r.pairs.closed / r.pairs.total) * 100).toFixed(1)}%）；措施 ${r.measures.closed}/${r.measures.total}（${((r.measures.closed / r.measures.total) * 100).toFixed(1)}%）`,
    );
    expect(r.pairs.closed).toBeGreaterThan(1);
  });

  it('gives each problem its own rate, numbered as the plan numbers them', () => {
    const p1 = DEMO_PLAN.problems[0]!;
    const pr = r.byProblem[p1.id]!;
    expect(problems).toContain(`一、${p1.title} 单位·措施 ${pr.pairs.closed}/${pr.pairs.total}`);
    expect(problems.split('；')).toHaveLength(DEMO_PLAN.problems.length);
  });

  it('ranks the units by rate, the one that closed everything first', () => {
    const ranked = unitsByRate(r, names);
    expect(ranked[0]!.unitId).toBe('v-dinglai');
    expect(ranked[0]!.rate.rate).toBe(1);
    expect(ranked[1]!.unitId).toBe('v-minliang');
    expect(
      units.startsWith(
        `按单位：${name('v-dinglai')} ${ranked[0]!.rate.closed}/${ranked[0]!.rate.closed}（100.0%）、${name('v-minliang')} 1/`,
      ),
    ).toBe(true);
  });
});

describe('asOfText', () => {
  it('names the due day once the period has ended, and today before its due day while it is open', () => {
    expect(asOfText(end)).toBe('截至 2023-11-29（期次截止日）');
    expect(asOfText({ ...end, asOf: '2023-12-05', deadline: '2023-12-14' })).toBe(
      '截至 2023-12-05（本期截止日 2023-12-14 前）',
    );
  });
});

describe('整改进展汇总表 with the 整改完成率', () => {
  const specs = periodSheets({ ...input, closure: end });
  const lines = completionRateLines(end, DEMO_PLAN, names);

  it('names each unit as /summary names it', () => {
    expect(lines[2]).toContain(`${name('v-dinglai')} `);
    expect(lines[2]).not.toContain('v-dinglai');
  });

  it('puts the three lines under the title of 整改进展汇总表 only', () => {
    expect(specs[0]!.title.split('\n')).toEqual([periodSheets(input)[0]!.title, ...lines]);
    for (const s of specs.slice(1)) expect(s.title).not.toContain('整改完成率');
  });

  it('writes the same title to the .xlsx, wrapped and as tall as its lines', async () => {
    const wb = new ExcelJSLib.Workbook();
    await wb.xlsx.load((await specsToXlsx(specs)).buffer as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe(specs[0]!.title);
    expect(ws.getCell('A1').alignment?.wrapText).toBe(true);
    expect(ws.getRow(1).height).toBe(titleHeight(specs[0]!));
    expect(ws.getRow(1).height).toBeGreaterThanOrEqual(4 * 17);
    // The table keeps its place: the header on row 2.
    expect(ws.getCell('A2').value).toBe('编号');
  });

  describe('in Excel', () => {
    afterEach(() => uninstallExcel());

    it('writes the same title into A1, wrapped, with the same row height', async () => {
      const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
      // The recording double has no Worksheet.pageLayout: the print setup is left out here.
      await writeSheets([{ ...specs[0]!, print: undefined }]);
      const sheet = specs[0]!.name;
      const title = h.writes(sheet).find((w) => w.target.startsWith('A1:'))!;
      expect(title.value[0]![0]).toBe(specs[0]!.title);
      const onTitle = h.log.filter((e) => e.sheet === sheet && e.target === title.target);
      expect(onTitle.find((e) => e.path === 'format.wrapText')?.value).toBe(true);
      expect(onTitle.find((e) => e.path === 'format.rowHeight')?.value).toBe(titleHeight(specs[0]!));
    });
  });
});
