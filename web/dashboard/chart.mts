/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * A line chart drawn as inline SVG, no library: one line per series over an ordered list of
 * categories (quarters), with value and category axes, their labels and a legend. A missing
 * point (a subject not ranked that quarter) breaks the line instead of inventing a value.
 */

export interface Series {
  key: string;
  label: string;
  values: (number | null)[];
}

export interface LineChartOptions {
  categories: string[];
  series: Series[];
  xLabel: string;
  yLabel: string;
  title: string;
}

const SVG = 'http://www.w3.org/2000/svg';
// Tableau 10: distinguishable, and still apart when printed in grey.
const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];
const DASHES = ['', '6 3', '2 3'];

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attributes: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Round tick values covering [min, max]: steps of 1, 2 or 5 times a power of ten. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= Math.ceil(max / step) * step + step / 2; v += step)
    ticks.push(Number(v.toFixed(6)));
  return ticks;
}

/** Where things go: the plot area and the value → pixel mappings. */
interface Frame {
  width: number;
  height: number;
  rowHeight: number;
  plot: { left: number; top: number; right: number; bottom: number };
  ticks: number[];
  x: (i: number) => number;
  y: (v: number) => number;
}

function frameOf(options: LineChartOptions): Frame {
  const { categories, series } = options;
  const legendWidth = 230;
  const width = 900;
  const rowHeight = 20;
  const height = Math.max(340, 70 + series.length * rowHeight);
  const plot = { left: 64, top: 20, right: width - legendWidth - 16, bottom: height - 56 };
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const ticks = niceTicks(values.length ? Math.min(...values) : 0, values.length ? Math.max(...values) : 100);
  const yMin = ticks[0];
  const yMax = ticks[ticks.length - 1];
  const x = (i: number) =>
    categories.length === 1
      ? (plot.left + plot.right) / 2
      : plot.left + ((plot.right - plot.left) * i) / (categories.length - 1);
  const y = (v: number) => plot.bottom - ((plot.bottom - plot.top) * (v - yMin)) / (yMax - yMin || 1);
  return { width, height, rowHeight, plot, ticks, x, y };
}

function axes(options: LineChartOptions, { plot, ticks, x, y, height }: Frame): SVGGElement {
  const group = el('g', { class: 'axes' });
  for (const tick of ticks) {
    group.append(el('line', { x1: plot.left, x2: plot.right, y1: y(tick), y2: y(tick), class: 'grid' }));
    group.append(el('text', { x: plot.left - 8, y: y(tick) + 4, 'text-anchor': 'end', class: 'tick' }, String(tick)));
  }
  options.categories.forEach((category, i) => {
    group.append(el('line', { x1: x(i), x2: x(i), y1: plot.bottom, y2: plot.bottom + 5, class: 'axis' }));
    group.append(el('text', { x: x(i), y: plot.bottom + 20, 'text-anchor': 'middle', class: 'tick' }, category));
  });
  group.append(el('line', { x1: plot.left, x2: plot.right, y1: plot.bottom, y2: plot.bottom, class: 'axis' }));
  group.append(el('line', { x1: plot.left, x2: plot.left, y1: plot.top, y2: plot.bottom, class: 'axis' }));
  const middle = { x: (plot.left + plot.right) / 2, y: (plot.top + plot.bottom) / 2 };
  group.append(
    el('text', { x: middle.x, y: height - 12, 'text-anchor': 'middle', class: 'axis-label' }, options.xLabel),
    el(
      'text',
      { x: 0, y: 0, transform: `translate(16 ${middle.y}) rotate(-90)`, 'text-anchor': 'middle', class: 'axis-label' },
      options.yLabel,
    ),
  );
  return group;
}

/** One series: a path with a move-to after every gap, its points, and its legend row. */
function seriesGroup(s: Series, index: number, categories: string[], { plot, rowHeight, x, y }: Frame): SVGGElement {
  const color = PALETTE[index % PALETTE.length];
  const dash = DASHES[Math.floor(index / PALETTE.length) % DASHES.length];
  const group = el('g', { class: 'series', 'data-series': s.key });
  let d = '';
  let pen = false;
  s.values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)} `;
    pen = true;
  });
  group.append(el('path', { d: d.trim(), fill: 'none', stroke: color, 'stroke-width': 2, 'stroke-dasharray': dash }));
  s.values.forEach((v, i) => {
    if (v === null) return;
    const point = el('circle', { cx: x(i), cy: y(v), r: 3.5, fill: color });
    point.append(el('title', {}, `${s.label}, ${categories[i]}: ${v}`));
    group.append(point);
  });
  const ly = plot.top + index * rowHeight;
  const legend = { x1: plot.right + 24, x2: plot.right + 48, y1: ly + 6, y2: ly + 6 };
  group.append(el('line', { ...legend, stroke: color, 'stroke-width': 3, 'stroke-dasharray': dash }));
  group.append(el('text', { x: plot.right + 54, y: ly + 10, class: 'legend' }, s.label));
  return group;
}

export function lineChart(options: LineChartOptions): SVGSVGElement {
  const frame = frameOf(options);
  const svg = el('svg', {
    viewBox: `0 0 ${frame.width} ${frame.height}`,
    role: 'img',
    'aria-labelledby': 'chart-title',
    class: 'line-chart',
  });
  svg.append(el('title', { id: 'chart-title' }, options.title));
  svg.append(axes(options, frame));
  options.series.forEach((s, index) => svg.append(seriesGroup(s, index, options.categories, frame)));
  return svg;
}
