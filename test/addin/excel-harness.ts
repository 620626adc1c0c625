// Test harness for addin/excel: office-addin-mock's OfficeMockObject models the workbook (so a property read
// without load() really yields "Error, property was not loaded"), and write targets (ranges, RangeAreas,
// freezePanes…) are recording proxies that log every property set and method call in order. context.sync is
// wrapped to count round trips. Installs globalThis.Excel and a minimal globalThis.Office (settings, requirements).
import { OfficeMockObject } from 'office-addin-mock';

export interface UsedRangeData {
  values: unknown[][];
  address: string;
  rowIndex: number;
  columnIndex: number;
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
  sheetNames(): string[];
  /** Values written with `range.values = …`, keyed by "sheet!address". */
  writes(sheet: string): { target: string; value: unknown[][] }[];
}

export function installExcel(opts: { active: string; sheets: Record<string, UsedRangeData | null> }): Harness {
  const log: LogEntry[] = [];
  const names = Object.keys(opts.sheets);
  const sheetData: Record<string, unknown> = {};
  names.forEach((name, i) => {
    const used = opts.sheets[name];
    sheetData[`s${i}`] = { name, used: used ?? { values: [], address: '', rowIndex: 0, columnIndex: 0 } };
  });
  const mock: any = new OfficeMockObject({ context: { workbook: { worksheets: { ...sheetData } } } } as any);
  const ws = mock.context.workbook.worksheets;
  const sheetObjects = new Map<string, any>();
  const syncHooks: (() => void)[] = [];

  const decorate = (name: string, sheet: any) => {
    sheet.getUsedRangeOrNullObject = () => sheet.used;
    sheet.getRange = (address = '') => recorder(log, { sheet: name, target: address, kind: 'range' });
    sheet.getRanges = (address: string) => recorder(log, { sheet: name, target: address, kind: 'areas' });
    const sheetRec = recorder(log, { sheet: name, target: '', kind: 'sheet' });
    sheet.freezePanes = sheetRec.freezePanes;
    sheet.activate = () => log.push({ sheet: name, target: '', kind: 'sheet', path: 'activate()', value: [] });
    Object.defineProperty(sheet, 'visibility', {
      set: (v) => log.push({ sheet: name, target: '', kind: 'sheet', path: 'visibility', value: v }),
      get: () => 'Visible',
    });
    sheetObjects.set(name, sheet);
    return sheet;
  };
  names.forEach((name, i) => {
    const sheet = decorate(name, ws[`s${i}`]);
    // Like Office.js, isNullObject needs no load(); the mock would otherwise treat it as an unloaded property.
    let synced = false;
    syncHooks.push(() => (synced = true));
    Object.defineProperty(sheet.used, 'isNullObject', { get: () => (synced ? opts.sheets[name] === null : NOT_LOADED) });
  });

  ws.getActiveWorksheet = () => sheetObjects.get(opts.active);
  ws.getItem = (name: string) => {
    const s = sheetObjects.get(name);
    if (!s) throw new Error(`ItemNotFound: ${name}`);
    return s;
  };
  ws.add = (name: string) => {
    if (sheetObjects.has(name)) throw new Error(`ItemAlreadyExists: ${name}`);
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
  const originalSync = mock.context.sync.bind(mock.context);
  mock.context.sync = async () => {
    syncs++;
    if (itemsRequested) itemsLoaded = true;
    syncHooks.forEach((hook) => hook());
    return originalSync();
  };

  const settings = new Map<string, unknown>();
  (globalThis as any).Excel = { run: async (batch: (ctx: any) => Promise<unknown>) => batch(mock.context) };
  (globalThis as any).Office = {
    context: {
      displayLanguage: 'zh-CN',
      requirements: { isSetSupported: (name: string, v: string) => name === 'ExcelApi' && Number(v) <= 1.9 },
      document: {
        settings: {
          get: (k: string) => (settings.has(k) ? settings.get(k) : null),
          set: (k: string, v: unknown) => settings.set(k, structuredClone(v)),
          remove: (k: string) => settings.delete(k),
          saveAsync: (cb?: () => void) => cb?.(),
        },
      },
    },
  };

  return {
    mock,
    log,
    syncs: () => syncs,
    settings,
    sheetNames: () => [...sheetObjects.keys()],
    writes: (sheet) =>
      log.filter((e) => e.sheet === sheet && e.kind === 'range' && e.path === 'values').map((e) => ({ target: e.target, value: e.value as unknown[][] })),
  };
}

export function uninstallExcel(): void {
  delete (globalThis as any).Excel;
  delete (globalThis as any).Office;
}
