// Uploads as the web page reads them: every bad file of issue 9 gets its own UploadError (rendered in Chinese by
// i18n), and the quirks of real workbooks (merged titles, dates, formulas, numbers stored as text) are read as
// Excel's own read would give them to the add-in.
import { describe, expect, it } from 'vitest';
import ExcelJSLib from 'exceljs/dist/exceljs.bare.min.js';
import type ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import {
  MAX_UPLOAD_BYTES,
  UploadError,
  fileWorkbook,
  likelyChecklistSheet,
  readUpload,
  templateXlsx,
} from '../../addin/files/index.ts';
import { translator } from '../../addin/i18n.ts';
import { uploadErrorText } from '../../addin/ui/upload-error-text.ts';
import { DEMO_PLAN, DEMO_UNITS, demoContext } from '../fixtures/demo-plan.ts';
import { validateChecklist } from '../../core/validate-checklist.ts';
import { checkWorkbook } from '../../addin/check-sheet.ts';
import { VILLAGE_NOW, VILLAGE_UNIT, villageChecklist } from '../fixtures/village-checklist.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
async function xlsx(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJSLib.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
async function failure(name: string, bytes: Uint8Array): Promise<UploadError> {
  const e = await readUpload(name, bytes).then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(UploadError);
  return e as UploadError;
}
const zh = translator('zh-CN');

describe('readUpload', () => {
  it("never offers the template's list sheet 填报下拉选项 from an .ods, whose visibility SheetJS does not read", async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['序号', '措施编号']]), '整改清单');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['已完成'], ['阶段性完成']]), '填报下拉选项');
    const bytes = new Uint8Array(XLSX.write(wb, { bookType: 'ods', type: 'array' }) as ArrayBuffer);
    const book = await readUpload('丁来村.ods', bytes);
    expect(book.sheets.map((s) => s.name)).toEqual(['整改清单']);
  });

  it('asks for an .xlsx saved from WPS when given an .et file', async () => {
    const e = await failure('清单.et', utf8('x'));
    expect(e.code).toBe('et');
    expect(uploadErrorText(e, zh)).toContain('请在 WPS 中另存为 .xlsx 后上传');
  });

  it('names the extension it cannot read', async () => {
    const e = await failure('清单.docx', utf8('x'));
    expect(uploadErrorText(e, zh)).toContain('.docx');
  });

  it('refuses a 20 MB file before parsing it, saying its size and the limit', async () => {
    const e = await failure('大.xlsx', new Uint8Array(20 * 1024 * 1024));
    expect(e.code).toBe('too_big');
    expect(uploadErrorText(e, zh)).toMatch(/20\.0 MB.*10 MB/);
    expect(MAX_UPLOAD_BYTES).toBe(10 * 1024 * 1024);
  });

  it('says a corrupt .xlsx (a truncated zip) is damaged', async () => {
    const good = await templateXlsx(DEMO_PLAN, DEMO_UNITS[0]!);
    expect((await failure('坏.xlsx', good.slice(0, 2000))).code).toBe('corrupt');
    expect((await failure('坏.xlsx', utf8('not a workbook at all'))).code).toBe('corrupt');
    expect((await failure('坏.xls', utf8('not a workbook at all, just text that is not a sheet'))).code).toMatch(
      /corrupt|no_sheet/,
    );
  });

  it('says a password-protected .xlsx (an OLE container with EncryptionInfo) needs its password removed', async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]));
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', new Uint8Array(64));
    const bytes = new Uint8Array(XLSX.CFB.write(cfb, { type: 'array' }) as ArrayBuffer | number[]);
    const e = await failure('加密.xlsx', bytes);
    expect(e.code).toBe('encrypted');
    expect(uploadErrorText(e, zh)).toContain('密码');
  });

  it('says an empty file is empty', async () => {
    expect((await failure('空.csv', new Uint8Array())).code).toBe('empty_file');
  });

  it('reads a workbook of 50 sheets and preselects the one that looks like a checklist', async () => {
    const bytes = await xlsx((wb) => {
      for (let i = 1; i < 50; i++) wb.addWorksheet(`附表${i}`).getCell('A1').value = `附表 ${i}`;
      const ws = wb.addWorksheet('本期清单');
      villageChecklist().forEach((row, r) =>
        row.forEach((v, c) => v !== '' && v !== null && (ws.getCell(r + 1, c + 1).value = v as string)),
      );
    });
    const book = await readUpload('五十张.xlsx', bytes);
    expect(book.sheets).toHaveLength(50);
    expect(likelyChecklistSheet(book)).toBe('本期清单');
    expect(fileWorkbook(book).sheetName).toBe('本期清单');
  });

  it('reads merged title rows, dates, formulas (their cached values), numbers stored as text and % cells as Excel does', async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet('整改清单');
      ws.getCell('A1').value = '标题';
      ws.mergeCells('A1:D1');
      ws.getCell('A2').value = new Date(Date.UTC(2023, 11, 31));
      ws.getCell('B2').value = { formula: 'C2*2', result: 84 };
      ws.getCell('C2').value = '42';
      ws.getCell('D2').value = 0.85;
      ws.getCell('D2').numFmt = '0%';
      ws.getCell('E2').value = { richText: [{ text: '推进' }, { text: '中' }] };
    });
    const [sheet] = (await readUpload('q.xlsx', bytes)).sheets;
    expect(sheet!.grid[0]).toEqual(['标题', '', '', '']);
    expect(sheet!.grid[1]).toEqual([45291, 84, '42', 85, '推进中']);
  });

  it('reads an empty sheet as an empty grid and a CSV saved as GBK by WPS', async () => {
    const empty = await readUpload('e.xlsx', await xlsx((wb) => void wb.addWorksheet('Sheet1')));
    expect(empty.sheets[0]!.grid).toEqual([]);
    const gbk = new Uint8Array([
      0xd0, 0xf2, 0xba, 0xc5, 0x2c, 0x22, 0x61, 0x2c, 0x62, 0x22, 0x0d, 0x0a, 0x31, 0x2c, 0x32,
    ]); // 序号,"a,b"\r\n1,2
    expect((await readUpload('g.csv', gbk)).sheets[0]!.grid).toEqual([
      ['序号', 'a,b'],
      ['1', '2'],
    ]);
  });

  it('reads .xls and .ods through SheetJS into the same verdict and rows as the grid they hold', async () => {
    const ctx = demoContext({ unitId: VILLAGE_UNIT, now: new Date(VILLAGE_NOW) });
    const expected = validateChecklist(villageChecklist(), ctx);
    const grid = villageChecklist().map((r) => r.map((v) => (v === null ? '' : v)));
    const ws = XLSX.utils.aoa_to_sheet(grid);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '整改清单');
    for (const type of ['xls', 'ods'] as const) {
      const bytes = new Uint8Array(
        XLSX.write(wb, { type: 'array', bookType: type === 'xls' ? 'biff8' : 'ods' }) as ArrayBuffer,
      );
      const book = await readUpload(`清单.${type}`, bytes);
      expect(book.kind).toBe(type);
      const check = await checkWorkbook(fileWorkbook(book), ctx);
      expect(check.issues).toEqual(expected.issues);
      expect(check.dataRows).toEqual(expected.rows.flatMap((r) => (r.data ? [r.data] : [])));
      expect(check.dataRows).toHaveLength(13);
    }
  });
});
