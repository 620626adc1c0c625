// 佐证材料 metadata in D1: files, read links and the access log, multipart uploads and housekeeping, row references.
export * from './files.ts';
export * from './links.ts';
export * from './uploads.ts';
export * from './row-refs.ts';
