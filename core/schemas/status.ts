// 完成情况: the four statuses of a measure's progress, with the Chinese labels the sheet uses.
import { z } from 'zod';
import { foldSpaces } from '../text/fold.ts';

export const Status = z.enum(['done', 'phased', 'ongoing', 'not_started']);
export type Status = z.infer<typeof Status>;

export const STATUS_LABELS: Readonly<Record<Status, { zh: string; en: string }>> = {
  done: { zh: '已完成', en: 'Done' },
  phased: { zh: '阶段性成效', en: 'Phased results' },
  ongoing: { zh: '推进中', en: 'Ongoing' },
  not_started: { zh: '未启动', en: 'Not started' },
};

const fold = (label: string) => foldSpaces(label).replace(/_/g, '').toLowerCase();

const byLabel = new Map<string, Status>();
for (const [code, l] of Object.entries(STATUS_LABELS) as [Status, { zh: string; en: string }][]) {
  for (const label of [l.zh, l.en, code]) byLabel.set(fold(label), code);
}
for (const [label, code] of [
  ['取得阶段性成效', 'phased'],
  ['正在推进', 'ongoing'],
  ['持续推进', 'ongoing'],
  ['尚未启动', 'not_started'],
] as const) {
  byLabel.set(fold(label), code);
}

/** Status from a sheet cell ("已完成", "阶段性成效", …); undefined when not one of them. */
export function statusFromLabel(label: string): Status | undefined {
  return byLabel.get(fold(label));
}
