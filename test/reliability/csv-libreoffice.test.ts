// The CSV export opened by a real spreadsheet program: every OWASP payload and every payload hidden behind blanks,
// invisible characters or full-width signs is submitted to the real local Worker, /export.csv is converted by
// LibreOffice headless, and not one cell comes back as a formula — with the comma, and with each separator set
// LibreOffice's Text Import offers (tab, semicolon, space, all at once), since a text holding "x;=1+1" must stay one
// cell under any of them. Control runs convert the same table without the leading apostrophes, and with text quoted
// only where RFC 4180 requires (as before), and show LibreOffice would have evaluated both (so the checks can fail).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutraliseCsvText } from '../../core/text/formula-safe.ts';
import { demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { HIDDEN_PAYLOADS, OWASP_PAYLOADS, SEPARATOR_PAYLOADS } from '../support/formula-payloads.ts';
import { SEPARATOR_SETS, csvToFods, formulaCount, sheetValues } from '../support/libreoffice.ts';
import { parseCsv } from '../../addin/files/csv.ts';
import { call, submit, supervisorToken, validSubmission } from './client.ts';

const UNIT = 'v-yingge';
/** No other reliability test writes this period. */
const PERIOD = '2023-11-H2';
const PAYLOADS = [...OWASP_PAYLOADS, ...HIDDEN_PAYLOADS, ...SEPARATOR_PAYLOADS];
/** The columns that carry user text (the rest are our own labels, times and numbers). */
const TEXT_COLUMNS = ['主要负责人', '整改进展', '佐证材料', '备注'];

let dir: string;
let csvText: string;
let exported: string[][];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'rectify-lo-'));
  const base = validSubmission(UNIT, PERIOD, '=HYPERLINK("http://evil.example","签字")');
  const n = demoMeasuresFor(UNIT).length;
  expect(3 * n).toBeGreaterThanOrEqual(PAYLOADS.length);
  const at = (k: number) => PAYLOADS[k % PAYLOADS.length]!;
  const rows = base.rows.map((r, i) => ({
    ...r,
    progress: `${at(3 * i)} 入户走访${20 + i}户`,
    evidence: at(3 * i + 1),
    note: at(3 * i + 2),
  }));
  const res = await submit(UNIT, { ...base, rows });
  expect(res.status, await res.clone().text()).toBe(201);
  const exp = await call(`/export.csv?period=${PERIOD}`, { token: supervisorToken() });
  expect(exp.status).toBe(200);
  csvText = await exp.text();
  exported = parseCsv(csvText.replace(/^\uFEFF/, ''));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the CSV export in LibreOffice', () => {
  it('holds no formula cell, and every user text comes back exactly as exported', { timeout: 180_000 }, () => {
    const file = path.join(dir, 'export.csv');
    writeFileSync(file, csvText);
    const fods = csvToFods(file, path.join(dir, 'out'), path.join(dir, 'profile-a'));
    expect(formulaCount(fods)).toBe(0);

    const values = sheetValues(
      path.join(dir, 'out', 'export.fods'),
      path.join(dir, 'values'),
      path.join(dir, 'profile-a'),
    );
    const header = exported[0]!;
    const mine = (t: string[][]) => t.filter((r) => r[1] === '英格村' || r === t[0]);
    expect(values.length).toBe(exported.length);
    const cols = TEXT_COLUMNS.map((c) => header.indexOf(c));
    // LibreOffice turns CR line breaks into LF and drops a tab (OWASP's "\t=1+1" comes back as "'=1+1", still text).
    const fold = (s: string) => s.replace(/\r\n?/g, '\n').replace(/\t/g, '');
    const pick = (t: string[][]) => mine(t).map((r) => cols.map((c) => fold(r[c] ?? '')));
    expect(pick(values)).toEqual(pick(exported));
    // Every payload reached the sheet as text (progress is trimmed by the schema, so look for the trimmed payload).
    const cells = pick(values).flat();
    // (A sign behind a separator inside the text carries its own apostrophe: "x;=1+1" reads "x;'=1+1".)
    const shown = (p: string) => [fold(p.trim()), fold(neutraliseCsvText(p.trim()))];
    for (const p of PAYLOADS)
      expect(
        cells.some((c) => shown(p).some((t) => c.includes(t))),
        JSON.stringify(p),
      ).toBe(true);
    expect(cells.filter((c) => c.startsWith("'")).length).toBeGreaterThanOrEqual(
      OWASP_PAYLOADS.length + HIDDEN_PAYLOADS.length,
    );
  });

  it(
    'would evaluate the same cells without the leading apostrophe (control: the check can fail)',
    { timeout: 180_000 },
    () => {
      const raw = exported.map((r) => r.map((c) => (c.startsWith("'") ? c.slice(1) : c)));
      const quote = (c: string) => `"${c.replace(/"/g, '""')}"`;
      const file = path.join(dir, 'raw.csv');
      writeFileSync(file, '\uFEFF' + raw.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n');
      const fods = csvToFods(file, path.join(dir, 'raw-out'), path.join(dir, 'profile-b'));
      expect(formulaCount(fods)).toBeGreaterThan(0);
      const values = sheetValues(
        path.join(dir, 'raw-out', 'raw.fods'),
        path.join(dir, 'raw-values'),
        path.join(dir, 'profile-b'),
      );
      expect(values.flat()).toContain('签字'); // the signer's =HYPERLINK(…,"签字") became its result
    },
  );

  it.each(Object.entries(SEPARATOR_SETS))(
    'holds no formula cell when imported with %s as separator',
    { timeout: 180_000 },
    (name, separators) => {
      const file = path.join(dir, `export-${name.replace(/\W/g, '-')}.csv`);
      writeFileSync(file, csvText);
      expect(
        formulaCount(
          csvToFods(file, path.join(dir, `out-${name.replace(/\W/g, '-')}`), path.join(dir, 'profile-c'), separators),
        ),
      ).toBe(0);
    },
  );

  it.each(['tab', 'semicolon', 'space', 'all'] as const)(
    'would evaluate a formula split off at a %s with only the leading apostrophe and RFC 4180 quoting (the old export; control)',
    { timeout: 180_000 },
    (name) => {
      // The same cells with the apostrophes behind separators taken out again, quoted only around a comma, a quote
      // or a line break: what the export wrote before.
      const old = (c: string) => c.replace(/(?<=[\t,; \r\n]\s*)'(?=[=+\-@＝＋－＠])/g, '');
      const minimal = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
      const file = path.join(dir, `minimal-${name}.csv`);
      writeFileSync(
        file,
        '\uFEFF' + exported.map((r) => r.map((c) => minimal(old(c))).join(',')).join('\r\n') + '\r\n',
      );
      expect(
        formulaCount(
          csvToFods(file, path.join(dir, `minimal-out-${name}`), path.join(dir, 'profile-d'), SEPARATOR_SETS[name]),
        ),
      ).toBeGreaterThan(0);
    },
  );
});
