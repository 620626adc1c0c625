// The evidence type sniffer and file-name cleaning: types come from the bytes, never the name.
import { describe, expect, it } from 'vitest';
import { cleanFileName } from '../../core/evidence/file-name.ts';
import { describeRefused, sniffEvidenceType, zipEntryNames } from '../../core/evidence/sniff-type.ts';
import { EVIDENCE_LIMITS } from '../../core/evidence/limits.ts';
import {
  bytesWith,
  EXE_HEAD,
  HTML_TEXT,
  JPEG_HEAD,
  PDF_HEAD,
  PNG_HEAD,
  SVG_TEXT,
  zipWith,
} from '../fixtures/evidence-bytes.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('sniffEvidenceType', () => {
  it('recognises photos by their signatures', () => {
    expect(sniffEvidenceType(bytesWith(JPEG_HEAD, 100))).toBe('jpeg');
    expect(sniffEvidenceType(bytesWith(PNG_HEAD, 100))).toBe('png');
    expect(sniffEvidenceType(bytesWith('RIFF\x00\x00\x00\x00WEBPVP8 ', 100))).toBe('webp');
    expect(sniffEvidenceType(bytesWith('\x00\x00\x00\x18ftypheic\x00\x00\x00\x00', 100))).toBe('heic');
    expect(sniffEvidenceType(bytesWith('\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00', 100))).toBeNull();
  });

  it('recognises PDF, OFD, Word and Excel documents and OLE2 (.doc/.xls/.wps/.et) files', () => {
    expect(sniffEvidenceType(bytesWith(PDF_HEAD, 100))).toBe('pdf');
    expect(sniffEvidenceType(zipWith(['OFD.xml', 'Doc_0/Document.xml']))).toBe('ofd');
    expect(sniffEvidenceType(zipWith(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']))).toBe('docx');
    expect(sniffEvidenceType(zipWith(['[Content_Types].xml', 'xl/workbook.xml']))).toBe('xlsx');
    expect(sniffEvidenceType(bytesWith(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 600))).toBe(
      'ole',
    );
  });

  it('refuses programs, SVG, HTML, other zips and empty files, and says what they are', () => {
    const exe = bytesWith(EXE_HEAD, 1000);
    expect(sniffEvidenceType(exe)).toBeNull();
    expect(describeRefused(exe)).toBe('可执行程序');
    expect(sniffEvidenceType(bytesWith('\x7fELF\x02\x01\x01', 100))).toBeNull();
    expect(describeRefused(text(SVG_TEXT))).toBe('SVG 图形');
    expect(sniffEvidenceType(text(SVG_TEXT))).toBeNull();
    expect(sniffEvidenceType(text(HTML_TEXT))).toBeNull();
    expect(describeRefused(text(HTML_TEXT))).toContain('网页');
    expect(sniffEvidenceType(zipWith(['[Content_Types].xml', 'ppt/presentation.xml']))).toBeNull();
    expect(sniffEvidenceType(zipWith(['payload.exe']))).toBeNull();
    expect(sniffEvidenceType(new Uint8Array(0))).toBeNull();
    expect(describeRefused(new Uint8Array(0))).toBe('空文件');
  });

  it('refuses a Windows Installer package although it is an OLE2 file', () => {
    const msi = new Uint8Array(2048);
    msi.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    msi[0x1e] = 9; // 512-byte sectors
    msi[0x30] = 1; // directory in sector 1 → offset 1024
    msi.set([0x84, 0x10, 0x0c, 0x00, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46], 1024 + 0x50);
    expect(sniffEvidenceType(msi)).toBeNull();
  });

  it('finds zip entry names past stored data', () => {
    expect(zipEntryNames(zipWith(['a.xml', 'b/c.xml']))).toEqual(['a.xml', 'b/c.xml']);
  });
});

describe('cleanFileName', () => {
  it('keeps the last path segment and removes bidi and control characters', () => {
    expect(cleanFileName('C:\\照片\\现场\u202egpj.exe')).toBe('现场gpj.exe');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('  会议\t纪要 .pdf ')).toBe('会议 纪要 .pdf');
  });

  it('shortens a long name to the limit and keeps the extension', () => {
    const name = cleanFileName(`${'很长的文件名'.repeat(40)}.pdf`);
    expect([...name].length).toBe(EVIDENCE_LIMITS.nameChars);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
