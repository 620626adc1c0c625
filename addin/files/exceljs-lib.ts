// exceljs's browser build without polyfills (the pane targets Chrome 86 / Safari 14, which need none). Imported only
// through dynamic import(), so it is a chunk of its own that the Excel path never downloads.
import ExcelJS from 'exceljs/dist/exceljs.bare.min.js';
export default ExcelJS as typeof import('exceljs');
