// The few SVG pieces the pane's 趋势 charts share (no charting library): an element builder, a <title> tooltip, a
// captioned figure with its legend, and the period axis. Every chart is W wide with its plot right of LEFT.
import { h } from './dom.ts';

const NS = 'http://www.w3.org/2000/svg';
export const W = 300;
export const LEFT = 30;
export const PLOT = W - LEFT - 4;

export function svg(
  tag: string,
  attrs: Record<string, string | number>,
  ...children: (SVGElement | string)[]
): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}
export const tip = (text: string) => svg('title', {}, text);

/** "2023-11-H2" → "11下", "2024-03" → "3月": short enough for an axis. */
export function axisLabel(period: string): string {
  const m = /^\d{4}-(\d{2})(?:-H([12]))?$/.exec(period);
  if (!m) return period;
  return `${Number(m[1])}${m[2] ? (m[2] === '1' ? '上' : '下') : '月'}`;
}

export function chart(
  name: string,
  title: string,
  height: number,
  body: SVGElement[],
  legend: [string, string][],
): HTMLElement {
  const root = svg(
    'svg',
    { viewBox: `0 0 ${W} ${height}`, width: '100%', role: 'img', 'data-chart': name, 'aria-label': title },
    tip(title),
    ...body,
  );
  return h(
    'figure',
    { class: 'trend-chart' },
    h('figcaption', {}, title),
    root as unknown as HTMLElement,
    h(
      'div',
      { class: 'trend-legend' },
      ...legend.map(([label, color]) => h('span', {}, h('i', { style: `background:${color}` }), label)),
    ),
  );
}

export function xAxis(periods: string[], y: number): SVGElement[] {
  const step = Math.ceil(periods.length / 8);
  const slot = PLOT / periods.length;
  return periods.flatMap((p, i) =>
    i % step
      ? []
      : [
          svg(
            'text',
            { x: LEFT + slot * (i + 0.5), y, 'font-size': 9, 'text-anchor': 'middle', fill: '#605E5C' },
            axisLabel(p),
          ),
        ],
  );
}
