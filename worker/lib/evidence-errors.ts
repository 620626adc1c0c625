// The answers to bad evidence uploads: each names the file (文件“现场照片.jpg”) and the limit it broke, in Chinese
// and English, with an issue whose path names the field or header at fault.
import { EVIDENCE_LIMITS, formatBytes } from '../../core/evidence/limits.ts';
import { describeRefused, EVIDENCE_TYPE_LABELS, EVIDENCE_TYPES } from '../../core/evidence/sniff-type.ts';
import type { Bilingual } from '../../core/schemas/api.ts';
import { AppError, notFound } from './app-error.ts';

const file = (name: string) => `文件“${name}”`;
const accepted = [...new Set(EVIDENCE_TYPES.map((t) => EVIDENCE_TYPE_LABELS[t]))].join('、');

export const evidenceErrors = {
  lengthRequired: (name: string) =>
    new AppError(
      411,
      'length_required',
      { zh: `${file(name)}上传时缺少 Content-Length`, en: 'Content-Length is required' },
      [{ path: 'Content-Length', code: 'required', message: 'send the exact byte length of the file' }],
    ),
  empty: (name: string) =>
    new AppError(
      422,
      'evidence_empty',
      { zh: `${file(name)}是空文件（0 字节），不能作为佐证材料`, en: 'the file is empty' },
      [{ path: 'Content-Length', code: 'too_small', message: 'at least 1 byte' }],
    ),
  tooLarge: (name: string, size: number) =>
    new AppError(
      413,
      'evidence_too_large',
      {
        zh: `${file(name)}大小为 ${formatBytes(size)}，超过单个佐证材料 ${formatBytes(EVIDENCE_LIMITS.fileBytes)} 的上限`,
        en: `file exceeds ${EVIDENCE_LIMITS.fileBytes} bytes`,
      },
      [{ path: 'Content-Length', code: 'too_big', message: `at most ${EVIDENCE_LIMITS.fileBytes} bytes` }],
    ),
  useParts: (name: string, size: number) =>
    new AppError(
      413,
      'evidence_too_large',
      {
        zh: `${file(name)}大小为 ${formatBytes(size)}，一次上传最多 ${formatBytes(EVIDENCE_LIMITS.singleRequestBytes)}，请分片上传（POST /evidence/uploads）`,
        en: `over ${EVIDENCE_LIMITS.singleRequestBytes} bytes: upload in parts`,
      },
      [
        {
          path: 'Content-Length',
          code: 'too_big',
          message: `at most ${EVIDENCE_LIMITS.singleRequestBytes} bytes in one request; use /evidence/uploads`,
        },
      ],
    ),
  quota: (name: string, used: number) =>
    new AppError(
      413,
      'evidence_quota_exceeded',
      {
        zh: `${file(name)}无法保存：本单位在该整改方案下的佐证材料已用 ${formatBytes(used)}，上限 ${formatBytes(EVIDENCE_LIMITS.unitPlanBytes)}`,
        en: `quota of ${EVIDENCE_LIMITS.unitPlanBytes} bytes per unit and plan exceeded`,
      },
      [
        {
          path: 'Content-Length',
          code: 'quota_exceeded',
          message: `${used} of ${EVIDENCE_LIMITS.unitPlanBytes} bytes used`,
        },
      ],
    ),
  typeRefused: (name: string, head: Uint8Array) =>
    new AppError(
      415,
      'evidence_type_refused',
      {
        zh: `${file(name)}的内容是${describeRefused(head)}，不能作为佐证材料。可上传：${accepted}（按文件内容判断，不看扩展名）`,
        en: 'file type refused',
      },
      [
        {
          path: '(body)',
          code: 'type_refused',
          message: `accepted: ${EVIDENCE_TYPES.join(', ')} (decided by the bytes)`,
        },
      ],
    ),
  /** `received` unknown: the runtime's own stream counted (and refused) the bytes. */
  sizeMismatch: (name: string, expected: number, received: number | undefined, path = 'Content-Length') =>
    new AppError(
      422,
      'evidence_size_mismatch',
      {
        zh: `${file(name)}${received === undefined ? '收到的字节数' : `收到 ${received} 字节，`}与声明的 ${expected} 字节不符，未保存`,
        en: 'body length differs',
      },
      [
        {
          path,
          code: 'size_mismatch',
          message: `expected ${expected} bytes, received ${received ?? 'another number'}`,
        },
      ],
    ),
  cutOff: (name: string) =>
    new AppError(
      400,
      'evidence_upload_interrupted',
      { zh: `${file(name)}上传中断，未保存，请重新上传`, en: 'the upload was cut off; nothing stored' },
      [{ path: '(body)', code: 'interrupted', message: 'the body ended early or failed' }],
    ),
  storageFull: (name: string) =>
    new AppError(
      507,
      'storage_full',
      {
        zh: `${file(name)}未保存：服务器存储空间已满，请联系乡村振兴办清理磁盘后重新上传`,
        en: "the server's storage is full; nothing stored",
      },
      [{ path: '(body)', code: 'storage_full', message: "the server's disk is full" }],
    ),
  hashMismatch: (name: string) =>
    new AppError(
      422,
      'evidence_hash_mismatch',
      {
        zh: `${file(name)}收到的内容与声明的 SHA-256 不符，未保存，请重新上传`,
        en: 'SHA-256 of the received bytes differs',
      },
      [{ path: 'sha256', code: 'hash_mismatch', message: 'the assembled file has another SHA-256' }],
    ),
  partsMissing: (name: string, missing: number[]) =>
    new AppError(
      409,
      'evidence_parts_missing',
      { zh: `${file(name)}还缺第 ${missing.join('、')} 片，请补传后再完成`, en: 'parts missing' },
      [{ path: 'parts', code: 'missing', message: `missing parts: ${missing.join(', ')}` }],
    ),
  badPart: (name: string, partNumber: number, partCount: number) =>
    new AppError(
      422,
      'invalid_evidence',
      { zh: `${file(name)}只有 ${partCount} 片，没有第 ${partNumber} 片`, en: 'no such part' },
      [{ path: 'partNumber', code: 'out_of_range', message: `1 to ${partCount}` }],
    ),
  inUse: (name: string) => {
    const text = { zh: `${file(name)}已被报送引用，不能删除`, en: 'the file is referred to by a report' };
    return new AppError(409, 'evidence_in_use', text, [
      { path: 'id', code: 'evidence_in_use', message: text.zh, messageEn: text.en },
    ]);
  },
  notFound: () => notFound({ zh: '佐证材料不存在', en: 'evidence not found' }),
  uploadNotFound: () =>
    notFound({ zh: '上传任务不存在或已过期，请重新上传', en: 'upload not found or expired' }, 'uploadId'),
  invalid: (path: string, text: Bilingual) =>
    new AppError(422, 'invalid_evidence', text, [{ path, code: 'invalid', message: text.zh, messageEn: text.en }]),
};
