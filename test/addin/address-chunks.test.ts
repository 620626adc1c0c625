import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnLetter } from '../../core/checklist/columns.ts';
import { chunkAddresses, columnIndex, mergeCells } from '../../addin/excel/address-chunks.ts';

describe('mergeCells', () => {
  it('merges vertical runs, then side-by-side columns covering the same rows', () => {
    const cells = [
      { row: 3, column: 'B' },
      { row: 4, column: 'B' },
      { row: 3, column: 'C' },
      { row: 4, column: 'C' },
      { row: 9, column: 'C' },
      { row: 4, column: 'E' },
      { row: 4, column: 'E' },
      { row: 0, column: 'A' },
      { row: 2, column: '1' },
    ];
    expect(mergeCells(cells)).toEqual(['B3:C4', 'E4', 'C9']);
  });

  it('covers exactly the input cells for any input', () => {
    const cell = fc.record({
      row: fc.integer({ min: 1, max: 60 }),
      column: fc.integer({ min: 0, max: 30 }).map(columnLetter),
    });
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 200 }), (cells) => {
        const covered = new Map<string, number>();
        for (const a of mergeCells(cells)) {
          const [from, to = from] = a.split(':') as [string, string?];
          const [, c1, r1] = /^([A-Z]+)(\d+)$/.exec(from)!;
          const [, c2, r2] = /^([A-Z]+)(\d+)$/.exec(to!)!;
          for (let c = columnIndex(c1!); c <= columnIndex(c2!); c++)
            for (let r = Number(r1); r <= Number(r2); r++)
              covered.set(`${columnLetter(c)}${r}`, (covered.get(`${columnLetter(c)}${r}`) ?? 0) + 1);
        }
        const expected = new Set(cells.map((c) => `${c.column}${c.row}`));
        expect(new Set(covered.keys())).toEqual(expected);
        expect([...covered.values()].every((n) => n === 1)).toBe(true);
      }),
    );
  });
});

describe('chunkAddresses', () => {
  it('splits on the character and area limits without losing or reordering addresses', () => {
    const addresses = Array.from({ length: 5_000 }, (_, i) => `AB${1000 + i * 2}`);
    const chunks = chunkAddresses(addresses, 7_000, 400);
    expect(chunks.every((c) => c.length <= 7_000 && c.split(',').length <= 400)).toBe(true);
    expect(chunks.join(',').split(',')).toEqual(addresses);
  });

  it('returns nothing for nothing', () => {
    expect(chunkAddresses([])).toEqual([]);
  });
});
