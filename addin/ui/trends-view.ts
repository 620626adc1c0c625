// 趋势 in the pane: small inline SVG charts — per period the share of units on time / late / returned / missing / not
// due (stacked to 100 %), funds planned vs paid (two lines), per measure a strip of its units' statuses over the
// periods, and the 整改完成率 at each period's deadline when GET /trends sends it (closure-rate-chart.ts). Every bar
// and point carries a <title> with its exact figures.
import { STATUS_LABELS, type Status } from '../../core/schemas/status.ts';
import { TIMELINESS_LABELS } from '../../core/schemas/submission.ts';
import { type Trends } from '../../core/schemas/trends.ts';
import type { Locale, Translate } from '../i18n.ts';
import { closureRateChart } from './closure-rate-chart.ts';
import { h } from './dom.ts';
import { chart, LEFT, PLOT, svg, tip, W, xAxis } from './svg-chart.ts';

const SHARES = ['on_time', 'late', 'returned', 'missing', 'not_due'] as const;
const SHARE_COLORS = {
  on_time: '#107C10',
  late: '#D83B01',
  returned: '#C19C00',
  missing: '#A4262C',
  not_due: '#C8C6C4',
};
const STATUSES: Status[] = ['done', 'phased', 'ongoing', 'not_started'];
const STATUS_COLORS: Record<Status, string> = {
  done: '#107C10',
  phased: '#0078D4',
  ongoing: '#FFB900',
  not_started: '#A19F9D',
};

export function renderTrends(trends: Trends, t: Translate, locale: Locale): HTMLElement {
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const periods = trends.periods.map((p) => p.period);
  const slot = PLOT / periods.length;
  const bar = Math.max(slot * 0.7, 1);

  // 1. Timeliness shares, stacked to 100 %.
  const H1 = 110;
  const shares: SVGElement[] = [0, 50, 100].map((v) =>
    svg('text', { x: LEFT - 3, y: H1 - v + 3, 'font-size': 9, 'text-anchor': 'end', fill: '#605E5C' }, `${v}%`),
  );
  trends.periods.forEach((p, i) => {
    let y = H1;
    for (const k of SHARES) {
      if (!p[k] || !p.units) continue;
      const hgt = (p[k] / p.units) * 100;
      y -= hgt;
      shares.push(
        svg(
          'rect',
          { x: LEFT + slot * i + (slot - bar) / 2, y, width: bar, height: hgt, fill: SHARE_COLORS[k] },
          tip(`${p.period} ${TIMELINESS_LABELS[k][lang]} ${p[k]}/${p.units}`),
        ),
      );
    }
  });
  shares.push(...xAxis(periods, H1 + 11));

  // 2. Funds planned vs paid.
  const H2 = 90;
  const max = Math.max(1, ...trends.periods.flatMap((p) => [p.fundsPlanned, p.fundsPaid]));
  const line = (key: 'fundsPlanned' | 'fundsPaid', color: string) =>
    svg('polyline', {
      points: trends.periods
        .map((p, i) => `${(LEFT + slot * (i + 0.5)).toFixed(1)},${(H2 - (p[key] / max) * (H2 - 8)).toFixed(1)}`)
        .join(' '),
      fill: 'none',
      stroke: color,
      'stroke-width': 2,
      'data-series': key,
    });
  const funds: SVGElement[] = [
    svg('text', { x: LEFT - 3, y: 11, 'font-size': 9, 'text-anchor': 'end', fill: '#605E5C' }, String(Math.round(max))),
    svg('text', { x: LEFT - 3, y: H2 + 3, 'font-size': 9, 'text-anchor': 'end', fill: '#605E5C' }, '0'),
    svg('line', { x1: LEFT, y1: H2, x2: W - 4, y2: H2, stroke: '#C8C6C4' }),
    line('fundsPlanned', '#0078D4'),
    line('fundsPaid', '#107C10'),
    ...xAxis(periods, H2 + 11),
  ];

  // 3. Per measure: each period's cell stacks its units' statuses.
  const ROW = 12;
  const grid: SVGElement[] = [];
  trends.measures.forEach((m, r) => {
    const top = r * ROW + 2;
    grid.push(
      svg('text', { x: LEFT - 3, y: top + 9, 'font-size': 9, 'text-anchor': 'end', fill: '#323130' }, m.measureId),
    );
    m.counts.forEach((c, i) => {
      const total = STATUSES.reduce((n, s) => n + c[s], 0);
      const x = LEFT + slot * i + (slot - bar) / 2;
      if (!total) return void grid.push(svg('rect', { x, y: top, width: bar, height: ROW - 2, fill: '#F3F2F1' }));
      let y = top;
      for (const s of STATUSES) {
        if (!c[s]) continue;
        const hgt = (c[s] / total) * (ROW - 2);
        grid.push(
          svg(
            'rect',
            { x, y, width: bar, height: hgt, fill: STATUS_COLORS[s] },
            tip(`${m.measureId} ${periods[i]} ${STATUS_LABELS[s][lang]} ${c[s]}`),
          ),
        );
        y += hgt;
      }
    });
  });
  const H3 = trends.measures.length * ROW + 2;
  grid.push(...xAxis(periods, H3 + 10));

  return h(
    'div',
    { id: 'trends', class: 'trends' },
    ...[
      h('h3', {}, t('trendsTitle')),
      chart(
        'timeliness',
        t('trendsTimeliness'),
        H1 + 14,
        shares,
        SHARES.map((k) => [TIMELINESS_LABELS[k][lang], SHARE_COLORS[k]]),
      ),
      chart('funds', t('trendsFunds'), H2 + 14, funds, [
        [t('trendsPlanned'), '#0078D4'],
        [t('trendsPaid'), '#107C10'],
      ]),
      chart(
        'measures',
        t('trendsMeasures'),
        H3 + 14,
        grid,
        STATUSES.map((s) => [STATUS_LABELS[s][lang], STATUS_COLORS[s]]),
      ),
      closureRateChart(trends, t),
    ].filter((el): el is HTMLElement => el !== null),
  );
}
