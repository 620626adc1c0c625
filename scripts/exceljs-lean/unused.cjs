// Stands in for a Node.js module exceljs requires only for what the pane never does: crypto (sheet protection), fs
// (readFile/writeFile), fast-csv (its CSV reader/writer; the pane has its own), unzipper, archiver and tmp (streaming).
module.exports = {};
