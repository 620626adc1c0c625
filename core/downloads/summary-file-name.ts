// The one name of a period's summary file, whoever makes it: the pane (下载汇总表, 导出 CSV) and the Worker's
// /export.csv (its Content-Disposition). Chinese, as a clerk files it: 整改进展汇总-2026年12月上半月.csv.
import { periodLabel } from '../calendar/period-label.ts';

export const summaryFileName = (period: string, ext: 'csv' | 'xlsx'): string =>
  `整改进展汇总-${periodLabel(period, { form: 'name' })}.${ext}`;
