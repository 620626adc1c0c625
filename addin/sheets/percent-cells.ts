// A cell formatted as a percentage holds a fraction: typing "85%" stores 0.85, while the clerk meant 85 (what core's
// 完成率 rules expect). Both readers scale such numbers back: Excel's (excel/read-active-sheet.ts) and the uploaded
// file's (files/read-upload.ts).

/** True for a number format that displays a percentage: a % outside quoted text, escapes and [colour] sections. */
export function isPercentFormat(format: unknown): boolean {
  if (typeof format !== 'string') return false;
  return /%/.test(
    format
      .replace(/"[^"]*"/g, '')
      .replace(/\\./g, '')
      .replace(/\[[^\]]*\]/g, ''),
  );
}

/** 0.85 shown as 85% → 85, without binary noise (0.07 × 100 is 7.000000000000001). */
export function percentToNumber(fraction: number): number {
  return Number((fraction * 100).toPrecision(15));
}

/** Scales, in place, the grid's numbers whose format (a block starting at sheet row/column top/left) is a %. */
export function scalePercentages(
  grid: unknown[][],
  top: number,
  left: number,
  formats: readonly (readonly unknown[])[],
): void {
  formats.forEach((line, i) =>
    line.forEach((format, j) => {
      const row = grid[top + i];
      const value = row?.[left + j];
      if (row && typeof value === 'number' && isPercentFormat(format)) row[left + j] = percentToNumber(value);
    }),
  );
}
