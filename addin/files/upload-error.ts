// Why an uploaded file could not be read: a code and its parameters; the message is rendered by i18n (uploadError_*).
export type UploadErrorCode =
  'et' | 'type' | 'too_big' | 'empty_file' | 'encrypted' | 'corrupt' | 'too_many_sheets' | 'no_sheet';

export class UploadError extends Error {
  constructor(
    readonly code: UploadErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`upload ${code}`);
  }
}

/** 10 MB: a 22-unit checklist is ~50 KB; past this a phone's browser may stall and the file is not a checklist. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_SHEETS = 100;
