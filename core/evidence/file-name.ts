// An uploaded file's name as stored and shown: the last path segment, NFC, without control, bidi or zero-width
// characters (they disguise "photo‮gpj.exe" as "photoexe.jpg"), blanks collapsed, at most EVIDENCE_LIMITS.nameChars
// characters (the extension kept when shortened). The name is only a label: the type comes from the bytes.
import { EVIDENCE_LIMITS } from './limits.ts';

const HIDDEN =
  /[\x00-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function cleanFileName(raw: string): string {
  const last = raw.split(/[\\/]/).pop() ?? '';
  const name = last.normalize('NFC').replace(/\s+/g, ' ').replace(HIDDEN, '').trim().replace(/^\.+/, '');
  const chars = [...name];
  if (chars.length <= EVIDENCE_LIMITS.nameChars) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  return (
    [...name.slice(0, name.length - ext.length)].slice(0, EVIDENCE_LIMITS.nameChars - [...ext].length).join('') + ext
  );
}
