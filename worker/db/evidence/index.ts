// 佐证材料 metadata in D1: files and links, multipart uploads and housekeeping, row references.
export * from './files.ts';
export * from './uploads.ts';
export * from './row-refs.ts';
