// 佐证材料查阅 (supervisor): the files of a unit, measure and period as a table — unit, 措施 (and 子项), the name as a
// link, size, the SHA-256's first 8 digits (as the 报送单 prints them, so paper and file match) and upload time.
import { shortHash } from '../../core/evidence/evidence-id.ts';
import { formatBytes } from '../../core/evidence/limits.ts';
import { formatCst } from '../../core/calendar/half-month.ts';
import type { EvidenceFile } from '../../core/schemas/evidence.ts';
import type { MessageKey, Translate } from '../i18n.ts';
import { h } from './dom.ts';

export function renderEvidenceFiles(
  files: readonly EvidenceFile[],
  unitName: (id: string) => string,
  t: Translate,
  open: (file: EvidenceFile) => void,
): HTMLElement {
  if (!files.length) return h('p', { class: 'muted small' }, t('evidenceBrowserNone'));
  const head: MessageKey[] = [
    'evidenceBrowserUnit',
    'evidenceBrowserMeasure',
    'evidenceBrowserFile',
    'evidenceBrowserSize',
    'evidenceBrowserHash',
    'evidenceBrowserUploadedAt',
  ];
  return h(
    'div',
    { class: 'table-scroll' },
    h('p', { class: 'muted small' }, t('evidenceBrowserCount', { count: files.length })),
    h(
      'table',
      { class: 'evidence-files-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          head.map((k) => h('th', {}, t(k))),
        ),
      ),
      h(
        'tbody',
        {},
        files.map((f) =>
          h(
            'tr',
            { 'data-id': f.id },
            h('td', {}, unitName(f.unitId)),
            h('td', {}, f.item ? `${f.measureId} · ${f.item}` : f.measureId),
            h(
              'td',
              {},
              h(
                'a',
                { href: '#', class: 'evidence-name', onclick: (ev: Event) => (ev.preventDefault(), open(f)) },
                f.name,
              ),
            ),
            h('td', { class: 'num' }, formatBytes(f.size)),
            h('td', {}, h('code', {}, shortHash(f.sha256))),
            h('td', {}, formatCst(f.uploadedAt)),
          ),
        ),
      ),
    ),
  );
}
