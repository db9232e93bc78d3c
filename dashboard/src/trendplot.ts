// The uPlot canvas of the trend panel: engagements (all, and authentic beside them), clicks and
// conversions (left axis) and impressions (right axis) per event-time minute, in UTC. Minutes
// corrected by late data are shaded amber, with a marker on the top edge; minutes with an engagement
// spike alert get a dashed line with a marker on the bottom edge, and minutes in which inauthentic
// engagement began a purple line with a square marker. Minutes event time has not passed yet are
// not part of the lines: they are drawn dotted from the last whole minute, with hollow points, as
// figures so far, over a grey band. The chart is created once and fed with setData, so live updates redraw
// the canvas in place (no DOM rebuild, no flicker).

import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatCount, formatUtcMinute } from './format';
import { MINUTE_MS, type TrendData } from './series';

export const CHART_HEIGHT = 240;

/** Colours shared with the panel's own legend entry (styles.css uses the same values). */
export const COLORS = {
  engagements: '#3b5bdb',
  authentic: '#1864ab',
  incident: '#862e9c',
  unfinishedFill: 'rgba(134, 142, 150, 0.12)',
  clicks: '#0c8599',
  conversions: '#2b8a3e',
  spike: '#c92a2a',
  impressions: '#868e96',
  corrected: '#f08c00',
  correctedFill: 'rgba(250, 176, 5, 0.22)',
  grid: '#edf0f3',
  axis: '#5f6b7a',
} as const;

const AXIS_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Dots on the lines only while there are few minutes (one minute alone is otherwise invisible). */
const FEW_POINTS = 16;
const points: uPlot.Series.Points = { show: (_u, _s, first, last) => last - first < FEW_POINTS };

/** Tick spacings of the time axis, in seconds: whole minutes only (the data is per minute). */
const MINUTE_INCREMENTS = [60, 120, 300, 600, 900, 1800, 3600];

export interface TrendPlot {
  update(trend: TrendData): void;
  resize(width: number): void;
  destroy(): void;
}

/** A scale from 0 to a little above the largest value (1 when everything is 0). */
function fromZero(_u: uPlot, _min: number | null, max: number | null): uPlot.Range.MinMax {
  return [0, max !== null && max > 0 ? max * 1.08 : 1];
}

/** One minute alone still gets some width around it. */
function xRange(_u: uPlot, min: number | null, max: number | null): uPlot.Range.MinMax {
  if (min === null || max === null) return [0, 60];
  return min === max ? [min - 60, max + 60] : [min, max];
}

export function createTrendPlot(container: HTMLElement, width: number): TrendPlot {
  let corrected = new Set<number>();
  let spikes: readonly number[] = [];
  let incidents: readonly number[] = [];
  /** The figures of every minute, the unfinished ones included (the lines' data leaves those out). */
  let full: number[][] = [[], [], [], [], [], []];
  let unfinished = 0;

  const drawIncidents = (u: uPlot): void => {
    if (incidents.length === 0) return;
    const { left, top, width: plotWidth, height } = u.bbox;
    const ctx = u.ctx;
    const marker = 4 * uPlot.pxRatio;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, plotWidth, height);
    ctx.clip();
    ctx.strokeStyle = COLORS.incident;
    ctx.fillStyle = COLORS.incident;
    ctx.lineWidth = uPlot.pxRatio;
    ctx.setLineDash([1 * uPlot.pxRatio, 3 * uPlot.pxRatio]);
    for (const start of incidents) {
      const mid = u.valToPos(start / 1000, 'x', true);
      ctx.beginPath();
      ctx.moveTo(mid, top);
      ctx.lineTo(mid, top + height);
      ctx.stroke();
      ctx.fillRect(mid - marker, top + height - 2 * marker, 2 * marker, 2 * marker);
    }
    ctx.restore();
  };

  // The minutes still filling: a grey band, and each line continued dotted to hollow points.
  const drawUnfinished = (u: uPlot): void => {
    const count = full[0]!.length;
    if (unfinished === 0 || count === 0) return;
    const { left, top, width: plotWidth, height } = u.bbox;
    const ctx = u.ctx;
    const first = count - unfinished;
    const halfMinute = MINUTE_MS / 2000;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, plotWidth, height);
    ctx.clip();
    const x0 = u.valToPos(full[0]![first]! - halfMinute, 'x', true);
    ctx.fillStyle = COLORS.unfinishedFill;
    ctx.fillRect(x0, top, left + plotWidth - x0, height);
    const scales = ['count', 'count', 'count', 'count', 'impressions'];
    const colors = [COLORS.engagements, COLORS.authentic, COLORS.clicks, COLORS.conversions, COLORS.impressions];
    ctx.setLineDash([2 * uPlot.pxRatio, 3 * uPlot.pxRatio]);
    ctx.lineWidth = 1.5 * uPlot.pxRatio;
    for (let s = 0; s < scales.length; s++) {
      const values = full[s + 1]!;
      ctx.strokeStyle = colors[s]!;
      ctx.beginPath();
      for (let i = Math.max(first - 1, 0); i < count; i++) {
        const x = u.valToPos(full[0]![i]!, 'x', true);
        const y = u.valToPos(values[i] ?? 0, scales[s]!, true);
        if (i === Math.max(first - 1, 0)) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.stroke();
      for (let i = first; i < count; i++) {
        ctx.beginPath();
        ctx.arc(u.valToPos(full[0]![i]!, 'x', true), u.valToPos(values[i] ?? 0, scales[s]!, true), 3.5 * uPlot.pxRatio, 0, 2 * Math.PI);
        ctx.stroke();
      }
    }
    ctx.restore();
  };

  const drawSpikes = (u: uPlot): void => {
    if (spikes.length === 0) return;
    const { left, top, width: plotWidth, height } = u.bbox;
    const ctx = u.ctx;
    const marker = 5 * uPlot.pxRatio;
    const bottom = top + height;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, plotWidth, height);
    ctx.clip();
    ctx.strokeStyle = COLORS.spike;
    ctx.fillStyle = COLORS.spike;
    ctx.lineWidth = uPlot.pxRatio;
    ctx.setLineDash([3 * uPlot.pxRatio, 3 * uPlot.pxRatio]);
    for (const start of spikes) {
      const mid = u.valToPos(start / 1000, 'x', true);
      ctx.beginPath();
      ctx.moveTo(mid, top);
      ctx.lineTo(mid, bottom);
      ctx.stroke();
      // An upward triangle on the bottom edge.
      ctx.beginPath();
      ctx.moveTo(mid - marker, bottom);
      ctx.lineTo(mid + marker, bottom);
      ctx.lineTo(mid, bottom - marker * 1.4);
      ctx.closePath();
      ctx.fill();
    }
    ctx.restore();
  };

  const drawCorrections = (u: uPlot): void => {
    if (corrected.size === 0) return;
    const { left, top, width: plotWidth, height } = u.bbox;
    const ctx = u.ctx;
    const halfMinute = MINUTE_MS / 2000;
    const marker = 5 * uPlot.pxRatio;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, plotWidth, height);
    ctx.clip();
    for (const start of corrected) {
      const seconds = start / 1000;
      const x0 = u.valToPos(seconds - halfMinute, 'x', true);
      const x1 = u.valToPos(seconds + halfMinute, 'x', true);
      const bandWidth = Math.max(x1 - x0, 3 * uPlot.pxRatio);
      const mid = u.valToPos(seconds, 'x', true);
      ctx.fillStyle = COLORS.correctedFill;
      ctx.fillRect(mid - bandWidth / 2, top, bandWidth, height);
      // A downward triangle on the top edge: visible even where the band is thin.
      ctx.fillStyle = COLORS.corrected;
      ctx.beginPath();
      ctx.moveTo(mid - marker, top);
      ctx.lineTo(mid + marker, top);
      ctx.lineTo(mid, top + marker * 1.4);
      ctx.closePath();
      ctx.fill();
    }
    ctx.restore();
  };

  // The legend shows the hovered minute; with the pointer elsewhere, the newest minute.
  const shownIndex = (u: uPlot, idx: number | null | undefined): number | null => {
    const last = u.data[0].length - 1;
    return idx ?? (last >= 0 ? last : null);
  };
  const countValue = (u: uPlot, _value: number | null, seriesIdx: number, idx: number | null) => {
    const at = shownIndex(u, idx);
    const value = at === null ? null : u.data[seriesIdx]?.[at];
    // The lines leave unfinished minutes out; the legend still shows their figures so far.
    const shown = value === null || value === undefined ? (at === null ? undefined : full[seriesIdx]?.[at]) : value;
    return shown === null || shown === undefined ? '—' : formatCount(shown);
  };

  const options: uPlot.Options = {
    width,
    height: CHART_HEIGHT,
    // Event time is UTC-aligned; the axis and the legend say so.
    tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
    cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 7 } },
    legend: { show: true, live: true },
    scales: {
      x: { time: true, range: xRange },
      count: { range: fromZero },
      impressions: { range: fromZero },
    },
    axes: [
      {
        stroke: COLORS.axis,
        font: AXIS_FONT,
        grid: { stroke: COLORS.grid, width: 1 },
        ticks: { stroke: COLORS.grid, width: 1 },
        incrs: MINUTE_INCREMENTS,
        space: 56,
        values: (_u, splits) => splits.map((seconds) => formatUtcMinute(seconds * 1000)),
      },
      {
        scale: 'count',
        stroke: COLORS.axis,
        font: AXIS_FONT,
        grid: { stroke: COLORS.grid, width: 1 },
        ticks: { show: false },
        label: 'Engagements · clicks · sales / min',
        labelFont: AXIS_FONT,
        labelSize: 18,
        size: 52,
      },
      {
        scale: 'impressions',
        side: 1,
        stroke: COLORS.axis,
        font: AXIS_FONT,
        grid: { show: false },
        ticks: { show: false },
        label: 'Impressions / min',
        labelFont: AXIS_FONT,
        labelSize: 18,
        size: 56,
      },
    ],
    series: [
      {
        label: 'Minute',
        value: (u, _seconds, _seriesIdx, idx) => {
          const at = shownIndex(u, idx);
          const seconds = at === null ? undefined : u.data[0][at];
          if (seconds === undefined) return '—';
          const start = seconds * 1000;
          const still = at !== null && at >= u.data[0].length - unfinished;
          const note = still ? ' · in progress, so far' : corrected.has(start) ? ' · corrected by late data' : idx === null ? ' (latest)' : '';
          return `${formatUtcMinute(start)} UTC${note}`;
        },
      },
      {
        label: 'Engagements',
        scale: 'count',
        stroke: COLORS.engagements,
        fill: 'rgba(59, 91, 219, 0.08)',
        width: 2,
        points,
        value: countValue,
      },
      {
        label: 'Authentic engagements',
        scale: 'count',
        stroke: COLORS.authentic,
        width: 2,
        dash: [8, 3],
        points,
        value: countValue,
      },
      { label: 'Clicks', scale: 'count', stroke: COLORS.clicks, width: 2, points, value: countValue },
      { label: 'Conversions', scale: 'count', stroke: COLORS.conversions, width: 2, points, value: countValue },
      {
        label: 'Impressions',
        scale: 'impressions',
        stroke: COLORS.impressions,
        width: 1.5,
        dash: [5, 4],
        points,
        value: countValue,
      },
    ],
    // drawClear runs after the canvas is cleared and before grid and lines: the bands sit beneath.
    hooks: { drawClear: [drawCorrections, drawSpikes, drawIncidents], draw: [drawUnfinished] },
  };

  const plot = new uPlot(options, [[], [], [], [], [], []], container);

  return {
    update(trend) {
      corrected = new Set(trend.corrected.map((c) => c.start));
      spikes = trend.spikes;
      incidents = trend.incidents;
      unfinished = trend.unfinished;
      full = [trend.x, trend.engagements, trend.authentic, trend.clicks, trend.conversions, trend.impressions];
      const whole = trend.x.length - trend.unfinished;
      const cut = (values: number[]) => values.map((v, i) => (i < whole ? v : null));
      plot.setData([
        trend.x,
        cut(trend.engagements),
        cut(trend.authentic),
        cut(trend.clicks),
        cut(trend.conversions),
        cut(trend.impressions),
      ] as uPlot.AlignedData);
    },
    resize(next) {
      if (next > 0 && next !== plot.width) plot.setSize({ width: next, height: CHART_HEIGHT });
    },
    destroy() {
      plot.destroy();
    },
  };
}
