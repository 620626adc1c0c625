// 红黄蓝 预警 thresholds: a plan may carry its own; these are the defaults.
import { z } from 'zod';

/** 红 / 黄 / 蓝 thresholds; a plan may carry its own. */
export const WarningThresholds = z.strictObject({
  /** 黄 when the deadline is this many days away or fewer. */
  yellowDays: z.number().int().min(1).max(365).default(15),
  /** 蓝 when the deadline is this many days away or fewer. */
  blueDays: z.number().int().min(1).max(365).default(30),
  /** 黄 when status and figures have not changed over this many periods. */
  stallPeriods: z.number().int().min(1).max(24).default(2),
});
export type WarningThresholds = z.infer<typeof WarningThresholds>;
export const DEFAULT_WARNING_THRESHOLDS: WarningThresholds = { yellowDays: 15, blueDays: 30, stallPeriods: 2 };
