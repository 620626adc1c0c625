// addin/excel/ (Excel.run) and addin/files/ (exceljs / SheetJS) are two adapters side by side over the pure layouts in
// addin/sheets/: neither imports the other, and the layouts import neither.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ADDIN = path.resolve(import.meta.dirname, '..', '..', '..', 'addin');

/** Every relative import of every .ts file in one addin folder, resolved to "folder/file.ts" under addin/. */
function importsOf(folder: string): string[] {
  const out: string[] = [];
  for (const file of readdirSync(path.join(ADDIN, folder)).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(path.join(ADDIN, folder, file), 'utf8');
    for (const m of text.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
      out.push(
        path
          .relative(ADDIN, path.resolve(ADDIN, folder, m[1]!))
          .split(path.sep)
          .join('/'),
      );
    }
  }
  return out;
}

describe('addin/sheets', () => {
  it('holds layouts that import neither the Excel adapter nor the file adapter', () => {
    const imports = importsOf('sheets');
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((i) => i.startsWith('excel/') || i.startsWith('files/'))).toEqual([]);
  });

  it('is what the file adapter uses instead of reaching into the Excel adapter', () => {
    const imports = importsOf('files');
    expect(imports.filter((i) => i.startsWith('sheets/')).length).toBeGreaterThan(0);
    expect(imports.filter((i) => i.startsWith('excel/'))).toEqual([]);
  });

  it('keeps the Excel adapter free of the file adapter', () => {
    expect(importsOf('excel').filter((i) => i.startsWith('files/'))).toEqual([]);
  });

  it('holds no Excel.run and no spreadsheet library', () => {
    for (const file of readdirSync(path.join(ADDIN, 'sheets'))) {
      const text = readFileSync(path.join(ADDIN, 'sheets', file), 'utf8');
      expect(text, file).not.toMatch(/Excel\.run|runExcel|from 'exceljs|from '@e965\/xlsx'/);
    }
  });
});
