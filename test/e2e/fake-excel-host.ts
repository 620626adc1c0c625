// Test-only Excel host for the browser tests, bundled by esbuild and installed with page.addInitScript before
// office.js and the pane load. It models a workbook of worksheets holding a grid of values and implements exactly
// the Excel API members addin/excel/index.ts lists — any other member throws (and is recorded), so the adapter
// cannot quietly start depending on something the tests do not cover. Like real Excel, every read or write is
// queued on the request context and happens at context.sync(); reading a property before load + sync throws. Each
// sync's request is measured (every call and assignment as its JSON in UTF-8, plus Office.js's framing of an action)
// and, like Excel on the web, one over 5 MB is refused whole.
// Tests inspect the workbook through window.__fakeExcel (see FakeExcelApi).

import { columnLetter } from '../../core/checklist/columns.ts';
import { evaluateFormula, excelEntry, sheetNameProblem } from './excel-entry.ts';
import { ACTION_BYTES, REQUEST_LIMIT_BYTES } from '../../addin/excel/request-budget.ts';

type Value = string | number | boolean;
interface Cell {
  v: Value;
  /** True when the written string would be a formula in Excel ("=…" into a non-text cell). */
  formula?: boolean;
  /** A formula written through range.formulas: its value is computed whenever the cell is read, as Excel recalculates. */
  f?: string;
  nf?: string;
  fill?: string;
  bold?: boolean;
  size?: number;
  color?: string;
  wrap?: boolean;
  hAlign?: string;
  vAlign?: string;
  underline?: string;
  /** Range.hyperlink (ExcelApi 1.7): where the cell's link goes. */
  link?: { address?: string; textToDisplay?: string };
}
interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}
interface SheetModel {
  name: string;
  visibility: string;
  rows: (Cell | undefined)[][];
  freezeRows: number;
  merges: string[];
  validations: { address: string; rule?: unknown; errorAlert?: unknown }[];
  columnWidths: Record<string, number>;
  /** format.rowHeight as set, by 1-based row number. */
  rowHeights: Record<number, number>;
  borders: { address: string; edge: string; style?: string; color?: string }[];
  /** Worksheet.pageLayout as set (ExcelApi 1.9). */
  print: Record<string, unknown>;
  /** worksheet.charts.add (ExcelApi 1.1) as Excel accepted them. */
  charts: ChartModel[];
}
interface ChartModel {
  type: string;
  source: string;
  seriesBy: string;
  title?: string;
  position?: string;
}
/** Excel.ChartType values the fake knows (a subset of Office.js's enum); anything else is refused as Excel refuses it. */
const CHART_TYPES = new Set([
  'ColumnClustered',
  'ColumnStacked',
  'ColumnStacked100',
  'BarClustered',
  'BarStacked',
  'BarStacked100',
  'Line',
  'LineMarkers',
  'LineStacked',
  'LineStacked100',
  'Area',
  'AreaStacked',
  'Pie',
  'Doughnut',
  'XYScatter',
]);

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
/** Excel rejects getRanges past roughly these limits; the fake refuses them too. */
const MAX_RANGES_CHARS = 8_000;
const MAX_RANGES_AREAS = 500;
/** Per-cell formatting is skipped on whole-column / whole-sheet ranges (only recorded), as nothing reads it. */
const PER_CELL_LIMIT = 200_000;

const state = {
  sheets: [] as SheetModel[],
  active: '',
  selection: null as null | { sheet: string; address: string },
  syncs: 0,
  runs: [] as { syncs: number; implicitSync: boolean; done: boolean }[],
  getRanges: [] as string[],
  formulas: [] as { sheet: string; address: string; text: string }[],
  errors: [] as string[],
  settings: {} as Record<string, unknown>,
  settingsSaves: 0,
  /** The user is typing in a cell: Excel refuses a batch unless it may wait (delayForCellEdit). */
  cellEdit: false,
  /** settings.saveAsync reports failure. */
  failSaves: false,
  runOptions: [] as unknown[],
  /** Addresses handed to Office.context.ui.openBrowserWindow. */
  browserWindows: [] as string[],
  /** Mac model: downloads and prints the webview swallowed. */
  ignoredDownloads: [] as string[],
  ignoredPrints: 0,
  /** The size in bytes of each sync's request, in order (refused ones included). */
  requestBytes: [] as number[],
};
/** The call or assignment being made on a host object right now: its queued operation carries it (see strict). */
let pendingPayload: unknown = null;
const utf8 = new TextEncoder();
function payloadBytes(payload: unknown): number {
  const json = JSON.stringify(payload, (_k, v) => (v instanceof Loadable || v instanceof Ctx ? '#ref' : v));
  return ACTION_BYTES + (json ? utf8.encode(json).length : 0);
}

export interface FakeHostOptions {
  /** Office's storage partition key, if this host partitions. */
  partitionKey?: string;
  /** Workbook settings present at load. */
  settings?: Record<string, unknown>;
  /** 'PC' (default; Windows' webview) or 'Mac' (WKWebView: no download, no print). */
  platform?: 'PC' | 'Mac';
  /** Office.onReady never resolves, as when office.js's follow-on files are blocked. */
  officeNeverReady?: boolean;
  /** Office.onReady resolves only this many ms after the pane asks. */
  officeReadyAfterMs?: number;
  /** pageLayout.zoom = { horizontalFitToPages } is accepted and reads back { scale: 100 } (office-js issue 1860). */
  ignoresFitToPage?: boolean;
}
let leaveCellEdit: (() => void)[] = [];

// ---------- addresses ----------
function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
function parseArea(address: string): Box {
  const a = address.replace(/\$/g, '').replace(/^.*!/, '').trim();
  const [p, q = p] = a.split(':') as [string, string?];
  const one = (s: string) => {
    const m = /^([A-Za-z]{0,3})(\d*)$/.exec(s);
    if (!m || (!m[1] && !m[2])) throw excelError('InvalidArgument', `bad address "${address}"`);
    return { col: m[1] ? colIndex(m[1]) : -1, row: m[2] ? Number(m[2]) - 1 : -1 };
  };
  const x = one(p);
  const y = one(q!);
  const box = {
    top: x.row < 0 ? 0 : x.row,
    left: x.col < 0 ? 0 : x.col,
    bottom: y.row < 0 ? MAX_ROWS - 1 : y.row,
    right: y.col < 0 ? MAX_COLS - 1 : y.col,
  };
  if (box.bottom < box.top || box.right < box.left) throw excelError('InvalidArgument', `bad address "${address}"`);
  return box;
}
const boxAddress = (b: Box) => {
  const a = `${columnLetter(b.left)}${b.top + 1}`;
  const z = `${columnLetter(b.right)}${b.bottom + 1}`;
  return a === z ? a : `${a}:${z}`;
};
const qualified = (sheet: string, b: Box) =>
  `${/^[A-Za-z0-9_\u4e00-\u9fff]+$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`}!${boxAddress(b)}`;
const cellCount = (b: Box) => (b.bottom - b.top + 1) * (b.right - b.left + 1);

function excelError(code: string, message: string): Error {
  const e = new Error(`${code}: ${message}`) as Error & { code: string };
  e.code = code;
  return e;
}
function unsupported(what: string): never {
  const msg = `FakeExcel: unsupported member ${what}`;
  state.errors.push(msg);
  throw new Error(msg);
}

// ---------- workbook model ----------
function findSheet(name: string): SheetModel | undefined {
  return state.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
}
function addSheet(name: string): SheetModel {
  const problem = sheetNameProblem(name);
  if (problem) throw excelError('InvalidArgument', problem);
  if (findSheet(name)) throw excelError('ItemAlreadyExists', `sheet ${name} exists`);
  const s: SheetModel = {
    name,
    visibility: 'Visible',
    rows: [],
    freezeRows: 0,
    merges: [],
    validations: [],
    columnWidths: {},
    rowHeights: {},
    borders: [],
    print: {},
    charts: [],
  };
  state.sheets.push(s);
  if (!state.active) state.active = name;
  return s;
}
function cellAt(s: SheetModel, r: number, c: number, create: true): Cell;
function cellAt(s: SheetModel, r: number, c: number, create?: false): Cell | undefined;
function cellAt(s: SheetModel, r: number, c: number, create = false): Cell | undefined {
  let row = s.rows[r];
  if (!row) {
    if (!create) return undefined;
    row = s.rows[r] = [];
  }
  let cell = row[c];
  if (!cell && create) cell = row[c] = { v: '' };
  return cell;
}
function forEachCell(s: SheetModel, b: Box, fn: (cell: Cell) => void): void {
  if (cellCount(b) > PER_CELL_LIMIT) return;
  for (let r = b.top; r <= b.bottom; r++) for (let c = b.left; c <= b.right; c++) fn(cellAt(s, r, c, true));
}
/** What Excel does with a value written through range.values (or typed): see excel-entry.ts. */
function enter(s: SheetModel, r: number, c: number, raw: unknown): void {
  const cell0 = cellAt(s, r, c);
  const entry = excelEntry(raw, cell0?.nf);
  if (!entry) return; // null leaves the cell unchanged, as in Excel
  const cell = cellAt(s, r, c, true);
  cell.v = entry.value;
  cell.formula = !!entry.formula;
  delete cell.f; // typing over a formula replaces it
  if (entry.format) cell.nf = entry.format;
  if (entry.formula)
    state.formulas.push({
      sheet: s.name,
      address: boxAddress({ top: r, left: c, bottom: r, right: c }),
      text: String(raw),
    });
}
function usedBox(s: SheetModel, valuesOnly: boolean): Box | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  s.rows.forEach((row, r) =>
    row?.forEach((cell, c) => {
      if (!cell) return;
      const used = cell.v !== '' || cell.f !== undefined || (!valuesOnly && (cell.fill || cell.bold || cell.nf));
      if (!used) return;
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    }),
  );
  return bottom < 0 ? null : { top, left, bottom, right };
}
function readValues(s: SheetModel, b: Box): Value[][] {
  const out: Value[][] = [];
  for (let r = b.top; r <= b.bottom; r++) {
    const row = s.rows[r];
    const line: Value[] = [];
    for (let c = b.left; c <= b.right; c++) line.push(valueOf(s, row?.[c]));
    out.push(line);
  }
  return out;
}
/** What range.values answers for a cell: a formula's result, computed now from the cells it refers to. */
function valueOf(s: SheetModel, cell: Cell | undefined, depth = 0): Value {
  if (!cell) return '';
  if (cell.f === undefined) return cell.v;
  if (depth > 50) throw new Error('FakeExcel: circular formula');
  return evaluateFormula(cell.f, (address) => {
    const b = parseArea(address);
    return valueOf(s, cellAt(s, b.top, b.left), depth + 1);
  });
}
function readFormats(s: SheetModel, b: Box): string[][] {
  const out: string[][] = [];
  for (let r = b.top; r <= b.bottom; r++) {
    const line: string[] = [];
    for (let c = b.left; c <= b.right; c++) line.push(s.rows[r]?.[c]?.nf ?? 'General');
    out.push(line);
  }
  return out;
}
function matrixFor(b: Box, value: unknown, what: string): unknown[][] {
  const rows = b.bottom - b.top + 1;
  const cols = b.right - b.left + 1;
  if (!Array.isArray(value)) return Array.from({ length: rows }, () => Array.from({ length: cols }, () => value));
  if (value.length !== rows || value.some((line) => !Array.isArray(line) || line.length !== cols)) {
    throw excelError(
      'InvalidArgument',
      `${what}: ${value.length}×${Array.isArray(value[0]) ? value[0].length : '?'} does not fit ${boxAddress(b)}`,
    );
  }
  return value as unknown[][];
}

// ---------- proxy objects (queued operations, strict members) ----------
class Ctx {
  queue: (() => void)[] = [];
  /** Bytes of the request being queued. */
  bytes = 0;
  syncs = 0;
  workbook: Workbook;
  constructor() {
    this.workbook = strict(new Workbook(this), 'Workbook');
    const push = this.queue.push.bind(this.queue);
    this.queue.push = (...ops) => {
      this.bytes += ops.length * payloadBytes(pendingPayload);
      return push(...ops);
    };
  }
  sync(): Promise<void> {
    this.syncs++;
    state.syncs++;
    const ops = this.queue.splice(0);
    const bytes = this.bytes;
    this.bytes = 0;
    state.requestBytes.push(bytes);
    if (bytes > REQUEST_LIMIT_BYTES)
      return Promise.reject(
        excelError('RequestPayloadSizeLimitExceeded', `${bytes} bytes in one request (Excel on the web: 5 MB)`),
      );
    return new Promise((resolve, reject) =>
      setTimeout(() => {
        try {
          for (const op of ops) op();
          resolve();
        } catch (e) {
          reject(e);
        }
      }, 0),
    );
  }
}

function strict<T extends object>(target: T, label: string): T {
  // Calls and assignments hand what they carry to the operation they queue (pendingPayload), which the request's
  // size counts: synchronously, so no other batch can interleave.
  const carrying = <R>(payload: unknown, act: () => R): R => {
    const outer = pendingPayload;
    pendingPayload = payload;
    try {
      return act();
    } finally {
      pendingPayload = outer;
    }
  };
  return new Proxy(target, {
    get(t, p, r) {
      if (typeof p === 'symbol' || p in t) {
        const v = Reflect.get(t, p, r);
        if (typeof v !== 'function' || typeof p === 'symbol' || p === 'constructor') return v;
        return function (this: unknown, ...args: unknown[]) {
          return carrying([`${label}.${p}`, args], () => v.apply(this, args));
        };
      }
      if (p === 'then' || p === 'toJSON') return undefined;
      return unsupported(`${label}.${p}`);
    },
    set(t, p, v, r) {
      if (typeof p === 'symbol' || p in t) return carrying([`${label}.${String(p)}`, v], () => Reflect.set(t, p, v, r));
      return unsupported(`${label}.${String(p)} =`);
    },
  });
}

class Loadable {
  _loaded = new Set<string>();
  _data: Record<string, unknown> = {};
  constructor(
    public _ctx: Ctx,
    public _label: string,
  ) {}
  _get(prop: string): unknown {
    if (!this._loaded.has(prop)) {
      throw excelError(
        'PropertyNotLoaded',
        `The property '${prop}' of ${this._label} is not available. Call load and context.sync() first.`,
      );
    }
    return this._data[prop];
  }
  _props(arg: unknown): string[] {
    const list = Array.isArray(arg) ? arg : typeof arg === 'string' ? arg.split(',') : [];
    return list.map((p) => String(p).trim()).filter(Boolean);
  }
}

class Workbook {
  worksheets: Worksheets;
  constructor(private readonly _ctx: Ctx) {
    this.worksheets = strict(new Worksheets(_ctx), 'WorksheetCollection');
  }
  /** ExcelApi 1.7: the active cell (the selection's top-left cell on the active sheet; A1 before any selection). */
  getActiveCell(): Range {
    const sel = state.selection?.sheet === state.active ? state.selection.address.split(':')[0]! : 'A1';
    return this.worksheets.getActiveWorksheet().getRange(sel);
  }
}

class Worksheets extends Loadable {
  constructor(ctx: Ctx) {
    super(ctx, 'WorksheetCollection');
  }
  get items(): Worksheet[] {
    return this._get('items') as Worksheet[];
  }
  load(arg: unknown): this {
    const props = this._props(arg);
    if (props.some((p) => p !== 'items/name' && p !== 'items'))
      unsupported(`WorksheetCollection.load(${props.join(',')})`);
    this._ctx.queue.push(() => {
      this._data.items = state.sheets.map((s) => {
        const ws = sheetProxy(this._ctx, () => s);
        ws._data.name = s.name;
        ws._loaded.add('name');
        return strict(ws, 'Worksheet');
      });
      this._loaded.add('items');
    });
    return this;
  }
  getActiveWorksheet(): Worksheet {
    return strict(
      sheetProxy(this._ctx, () => findSheet(state.active) ?? unsupported('no active sheet')),
      'Worksheet',
    );
  }
  getItem(name: string): Worksheet {
    return strict(
      sheetProxy(
        this._ctx,
        () =>
          findSheet(name) ??
          (() => {
            throw excelError('ItemNotFound', `sheet ${name}`);
          })(),
      ),
      'Worksheet',
    );
  }
  getItemOrNullObject(name: string): Worksheet {
    const ws = sheetProxy(
      this._ctx,
      () =>
        findSheet(name) ??
        (() => {
          throw excelError('ItemNotFound', `sheet ${name}`);
        })(),
    );
    ws._nullable = () => !findSheet(name);
    // Like Office.js, isNullObject of an *OrNullObject answer is known after the next sync without load().
    this._ctx.queue.push(() => {
      ws._data.isNullObject = !findSheet(name);
      ws._loaded.add('isNullObject');
    });
    return strict(ws, 'Worksheet');
  }
  add(name: string): Worksheet {
    this._ctx.queue.push(() => void addSheet(name));
    return strict(
      sheetProxy(this._ctx, () => findSheet(name)!),
      'Worksheet',
    );
  }
}

function sheetProxy(ctx: Ctx, resolve: () => SheetModel): Worksheet {
  return new Worksheet(ctx, resolve);
}

class Worksheet extends Loadable {
  _nullable: (() => boolean) | undefined = undefined;
  freezePanes: { freezeRows(n: number): void };
  pageLayout: Record<string, unknown>;
  constructor(
    ctx: Ctx,
    public _resolve: () => SheetModel,
  ) {
    super(ctx, 'Worksheet');
    this.freezePanes = strict(
      {
        freezeRows: (n: number) => {
          // Excel desktop freezes the ACTIVE sheet's panes whatever sheet is asked (a known bug): so does the fake.
          ctx.queue.push(() => void ((findSheet(state.active) ?? this._resolve()).freezeRows = n));
        },
      },
      'WorksheetFreezePanes',
    );
    this.pageLayout = pageLayout(ctx, () => this._resolve());
    this.charts = chartCollection(ctx, () => this._resolve());
  }
  charts: Record<string, unknown>;
  /** Worksheet.delete (ExcelApi 1.1): like Excel, the last visible sheet cannot go. */
  delete(): void {
    this._ctx.queue.push(() => {
      const s = this._resolve();
      if (!state.sheets.some((o) => o !== s && o.visibility === 'Visible'))
        throw excelError('InvalidOperation', 'the last visible sheet cannot be deleted');
      state.sheets = state.sheets.filter((o) => o !== s);
      if (state.active.toLowerCase() === s.name.toLowerCase())
        state.active = state.sheets.find((o) => o.visibility === 'Visible')!.name;
    });
  }
  get name(): string {
    return this._get('name') as string;
  }
  get isNullObject(): boolean {
    return this._get('isNullObject') as boolean;
  }
  set visibility(v: string) {
    this._ctx.queue.push(() => {
      const s = this._resolve();
      if (v !== 'Visible' && !state.sheets.some((o) => o !== s && o.visibility === 'Visible'))
        throw excelError('InvalidOperation', 'the last visible sheet cannot be hidden');
      s.visibility = v;
    });
  }
  load(arg: unknown): this {
    const props = this._props(arg);
    this._ctx.queue.push(() => {
      const isNull = this._nullable?.() ?? false;
      this._data.isNullObject = isNull;
      this._loaded.add('isNullObject');
      if (isNull) return;
      const s = this._resolve();
      for (const p of props) {
        if (p === 'name') this._data.name = s.name;
        else if (p === 'visibility') this._data.visibility = s.visibility;
        else unsupported(`Worksheet.load(${p})`);
        this._loaded.add(p);
      }
    });
    return this;
  }
  activate(): void {
    this._ctx.queue.push(() => void (state.active = this._resolve().name));
  }
  getRange(address?: string): Range {
    return strict(
      new Range(this._ctx, this._resolve, () =>
        address ? parseArea(address) : { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 },
      ),
      'Range',
    );
  }
  getRanges(addresses: string): RangeAreas {
    state.getRanges.push(addresses);
    const parts = addresses.split(',');
    if (addresses.length > MAX_RANGES_CHARS || parts.length > MAX_RANGES_AREAS) {
      throw excelError(
        'InvalidArgument',
        `getRanges: ${addresses.length} characters / ${parts.length} areas is over Excel's limit`,
      );
    }
    return strict(new RangeAreas(this._ctx, this._resolve, parts.map(parseArea)), 'RangeAreas');
  }
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    const r = new Range(this._ctx, this._resolve, () => usedBox(this._resolve(), valuesOnly));
    return strict(r, 'Range');
  }
  getUsedRange(valuesOnly = false): Range {
    return strict(
      new Range(
        this._ctx,
        this._resolve,
        () => usedBox(this._resolve(), valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 },
      ),
      'Range',
    );
  }
}

class RangeAreas {
  format: { fill: { color: string; clear(): void } };
  constructor(ctx: Ctx, resolve: () => SheetModel, boxes: Box[]) {
    const fill = {
      set color(color: string) {
        ctx.queue.push(() => boxes.forEach((b) => forEachCell(resolve(), b, (c) => void (c.fill = color))));
      },
      get color(): string {
        return unsupported('RangeAreas.format.fill.color (read)');
      },
      clear() {
        ctx.queue.push(() => boxes.forEach((b) => forEachCell(resolve(), b, (c) => void delete c.fill)));
      },
    };
    this.format = strict({ fill: strict(fill, 'RangeFill') }, 'RangeFormat');
  }
}

class Range extends Loadable {
  format: Record<string, unknown>;
  dataValidation: Record<string, unknown>;
  constructor(
    ctx: Ctx,
    public _sheet: () => SheetModel,
    public _box: () => Box | null,
  ) {
    super(ctx, 'Range');
    const on = (fn: (s: SheetModel, b: Box) => void) => ctx.queue.push(() => fn(this._sheet(), this._must()));
    const cellSetter = (apply: (c: Cell, v: never) => void) => ({
      set: (v: never) => on((s, b) => forEachCell(s, b, (c) => apply(c, v))),
    });
    const font = {};
    Object.defineProperties(font, {
      bold: cellSetter((c, v: boolean) => void (c.bold = v)),
      size: cellSetter((c, v: number) => void (c.size = v)),
      color: cellSetter((c, v: string) => void (c.color = v)),
      underline: cellSetter((c, v: string) => {
        if (!['None', 'Single', 'Double', 'SingleAccountant', 'DoubleAccountant'].includes(v))
          throw excelError('InvalidArgument', `underline ${v}`);
        c.underline = v;
      }),
    });
    const fill = { clear: () => on((s, b) => forEachCell(s, b, (c) => void delete c.fill)) };
    Object.defineProperty(
      fill,
      'color',
      cellSetter((c, v: string) => void (c.fill = v)),
    );
    const borders = {
      getItem: (edge: string) => {
        const record = { edge, address: '' } as { edge: string; address: string; style?: string; color?: string };
        on((s, b) => {
          record.address = boxAddress(b);
          s.borders.push(record);
        });
        return strict(
          Object.defineProperties(
            {},
            {
              style: { set: (v: string) => void ctx.queue.push(() => void (record.style = v)) },
              color: { set: (v: string) => void ctx.queue.push(() => void (record.color = v)) },
            },
          ),
          'RangeBorder',
        );
      },
    };
    const format = {
      font: strict(font, 'RangeFont'),
      fill: strict(fill, 'RangeFill'),
      borders: strict(borders, 'RangeBorderCollection'),
    };
    Object.defineProperties(format, {
      wrapText: cellSetter((c, v: boolean) => void (c.wrap = v)),
      horizontalAlignment: cellSetter((c, v: string) => void (c.hAlign = v)),
      verticalAlignment: cellSetter((c, v: string) => void (c.vAlign = v)),
      rowHeight: {
        set: (v: number) =>
          on((s, b) => {
            if (!(v >= 0 && v <= 409)) throw excelError('InvalidArgument', `rowHeight ${v} is outside 0–409 points`);
            for (let r = b.top; r <= b.bottom && r < b.top + 2000; r++) s.rowHeights[r + 1] = v;
          }),
      },
      columnWidth: {
        set: (v: number) =>
          on((s, b) => {
            for (let c = b.left; c <= b.right && c < b.left + 200; c++) s.columnWidths[columnLetter(c)] = v;
          }),
      },
    });
    this.format = strict(format, 'RangeFormat');
    const dv = {
      clear: () => on((s, b) => void (s.validations = s.validations.filter((x) => x.address !== boxAddress(b)))),
    };
    const validation = (s: SheetModel, b: Box) => {
      const address = boxAddress(b);
      let v = s.validations.find((x) => x.address === address);
      if (!v) s.validations.push((v = { address }));
      return v;
    };
    Object.defineProperties(dv, {
      rule: { set: (rule: unknown) => on((s, b) => void (validation(s, b).rule = rule)) },
      errorAlert: { set: (alert: unknown) => on((s, b) => void (validation(s, b).errorAlert = alert)) },
    });
    this.dataValidation = strict(dv, 'DataValidation');
  }
  _must(): Box {
    const b = this._box();
    if (!b) throw excelError('InvalidOperation', 'null object');
    return b;
  }
  get values(): Value[][] {
    return this._get('values') as Value[][];
  }
  set values(v: unknown) {
    this._ctx.queue.push(() => {
      const s = this._sheet();
      const b = this._must();
      const m = matrixFor(b, v, 'values');
      m.forEach((line, i) => line.forEach((x, j) => enter(s, b.top + i, b.left + j, x)));
    });
  }
  /** range.formulas (ExcelApi 1.1): "=…" stores a formula; anything else is entered as through range.values. */
  set formulas(v: unknown) {
    this._ctx.queue.push(() => {
      const s = this._sheet();
      const b = this._must();
      matrixFor(b, v, 'formulas').forEach((line, i) =>
        line.forEach((x, j) => {
          if (typeof x !== 'string' || !x.startsWith('=')) return enter(s, b.top + i, b.left + j, x);
          valueOf(s, { v: '', f: x }); // a formula the fake cannot compute is refused at once, not at the next read
          const cell = cellAt(s, b.top + i, b.left + j, true);
          cell.v = '';
          cell.f = x;
          cell.formula = false;
        }),
      );
    });
  }
  set numberFormat(v: unknown) {
    this._ctx.queue.push(() => {
      const s = this._sheet();
      const b = this._must();
      const m = matrixFor(b, v, 'numberFormat');
      m.forEach((line, i) => line.forEach((x, j) => void (cellAt(s, b.top + i, b.left + j, true).nf = String(x))));
    });
  }
  /**
   * range.hyperlink (ExcelApi 1.7): every cell of the range links to the address; as Microsoft documents
   * RangeHyperlink.textToDisplay, the text shows in the range's top-left cell (as text, never a formula).
   */
  set hyperlink(v: { address?: string; documentReference?: string; screenTip?: string; textToDisplay?: string }) {
    this._ctx.queue.push(() => {
      const s = this._sheet();
      const b = this._must();
      if (!v || (typeof v.address !== 'string' && typeof v.documentReference !== 'string'))
        throw excelError('InvalidArgument', 'hyperlink needs an address or a documentReference');
      forEachCell(s, b, (c) => void (c.link = { address: v.address, textToDisplay: v.textToDisplay }));
      if (v.textToDisplay !== undefined) {
        const top = cellAt(s, b.top, b.left, true);
        top.v = v.textToDisplay;
        top.formula = false;
        delete top.f;
      }
    });
  }
  get address(): string {
    return this._get('address') as string;
  }
  get rowIndex(): number {
    return this._get('rowIndex') as number;
  }
  get rowCount(): number {
    return this._get('rowCount') as number;
  }
  get columnCount(): number {
    return this._get('columnCount') as number;
  }
  get numberFormat(): string[][] {
    return this._get('numberFormat') as string[][];
  }
  getIntersectionOrNullObject(address: string): Range {
    const other = parseArea(address);
    return strict(
      new Range(this._ctx, this._sheet, () => {
        const b = this._box();
        if (!b) return null;
        const x = {
          top: Math.max(b.top, other.top),
          left: Math.max(b.left, other.left),
          bottom: Math.min(b.bottom, other.bottom),
          right: Math.min(b.right, other.right),
        };
        return x.bottom < x.top || x.right < x.left ? null : x;
      }),
      'Range',
    );
  }
  /** Numeric constants or formula results as one area per cell (Excel merges neighbours; readers see the same). */
  getSpecialCellsOrNullObject(cellType: string, valueType: string): unknown {
    if (valueType !== 'Numbers') unsupported(`Range.getSpecialCellsOrNullObject(${cellType}, ${valueType})`);
    const ctx = this._ctx;
    const data: { items?: unknown[]; isNull?: boolean } = {};
    const collection = strict(
      {
        get items() {
          if (!data.items) throw excelError('PropertyNotLoaded', 'areas.items');
          return data.items;
        },
      },
      'RangeCollection',
    );
    const areas = {
      get isNullObject() {
        if (data.isNull === undefined) throw excelError('PropertyNotLoaded', 'isNullObject');
        return data.isNull;
      },
      areas: collection,
      load: () => {
        ctx.queue.push(() => {
          const b = this._box();
          const s = this._sheet();
          const items: unknown[] = [];
          if (cellType !== 'Constants' && cellType !== 'Formulas')
            unsupported(`Range.getSpecialCellsOrNullObject(${cellType})`);
          if (b)
            for (let r = b.top; r <= Math.min(b.bottom, s.rows.length - 1); r++)
              s.rows[r]?.forEach((cell, c) => {
                if (!cell || c < b.left || c > b.right) return;
                const isFormula = cell.f !== undefined;
                if (isFormula !== (cellType === 'Formulas')) return;
                if (typeof valueOf(s, cell) === 'number' && !cell.formula)
                  items.push({ rowIndex: r, columnIndex: c, numberFormat: [[cell.nf ?? 'General']] });
              });
          data.items = items;
          data.isNull = items.length === 0;
        });
        return areas;
      },
    };
    return strict(areas, 'RangeAreas');
  }
  getCellProperties(_what: unknown): { value: unknown } {
    const result = { value: undefined as unknown };
    this._ctx.queue.push(() => {
      const s = this._sheet();
      const b = this._must();
      const out: unknown[][] = [];
      for (let r = b.top; r <= b.bottom; r++) {
        const line: unknown[] = [];
        for (let c = b.left; c <= b.right; c++)
          line.push({ format: { fill: { color: cellAt(s, r, c)?.fill ?? '#FFFFFF' } } });
        out.push(line);
      }
      result.value = out;
    });
    return result;
  }
  get columnIndex(): number {
    return this._get('columnIndex') as number;
  }
  get isNullObject(): boolean {
    return this._get('isNullObject') as boolean;
  }
  load(arg: unknown): this {
    const props = this._props(arg);
    this._ctx.queue.push(() => {
      const b = this._box();
      this._data.isNullObject = !b;
      this._loaded.add('isNullObject');
      if (!b) return;
      const s = this._sheet();
      for (const p of props) {
        if (p === 'values') this._data.values = readValues(s, b);
        else if (p === 'address') this._data.address = qualified(s.name, b);
        else if (p === 'rowIndex') this._data.rowIndex = b.top;
        else if (p === 'columnIndex') this._data.columnIndex = b.left;
        else if (p === 'rowCount') this._data.rowCount = b.bottom - b.top + 1;
        else if (p === 'columnCount') this._data.columnCount = b.right - b.left + 1;
        else if (p === 'numberFormat') this._data.numberFormat = readFormats(s, b);
        else unsupported(`Range.load(${p})`);
        this._loaded.add(p);
      }
    });
    return this;
  }
  select(): void {
    this._ctx.queue.push(() => {
      const s = this._sheet();
      state.active = s.name;
      state.selection = { sheet: s.name, address: boxAddress(this._must()) };
    });
  }
  merge(across = false): void {
    this._ctx.queue.push(
      () => void this._sheet().merges.push(`${boxAddress(this._must())}${across ? ' (across)' : ''}`),
    );
  }
  clear(): void {
    this._ctx.queue.push(() => {
      const s = this._sheet();
      const b = this._must();
      if (b.top === 0 && b.left === 0 && b.bottom === MAX_ROWS - 1 && b.right === MAX_COLS - 1) {
        Object.assign(s, { rows: [], merges: [], validations: [], borders: [], freezeRows: 0, print: {} });
        return;
      }
      for (let r = b.top; r <= Math.min(b.bottom, s.rows.length - 1); r++) {
        const row = s.rows[r];
        if (row) for (let c = b.left; c <= Math.min(b.right, row.length - 1); c++) row[c] = undefined;
      }
    });
  }
}

/**
 * Worksheet.pageLayout (ExcelApi 1.9), only the members the add-in sets, validated as Excel validates them: the
 * enum strings Excel knows, a zoom with either a scale of 10–400 or whole fit-to-page counts, print title rows as
 * whole rows ("$1:$2").
 */
const PAPER = new Set(['A3', 'A4', 'A5', 'Letter', 'Legal']);
function pageLayout(ctx: Ctx, resolve: () => SheetModel): Record<string, unknown> {
  const set = (key: string, ok: (v: never) => boolean) => ({
    // Like Excel, a bad value fails the sync, not the assignment.
    set: (v: never) =>
      ctx.queue.push(() => {
        if (!ok(v)) throw excelError('InvalidArgument', `pageLayout.${key} = ${JSON.stringify(v)}`);
        resolve().print[key] = v;
      }),
  });
  const whole = (n: unknown) =>
    n === undefined || (Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 32767);
  let zoom: unknown;
  const layout = {
    setPrintTitleRows(rows: string) {
      ctx.queue.push(() => {
        if (!/^\$?\d+:\$?\d+$/.test(rows)) throw excelError('InvalidArgument', `setPrintTitleRows(${rows})`);
        resolve().print.titleRows = rows;
      });
    },
    /** Only the zoom is read back: as the host applied it — a host that ignores fitting to pages shows its scale. */
    load(what: string) {
      if (what !== 'zoom') unsupported(`PageLayout.load(${what})`);
      ctx.queue.push(() => {
        const set = resolve().print.zoom as Record<string, number> | undefined;
        zoom = !set || (hostOptions.ignoresFitToPage && set.scale === undefined) ? { scale: 100 } : { ...set };
      });
      return layout;
    },
  };
  Object.defineProperties(layout, {
    orientation: set('orientation', (v: string) => v === 'Landscape' || v === 'Portrait'),
    paperSize: set('paperSize', (v: string) => PAPER.has(v)),
    centerHorizontally: set('centerHorizontally', (v: boolean) => typeof v === 'boolean'),
    zoom: {
      get: () => {
        if (zoom === undefined) throw excelError('PropertyNotLoaded', 'pageLayout.zoom: load("zoom") and sync first');
        return zoom;
      },
      ...set(
        'zoom',
        (v: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number }) =>
          typeof v === 'object' &&
          v !== null &&
          Object.keys(v).every((k) => ['scale', 'horizontalFitToPages', 'verticalFitToPages'].includes(k)) &&
          (v.scale === undefined
            ? whole(v.horizontalFitToPages) && whole(v.verticalFitToPages)
            : v.horizontalFitToPages === undefined &&
              v.verticalFitToPages === undefined &&
              v.scale >= 10 &&
              v.scale <= 400),
      ),
    },
  });
  return strict(layout, 'PageLayout');
}

/**
 * worksheet.charts.add(type, sourceData, seriesBy) (ExcelApi 1.1) and, on the chart, title.text and setPosition — the
 * members the add-in uses. Checked at sync as Excel checks them: a known chart type and seriesBy, a source range
 * inside the sheet's grid. Stricter than Excel on purpose: the source must lie on the chart's own sheet (Excel would
 * draw another sheet's range; the add-in never means to).
 */
function chartCollection(ctx: Ctx, resolve: () => SheetModel): Record<string, unknown> {
  const add = (type: string, source: Range, seriesBy = 'Auto') => {
    const model: ChartModel = { type, source: '', seriesBy };
    ctx.queue.push(() => {
      const s = resolve();
      if (!CHART_TYPES.has(type)) throw excelError('InvalidArgument', `charts.add: unknown chart type "${type}"`);
      if (!['Auto', 'Columns', 'Rows'].includes(seriesBy))
        throw excelError('InvalidArgument', `charts.add: seriesBy "${seriesBy}"`);
      if (!(source instanceof Range)) throw excelError('InvalidArgument', 'charts.add: sourceData is not a Range');
      const b = source._must();
      if (b.bottom >= MAX_ROWS || b.right >= MAX_COLS)
        throw excelError('InvalidArgument', `charts.add: ${boxAddress(b)} is outside the sheet`);
      if (source._sheet() !== s)
        throw excelError('InvalidArgument', `charts.add: source on sheet ${source._sheet().name}, chart on ${s.name}`);
      model.source = boxAddress(b);
      s.charts.push(model);
    });
    const title = Object.defineProperty({}, 'text', {
      set: (v: string) => void ctx.queue.push(() => void (model.title = String(v))),
    });
    return strict(
      {
        title: strict(title, 'ChartTitle'),
        setPosition(start: string, end?: string) {
          ctx.queue.push(() => {
            const a = parseArea(start);
            const z = end ? parseArea(end) : a;
            if (z.bottom < a.top || z.right < a.left)
              throw excelError('InvalidArgument', `setPosition(${start}, ${end})`);
            model.position = `${boxAddress(a)}:${boxAddress(z)}`;
          });
        },
      },
      'Chart',
    );
  };
  return strict({ add }, 'ChartCollection');
}

// ---------- globals ----------
async function run<T>(...args: unknown[]): Promise<T> {
  const batch = args[args.length - 1] as (context: Ctx) => Promise<T>;
  const options = (args.length > 1 ? args[0] : undefined) as { delayForCellEdit?: boolean } | undefined;
  state.runOptions.push(options ?? null);
  if (state.cellEdit) {
    if (!options?.delayForCellEdit) throw excelError('InvalidOperationInCellEditMode', 'the user is editing a cell');
    await new Promise<void>((resolve) => leaveCellEdit.push(resolve));
  }
  const ctx = new Ctx();
  const record = { syncs: 0, implicitSync: false, done: false };
  state.runs.push(record);
  try {
    const result = await batch(strict(ctx, 'RequestContext'));
    // Excel.run flushes whatever the batch queued after its last sync; count it so tests see it.
    if (ctx.queue.length) {
      record.implicitSync = true;
      await ctx.sync();
    }
    return result;
  } catch (e) {
    if (!(e instanceof Error && /^FakeExcel/.test(e.message))) state.errors.push(`Excel.run rejected: ${String(e)}`);
    throw e;
  } finally {
    record.syncs = ctx.syncs;
    record.done = true;
  }
}

const settings = {
  get: (k: string) => (k in state.settings ? state.settings[k] : null),
  set: (k: string, v: unknown) => void (state.settings[k] = JSON.parse(JSON.stringify(v))),
  remove: (k: string) => void delete state.settings[k],
  saveAsync: (cb?: (r: { status: string; error?: { message: string } }) => void) => {
    state.settingsSaves++;
    setTimeout(
      () =>
        cb?.(
          state.failSaves
            ? { status: 'failed', error: { message: 'The document could not be saved.' } }
            : { status: 'succeeded' },
        ),
      0,
    );
  },
};
const officeContext = {
  displayLanguage: 'zh-CN',
  // ExcelApi 1.12 (minor versions compare as integers: 1.9 < 1.12).
  requirements: {
    isSetSupported: (name: string, version = '1.1') => name === 'ExcelApi' && Number(version.split('.')[1] ?? 0) <= 12,
  },
  document: { settings },
};

/** Adds the host's pieces to whatever Office.context office.js set up (outside Office it is an empty object). */
function patchOfficeContext(): void {
  const w = window as unknown as { Office?: { context?: Record<string, unknown> } };
  if (!w.Office) return;
  const ctx = (w.Office.context ??= {});
  for (const [k, v] of Object.entries(officeContext)) {
    if (ctx[k] !== v) Object.defineProperty(ctx, k, { value: v, configurable: true, enumerable: true });
  }
}

const w = window as unknown as Record<string, unknown>;
/** Set by a test before the pane loads (browser.ts); see FakeHostOptions. */
const hostOptions = (w.__fakeExcelOptions ?? {}) as FakeHostOptions;
if (hostOptions.partitionKey) (officeContext as Record<string, unknown>).partitionKey = hostOptions.partitionKey;
Object.assign(state.settings, hostOptions.settings ?? {});

// ---------- the webview Office opens the pane in ----------
// An Office host marks the page before any script runs (addin/office-loading.ts reads these marks). The Windows
// model answers window.external.GetHostInfo with no host string, so the real office.js takes its plain-browser path
// and the fake supplies Excel when onReady resolves; the Mac model is WKWebView: the `Agave` message handler, and
// (office-js issue 2700, closed by design) a download started in the pane and window.print() do nothing at all.
const platform = hostOptions.platform ?? 'PC';
if (platform === 'Mac') {
  w.webkit = { messageHandlers: { Agave: { postMessage: () => undefined } } };
  // Both only recorded: the user sees nothing happen.
  HTMLAnchorElement.prototype.click = function click(this: HTMLAnchorElement) {
    state.ignoredDownloads.push(this.download || this.href);
  };
  window.print = () => void state.ignoredPrints++;
} else {
  (window.external as unknown as Record<string, unknown>).GetHostInfo = () => '';
}
Object.assign(officeContext, {
  diagnostics: { host: 'Excel', platform, version: '16.0' },
  // OpenBrowserWindowApi 1.1: the system browser is a new page of the test's browser context (and recorded).
  ui: {
    openBrowserWindow: (url: string) => {
      state.browserWindows.push(url);
      window.open(url, '_blank', 'noopener');
    },
  },
});

// Like real Office, `Excel` exists only once office.js has initialised: the fake installs it when Office.onReady
// resolves, never earlier, so a pane that decides too early sees no Excel. office.js assigns window.Office; the
// accessor below lets the fake wrap onReady the moment the pane first reaches for it.
/** When Office.onReady may resolve: never (its follow-on files blocked), after a delay, or at once. */
function officeStarts(): Promise<void> {
  if (hostOptions.officeNeverReady) return new Promise(() => undefined);
  return new Promise((resolve) => setTimeout(resolve, hostOptions.officeReadyAfterMs ?? 0));
}
let office: { onReady?: (cb?: unknown) => Promise<unknown>; __patched?: boolean } | undefined;
Object.defineProperty(window, 'Office', {
  configurable: true,
  get() {
    if (office?.onReady && !office.__patched) {
      const original = office.onReady.bind(office);
      office.onReady = (cb?: unknown) =>
        officeStarts()
          .then(original)
          .then((info) => {
            patchOfficeContext();
            w.Excel = { run };
            if (typeof cb === 'function') cb(info);
            return info;
          });
      office.__patched = true;
    }
    return office;
  },
  set(v) {
    office = v;
  },
});

// ---------- the tests' view ----------
const api = {
  state,
  /** Creates a sheet (as a user would) and optionally activates it. */
  addSheet(name: string, activate = true) {
    addSheet(name);
    if (activate) state.active = name;
  },
  /** Types values into a sheet starting at an address, with Excel's entry rules ("'", "=", numbers). */
  type(sheet: string, address: string, values: unknown[][]) {
    const s = findSheet(sheet) ?? addSheet(sheet);
    const b = parseArea(address);
    values.forEach((line, i) => line.forEach((x, j) => enter(s, b.top + i, b.left + j, x)));
  },
  sheetNames: () => state.sheets.map((s) => s.name),
  sheet(name: string) {
    const s = findSheet(name);
    if (!s) return null;
    const used = usedBox(s, true);
    return {
      name: s.name,
      visibility: s.visibility,
      freezeRows: s.freezeRows,
      merges: s.merges,
      validations: s.validations,
      columnWidths: s.columnWidths,
      borders: s.borders.length,
      print: s.print,
      rowHeights: { ...s.rowHeights },
      charts: s.charts.map((c) => ({ ...c })),
      used: used ? boxAddress(used) : '',
    };
  },
  /** Every cell of the sheet with a hyperlink: its address, value and link, row by row. */
  links(sheet: string): { cell: string; v: Value; address?: string; textToDisplay?: string }[] {
    const s = findSheet(sheet);
    return (s?.rows ?? []).flatMap((row, r) =>
      (row ?? []).flatMap((c, col) => (c?.link ? [{ cell: `${columnLetter(col)}${r + 1}`, v: c.v, ...c.link }] : [])),
    );
  },
  values(sheet: string, address: string): Value[][] {
    const s = findSheet(sheet);
    return s ? readValues(s, parseArea(address)) : [];
  },
  cell(sheet: string, address: string): Cell | null {
    const s = findSheet(sheet);
    const b = parseArea(address);
    const c = s ? cellAt(s, b.top, b.left) : undefined;
    return c ? { ...c } : null;
  },
  /** Addresses of cells with each fill colour in a box (default: the used range). */
  fills(sheet: string, address?: string): Record<string, string[]> {
    const s = findSheet(sheet);
    const out: Record<string, string[]> = {};
    if (!s) return out;
    const b = address ? parseArea(address) : usedBox(s, false);
    if (!b) return out;
    for (let r = b.top; r <= Math.min(b.bottom, s.rows.length - 1); r++) {
      const row = s.rows[r];
      row?.forEach((c, j) => {
        if (c?.fill && j >= b.left && j <= b.right) (out[c.fill] ??= []).push(`${columnLetter(j)}${r + 1}`);
      });
    }
    return out;
  },
  /** The user clicks a cell: that sheet becomes active and the cell selected. */
  selectCell(sheet: string, address: string) {
    state.active = sheet;
    state.selection = { sheet, address };
  },
  /** Enters or leaves cell-edit mode (leaving lets delayed batches run). */
  setCellEdit(on: boolean) {
    state.cellEdit = on;
    if (!on) {
      const waiting = leaveCellEdit;
      leaveCellEdit = [];
      waiting.forEach((resume) => resume());
    }
  },
  resetCounters() {
    state.syncs = 0;
    state.runs = [];
    state.getRanges = [];
  },
};
w.__fakeExcel = api;
export type FakeExcelApi = typeof api;
