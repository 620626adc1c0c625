// The Node.js globals exceljs's sources and their stream and zip libraries use, for the browser (injected into the
// exceljs build only; see scripts/exceljs-lean.ts). Nothing here is placed on globalThis.
import { Buffer } from 'buffer';

export { Buffer };
export const process = {
  browser: true,
  env: {},
  version: '',
  versions: {},
  cwd: () => '/',
  nextTick: (fn, ...args) => queueMicrotask(() => fn(...args)),
};
export const setImmediate = (fn, ...args) => setTimeout(() => fn(...args), 0);
export const global = globalThis;
