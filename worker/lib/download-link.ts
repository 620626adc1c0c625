// Making and serving a short-lived download link (core/downloads): the file is sealed with the link's token and
// stored in D1 for DOWNLOAD_LINK_MINUTES; the link carries the token, never the caller's bearer token.
import { DOWNLOAD_LINK_MINUTES, type DownloadLink } from '../../core/downloads/download-link.ts';
import { insertDownloadLink, type DownloadLinkRow } from '../db/download-links.ts';
import { linkToken, sealWithToken, sha256Hex } from './crypto.ts';

export interface LinkFile {
  fileName: string;
  contentType: string;
  disposition: DownloadLinkRow['disposition'];
  data: Uint8Array;
}

export async function createDownloadLink(
  db: D1Database,
  file: LinkFile,
  o: { by: string; now: Date; requestUrl: string },
): Promise<DownloadLink> {
  const token = linkToken();
  const expiresAt = new Date(o.now.getTime() + DOWNLOAD_LINK_MINUTES * 60_000).toISOString();
  const sealed = await sealWithToken(token, file.data);
  await insertDownloadLink(
    db,
    {
      tokenHash: await sha256Hex(token),
      fileName: file.fileName,
      contentType: file.contentType,
      disposition: file.disposition,
      ...sealed,
      createdBy: o.by,
      expiresAt,
    },
    o.now.toISOString(),
  );
  return { url: new URL(`/api/v1/download/${token}`, o.requestUrl).toString(), expiresAt };
}
