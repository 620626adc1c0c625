// Test harness for addin/excel: office-addin-mock's OfficeMockObject models the workbook (so a property read
// without load() really yields "Error, property was not loaded"), and write targets (ranges, RangeAreas,
// freezePanes…) are recording proxies that log every property set and method call in order. context.sync is
// wrapped to count round trips. Installs globalThis.Excel and a minimal globalThis.Office (settings, requirements).
// As strict as Excel where Microsoft documents its behaviour: typed input is converted like Excel does (see
// test/e2e/excel-entry.ts), a batch is refused in cell-edit mode unless delayForCellEdit, sheet names follow Excel's
// rules (case-insensitive, no last visible sheet hidden), the used range reports its size, saveAsync can fail, and a
// sync whose request passes Excel on the web's 5 MB is refused (each logged action counted as its JSON in UTF-8 plus
// Office.js's framing of an action).
import { OfficeMockObject } from 'office-addin-mock';
import { columnLetter } from '../../core/checklist/columns.ts';
import { evaluateFormula, excelEntry, sheetNameProblem } from '../e2e/excel-entry.ts';
import { ACTION_BYTES, REQUEST_LIMIT_BYTES } from '../../addin/excel/request-budget.ts';

export interface UsedRangeData {
  values: unknown[][];
  address: string;
  rowIndex: number;
  columnIndex: number;
  /** Formulas of the used range's cells ('' for a constant); `values` holds their results. */
  formulas?: string[][];
  /** Number formats of the used range's cells (default General). */
  numberFormat?: string[][];
  /** The used range's size when it is larger than `values` (a stray cell far away); default: values' size. */
  rowCount?: number;
  columnCount?: number;
}

/**
 * A used range from A1 built the way a user types it: each string goes through Excel's entry rules, and a formula
 * ("=…" into a cell not formatted as text) holds what Excel computes from the other cells (evaluateFormula).
 */
export function typed(sheet: string, rows: unknown[][], formats?: string[][]): UsedRangeData {
  const width = Math.max(...rows.map((r) => r.length));
  const values: unknown[][] = [];
  const numberFormat: string[][] = [];
  const formulas: string[][] = [];
  rows.forEach((row, i) => {
    values.push([]);
    numberFormat.push([]);
    formulas.push([]);
    for (let j = 0; j < width; j++) {
      const before = formats?.[i]?.[j] ?? 'General';
      const entry = excelEntry(row[j] ?? '', before);
      values[i]!.push(entry?.value ?? '');
      numberFormat[i]!.push(entry?.format ?? before);
      formulas[i]!.push(entry?.formula ? String(entry.value) : '');
    }
  });
  const valueAt = (r: number, c: number, depth: number): unknown => {
    const f = formulas[r]?.[c];
    if (!f) return values[r]?.[c] ?? '';
    if (depth > 50) throw new Error('harness: circular formula');
    return evaluateFormula(f, (address) => {
      const [, letters, row] = A1.exec(address)!;
      return valueAt(Number(row) - 1, colNumber(letters!), depth + 1) as string | number | boolean;
    });
  };
  const computed = values.map((line, r) => line.map((_, c) => valueAt(r, c, 0)));
  return {
    values: computed,
    numberFormat,
    formulas,
    address: `${sheet}!A1:${columnLetter(width - 1)}${rows.length}`,
    rowIndex: 0,
    columnIndex: 0,
  };
}

export interface LogEntry {
  sheet: string;
  /** getRange / getRanges argument ('' for the whole sheet), or a sheet-level member like "freezePanes". */
  target: string;
  kind: 'range' | 'areas' | 'sheet';
  /** Property path ("format.fill.color") or method path with "()" ("format.fill.clear()"). */
  path: string;
  value: unknown;
}

export const NOT_LOADED = 'Error, property was not loaded';

/** A proxy that remembers assignments and logs them plus method calls; unknown members auto-vivify. */
function recorder(log: LogEntry[], base: Omit<LogEntry, 'path' | 'value'>, path: string[] = []): any {
  const store = new Map<string, unknown>();
  const target = function () {} as unknown as object;
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      if (store.has(prop)) return store.get(prop);
      const child = recorder(log, base, [...path, prop]);
      store.set(prop, child);
      return child;
    },
    set(_t, prop, value) {
      if (typeof prop === 'symbol') return false;
      store.set(prop, value);
      log.push({ ...base, path: [...path, prop].join('.'), value });
      return true;
    },
    apply(_t, _this, args) {
      log.push({ ...base, path: `${path.join('.')}()`, value: args });
      return recorder(log, base, [...path, '()']);
    },
  });
}

export interface Harness {
  mock: any;
  log: LogEntry[];
  syncs(): number;
  settings: Map<string, unknown>;
  /** How many times settings.saveAsync was called. */
  saves(): number;
  /** Puts Excel in (or out of) cell-edit mode, as when the user is typing in a cell. */
  setCellEdit(on: boolean): void;
  /** The options each Excel.run was called with. */
  runOptions: unknown[];
  /** Fill colour of one cell now ("" for none), after every fill written so far. */
  fill(sheet: string, cell: string): string;
  visibility(sheet: string): string;
  sheetNames(): string[];
  /** Values written with `range.values = …`, keyed by "sheet!address". */
  writes(sheet: string): { target: string; value: unknown[][] }[];
  /** worksheet.charts.add (ExcelApi 1.1) on a sheet: type, source address, seriesBy, title and setPosition's cells. */
  charts(sheet: string): ChartRecord[];
  /** The size in bytes of each sync's request, in order (refused ones included). */
  requestBytes: number[];
  /** Worksheet.pageLayout of a sheet as set (ExcelApi 1.9). */
  print(sheet: string): Record<string, unknown>;
}

export interface ChartRecord {
  type: string;
  source: string;
  seriesBy: string;
  title?: string;
  /** "M3:U18" from setPosition(start, end). */
  position?: string;
}

export interface HarnessOptions {
  active: string;
  sheets: Record<string, UsedRangeData | null>;
  /** Fills the user set before the pane ran, by sheet and cell ("I7" → "#FFFF00"). */
  fills?: Record<string, Record<string, string>>;
  /** Sheet visibility before the pane ran (default Visible). */
  visibility?: Record<string, string>;
  /** settings.saveAsync reports failure, as Office does when the document cannot be written. */
  failSaves?: boolean;
  /** The host accepts pageLayout.zoom = { horizontalFitToPages } and reads back { scale: 100 } (office-js issue 1860). */
  ignoresFitToPage?: boolean;
}

const A1 = /^([A-Z]+)(\d+)$/;
function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
/** "A1:B3,C5" → every single cell it covers. */
export function expandCells(addresses: string): string[] {
  const out: string[] = [];
  for (const part of addresses.split(',')) {
    const [a, b = a] = part.split(':') as [string, string?];
    const p = A1.exec(a)!;
    const q = A1.exec(b!)!;
    for (let c = colNumber(p[1]!); c <= colNumber(q[1]!); c++)
      for (let r = Number(p[2]); r <= Number(q[2]); r++) out.push(`${columnLetter(c)}${r}`);
  }
  return out;
}

export function installExcel(opts: HarnessOptions): Harness {
  const log: LogEntry[] = [];
  const names = Object.keys(opts.sheets);
  const sheetData: Record<string, unknown> = {};
  names.forEach((name, i) => {
    const used = opts.sheets[name];
    const u = used ?? { values: [], address: '', rowIndex: 0, columnIndex: 0 };
    const { numberFormat: _nf, formulas: _f, ...plain } = u;
    sheetData[`s${i}`] = {
      name,
      used: {
        ...plain,
        rowCount: u.rowCount ?? u.values.length,
        columnCount: u.columnCount ?? Math.max(0, ...u.values.map((r) => r.length)),
      },
    };
  });
  const mock: any = new OfficeMockObject({ context: { workbook: { worksheets: { ...sheetData } } } } as any);
  const ws = mock.context.workbook.worksheets;
  const sheetObjects = new Map<string, any>();
  const syncHooks: (() => void)[] = [];

  const visibility = new Map<string, string>();
  // Fills as Excel holds them: the user's, then every fill the pane wrote, in order (kept apart from `log`, which
  // tests may empty).
  const fills = new Map<string, string>(
    Object.entries(opts.fills ?? {}).flatMap(([sheet, cells]) =>
      Object.entries(cells).map(([c, v]) => [`${sheet}!${c}`, v] as [string, string]),
    ),
  );
  const push = log.push.bind(log);
  log.push = (...entries: LogEntry[]) => {
    for (const e of entries) {
      if ((e.kind !== 'areas' && e.kind !== 'range') || !e.target || !/^[A-Z]+\d+(:[A-Z]+\d+)?(,|$)/.test(e.target))
        continue;
      if (e.path === 'format.fill.color')
        for (const c of expandCells(e.target)) fills.set(`${e.sheet}!${c}`, String(e.value));
      if (e.path === 'format.fill.clear()') for (const c of expandCells(e.target)) fills.delete(`${e.sheet}!${c}`);
    }
    return push(...entries);
  };
  const fillNow = (sheet: string, cell: string): string => fills.get(`${sheet}!${cell}`) ?? '';
  const pendingReads: (() => void)[] = [];
  const rangeAddresses = new WeakMap<object, string>();
  const charts = new Map<string, ChartRecord[]>();
  const prints = new Map<string, Record<string, unknown>>();
  const decorate = (name: string, sheet: any) => {
    visibility.set(name, opts.visibility?.[name] ?? 'Visible');
    sheet.getUsedRangeOrNullObject = () => sheet.used;
    sheet.getRange = (address = '') => {
      const range = recorder(log, { sheet: name, target: address, kind: 'range' });
      const proxy = new Proxy(range, {
        get(t, p, r) {
          if (p !== 'getCellProperties') return Reflect.get(t, p, r);
          // Like a ClientResult: the fills as they are at this point of the batch, readable after the next sync.
          return () => {
            const now = expandCells(address).map((cell) => fillNow(name, cell) || '#FFFFFF');
            const [a, b = a] = address.split(':') as [string, string?];
            const width = colNumber(A1.exec(b!)![1]!) - colNumber(A1.exec(a)![1]!) + 1;
            const height = now.length / width;
            // expandCells walks column by column; the answer is row by row.
            const grid = Array.from({ length: height }, (_, i) =>
              Array.from({ length: width }, (_, j) => ({ format: { fill: { color: now[j * height + i]! } } })),
            );
            const result: { value: unknown } = { value: NOT_LOADED };
            pendingReads.push(() => (result.value = grid));
            return result;
          };
        },
      });
      rangeAddresses.set(proxy, address);
      return proxy;
    };
    // A chart's source must be a range of this sheet given by address (the add-in never charts another sheet's cells).
    sheet.charts = {
      add: (type: string, source: object, seriesBy: string) => {
        const address = rangeAddresses.get(source);
        if (address === undefined) throw new Error('harness: charts.add needs a range from this sheet');
        const chart: ChartRecord = { type, source: address, seriesBy };
        charts.set(name, [...(charts.get(name) ?? []), chart]);
        log.push({ sheet: name, target: address, kind: 'sheet', path: 'charts.add()', value: [type, seriesBy] });
        return {
          title: Object.defineProperty({}, 'text', { set: (v: string) => void (chart.title = v) }),
          setPosition: (start: string, end: string) => {
            chart.position = `${start}:${end}`;
            log.push({ sheet: name, target: '', kind: 'sheet', path: 'chart.setPosition()', value: [start, end] });
          },
        };
      },
    };
    sheet.getRanges = (address: string) => recorder(log, { sheet: name, target: address, kind: 'areas' });
    const sheetRec = recorder(log, { sheet: name, target: '', kind: 'sheet' });
    sheet.freezePanes = sheetRec.freezePanes;
    sheet.pageLayout = pageLayout(name);
    sheet.activate = () => log.push({ sheet: name, target: '', kind: 'sheet', path: 'activate()', value: [] });
    Object.defineProperty(sheet, 'visibility', {
      set: (v) => {
        // Excel refuses to hide the last visible sheet.
        const othersVisible = [...visibility].some(([n, vis]) => n !== name && vis === 'Visible');
        if (v !== 'Visible' && !othersVisible)
          throw Object.assign(new Error('InvalidOperation: cannot hide the last visible sheet'), {
            code: 'InvalidOperation',
          });
        visibility.set(name, v);
        log.push({ sheet: name, target: '', kind: 'sheet', path: 'visibility', value: v });
      },
      get: () => visibility.get(name),
    });
    sheetObjects.set(name, sheet);
    return sheet;
  };
  names.forEach((name, i) => {
    const sheet = decorate(name, ws[`s${i}`]);
    // Like Office.js, isNullObject needs no load(); the mock would otherwise treat it as an unloaded property.
    let synced = false;
    syncHooks.push(() => (synced = true));
    Object.defineProperty(sheet.used, 'isNullObject', {
      get: () => (synced ? opts.sheets[name] === null : NOT_LOADED),
    });
    sheet.used.getIntersectionOrNullObject = (address: string) =>
      intersection(opts.sheets[name] ?? null, address, () => synced);
  });

  /** The used range clipped to an A1 window: a loadable-after-sync view with its numeric cells' formats. */
  function intersection(data: UsedRangeData | null, address: string, synced: () => boolean): any {
    const [a, b] = address.split(':') as [string, string];
    const maxRow = Number(A1.exec(b)![2]);
    const maxCol = colNumber(A1.exec(b)![1]!) + 1;
    void a;
    const gate = <T>(v: T) => (synced() ? v : NOT_LOADED);
    const isNull = !data || data.rowIndex >= maxRow || data.columnIndex >= maxCol;
    const rows = isNull
      ? []
      : data!.values.slice(0, maxRow - data!.rowIndex).map((r) => r.slice(0, maxCol - data!.columnIndex));
    const formats = isNull
      ? []
      : (data!.numberFormat ?? []).slice(0, rows.length).map((r) => r.slice(0, maxCol - data!.columnIndex));
    const isFormula = (i: number, j: number) => !!data?.formulas?.[i]?.[j];
    const width = Math.max(0, ...rows.map((r) => r.length));
    const view: any = {
      load: () => view,
      get isNullObject() {
        return gate(isNull);
      },
      get values() {
        return gate(rows);
      },
      get rowIndex() {
        return gate(data!.rowIndex);
      },
      get columnIndex() {
        return gate(data!.columnIndex);
      },
      get address() {
        const sheet = data!.address.split('!')[0];
        return gate(
          `${sheet}!${columnLetter(data!.columnIndex)}${data!.rowIndex + 1}:${columnLetter(data!.columnIndex + width - 1)}${data!.rowIndex + rows.length}`,
        );
      },
      // One area per numeric cell: Excel merges neighbours, which changes nothing for the reader.
      getSpecialCellsOrNullObject: (cellType: string, valueType: string) => {
        if (valueType !== 'Numbers')
          throw new Error(`harness: getSpecialCells(${cellType}, ${valueType}) not modelled`);
        const items: any[] = [];
        if (cellType !== 'Constants' && cellType !== 'Formulas')
          throw new Error(`harness: getSpecialCells(${cellType}) not modelled`);
        rows.forEach((r, i) =>
          r.forEach((v, j) => {
            if (typeof v === 'number' && isFormula(i, j) === (cellType === 'Formulas'))
              items.push({
                rowIndex: data!.rowIndex + i,
                columnIndex: data!.columnIndex + j,
                numberFormat: [[formats[i]?.[j] ?? 'General']],
              });
          }),
        );
        const areas = {
          load: () => areas,
          get isNullObject() {
            return gate(items.length === 0);
          },
          areas: {
            get items() {
              return gate(items);
            },
          },
        };
        return areas;
      },
    };
    return view;
  }

  /** Worksheet.pageLayout: what is set is logged and kept; zoom reads back after load + sync, as the host applied it. */
  function pageLayout(sheet: string): any {
    const print: Record<string, unknown> = {};
    prints.set(sheet, print);
    let zoom: unknown = NOT_LOADED;
    const layout: any = {
      setPrintTitleRows: (rows: string) => {
        print.titleRows = rows;
        log.push({ sheet, target: '', kind: 'sheet', path: 'pageLayout.setPrintTitleRows()', value: [rows] });
      },
      load: (what: string) => {
        if (what !== 'zoom') throw new Error(`harness: pageLayout.load(${what}) not modelled`);
        log.push({ sheet, target: '', kind: 'sheet', path: 'pageLayout.load()', value: [what] });
        const applied = opts.ignoresFitToPage && print.zoom ? { scale: 100 } : (print.zoom ?? { scale: 100 });
        pendingReads.push(() => (zoom = structuredClone(applied)));
        return layout;
      },
    };
    for (const key of ['orientation', 'paperSize', 'centerHorizontally', 'zoom'])
      Object.defineProperty(layout, key, {
        set: (v: unknown) => {
          print[key] = v;
          log.push({ sheet, target: '', kind: 'sheet', path: `pageLayout.${key}`, value: v });
        },
        get: () => (key === 'zoom' ? zoom : print[key]),
      });
    return layout;
  }

  ws.getActiveWorksheet = () => sheetObjects.get(opts.active);
  ws.getItem = (name: string) => {
    const s = sheetObjects.get(name);
    if (!s) throw new Error(`ItemNotFound: ${name}`);
    return s;
  };
  ws.getItemOrNullObject = (name: string) => {
    const s = [...sheetObjects].find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
    return s ?? { isNullObject: true };
  };
  ws.add = (name: string) => {
    const problem = sheetNameProblem(name);
    if (problem) throw Object.assign(new Error(`InvalidArgument: ${problem}`), { code: 'InvalidArgument' });
    // Excel compares sheet names without regard to case.
    if ([...sheetObjects.keys()].some((n) => n.toLowerCase() === name.toLowerCase()))
      throw new Error(`ItemAlreadyExists: ${name}`);
    log.push({ sheet: name, target: '', kind: 'sheet', path: 'add()', value: [name] });
    return decorate(name, { name });
  };
  // worksheets.items only answers after load('items/name') + sync, like Excel.
  let itemsLoaded = false;
  let itemsRequested = false;
  Object.defineProperty(ws, 'items', {
    get: () => (itemsLoaded ? [...sheetObjects.keys()].map((name) => ({ name })) : NOT_LOADED),
  });
  ws.load = (what: string) => {
    if (what === 'items/name') itemsRequested = true;
  };

  let syncs = 0;
  const requestBytes: number[] = [];
  const sent = new WeakSet<LogEntry>(); // entries already sent in an earlier request (tests may empty the log)
  const utf8 = new TextEncoder();
  const originalSync = mock.context.sync.bind(mock.context);
  mock.context.sync = async () => {
    syncs++;
    const actions = log.filter((e) => !sent.has(e));
    const bytes = actions.reduce(
      (n, e) => n + ACTION_BYTES + utf8.encode(JSON.stringify([e.target, e.path, e.value]) ?? '').length,
      0,
    );
    requestBytes.push(bytes);
    if (bytes > REQUEST_LIMIT_BYTES) {
      // Excel applies nothing of a refused request.
      const kept = log.filter((e) => sent.has(e));
      log.length = 0;
      for (const e of kept) push(e);
      pendingReads.length = 0;
      throw Object.assign(new Error(`RequestPayloadSizeLimitExceeded: ${bytes} bytes in one request`), {
        code: 'RequestPayloadSizeLimitExceeded',
      });
    }
    actions.forEach((e) => sent.add(e));
    if (itemsRequested) itemsLoaded = true;
    syncHooks.forEach((hook) => hook());
    pendingReads.splice(0).forEach((read) => read());
    return originalSync();
  };

  const settings = new Map<string, unknown>();
  let saves = 0;
  let cellEdit = false;
  let leaveCellEdit: (() => void)[] = [];
  const runOptions: unknown[] = [];
  // Excel.run(batch) or Excel.run(options, batch). In cell-edit mode Excel fails the batch unless it may wait.
  (globalThis as any).Excel = {
    run: async (...args: unknown[]) => {
      const batch = args[args.length - 1] as (ctx: any) => Promise<unknown>;
      const options = (args.length > 1 ? args[0] : undefined) as { delayForCellEdit?: boolean } | undefined;
      runOptions.push(options);
      if (cellEdit) {
        if (!options?.delayForCellEdit)
          throw Object.assign(new Error('InvalidOperationInCellEditMode'), { code: 'InvalidOperationInCellEditMode' });
        await new Promise<void>((resolve) => leaveCellEdit.push(resolve));
      }
      return batch(mock.context);
    },
  };
  (globalThis as any).Office = {
    context: {
      displayLanguage: 'zh-CN',
      requirements: { isSetSupported: (name: string, v: string) => name === 'ExcelApi' && Number(v) <= 1.9 },
      document: {
        settings: {
          get: (k: string) => (settings.has(k) ? settings.get(k) : null),
          set: (k: string, v: unknown) => settings.set(k, structuredClone(v)),
          remove: (k: string) => settings.delete(k),
          saveAsync: (cb?: (r: { status: string; error?: { message: string } }) => void) => {
            saves++;
            cb?.(
              opts.failSaves
                ? { status: 'failed', error: { message: 'The document could not be saved.' } }
                : { status: 'succeeded' },
            );
          },
        },
      },
    },
  };

  return {
    mock,
    log,
    syncs: () => syncs,
    settings,
    saves: () => saves,
    setCellEdit: (on) => {
      cellEdit = on;
      if (!on) {
        const waiting = leaveCellEdit;
        leaveCellEdit = [];
        waiting.forEach((resume) => resume());
      }
    },
    runOptions,
    fill: fillNow,
    visibility: (sheet) => visibility.get(sheet) ?? '',
    sheetNames: () => [...sheetObjects.keys()],
    writes: (sheet) =>
      log
        .filter((e) => e.sheet === sheet && e.kind === 'range' && e.path === 'values')
        .map((e) => ({ target: e.target, value: e.value as unknown[][] })),
    charts: (sheet) => charts.get(sheet) ?? [],
    requestBytes,
    print: (sheet) => prints.get(sheet) ?? {},
  };
}

export function uninstallExcel(): void {
  delete (globalThis as any).Excel;
  delete (globalThis as any).Office;
}
