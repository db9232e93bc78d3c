// The trend panel: the per-minute chart, its freshness line, and the corrected minutes as text.
//
// The panel (data-testid="trend-chart") carries `data-points` (minutes plotted) and
// `data-corrected-count` (minutes corrected by late data) and `data-spike-count` (minutes marked with
// an engagement spike), for tests and tools; the corrected
// minutes are also listed in words beneath the chart, since a canvas says nothing to a screen reader.

import { el, setText } from './dom';
import { formatAge, formatUtcDateTime } from './format';
import { STALE_AFTER_MS } from './kpis';
import { sameTrend, toTrend, type TrendData } from './series';
import { createTrendPlot, type TrendPlot } from './trendplot';
import { correctedText, trendSummary, unfinishedText } from './trendtext';
import type { EpochMs, SeriesPoint } from './types';

export interface TrendPanel {
  /**
   * `spikeMinutes` and `incidentMinutes`: when engagement spikes and inauthentic incidents began (marked on the
   * chart); `watermark`: the campaign's event time, which tells whole minutes from ones still filling.
   */
  render(
    series: readonly SeriesPoint[] | undefined,
    spikeMinutes?: readonly EpochMs[],
    incidentMinutes?: readonly EpochMs[],
    watermark?: EpochMs | null,
  ): void;
  /** Back to empty (while another campaign loads). */
  clear(): void;
  /** Refreshes the freshness line; called every second. */
  tick(now: EpochMs): void;
}

export function createTrendPanel(panel: HTMLElement, now: () => EpochMs = Date.now): TrendPanel {
  const freshness = el('p', { className: 'freshness trend-freshness', testId: 'trend-freshness' }, 'no data yet');
  const canvasBox = el('div', { className: 'trend-canvas', attrs: { role: 'img' } });
  const empty = el('p', { className: 'trend-empty' }, 'No events in the last hour yet.');
  const corrected = el('p', { className: 'trend-corrected', testId: 'trend-corrected' });
  const legend = el(
    'p',
    { className: 'trend-legend' },
    el('span', { className: 'swatch swatch-corrected', attrs: { 'aria-hidden': 'true' } }),
    'corrected by late data',
    el('span', { className: 'swatch swatch-spike', attrs: { 'aria-hidden': 'true' } }),
    'engagement spike',
    el('span', { className: 'swatch swatch-incident', attrs: { 'aria-hidden': 'true' } }),
    'inauthentic engagement began',
    el('span', { className: 'swatch swatch-unfinished', attrs: { 'aria-hidden': 'true' } }),
    'minute in progress (so far)',
  );
  const progress = el('p', { className: 'trend-progress', testId: 'trend-unfinished' });
  panel.append(
    el('div', { className: 'trend-body' }, canvasBox, empty),
    el('div', { className: 'trend-footer' }, legend, progress, corrected, freshness),
  );

  let plot: TrendPlot | null = null;
  let shown: TrendData = toTrend([]);
  let latestUpdatedAt: EpochMs | null = null;
  let latestStart: EpochMs | null = null;

  // uPlot needs a pixel width: follow the box (it is 0 while the dashboard is hidden).
  const observer = new ResizeObserver(() => plot?.resize(Math.floor(canvasBox.clientWidth)));
  observer.observe(canvasBox);

  function paint(trend: TrendData): void {
    plot ??= createTrendPlot(canvasBox, Math.max(Math.floor(canvasBox.clientWidth), 320));
    if (!sameTrend(trend, shown)) plot.update(trend);
    shown = trend;
    panel.dataset.points = String(trend.x.length);
    panel.dataset.correctedCount = String(trend.corrected.length);
    panel.dataset.spikeCount = String(trend.spikes.length);
    panel.dataset.incidentCount = String(trend.incidents.length);
    // The first minute still filling (ms), or empty when every minute plotted is whole.
    panel.dataset.unfinished = trend.unfinished === 0 ? '' : String(trend.x[trend.x.length - trend.unfinished]! * 1000);
    setText(progress, unfinishedText(trend));
    empty.hidden = trend.x.length > 0;
    canvasBox.setAttribute('aria-label', trendSummary(trend));
    setText(corrected, correctedText(trend));
    latestUpdatedAt = trend.latestUpdatedAt;
    latestStart = trend.latestStart;
  }

  const panelApi: TrendPanel = {
    render(series, spikeMinutes = [], incidentMinutes = [], watermark = null) {
      paint(toTrend(series, undefined, spikeMinutes, incidentMinutes, watermark));
      panelApi.tick(now());
    },
    clear() {
      paint(toTrend([]));
      panelApi.tick(now());
    },
    tick(at) {
      const text =
        latestStart === null
          ? 'no data yet'
          : `latest minute ${formatUtcDateTime(latestStart)} ${formatAge(latestUpdatedAt, at)}`;
      setText(freshness, text);
      freshness.classList.toggle('is-stale', latestUpdatedAt !== null && at - latestUpdatedAt > STALE_AFTER_MS);
    },
  };
  panelApi.clear();
  return panelApi;
}
