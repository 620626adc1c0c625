// The township office's sections (汇总 and 退回, 销号核查, 佐证材料查阅, 导入整改方案, 单位与令牌), loaded as their own chunk only once a
// supervisor or admin connects: a unit's pane — the common case, on slow village networks — never downloads them.
import { createAccessPanel } from './access-panel.ts';
import { createClosureReviewPanel } from './closure-review-panel.ts';
import { createEvidenceBrowserPanel } from './evidence-browser-panel.ts';
import type { PaneContext } from './pane-context.ts';
import { createPlanImportPanel } from './plan-import-panel.ts';
import { createSupervisorPanel } from './supervisor-panel.ts';

export interface OfficePanels {
  /** After connecting or choosing another plan: the 汇总 table of the chosen period, at once. */
  connected(): Promise<void>;
}

export function wireOfficePanels(ctx: PaneContext, reconnect: () => Promise<void>): OfficePanels {
  const supervisor = createSupervisorPanel(ctx);
  supervisor.wire();
  createPlanImportPanel(ctx, reconnect).wire();
  createAccessPanel(ctx).wire();
  const closures = createClosureReviewPanel(ctx);
  closures.wire();
  const evidence = createEvidenceBrowserPanel(ctx);
  evidence.wire();
  return {
    connected: async () => {
      if (ctx.me?.role !== 'supervisor') return;
      await Promise.all([supervisor.overview(), closures.refresh(), evidence.refresh()]);
    },
  };
}
