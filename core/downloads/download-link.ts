// Short-lived download links: a file the pane cannot save itself (the webview of Excel for Mac and iPad ignores
// downloads) is handed to the server and opened in the system browser through a link valid for 10 minutes. The
// request describes the file in headers (the body is the file itself); this is its one schema.
import { z } from 'zod';

export const DOWNLOAD_LINK_MINUTES = 10;
/** A D1 row holds at most 2 MB; the sealed body adds 16 bytes. */
export const DOWNLOAD_LINK_MAX_BYTES = 1_900_000;
export const DOWNLOAD_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/** A file name a browser can save under: no folders, no control characters, a known extension. */
const FileName = z
  .string()
  .trim()
  .min(5)
  .max(120)
  .refine((n) => !/[\\/:*?"<>|\u0000-\u001f\u007f]/.test(n), {
    message: 'file name must not contain \\ / : * ? " < > | or control characters',
  })
  .refine((n) => /\.(xlsx|csv|docx)$/i.test(n), { message: 'file name must end in .xlsx, .csv or .docx' });

export const DownloadLinkRequest = z.strictObject({
  fileName: FileName,
  size: z
    .number()
    .int()
    .min(1)
    .max(DOWNLOAD_LINK_MAX_BYTES, { message: `file larger than ${DOWNLOAD_LINK_MAX_BYTES} bytes` }),
});
export type DownloadLinkRequest = z.infer<typeof DownloadLinkRequest>;

export const DownloadLink = z.object({ url: z.string(), expiresAt: z.string() });
export type DownloadLink = z.infer<typeof DownloadLink>;

/** POST /enrollment/sheet: codes issued for these units, shown only on the 令牌发放单 the link opens. */
export const EnrollmentSheetLink = DownloadLink.extend({ count: z.number().int() });
export type EnrollmentSheetLink = z.infer<typeof EnrollmentSheetLink>;

/** The type a file is served with, from its extension. */
export const downloadTypeOf = (fileName: string): string =>
  /\.csv$/i.test(fileName) ? DOWNLOAD_TYPES.csv : /\.docx$/i.test(fileName) ? DOWNLOAD_TYPES.docx : DOWNLOAD_TYPES.xlsx;
