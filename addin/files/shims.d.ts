declare module 'exceljs/dist/exceljs.bare.min.js' {
  const ExcelJS: typeof import('exceljs');
  export default ExcelJS;
}
