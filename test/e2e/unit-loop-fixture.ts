// Plants, for the unit-loop tests (in the add-in and in the page without Excel): 丁来村 on 30 November 2023, with every
// period from the plan's first up to 11月上半月 filed through the API, so 11月下半月 is the only period missing.
import type { Submission } from '../../core/schemas/submission.ts';
import { demoMeasuresFor } from '../fixtures/demo-plan.ts';

export const UNIT = 'v-dinglai';
export const MEASURES = demoMeasuresFor(UNIT);
/** 30 November: 11月下半月 (due 29 November) has passed unfiled; 12月上半月 is open. */
export const NOW = '2023-11-30T10:00:00+08:00';
export const MISSING = '2023-11-H2';
export const OPEN = '2023-12-H1';
export const FILED = ['2023-08-H1', '2023-08-H2', '2023-09-H1', '2023-09-H2', '2023-10-H1', '2023-10-H2', '2023-11-H1'];

/** A valid report of every measure the unit is responsible for. */
export function submissionOf(period: string): Submission {
  return {
    period,
    signer: '岩温',
    rows: MEASURES.map((m) => ({
      measureId: m.id,
      status: 'ongoing',
      progress: `${m.title}：已入户走访12户，完成投资30万元。`,
      evidence: '走访台账',
    })),
  };
}
