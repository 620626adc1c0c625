// 佐证材料: the checklist's rows (from the latest 校验, Excel or an uploaded file), files attached beside each row or to
// the row under Excel's cursor, photos downscaled before upload, the outbox's progress, and opening a file through
// a 10-minute link. `?evidence=<id>` in the page's address (a sheet's link) opens that file: evidence-link.ts.
import { EVIDENCE_LIMITS, formatBytes } from '../../core/evidence/limits.ts';
import type { SheetCheck } from '../check-sheet.ts';
import { activeRow, hasExcel } from '../excel/index.ts';
import type { EvidenceOutbox } from '../evidence/evidence-outbox.ts';
import type { StoredEvidence } from '../evidence/evidence-store.ts';
import { prepareFile } from '../evidence/prepare-image.ts';
import { renderEvidenceRows, rowKey, type EvidenceRow } from '../ui/evidence-view.ts';
import type { CheckPanel } from './check-panel.ts';
import { openEvidenceFile, openLinkedEvidence } from './evidence-link.ts';
import { $, input, type PaneContext } from './pane-context.ts';

export interface EvidencePanel {
  /** The rows of a new 校验 verdict. */
  showRows(c: SheetCheck): void;
  /** Uploads what waits (back online, connected). */
  flush(): Promise<void>;
  /** Opens the file named by `?evidence=<id>` in the page's address (a sheet's link), or says to connect first. */
  fromLink(): Promise<void>;
  wire(): void;
}

/** `period`: the period a report would go to now (the 提交 step's), which files are filed under and listed for. */
export function createEvidencePanel(
  ctx: PaneContext,
  check: Pick<CheckPanel, 'run'>,
  outbox: EvidenceOutbox,
  period: () => string,
): EvidencePanel {
  let rows: EvidenceRow[] = [];
  let current: string | undefined;
  let attachingTo: EvidenceRow | undefined;
  let redraw: number | undefined;
  const status = (text: string, kind: 'ok' | 'error' | '' = '') => ctx.setStatus('evidence-status', text, kind);

  function showRows(c: SheetCheck): void {
    const measures = new Map((ctx.plan()?.measures ?? []).map((m) => [m.id, m.title]));
    rows = c.rows.flatMap((r) =>
      r.data
        ? [
            {
              measureId: r.data.measureId,
              item: r.data.item,
              title: measures.get(r.data.measureId) ?? '',
              sheetRow: r.sheetRow,
            },
          ]
        : [],
    );
    void render();
  }

  async function render(): Promise<void> {
    const unitId = ctx.unitId();
    const plan = ctx.plan()?.id;
    const shown = period();
    const records = (await outbox.list()).filter(
      (r) => r.unitId === unitId && r.target.plan === plan && r.target.period === shown,
    );
    $('evidence-list').replaceChildren(
      rows.length
        ? renderEvidenceRows(rows, records, outbox.progress, ctx.t, ctx.locale, { attach: pick, open, remove }, current)
        : Object.assign(document.createElement('p'), {
            className: 'muted small',
            textContent: ctx.t('evidenceNoRows'),
          }),
    );
  }

  /** 删除: on the server too once uploaded; refused (a report refers to it) or offline, the file stays listed. */
  function remove(record: StoredEvidence): void {
    status('');
    outbox.remove(record.localId).catch((err: unknown) => status(ctx.errorText(err), 'error'));
  }

  function pick(row: EvidenceRow): void {
    attachingTo = row;
    current = rowKey(row);
    $<HTMLInputElement>('evidence-picker').click();
  }

  async function attach(row: EvidenceRow, files: File[]): Promise<void> {
    const unitId = ctx.connectedUnitId() ?? ctx.unitId();
    const plan = ctx.plan();
    const filedUnder = period();
    if (!unitId || !plan || !filedUnder) throw new Error(ctx.notConnectedText());
    const notes: string[] = [];
    let refused = false;
    let count = (await outbox.list()).filter(
      (r) =>
        r.unitId === unitId &&
        r.target.plan === plan.id &&
        r.target.period === filedUnder &&
        rowKey({ measureId: r.target.measure, item: r.target.item }) === rowKey(row),
    ).length;
    const added: Promise<StoredEvidence>[] = [];
    for (const file of files) {
      if (count >= EVIDENCE_LIMITS.filesPerRow) {
        notes.push(
          ctx.t('evidenceTooMany', { row: row.sheetRow, limit: EVIDENCE_LIMITS.filesPerRow, file: file.name }),
        );
        refused = true;
        continue;
      }
      const prepared = await prepareFile(file, input('evidence-keep-original').checked);
      if (prepared.blob.size > EVIDENCE_LIMITS.fileBytes) {
        notes.push(
          ctx.t('evidenceTooLarge', {
            file: file.name,
            size: formatBytes(prepared.blob.size),
            limit: formatBytes(EVIDENCE_LIMITS.fileBytes),
          }),
        );
        refused = true;
        continue;
      }
      if (prepared.heic && !input('evidence-keep-original').checked)
        notes.push(ctx.t('evidenceHeicOriginal', { file: file.name, size: formatBytes(prepared.blob.size) }));
      if (prepared.downscaled)
        notes.push(
          ctx.t('evidenceDownscaled', {
            file: file.name,
            from: prepared.downscaled.from.join('×'),
            to: prepared.downscaled.to.join('×'),
          }),
        );
      count++;
      const target = {
        plan: plan.id,
        period: filedUnder,
        measure: row.measureId,
        ...(row.item ? { item: row.item } : {}),
        name: prepared.name,
      };
      added.push(outbox.add(prepared.blob, target, { unitId, thumbnail: prepared.thumbnail }));
    }
    status(
      [ctx.t('evidenceAdded', { row: row.sheetRow, count: added.length }), ...notes].join(' '),
      refused ? 'error' : 'ok',
    );
    await Promise.all(added);
  }

  function open(record: StoredEvidence): void {
    if (record.file) openEvidenceFile(ctx, record.file.id, (err) => status(ctx.errorText(err), 'error'));
  }

  function wire(): void {
    $('evidence-hint').textContent = ctx.t('evidenceHint', {
      limit: formatBytes(EVIDENCE_LIMITS.fileBytes),
      perRow: EVIDENCE_LIMITS.filesPerRow,
    });
    outbox.onChange(() => {
      if (redraw === undefined) redraw = requestAnimationFrame(() => ((redraw = undefined), void render()));
    });
    $('period').addEventListener('change', () => void render());
    $('evidence-rows').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'evidence-status', async () => {
        status('');
        await check.run();
      }),
    );
    $('evidence-current').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'evidence-status', async () => {
        const { row } = await activeRow();
        if (!rows.length) await check.run();
        const found = rows.find((r) => r.sheetRow === row);
        if (!found) throw new Error(ctx.t('evidenceNotARow', { row }));
        pick(found);
        void render();
      }),
    );
    const picker = $<HTMLInputElement>('evidence-picker');
    picker.addEventListener('change', () => {
      const files = [...(picker.files ?? [])];
      picker.value = '';
      if (attachingTo && files.length) void attach(attachingTo, files).catch((e) => status(ctx.errorText(e), 'error'));
    });
    $('evidence-current').hidden = !hasExcel();
    // The buttons stay disabled in the page until this chunk has wired them: a click before would do nothing.
    $<HTMLButtonElement>('evidence-rows').disabled = false;
    $<HTMLButtonElement>('evidence-current').disabled = false;
    void render();
  }

  return {
    showRows,
    flush: () => outbox.flush(ctx.connectedUnitId()),
    fromLink: () => openLinkedEvidence(ctx),
    wire,
  };
}
