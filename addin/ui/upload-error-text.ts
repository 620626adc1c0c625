// An UploadError (addin/files/upload-error.ts) as the clerk reads it. Kept outside addin/files/ so the message
// needs no spreadsheet library loaded.
import type { MessageKey, Translate } from '../i18n.ts';

export function uploadErrorText(e: { code: string; params: Record<string, string | number> }, t: Translate): string {
  return t(`uploadError_${e.code}` as MessageKey, e.params);
}
