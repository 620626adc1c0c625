// exceljs's browser build without polyfills (the pane targets Chrome 86 / Safari 14, which need none). The pane build
// compiles it from exceljs's sources instead, without the Node.js crypto and CSV code it never uses
// (scripts/exceljs-lean.ts: 122 KB instead of 243 KB gzipped). Imported only through dynamic import(), so it is a
// chunk of its own that the Excel path never downloads.
import ExcelJS from 'exceljs/dist/exceljs.bare.min.js';
export default ExcelJS as typeof import('exceljs');
