// Excel holds at most 32,767 characters in a cell ("Excel specifications and limits"); what happens past that is not
// documented for the JavaScript API, and the .xlsx path must not write what Excel cannot open. A joined text longer
// than that is cut at a sentence break with a pointer to the sheet that has every row in full. Both the Excel writer
// and the .xlsx writer take their cells from the same sheet specs, so this one rule covers both.
export const EXCEL_CELL_MAX = 32_767;

/** `text`, or its start cut at a break with "…（超出单元格上限，全文见“{fullSheet}”表）" so it fits one cell. */
export function fitCell(text: string, fullSheet: string): string {
  if (text.length <= EXCEL_CELL_MAX) return text;
  const pointer = `…（超出单元格上限，全文见“${fullSheet}”表）`;
  let cut = EXCEL_CELL_MAX - pointer.length;
  // Never split a UTF-16 surrogate pair (a rare character outside the BMP).
  if (/[\ud800-\udbff]/.test(text[cut - 1] ?? '')) cut -= 1;
  const head = text.slice(0, cut);
  // End at the last full sentence or unit part when one is near (within the last 2,000 characters).
  const brk = Math.max(head.lastIndexOf('；'), head.lastIndexOf('。'), head.lastIndexOf('\n'));
  return (brk > cut - 2_000 ? head.slice(0, brk + 1) : head) + pointer;
}
