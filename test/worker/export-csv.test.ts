// GET /export.csv: BOM, RFC 4180 quoting, and OWASP CSV-injection payloads neutralised by core's neutraliseFormula.
import { beforeAll, describe, expect, it } from 'vitest';
import { isFormulaLike, neutraliseCsvText } from '../../core/text/formula-safe.ts';
import { reportNumber } from '../../core/reports/report-number.ts';
import { env } from 'cloudflare:workers';
import { insertReport } from '../../worker/db/reports/index.ts';
import { DEMO_PLAN_ID, DEMO_UNITS, demoMeasuresFor } from '../fixtures/demo-plan.ts';
import { aroundDeadline, call, makeToken, submissionFor, submit, type TestToken } from './helpers.ts';
import { parseCsv } from '../../addin/files/csv.ts';
import { HIDDEN_PAYLOADS, LEGACY_PAYLOADS, OWASP_PAYLOADS } from '../support/formula-payloads.ts';

const UNIT = 'v-menglai';
const PERIOD = '2023-10-H1';
const PAYLOADS = [
  '=1+1',
  '+1',
  '-1',
  '@SUM(1)',
  '\t=1',
  '\r=1',
  '=HYPERLINK("http://evil.example","点我")',
  "=cmd|' /C calc'!A0",
];
let sup: TestToken;
let csv: string;

describe('GET /export.csv', () => {
  beforeAll(async () => {
    sup = await makeToken('supervisor');
    const unit = await makeToken('unit', UNIT);
    const base = submissionFor(UNIT, PERIOD, '=HYPERLINK("http://evil.example")');
    // The unit reports all its measures (core rules demand it); the first rows carry the payloads.
    expect(base.rows.length).toBeGreaterThanOrEqual(PAYLOADS.length);
    const rows = base.rows.map((r, i) =>
      i < PAYLOADS.length
        ? { ...r, progress: `进展 ${i}, 含"引号"和逗号`, evidence: PAYLOADS[i], note: `${PAYLOADS[i]}\n第二行` }
        : r,
    );
    const res = await submit(unit.token, { ...base, rows }, { now: aroundDeadline(PERIOD, -60_000) });
    expect(res.status).toBe(201);
    const exp = await call(`/export.csv?period=${PERIOD}`, { token: sup.token, now: aroundDeadline(PERIOD, 60_000) });
    expect(exp.status).toBe(200);
    expect(exp.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(exp.headers.get('Content-Disposition')).toBe(
      `attachment; filename="rectify-${DEMO_PLAN_ID}-${PERIOD}.csv"; filename*=UTF-8''${encodeURIComponent('整改进展汇总-2023年10月上半月.csv')}`,
    );
    csv = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(await exp.arrayBuffer());
  });

  it('ends every record with CRLF (RFC 4180); line breaks appear only inside quoted cells', () => {
    const outsideQuotes = csv.replace(/"(?:[^"]|"")*"/g, '""');
    expect(outsideQuotes.endsWith('\r\n')).toBe(true);
    expect(outsideQuotes.match(/\r\n|\r|\n/g)!.every((eol) => eol === '\r\n')).toBe(true);
  });

  it('starts with a UTF-8 BOM and a Chinese header row', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header] = parseCsv(csv.slice(1));
    expect(header!.slice(0, 3)).toEqual(['期次', '填报单位', '报送情况']);
  });

  it('neutralises every OWASP formula payload and no cell can start a formula', () => {
    const table = parseCsv(csv.slice(1));
    const evidenceCol = table[0]!.indexOf('佐证材料');
    const noteCol = table[0]!.indexOf('备注');
    const unitRows = table.filter((r) => r[1] === '勐来村');
    // A sign behind the leading tab or CR gets its own apostrophe too (an importer may cut the cell there).
    expect(unitRows.slice(0, PAYLOADS.length).map((r) => r[evidenceCol])).toEqual(PAYLOADS.map(neutraliseCsvText));
    expect(unitRows.slice(0, PAYLOADS.length).map((r) => r[noteCol])).toEqual(
      PAYLOADS.map((p) => neutraliseCsvText(`${p}\n第二行`)),
    );
    expect(neutraliseCsvText('\t=1')).toBe("'\t'=1");
    expect(unitRows[0]![table[0]!.indexOf('主要负责人')]).toBe(`'=HYPERLINK("http://evil.example")`);
    for (const row of table) for (const cell of row) expect(isFormulaLike(cell), JSON.stringify(cell)).toBe(false);
  });

  it('names each filed report by its 报送编号 on every line of it, as the receipt and the 报送单 do', () => {
    const table = parseCsv(csv.slice(1));
    const at = table[0]!.indexOf('报送编号');
    expect(at).toBeGreaterThan(0);
    expect(new Set(table.filter((r) => r[1] === '勐来村').map((r) => r[at]))).toEqual(new Set(['2310A-勐来-01']));
    // A unit that has not filed has no number.
    expect(table.filter((r) => r[2] === '未报').map((r) => r[at])).toContain('');
  });

  it('quotes commas, quotes and line breaks so every row keeps its columns', () => {
    const table = parseCsv(csv.slice(1));
    expect(new Set(table.map((r) => r.length))).toEqual(new Set([table[0]!.length]));
    const progress = table.filter((r) => r[1] === '勐来村').map((r) => r[table[0]!.indexOf('整改进展')]);
    expect(progress[1]).toBe('进展 1, 含"引号"和逗号');
  });

  it('lists every unit, with units that did not report marked 未报', () => {
    const table = parseCsv(csv.slice(1)).slice(1);
    expect(new Set(table.map((r) => r[1]))).toEqual(new Set(DEMO_UNITS.map((u) => u.name)));
    const others = table.filter((r) => r[1] !== '勐来村');
    expect(others).toHaveLength(DEMO_UNITS.length - 1);
    expect(new Set(others.map((r) => r[2]))).toEqual(new Set(['未报']));
    expect(demoMeasuresFor(UNIT).length).toBeGreaterThan(0);
  });
});

describe('GET /export.csv with payloads hidden behind blanks, invisible characters or full-width signs', () => {
  const OTHER = 'o-water';
  const PERIOD2 = '2023-10-H2';
  const all = [...OWASP_PAYLOADS, ...HIDDEN_PAYLOADS];
  let table: string[][];

  beforeAll(async () => {
    const unit = await makeToken('unit', UNIT);
    const base = submissionFor(UNIT, PERIOD2, '＝HYPERLINK("http://evil.example")');
    // Two payloads per row (evidence and note) so every one fits in the unit's measures.
    const rows = base.rows.map((r, i) => ({ ...r, evidence: all[2 * i] ?? '', note: all[2 * i + 1] ?? '' }));
    expect(base.rows.length * 2).toBeGreaterThanOrEqual(all.length);
    expect((await submit(unit.token, { ...base, rows }, { now: aroundDeadline(PERIOD2, -60_000) })).status).toBe(201);
    // Control characters can no longer be submitted; a report stored before that rule may still hold them.
    const legacy = submissionFor(OTHER, PERIOD2, '\v=1+1');
    const token = await makeToken('unit', OTHER);
    await insertReport(env.DB, {
      id: crypto.randomUUID(),
      planId: DEMO_PLAN_ID,
      planVersion: 1,
      soleActive: false,
      unitId: OTHER,
      token: { id: token.id },
      idempotencyKey: crypto.randomUUID(),
      bodyHash: 'legacy',
      receivedAt: aroundDeadline(PERIOD2, -120_000),
      arrival: 'on_time',
      warnings: [],
      submission: {
        ...legacy,
        rows: legacy.rows.map((r, i) => ({ ...r, evidence: LEGACY_PAYLOADS[i % LEGACY_PAYLOADS.length] })),
      },
    });
    const exp = await call(`/export.csv?period=${PERIOD2}`, { token: sup.token, now: aroundDeadline(PERIOD2, 60_000) });
    expect(exp.status).toBe(200);
    table = parseCsv(new TextDecoder().decode(await exp.arrayBuffer()));
  });

  it('writes every payload with a leading quote and no cell a spreadsheet could evaluate', () => {
    const [header, ...body] = table;
    const evidence = body.filter((r) => r[1] === '勐来村').map((r) => r[header!.indexOf('佐证材料')]);
    const note = body.filter((r) => r[1] === '勐来村').map((r) => r[header!.indexOf('备注')]);
    const written = [...evidence, ...note].filter(Boolean);
    for (const p of all) expect(written, JSON.stringify(p)).toContain(neutraliseCsvText(p));
    for (const row of table) for (const cell of row) expect(isFormulaLike(cell), JSON.stringify(cell)).toBe(false);
  });

  it('strips NUL from stored text and neutralises control-character payloads stored before the cleaning rule', () => {
    const [header, ...body] = table;
    const legacy = body.filter((r) => r[1] === '水务服务中心');
    expect(legacy.length).toBeGreaterThan(0);
    expect(legacy[0]![header!.indexOf('主要负责人')]).toBe("'\v=1+1");
    const evidence = legacy.map((r) => r[header!.indexOf('佐证材料')]!);
    expect(evidence).toContain("'=1+1"); // was "\0=1+1"
    expect(evidence.join('')).not.toContain('\0');
  });
});

describe('GET /export.csv with several rows of one measure (子项)', () => {
  const UNIT3 = 'v-minliang';
  const PERIOD3 = '2023-10-H2';
  let csv3: string;

  beforeAll(async () => {
    const sup3 = await makeToken('supervisor');
    const unit = await makeToken('unit', UNIT3);
    const base = submissionFor(UNIT3, PERIOD3);
    const first = { ...base.rows[0]!, item: '甲' };
    const rows = [first, { ...first, item: '乙' }, ...base.rows.slice(1)];
    expect((await submit(unit.token, { ...base, rows }, { now: aroundDeadline(PERIOD3, -60_000) })).status).toBe(201);
    const exp = await call(`/export.csv?period=${PERIOD3}`, {
      token: sup3.token,
      now: aroundDeadline(PERIOD3, 60_000),
    });
    csv3 = new TextDecoder().decode(await exp.arrayBuffer());
  });

  it('has a 子项 column, so two rows of 1-1 with items 甲 and 乙 come out as two different lines', () => {
    const [header, ...body] = parseCsv(csv3.replace(/^\uFEFF/, ''));
    const itemCol = header!.indexOf('子项（项目名称）');
    expect(itemCol).toBe(header!.indexOf('措施编号') + 2);
    const mine = body.filter((r) => r[1] === '民良村' && r[header!.indexOf('措施编号')] === '1-1');
    expect(mine.map((r) => r[itemCol])).toEqual(['甲', '乙']);
    expect(mine[0]).not.toEqual(mine[1]);
  });

  it('quotes every text cell and leaves numbers bare, so no separator inside a text can split it', () => {
    const lines = csv3
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    const line = lines.find((l) => l.includes('"民良村"'))!;
    expect(line.startsWith(`"${PERIOD3}","民良村","按时"`)).toBe(true);
    // Column 6 (版本) is a number: bare; the 报送编号 before it is text: quoted.
    expect(line.split(',').slice(4, 6)).toEqual([`"${reportNumber(PERIOD3, '民良村', 1)}"`, '1']);
  });
});
