// 佐证材料 limits: the one place the Worker, the pane and the docs take them from.
const MiB = 1024 * 1024;

export const EVIDENCE_LIMITS = {
  /** Largest evidence file. */
  fileBytes: 20 * MiB,
  /** Evidence files one submission row may name. */
  filesPerRow: 30,
  /** Bytes one unit may store for one plan (stored files plus uploads in progress). */
  unitPlanBytes: 500 * MiB,
  /** Largest file sent in one request; larger files go in parts. */
  singleRequestBytes: 5 * MiB,
  /** Size of every part but the last (R2's multipart minimum is 5 MiB except the last part). */
  partBytes: 5 * MiB,
  /** Longest file name after cleaning, in characters. */
  nameChars: 120,
  /** How many leading bytes the type sniffer looks at. */
  sniffBytes: 64 * 1024,
  /** A read link stays valid this long. */
  linkTtlMs: 10 * 60_000,
  /** A file no accepted submission refers to is deleted this long after its upload. */
  orphanTtlMs: 7 * 24 * 3600_000,
  /** A multipart upload not completed within this time is aborted. */
  uploadTtlMs: 24 * 3600_000,
} as const;

/** "20 MB" style size for messages (MiB shown as MB, as Windows and WPS do). */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB) return `${Number((bytes / MiB).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} 字节`;
}
