// Range.format.columnWidth is in points, while widths in COLUMNS and sheet specs are in Excel's own unit, the
// width of one "0" in the default font (what the column-width dialog shows). Excel's conversion for Calibri 11:
// pixels = characters × 7 + 5 (padding), and a point is 4/3 pixel at 96 dpi.

/** Excel character units → points for Range.format.columnWidth. */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}
