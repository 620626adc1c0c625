// The validation issues, grouped by sheet row, errors first within a row; clicking one selects the cell.
import type { Locale } from '../i18n.ts';
import type { Translate } from '../i18n.ts';
import type { CheckIssue } from '../check-sheet.ts';
import { h } from './dom.ts';

export interface IssueGroup {
  row: number;
  issues: CheckIssue[];
}

/** Pure: issues grouped by row in sheet order, errors before warnings inside a row. */
export function groupIssuesByRow(issues: readonly CheckIssue[]): IssueGroup[] {
  const byRow = new Map<number, CheckIssue[]>();
  for (const issue of issues) {
    const list = byRow.get(issue.row);
    if (list) list.push(issue);
    else byRow.set(issue.row, [issue]);
  }
  return [...byRow.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([row, list]) => ({
      row,
      issues: list.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)),
    }));
}

export function renderIssues(
  issues: readonly CheckIssue[],
  t: Translate,
  locale: Locale,
  onSelect: (issue: CheckIssue) => void,
  limit = 300,
): HTMLElement {
  const groups = groupIssuesByRow(issues);
  const list = h('ol', { class: 'issues' });
  let shown = 0;
  for (const group of groups) {
    if (shown >= limit) break;
    const items = h('ul');
    for (const issue of group.issues) {
      if (shown++ >= limit) break;
      const text = locale === 'en-US' && issue.messageEn ? issue.messageEn : issue.message;
      items.append(
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: `issue ${issue.severity}`,
              title: `${issue.column}${issue.row}`,
              onclick: () => onSelect(issue),
            },
            h('span', { class: 'badge' }, t(issue.severity)),
            h('span', { class: 'cell' }, issue.column ? `${issue.column}${issue.row}` : ''),
            h('span', { class: 'msg' }, text),
          ),
        ),
      );
    }
    list.append(
      h('li', { class: 'issue-row' }, h('div', { class: 'row-label' }, t('rowLabel', { row: group.row })), items),
    );
  }
  if (issues.length > shown) list.append(h('li', { class: 'more' }, `… +${issues.length - shown}`));
  return list;
}
