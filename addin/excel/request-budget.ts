// Excel on the web refuses a request (one context.sync) whose payload passes 5 MB ("Excel JavaScript API: resource
// limits": 5 MB per request and per response). A sheet's table goes in parts of rows whose values and number
// formats together stay within half of that, a sync after each part, so the formatting queued with the last part and
// the request's own framing never bring it near the limit, whatever a unit wrote into its 整改进展.
export const REQUEST_LIMIT_BYTES = 5_000_000;
export const REQUEST_BUDGET_BYTES = REQUEST_LIMIT_BYTES / 2;
/** What Office.js adds around each action of a request (ids, action type, object path): about 100 bytes of JSON. */
export const ACTION_BYTES = 100;

const utf8 = new TextEncoder();
/** The bytes a value takes in the request: its JSON in UTF-8 (a Chinese character is 3 bytes). */
export const payloadBytes = (value: unknown): number => utf8.encode(JSON.stringify(value)).length;

/**
 * Consecutive [start, end) slices of `rows` whose sizes (`sizeOf` each row) add up to at most `budget`; a row larger
 * than the budget alone (at most a row of 32,767-character cells, ~1.5 MB) gets a slice of its own.
 */
export function rowSlices<T>(rows: T[], sizeOf: (row: T) => number, budget = REQUEST_BUDGET_BYTES): [number, number][] {
  const slices: [number, number][] = [];
  let start = 0;
  let used = 0;
  rows.forEach((row, i) => {
    const size = sizeOf(row);
    if (i > start && used + size > budget) {
      slices.push([start, i]);
      start = i;
      used = 0;
    }
    used += size;
  });
  if (rows.length > start || !slices.length) slices.push([start, rows.length]);
  return slices;
}
