// What an evidence file is, decided from its first bytes only (never its name): a renamed .exe, an SVG or an HTML
// page must not be stored and later served as a "photo". Pure: the Worker runs it on the head of a streamed upload.
export const EVIDENCE_TYPES = ['jpeg', 'png', 'webp', 'heic', 'pdf', 'ofd', 'docx', 'xlsx', 'ole'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

/** The media type a file is served with. `ole` (.doc/.xls/.wps/.et) cannot be told apart without parsing it. */
export const EVIDENCE_MEDIA_TYPES: Readonly<Record<EvidenceType, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ole: 'application/octet-stream',
};

/** Types a browser shows itself (inline, under a sandbox CSP); the rest is downloaded. */
export const INLINE_TYPES: ReadonlySet<EvidenceType> = new Set(['jpeg', 'png', 'webp', 'heic', 'pdf']);

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);
/** The root CLSID of a Windows Installer package (.msi is an OLE2 file too; it is an installer, not a document). */
const MSI_CLSID = [0x84, 0x10, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46];

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** Entry names of the zip local file headers found in `head` (a scan, so entries with data descriptors count too). */
export function zipEntryNames(head: Uint8Array): string[] {
  const names: string[] = [];
  for (let i = 0; i + 30 <= head.length; i++) {
    if (head[i] !== 0x50 || head[i + 1] !== 0x4b || head[i + 2] !== 3 || head[i + 3] !== 4) continue;
    const nameLength = head[i + 26]! | (head[i + 27]! << 8);
    if (i + 30 + nameLength > head.length) break;
    names.push(new TextDecoder().decode(head.subarray(i + 30, i + 30 + nameLength)));
    i += 29 + nameLength;
  }
  return names;
}

function zipType(head: Uint8Array): EvidenceType | null {
  const names = zipEntryNames(head);
  if (names.includes('OFD.xml')) return 'ofd';
  if (!names.includes('[Content_Types].xml')) return null;
  if (names.some((n) => n.startsWith('word/'))) return 'docx';
  if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  return null;
}

function isMsi(head: Uint8Array): boolean {
  // Compound file: sector size 2^(u16 at 0x1E), first directory sector (u32 at 0x30); the root entry's CLSID is at
  // 0x50 of the first directory entry. Only checked when that sector is inside the head.
  const shift = head[0x1e]! | (head[0x1f]! << 8);
  if (shift < 7 || shift > 16) return false;
  const size = 1 << shift;
  const sector = (head[0x30]! | (head[0x31]! << 8) | (head[0x32]! << 16)) + head[0x33]! * 0x1000000;
  const clsidAt = (sector + 1) * size + 0x50;
  return clsidAt + 16 <= head.length && startsWith(head, MSI_CLSID, clsidAt);
}

/**
 * The evidence type of a file whose first bytes are `head` (up to EVIDENCE_LIMITS.sniffBytes; the whole file when
 * smaller), or null when it is not one the township accepts.
 */
export function sniffEvidenceType(head: Uint8Array): EvidenceType | null {
  if (head.length < 4) return null;
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'webp';
  if (ascii(head, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(head, 8, 12))) return 'heic';
  if (ascii(head, 0, 5) === '%PDF-') return 'pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return zipType(head);
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return isMsi(head) ? null : 'ole';
  return null;
}

/** What the refused bytes look like, for the message ("可执行程序" for a renamed .exe). */
export function describeRefused(head: Uint8Array): string {
  if (head.length === 0) return '空文件';
  if (
    ascii(head, 0, 2) === 'MZ' ||
    startsWith(head, [0x7f, 0x45, 0x4c, 0x46]) ||
    startsWith(head, [0xcf, 0xfa, 0xed, 0xfe])
  )
    return '可执行程序';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return '压缩包';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) return '安装程序';
  const text = new TextDecoder().decode(head.subarray(0, 512)).trimStart().toLowerCase();
  if (text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg'))) return 'SVG 图形';
  if (text.startsWith('<')) return '网页（HTML/XML）';
  return '不支持的格式';
}

/** 类型 as the sheets and the pane name it. */
export const EVIDENCE_TYPE_LABELS: Readonly<Record<EvidenceType, string>> = {
  jpeg: 'JPEG 图片',
  png: 'PNG 图片',
  webp: 'WebP 图片',
  heic: 'HEIC 图片',
  pdf: 'PDF',
  ofd: 'OFD',
  docx: 'Word 文档',
  xlsx: 'Excel 表格',
  ole: 'Office/WPS 文档',
};
