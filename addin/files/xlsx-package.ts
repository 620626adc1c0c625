// An .xlsx as its zip parts (xl/workbook.xml, xl/styles.xml, …), read and written as text with SheetJS's zip
// container reader, so a change can touch exactly the XML it means to and leave every other byte of the user's
// workbook as it was (print setup, margins, headers, validation, conditional formats, pictures).

export interface XlsxPackage {
  /** A part's text by its path inside the zip ("xl/styles.xml"), undefined when absent. */
  read(path: string): string | undefined;
  write(path: string, text: string): void;
  toBytes(): Uint8Array;
}

export async function openXlsx(bytes: Uint8Array): Promise<XlsxPackage> {
  const { default: XLSX } = await import('./sheetjs-lib.ts');
  // SheetJS types its bundled zip reader (the cfb package) as any: the four calls used here are typed below.
  const CFB = XLSX.CFB as {
    read(data: Uint8Array, opts: { type: 'array' }): object;
    find(zip: object, path: string): { content?: ArrayLike<number> } | null;
    write(zip: object, opts: { fileType: 'zip'; type: 'array'; compression: boolean }): ArrayLike<number>;
    utils: { cfb_add(zip: object, path: string, content: Uint8Array): void };
  };
  const zip = CFB.read(bytes, { type: 'array' });
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  return {
    read(path) {
      const entry = CFB.find(zip, `/${path}`);
      return entry?.content ? decoder.decode(Uint8Array.from(entry.content)) : undefined;
    },
    write(path, text) {
      const entry = CFB.find(zip, `/${path}`);
      if (entry) entry.content = encoder.encode(text);
      else CFB.utils.cfb_add(zip, `/${path}`, encoder.encode(text));
    },
    toBytes: () => Uint8Array.from(CFB.write(zip, { fileType: 'zip', type: 'array', compression: true })),
  };
}

/** A tag's attributes ("<c r=\"H4\" s=\"3\">" → {r: "H4", s: "3"}), entities decoded. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    out[m[1]!] = unescapeXml(m[2] ?? m[3] ?? '');
  return out;
}

export function escapeXml(text: string): string {
  // Characters XML 1.0 cannot hold (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/FFFF) are dropped.
  const legal = text.replace(
    /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '',
  );
  return legal.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (_, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' } as Record<string, string>)[e.toLowerCase()]!;
  });
}
