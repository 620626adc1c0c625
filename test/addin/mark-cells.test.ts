// The 标注版's XML edits on hand-written parts: cell formats copied with the mark's fill, cells and rows added where
// the sheet has none, in column and row order.
import { describe, expect, it } from 'vitest';
import { MarkStyles, markCells } from '../../addin/files/mark-cells.ts';

const STYLES =
  '<styleSheet><fonts count="1"><font><sz val="11"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill>' +
  '<fill><patternFill patternType="gray125"/></fill></fills><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="1" applyNumberFormat="1"><alignment wrapText="1"/></xf></cellXfs></styleSheet>';
const COLORS = { error: '#FDE7E9', warning: '#FFF4CE' };
const sheet = (rows: string) =>
  `<worksheet><cols><col min="3" max="3" style="1"/></cols><sheetData>${rows}</sheetData><pageSetup fitToWidth="1"/></worksheet>`;

describe('markCells', () => {
  it("gives a flagged cell a copy of its own format with the mark's fill, leaving other cells alone", () => {
    const styles = new MarkStyles(STYLES, COLORS);
    const out = markCells(
      sheet('<row r="4"><c r="B4" s="1" t="s"><v>0</v></c><c r="C4"><v>2</v></c></row>'),
      [{ row: 4, column: 'B', severity: 'error' }],
      styles,
    );
    expect(out).toContain('<c r="B4" s="2" t="s"><v>0</v></c><c r="C4"><v>2</v></c>');
    expect(styles.xml).toContain('<fills count="4">');
    expect(styles.xml).toContain('<fgColor rgb="FFFDE7E9"/>');
    expect(styles.xml).toContain('<cellXfs count="3">');
    expect(styles.xml).toContain(
      '<xf applyFill="1" numFmtId="49" fontId="0" fillId="2" borderId="1" applyNumberFormat="1"><alignment wrapText="1"/></xf></cellXfs>',
    );
    expect(out.endsWith('<pageSetup fitToWidth="1"/></worksheet>')).toBe(true);
  });

  it('adds absent cells and rows in order, styled like their column, and lets an error win over a warning', () => {
    const styles = new MarkStyles(STYLES, COLORS);
    const out = markCells(
      sheet(
        '<row r="2"><c r="A2"><v>1</v></c><c r="D2"><v>1</v></c></row><row r="5" spans="1:4"/><row r="9"><c r="A9"><v>1</v></c></row>',
      ),
      [
        { row: 2, column: 'C', severity: 'warning' },
        { row: 2, column: 'E', severity: 'error' },
        { row: 5, column: 'A', severity: 'warning' },
        { row: 7, column: 'B', severity: 'warning' },
        { row: 7, column: 'B', severity: 'error' },
      ],
      styles,
    );
    // C takes its column's format (1) with yellow, E format 0 with red, row 5 opened up, row 7 added before row 9.
    expect(out).toContain(
      '<row r="2"><c r="A2"><v>1</v></c><c r="C2" s="2"/><c r="D2"><v>1</v></c><c r="E2" s="3"/></row>',
    );
    expect(out).toContain(
      '<row r="5" spans="1:4"><c r="A5" s="4"/></row><row r="7"><c r="B7" s="3"/></row><row r="9">',
    );
    expect(styles.xml).toContain('<cellXfs count="5">');
  });

  it('marks cells of an empty sheet', () => {
    const styles = new MarkStyles(STYLES, COLORS);
    expect(markCells('<worksheet><sheetData/></worksheet>', [{ row: 3, column: 'H', severity: 'error' }], styles)).toBe(
      '<worksheet><sheetData><row r="3"><c r="H3" s="2"/></row></sheetData></worksheet>',
    );
  });
});
