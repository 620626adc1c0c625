// The web page without Excel: 下载填报模板, 上传表格 (and the sheet to use), 下载标注版. The uploaded file becomes the
// Workbook the check and submit panels work on; the spreadsheet library (addin/files/) is loaded on first use only.
import { cstDate } from '../../core/calendar/half-month.ts';
import type { FileWorkbook } from '../files/file-workbook.ts';
import { deliverFile } from './deliver-file.ts';
import { uploadErrorText } from '../ui/upload-error-text.ts';
import type { Workbook } from '../workbook/workbook.ts';
import { $, type PaneContext } from './pane-context.ts';
import { PaneNotice } from '../pane-notice.ts';
import { templateRows } from '../sheets/template-layout.ts';

const files = () => import('../files/index.ts');

export interface FilePanel {
  /** The uploaded workbook; throws (in Chinese) when none was uploaded. */
  workbook(): Workbook;
  wire(): void;
}

/** `onChange`: another file or sheet (the old verdict is void); `onLoaded`: a file was read and can be checked. */
export function createFilePanel(
  ctx: PaneContext,
  onChange: () => void,
  onLoaded: () => void = () => undefined,
): FilePanel {
  let current: FileWorkbook | undefined;
  const status = (text: string, kind: 'ok' | 'error' | '' = '') => ctx.setStatus('file-status', text, kind);

  async function load(file: File): Promise<void> {
    current = undefined;
    $('annotated').hidden = true;
    $('sheet-field').hidden = true;
    status(ctx.t('fileReading'));
    const f = await files();
    try {
      const book = await f.readUpload(file.name, new Uint8Array(await file.arrayBuffer()));
      current = f.fileWorkbook(book);
    } catch (e) {
      if (e instanceof f.UploadError) return status(uploadErrorText(e, ctx.t), 'error');
      throw e;
    } finally {
      onChange();
    }
    const select = $<HTMLSelectElement>('sheet');
    select.replaceChildren(
      ...current.book.sheets.map((s) => new Option(s.name, s.name, false, s.name === current!.sheetName)),
    );
    $('sheet-field').hidden = current.book.sheets.length < 2;
    status(
      ctx.t('fileLoaded', { file: file.name, sheets: current.book.sheets.length, sheet: current.sheetName }),
      'ok',
    );
    onLoaded();
  }

  function wire(): void {
    $('download-template').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'file-status', async () => {
        const plan = ctx.plan();
        const unit = ctx.units().find((u) => u.id === ctx.unitId());
        if (!unit) throw new PaneNotice(ctx.notConnectedText());
        if (!plan) throw new PaneNotice(ctx.t('noPlan'));
        const name = `整改清单-${unit.name}.xlsx`;
        status(
          await deliverFile(
            ctx,
            name,
            await (await files()).templateXlsx(plan, unit, templateRows(plan, unit.id, ctx.closedMeasureIds)),
          ),
          'ok',
        );
      }),
    );
    const picker = $<HTMLInputElement>('upload');
    picker.addEventListener('change', () => {
      const file = picker.files?.[0];
      if (file) void load(file).catch((e) => status(ctx.errorText(e), 'error'));
      // The same file chosen again (after fixing it) must fire change again.
      picker.value = '';
    });
    $<HTMLSelectElement>('sheet').addEventListener('change', (ev) => {
      if (!current) return;
      current.sheetName = (ev.currentTarget as HTMLSelectElement).value;
      $('annotated').hidden = true;
      onChange();
    });
    $('annotated').addEventListener('click', (ev) =>
      ctx.action(ev.currentTarget as HTMLButtonElement, 'file-status', async () => {
        if (!current) throw new PaneNotice(ctx.t('needFile'));
        const base = current.book.fileName.replace(/\.[^.]+$/, '');
        const name = `${base}-标注版-${cstDate(new Date())}.xlsx`;
        status(
          await deliverFile(
            ctx,
            name,
            await (await files()).annotatedXlsx(current.book, current.sheetName, current.lastIssues()),
          ),
          'ok',
        );
      }),
    );
  }

  return {
    workbook: () => {
      if (!current) throw new PaneNotice(ctx.t('needFile'));
      const wb = current;
      return {
        ...wb,
        readGrid: wb.readGrid,
        highlight: async (s, i) => {
          await wb.highlight(s, i);
          $('annotated').hidden = false;
        },
        select: wb.select,
      };
    },
    wire,
  };
}
