import { scaleBand, scaleLinear } from 'd3-scale';
import type { DayReport } from '../report.js';
import { escapeHtml } from './html-escape.js';
import { maxOf } from './max-of.js';

const WIDTH = 920;
const HEIGHT = 260;
const MARGIN = { top: 40, right: 16, bottom: 48, left: 44 } as const;
const MAX_BAR_WIDTH = 56;
/** Horizontal room a two-line date label needs; on long windows only every n-th day is labelled. */
const LABEL_WIDTH = 52;
const FONT = 'Segoe UI, Helvetica, Arial, sans-serif';
const MUTED = '#59636e';
const TICK_COUNT = 5;

/** Bottom to top, as the bars are stacked. */
const SERIES = [
  { count: 'successfulRuns', name: 'successful', label: 'Successful', color: '#2da44e' },
  { count: 'warningRuns', name: 'warning', label: 'Warning', color: '#e3b341' },
  { count: 'failedRuns', name: 'failed', label: 'Failed', color: '#cf222e' },
] as const;

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A coordinate with at most two decimals, so that the markup stays short and stable. */
const px = (value: number): string => String(Math.round(value * 100) / 100);
const dayTotal = (day: DayReport): number => day.successfulRuns + day.warningRuns + day.failedRuns;

/** `2025-09-17` as `['Wed', 'Sep 17']`; a date in any other shape as itself. */
function dateLabel(date: string): string[] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return [date];
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  const monthName = MONTHS[month - 1];
  if (weekday === undefined || monthName === undefined) return [date];
  return [weekday, `${monthName} ${day}`];
}

/** The chart in one sentence: its accessible name, and its caption where SVG does not show. */
function summarize(days: readonly DayReport[]): string {
  const sum = (count: (typeof SERIES)[number]['count']): number =>
    days.reduce((total, day) => total + day[count], 0);
  const first = days[0];
  const last = days[days.length - 1];
  const span =
    first === undefined || last === undefined ? '' : ` from ${first.date} to ${last.date}`;
  const failedDays = days.filter((day) => day.failedRuns > 0).length;
  const mostFailed = maxOf(
    days.map((day) => day.failedRuns),
    0,
  );
  return (
    `Runs per day${span}: ${sum('successfulRuns')} successful, ${sum('warningRuns')} with a ` +
    `warning, ${sum('failedRuns')} failed. ` +
    (failedDays === 0
      ? 'No failed runs.'
      : `Failed runs on ${failedDays} of ${days.length} days, at most ${mostFailed} a day.`)
  );
}

/**
 * The daily outcomes of the report as an inline SVG of stacked bars (successful, warning, failed
 * runs per day) with a y axis of nice ticks, date labels and a legend, followed by a one-sentence
 * caption. Plain markup with presentation attributes, so it needs neither script nor stylesheet.
 * Each day is a `<g class="day">` whose `data-*` attributes hold its counts.
 */
export function dailyOutcomesChart(days: readonly DayReport[]): string {
  const summary = escapeHtml(summarize(days));
  const bottom = HEIGHT - MARGIN.bottom;
  const right = WIDTH - MARGIN.right;
  const y = scaleLinear()
    .domain([0, maxOf(days.map(dayTotal), 1)])
    .nice(TICK_COUNT)
    .range([bottom, MARGIN.top]);
  const x = scaleBand<number>()
    .domain(days.map((_, index) => index))
    .range([MARGIN.left, right])
    .paddingInner(0.25)
    .paddingOuter(0.15);
  const barWidth = Math.min(x.bandwidth(), MAX_BAR_WIDTH);
  const labelEvery = Math.max(1, Math.ceil(LABEL_WIDTH / x.step()));

  const legendItems: string[] = [];
  let legendX = MARGIN.left;
  for (const series of SERIES) {
    legendItems.push(
      `<rect x="${legendX}" y="8" width="12" height="12" rx="2" fill="${series.color}"/>`,
      `<text x="${legendX + 18}" y="14" dy="0.35em">${series.label}</text>`,
    );
    legendX += 18 + series.label.length * 7 + 20;
  }

  // Runs are whole numbers: a fractional tick would label a line no bar can end at.
  const ticks = y.ticks(TICK_COUNT).filter((tick) => Number.isInteger(tick));
  const grid = ticks.map((tick) => {
    const at = px(y(tick));
    return (
      `<line x1="${MARGIN.left}" x2="${right}" y1="${at}" y2="${at}" ` +
      `stroke="${tick === 0 ? '#8c959f' : '#d8dee4'}"/>` +
      `<text x="${MARGIN.left - 8}" y="${at}" dy="0.32em" text-anchor="end">${tick}</text>`
    );
  });

  const bars = days.map((day, index) => {
    const left = (x(index) ?? 0) + (x.bandwidth() - barWidth) / 2;
    let stacked = 0;
    const rects = SERIES.flatMap((series) => {
      const count = day[series.count];
      if (count <= 0) return [];
      const top = y(stacked + count);
      const height = y(stacked) - top;
      stacked += count;
      return [
        `<rect class="${series.name}" x="${px(left)}" y="${px(top)}" width="${px(barWidth)}" ` +
          `height="${px(height)}" fill="${series.color}"/>`,
      ];
    });
    const date = escapeHtml(day.date);
    return (
      `<g class="day" data-date="${date}" data-successful="${day.successfulRuns}" ` +
      `data-warning="${day.warningRuns}" data-failed="${day.failedRuns}">` +
      `<title>${date}: ${day.successfulRuns} successful, ${day.warningRuns} warning, ` +
      `${day.failedRuns} failed</title>${rects.join('')}</g>`
    );
  });

  const labels = days.flatMap((day, index) => {
    if (index % labelEvery !== 0) return [];
    const center = px((x(index) ?? 0) + x.bandwidth() / 2);
    const lines = dateLabel(day.date).map(
      (line, lineIndex) =>
        `<tspan x="${center}" dy="${lineIndex === 0 ? '0' : '1.25em'}">${escapeHtml(line)}</tspan>`,
    );
    return [`<text y="${bottom + 16}" text-anchor="middle">${lines.join('')}</text>`];
  });

  return [
    '<div class="chart">',
    `<svg class="day-chart" role="img" aria-label="${summary}" width="${WIDTH}" height="${HEIGHT}" ` +
      `viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${FONT}" font-size="12" fill="${MUTED}">`,
    `<title>${summary}</title>`,
    `<g class="legend" fill="#1f2328">${legendItems.join('')}</g>`,
    `<g class="y-axis">${grid.join('')}</g>`,
    `<g class="days">${bars.join('\n')}</g>`,
    `<g class="x-axis">${labels.join('')}</g>`,
    '</svg>',
    `<p class="caption">${summary}</p>`,
    '</div>',
  ].join('\n');
}
