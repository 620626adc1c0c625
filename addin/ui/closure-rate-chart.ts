// 趋势 in the pane, its fourth chart: the 整改完成率 at each period's deadline (GET /trends' periods[].closure, the same
// figures as the 趋势 sheet's fourth chart) — one line for 单位·措施, one for 措施, a point with its figures per period.
import { formatRate } from '../../core/closure/closure-rate.ts';
import type { Trends } from '../../core/schemas/trends.ts';
import type { Translate } from '../i18n.ts';
import { chart, LEFT, PLOT, svg, tip, W, xAxis } from './svg-chart.ts';

const CLOSURE_SERIES = [
  ['measures', '#107C10'],
  ['pairs', '#0078D4'],
] as const;
/** Tops of the rate axis: the smallest that holds the highest rate, so a first 销号 or two is not a flat line at 0. */
const RATE_TOPS = [0.05, 0.1, 0.25, 0.5, 1];

/** The chart, or null when the Worker sent no 整改完成率. */
export function closureRateChart(trends: Trends, t: Translate): HTMLElement | null {
  if (!trends.periods.some((p) => p.closure)) return null;
  const H = 90;
  const slot = PLOT / trends.periods.length;
  const highest = Math.max(
    0,
    ...trends.periods.flatMap((p) => [p.closure?.pairs.rate ?? 0, p.closure?.measures.rate ?? 0]),
  );
  const top = RATE_TOPS.find((v) => v >= highest) ?? 1;
  const y = (rate: number) => (H - (rate / top) * (H - 8)).toFixed(1);
  const label = (key: (typeof CLOSURE_SERIES)[number][0]) =>
    t(key === 'pairs' ? 'trendsClosurePairs' : 'trendsClosureMeasures');
  const body: SVGElement[] = [
    svg('text', { x: LEFT - 3, y: 11, 'font-size': 9, 'text-anchor': 'end', fill: '#605E5C' }, `${top * 100}%`),
    svg('text', { x: LEFT - 3, y: H + 3, 'font-size': 9, 'text-anchor': 'end', fill: '#605E5C' }, '0'),
    svg('line', { x1: LEFT, y1: 8, x2: W - 4, y2: 8, stroke: '#EDEBE9' }),
    svg('line', { x1: LEFT, y1: H, x2: W - 4, y2: H, stroke: '#C8C6C4' }),
  ];
  // Measures first, so the 单位·措施 line (the finer one) is drawn over it where both are equal.
  for (const [key, color] of CLOSURE_SERIES) {
    const points = trends.periods.flatMap((p, i) => {
      const r = p.closure?.[key];
      return r && r.rate !== null
        ? [{ x: (LEFT + slot * (i + 0.5)).toFixed(1), y: y(r.rate), r, period: p.period }]
        : [];
    });
    body.push(
      svg('polyline', {
        points: points.map((p) => `${p.x},${p.y}`).join(' '),
        fill: 'none',
        stroke: color,
        'stroke-width': key === 'measures' ? 3 : 2,
        'data-series': key,
      }),
      ...points.map((p) =>
        svg(
          'circle',
          { cx: p.x, cy: p.y, r: 2.5, fill: color, 'data-series': key },
          tip(`${p.period} ${label(key)} ${p.r.closed}/${p.r.total}（${formatRate(p.r)}）`),
        ),
      ),
    );
  }
  body.push(
    ...xAxis(
      trends.periods.map((p) => p.period),
      H + 11,
    ),
  );
  return chart(
    'closure',
    t('trendsClosure'),
    H + 14,
    body,
    [...CLOSURE_SERIES].reverse().map(([key, color]) => [label(key), color]),
  );
}
