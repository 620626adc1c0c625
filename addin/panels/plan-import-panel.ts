// 导入整改方案 (supervisor): reads the sheet worked on — Excel's active sheet, or on the page a table uploaded here —
// as a published plan table (core.readPlanSheet), lists every problem by cell (click to select it), previews which
// units get which measures, and publishes it with POST /plans. A table whose headers are not all known first shows
// the column-matching step (each field ← a column, preselected by similarity, remembered for that header layout).
// Findings the Worker returns by JSON path (`measures.3.responsibleUnits`) are placed back on their cells.
import { deadlineContextOf, measuresFor } from '../../core/plan/plan-lookup.ts';
import { matchColumns } from '../../core/sheet/column-match.ts';
import { PLAN_COLUMN_LABEL, PLAN_FIELDS } from '../../core/plan/plan-columns.ts';
import { readPlanSheet, type PlanColumns, type PlanSheetResult } from '../../core/plan/read-plan-sheet.ts';
import { resolvePlan } from '../../core/plan/resolve-plan.ts';
import { type PlanInput, type Schedule } from '../../core/schemas/plan.ts';
import { ApiError } from '../api/api-error.ts';
import { excelWorkbook, hasExcel } from '../excel/index.ts';
import { uploadErrorText } from '../ui/upload-error-text.ts';
import { columnMatchView } from '../ui/column-match-view.ts';
import { h } from '../ui/dom.ts';
import { renderIssues } from '../ui/issues-view.ts';
import type { SheetGrid, Workbook } from '../workbook/workbook.ts';
import type { CheckIssue } from '../check-sheet.ts';
import { rememberColumns, rememberedColumns } from './match-choices.ts';
import { $, input, type PaneContext } from './pane-context.ts';
import { PaneNotice } from '../pane-notice.ts';

const PATH_COLUMN: Record<string, keyof PlanSheetResult['columns']> = {
  id: 'seq',
  problemId: 'problem',
  title: 'measure',
  text: 'measure',
  lead: 'lead',
  responsibleUnits: 'units',
  deadline: 'deadline',
  dataHint: 'dataHint',
  completionStandard: 'standard',
};

const FIELDS = PLAN_FIELDS.map((f) => ({ key: f.key, label: PLAN_COLUMN_LABEL[f.key], required: f.required }));

export function createPlanImportPanel(ctx: PaneContext, onPublished: () => Promise<void>): { wire(): void } {
  let read: { sheetName: string; sheet: PlanSheetResult } | undefined;
  /** On the page: the plan table uploaded in this section. */
  let uploaded: Workbook | undefined;
  let shown: Workbook | undefined;

  function schedule(): Schedule {
    if ($<HTMLSelectElement>('plan-schedule').value === 'half-monthly') return { kind: 'half-monthly' };
    const day = input('plan-day').value.trim();
    return { kind: 'monthly', day: day === 'last' ? 'last' : Number(day) };
  }

  function planInput(sheet: PlanSheetResult): PlanInput {
    const doc = input('plan-doc').value.trim();
    const first = input('plan-first').value.trim();
    return {
      title: input('plan-title').value.trim(),
      ...(doc ? { docNumber: doc } : {}),
      schedule: schedule(),
      ...(first ? { firstPeriod: first } : {}),
      problems: sheet.problems,
      measures: sheet.measures,
    };
  }

  function showIssues(sheetName: string, issues: CheckIssue[]): void {
    $('plan-issues').replaceChildren(
      renderIssues(issues, ctx.t, ctx.locale, (issue) => {
        if (issue.column)
          void shown
            ?.select(sheetName, `${issue.column}${issue.row}`)
            .catch((e) => ctx.setStatus('plan-status', ctx.errorText(e), 'error'));
      }),
    );
  }

  function asIssue(row: number, column: string, message: string, code = 'plan'): CheckIssue {
    return { code: code as CheckIssue['code'], severity: 'error', row, column, message };
  }

  /** Which units report on which measures, as the township will see it once published. */
  function showPreview(inputPlan: PlanInput): void {
    const resolved = resolvePlan(inputPlan, { id: 'preview', units: ctx.units(), now: new Date() });
    if (!resolved.ok) return;
    const plan = resolved.plan;
    const lines = ctx
      .units()
      .map((u) => ({ name: u.name, ids: measuresFor(plan, u.id).map((m) => m.id) }))
      .filter((u) => u.ids.length > 0)
      .map((u) => h('li', {}, `${u.name}：${u.ids.join('、')}`));
    $('plan-preview').replaceChildren(
      h('p', { class: 'small' }, ctx.t('planUnits')),
      h('ul', { class: 'small' }, lines),
    );
  }

  async function readSheet(): Promise<void> {
    if (hasExcel()) shown = excelWorkbook();
    else if (uploaded) shown = uploaded;
    else throw new PaneNotice(ctx.t('planNeedsFile'));
    showSheet(await shown.readGrid());
  }

  /** The page: the table is read as a file (the spreadsheet library's chunk loads on first use), its plan sheet first. */
  async function upload(file: File): Promise<void> {
    const f = await import('../files/index.ts');
    try {
      const book = await f.readUpload(file.name, new Uint8Array(await file.arrayBuffer()));
      const planSheet = book.sheets.find((s) => matchColumns(s.grid, PLAN_FIELDS)) ?? book.sheets[0]!;
      uploaded = f.fileWorkbook(book, planSheet.name);
    } catch (e) {
      uploaded = undefined;
      if (e instanceof f.UploadError) throw new PaneNotice(uploadErrorText(e, ctx.t));
      throw e;
    }
    await readSheet();
  }

  /** Reads the grid with the columns chosen (else remembered for its layout, else known headers only). */
  function showSheet(grid: SheetGrid, chosen?: PlanColumns): void {
    const firstPeriod = input('plan-first').value.trim();
    const timing = { schedule: schedule(), firstPeriod: firstPeriod || '2000-01-H1' };
    const deadline = firstPeriod ? deadlineContextOf(timing) : { planYear: new Date().getFullYear() };
    const readWith = (columns?: PlanColumns) =>
      readPlanSheet(grid.grid, { units: ctx.units(), deadline, ...(columns ? { columns } : {}) });
    let sheet = readWith(chosen);
    const match = sheet.match;
    if (!chosen && match?.unknownRequired.length) {
      const remembered = rememberedColumns<keyof typeof match.columns>(ctx.storage, 'plan', match.layoutKey);
      if (remembered) sheet = readWith((chosen = { headerRow: match.headerRow, columns: remembered }));
    }
    const asking = !chosen && !!match?.unknownRequired.length;
    $('plan-match').replaceChildren(
      match
        ? columnMatchView(
            {
              fields: FIELDS,
              headers: match.headers,
              columns: chosen?.columns ?? match.columns,
              known: chosen ? FIELDS.map((f) => f.key) : match.known,
            },
            ctx.t,
            asking,
            (columns) => {
              rememberColumns(ctx.storage, 'plan', match.layoutKey, columns);
              showSheet(grid, { headerRow: match.headerRow, columns });
            },
          )
        : '',
    );
    read = { sheetName: grid.sheetName, sheet };
    $('plan-preview').replaceChildren();
    // While the columns are being asked, "缺少…列" would only repeat the question.
    const issues = asking ? sheet.issues.filter((i) => i.code !== 'required_column_missing') : sheet.issues;
    showIssues(
      grid.sheetName,
      issues.map((i) => asIssue(i.row, i.column, i.message, i.code)),
    );
    const ok = sheet.issues.length === 0 && sheet.measures.length > 0;
    $('publish-plan').hidden = !ok;
    if (asking) return ctx.setStatus('plan-status', ctx.t('planConfirmColumns'), 'error');
    if (!ok) return ctx.setStatus('plan-status', ctx.t('planHasIssues', { n: sheet.issues.length }), 'error');
    ctx.setStatus(
      'plan-status',
      ctx.t('planRead', { problems: sheet.problems.length, measures: sheet.measures.length }),
      'ok',
    );
    showPreview(planInput(sheet));
  }

  /** The Worker's findings (`measures.2.responsibleUnits`) on the cells they are about. */
  function placeServerIssues(err: ApiError, r: NonNullable<typeof read>): void {
    const issues = (err.issues ?? []).map((i) => {
      const m = /^measures\.(\d+)\.(\w+)$/.exec(i.path);
      const row = m ? r.sheet.measureRows[Number(m[1])] : undefined;
      const column = m ? r.sheet.columns[PATH_COLUMN[m[2]!] ?? 'measure'] : undefined;
      return asIssue(row ?? 1, column ?? 'A', i.message);
    });
    showIssues(r.sheetName, issues);
  }

  async function publish(): Promise<void> {
    if (!read) return;
    const body = planInput(read.sheet);
    if (!body.title) throw new PaneNotice(ctx.t('planTitleMissing'));
    try {
      const plan = await ctx.client().publishPlan(body);
      $('publish-plan').hidden = true;
      ctx.setStatus('plan-status', ctx.t('planPublished', { title: plan.title, measures: plan.measures.length }), 'ok');
      await onPublished();
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) placeServerIssues(err, read);
      throw err;
    }
  }

  return {
    wire() {
      $('plan-schedule').addEventListener('change', () => {
        $('plan-day-field').hidden = $<HTMLSelectElement>('plan-schedule').value !== 'monthly';
      });
      if (!hasExcel()) $('read-plan').textContent = ctx.t('readPlanUpload');
      const picker = $<HTMLInputElement>('plan-upload');
      picker.addEventListener('change', () => {
        const file = picker.files?.[0];
        if (file) void ctx.action($<HTMLButtonElement>('read-plan'), 'plan-status', () => upload(file));
        picker.value = '';
      });
      $('read-plan').addEventListener('click', (ev) =>
        ctx.action(ev.currentTarget as HTMLButtonElement, 'plan-status', readSheet),
      );
      $('publish-plan').addEventListener('click', (ev) =>
        ctx.action(ev.currentTarget as HTMLButtonElement, 'plan-status', publish),
      );
    },
  };
}
