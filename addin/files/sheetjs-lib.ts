// SheetJS (community edition 0.20.3, republished on npm as @e965/xlsx: the vendor publishes fixed releases only on
// its own CDN, and npm's `xlsx` 0.18.5 has CVE-2023-30533 and CVE-2024-22363 in its reader). Used only to READ
// .xls and .ods uploads; a chunk of its own, downloaded only when such a file is chosen.
import * as XLSX from '@e965/xlsx';
export default XLSX;
