// The long trend panel: the campaign's (or one creator's) hours or days with a range selector, this period against
// the one before, and the click-through and conversion rate drops judged on its hours (docs/design.md, "Trends").
// Fetched from GET …/trends and …/trends/compare at once on a campaign, range or scope change, then again on live
// updates at most once every LONG_TREND_REFRESH_MS.
//
// The chart is an SVG drawn here (bars: impressions; line: authentic click-through rate); the same periods are in a
// table beneath it, newest first, which is what a screen reader and the tests read: [data-testid=trend-period-row]
// [data-start=…], each cell by [data-col=…]. The panel carries data-granularity and data-periods.

import { AuthError, errorReason, getTrendComparison, getTrends } from './api';
import { el, setText } from './dom';
import { formatCount, formatPercent, formatSentiment } from './format';
import { refreshedText } from './freshness';
import { scrollRegion } from './outcomes';
import {
  changeText,
  COMPARE_DAYS,
  DEFAULT_TREND_RANGE,
  dropText,
  periodLabel,
  periodsInRange,
  TREND_RANGES,
  trendRange,
} from './longtrenddata';
import { createThrottle } from './throttle';
import type { ComparisonView, EpochMs, TrendPeriod, TrendsView } from './types';

/** The shortest time between two refreshes prompted by live updates: hours change slowly. */
export const LONG_TREND_REFRESH_MS = 30_000;

const SVG = 'http://www.w3.org/2000/svg';
const CHART_WIDTH = 720;
const CHART_HEIGHT = 160;
/** Dots on the line only while there are few periods (one period alone is otherwise invisible). */
const FEW_POINTS = 16;

export interface LongTrendPanel {
  /** A new campaign (or key): reset the choices and load now. */
  show(key: string, campaignId: string, creators: readonly { id: string; name: string }[]): void;
  /** The campaign's creators became known or changed (names for the scope choice). */
  setCreators(creators: readonly { id: string; name: string }[]): void;
  poke(campaignId: string): void;
  stop(): void;
  tick(now: EpochMs): void;
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  return element;
}

/** Bars of impressions and a line of authentic CTR over the periods, each scaled to its own maximum. */
function drawChart(box: SVGSVGElement, periods: readonly TrendPeriod[], drops: readonly { window_start: number; window_end: number }[]): void {
  box.replaceChildren();
  if (periods.length === 0) return;
  const first = periods[0]!.start;
  const last = periods[periods.length - 1]!.end;
  const span = Math.max(1, last - first);
  const x = (t: number) => ((t - first) / span) * CHART_WIDTH;
  const maxImpressions = Math.max(1, ...periods.map((p) => p.impressions));
  const maxCtr = Math.max(1e-9, ...periods.map((p) => p.authentic_ctr ?? 0));
  for (const drop of drops) {
    if (drop.window_end <= first || drop.window_start >= last) continue;
    const from = x(Math.max(first, drop.window_start));
    box.append(svg('rect', { class: 'long-trend-drop', x: from, y: 0, width: Math.max(1, x(Math.min(last, drop.window_end)) - from), height: CHART_HEIGHT }));
  }
  for (const p of periods) {
    const height = (p.impressions / maxImpressions) * (CHART_HEIGHT - 8);
    const left = x(p.start);
    box.append(svg('rect', { class: 'long-trend-bar', x: left + 0.5, y: CHART_HEIGHT - height, width: Math.max(0.5, x(p.end) - left - 1), height }));
  }
  const points = periods
    .filter((p) => typeof p.authentic_ctr === 'number')
    .map((p) => `${((x(p.start) + x(p.end)) / 2).toFixed(1)},${(CHART_HEIGHT - 4 - ((p.authentic_ctr ?? 0) / maxCtr) * (CHART_HEIGHT - 20)).toFixed(1)}`);
  if (points.length > 0) box.append(svg('polyline', { class: 'long-trend-line', points: points.join(' ') }));
  // Few periods: a dot on each (a zero-length round-capped line stays round however the chart is stretched).
  if (points.length <= FEW_POINTS) {
    for (const point of points) {
      const [px, py] = point.split(',');
      box.append(svg('line', { class: 'long-trend-dot', x1: px!, y1: py!, x2: px!, y2: py! }));
    }
  }
}

export function createLongTrendPanel(
  panel: HTMLElement,
  container: HTMLElement,
  note: HTMLElement,
  refused: (reason: string) => void,
  now: () => EpochMs = Date.now,
): LongTrendPanel {
  let key: string | null = null;
  let campaignId: string | null = null;
  let trends: TrendsView | null = null;
  let comparison: ComparisonView | null = null;
  let fetchedAt: EpochMs | null = null;
  let failure: string | null = null;
  let request = 0;
  const names = new Map<string, string>();
  const nameOf = (id: string) => names.get(id) ?? id;

  const range = el('select', { testId: 'long-trend-range', attrs: { 'aria-label': 'Range' } }, ...TREND_RANGES.map((r) => el('option', { attrs: { value: r.id } }, r.label)));
  range.value = DEFAULT_TREND_RANGE;
  const scope = el('select', { testId: 'long-trend-scope', attrs: { 'aria-label': 'Trend of' } });
  const compareDays = el('select', { testId: 'long-trend-compare-days', attrs: { 'aria-label': 'Compare' } }, ...COMPARE_DAYS.map((c) => el('option', { attrs: { value: String(c.days) } }, c.label)));
  for (const select of [range, scope, compareDays]) select.addEventListener('change', () => reload());

  const chart = svg('svg', {
    class: 'long-trend-chart',
    viewBox: `0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`,
    preserveAspectRatio: 'none',
    'aria-hidden': 'true',
  });
  // The chart is a picture of the table beneath it: a screen reader reads this line and the table instead.
  const chartLabel = el('p', { className: 'visually-hidden' });
  const compareText = el('ul', { className: 'long-trend-compare', testId: 'long-trend-compare' });
  const dropList = el('ul', { className: 'long-trend-drops', testId: 'long-trend-drops' });
  const table = el('table', { className: 'data-table long-trend-table', testId: 'long-trend-table' });
  container.replaceChildren(
    el(
      'div',
      { className: 'panel-tools' },
      el('label', { className: 'table-filter' }, el('span', {}, 'Range'), range),
      el('label', { className: 'table-filter' }, el('span', {}, 'Of'), scope),
      el('label', { className: 'table-filter' }, el('span', {}, 'Compare'), compareDays),
    ),
    chart,
    chartLabel,
    el('p', { className: 'section-note long-trend-legend' }, 'Bars: impressions · line: authentic click-through rate · shaded: a rate drop'),
    compareText,
    el('h3', {}, 'Rate drops'),
    dropList,
    scrollRegion('Periods of the trend', table, 'table-scroll long-trend-scroll'),
  );

  function paintScopes(creators: readonly { id: string; name: string }[]): void {
    const current = scope.value;
    names.clear();
    for (const c of creators) names.set(c.id, c.name);
    scope.replaceChildren(el('option', { attrs: { value: '' } }, 'the whole campaign'), ...creators.map((c) => el('option', { attrs: { value: c.id } }, c.name)));
    scope.value = creators.some((c) => c.id === current) ? current : '';
  }

  function paint(): void {
    const chosen = trendRange(range.value);
    const periods = trends ? periodsInRange(trends.periods ?? [], trends.to, chosen) : [];
    const granularity = trends?.granularity ?? chosen.granularity;
    panel.dataset.granularity = granularity;
    panel.dataset.periods = String(periods.length);
    drawChart(chart, periods, trends?.drops ?? []);
    setText(chartLabel, periods.length === 0 ? 'No periods yet.' : `${periods.length} ${granularity === 'day' ? 'days' : 'hours'} from ${periodLabel(periods[0]!.start, granularity)}`);
    table.replaceChildren(
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { attrs: { scope: 'col' } }, granularity === 'day' ? 'Day (UTC)' : 'Hour (UTC)'),
          ...['Impressions', 'Authentic eng.', 'Clicks', 'CTR', 'Authentic CTR', 'Orders', 'Conv. rate', 'Comments', 'Net sentiment'].map((label) => el('th', { attrs: { scope: 'col' } }, label)),
        ),
      ),
      el(
        'tbody',
        {},
        ...[...periods].reverse().map((p) =>
          el(
            'tr',
            { testId: 'trend-period-row', attrs: { 'data-start': String(p.start) } },
            el('th', { attrs: { scope: 'row' } }, periodLabel(p.start, granularity)),
            el('td', { className: 'num', attrs: { 'data-col': 'impressions' } }, formatCount(p.impressions)),
            el('td', { className: 'num', attrs: { 'data-col': 'authentic_engagements' } }, formatCount(p.authentic_engagements)),
            el('td', { className: 'num', attrs: { 'data-col': 'clicks' } }, formatCount(p.clicks)),
            el('td', { className: 'num', attrs: { 'data-col': 'ctr' } }, formatPercent(p.ctr)),
            el('td', { className: 'num', attrs: { 'data-col': 'authentic_ctr' } }, formatPercent(p.authentic_ctr)),
            el('td', { className: 'num', attrs: { 'data-col': 'conversions' } }, formatCount(p.conversions)),
            el('td', { className: 'num', attrs: { 'data-col': 'conversion_rate' } }, formatPercent(p.conversion_rate)),
            el('td', { className: 'num', attrs: { 'data-col': 'comments_judged' } }, formatCount(p.comments_judged)),
            el('td', { className: 'num', attrs: { 'data-col': 'net_sentiment' } }, formatSentiment(p.net_sentiment)),
          ),
        ),
      ),
    );
    const days = comparison?.days ?? Number(compareDays.value);
    compareText.replaceChildren(
      ...(comparison
        ? [
            el('li', { attrs: { 'data-rate': 'ctr' } }, changeText(`Authentic CTR, last ${days === 1 ? 'day' : `${days} days`}`, comparison.ctr)),
            el('li', { attrs: { 'data-rate': 'conversion_rate' } }, changeText(`Conversion rate, last ${days === 1 ? 'day' : `${days} days`}`, comparison.conversion_rate)),
          ]
        : []),
    );
    const drops = trends?.drops ?? [];
    dropList.replaceChildren(
      ...(drops.length === 0
        ? [el('li', { className: 'is-empty' }, 'No click-through or conversion rate drop.')]
        : drops.map((d) => el('li', { testId: 'long-trend-drop', attrs: { 'data-kind': d.kind, 'data-window-start': String(d.window_start) } }, dropText(d, nameOf)))),
    );
    paintNote(now());
  }

  function paintNote(at: EpochMs): void {
    setText(note, refreshedText(fetchedAt, at, failure, 'event time, UTC'));
  }

  async function load(): Promise<void> {
    const k = key;
    const id = campaignId;
    if (k === null || id === null) return;
    const mine = ++request;
    const creator = scope.value === '' ? null : scope.value;
    try {
      const [view, compared] = await Promise.all([
        getTrends(k, id, trendRange(range.value).granularity, creator),
        getTrendComparison(k, id, Number(compareDays.value), creator),
      ]);
      if (mine !== request) return;
      trends = view;
      comparison = compared;
      fetchedAt = now();
      failure = null;
    } catch (error) {
      if (mine !== request) return;
      if (error instanceof AuthError) {
        refused(error.message);
        return;
      }
      failure = errorReason(error);
    }
    paint();
  }

  const throttle = createThrottle(LONG_TREND_REFRESH_MS, load, now);

  function reload(): void {
    throttle.cancel();
    request += 1;
    trends = null;
    comparison = null;
    fetchedAt = null;
    paint();
    throttle.now();
  }

  const api: LongTrendPanel = {
    show(nextKey, nextCampaign, creators) {
      key = nextKey;
      campaignId = nextCampaign;
      range.value = DEFAULT_TREND_RANGE;
      compareDays.value = String(COMPARE_DAYS[0]!.days);
      scope.value = '';
      delete scope.dataset.signature;
      api.setCreators(creators);
      failure = null;
      reload();
    },
    setCreators(creators) {
      const signature = creators.map((c) => `${c.id}\u001e${c.name}`).join('\u001f');
      if (scope.dataset.signature === signature) return;
      scope.dataset.signature = signature;
      paintScopes(creators);
    },
    poke(id) {
      if (id === campaignId) throttle.poke();
    },
    stop() {
      throttle.cancel();
      request += 1;
      key = null;
      campaignId = null;
    },
    tick(at) {
      paintNote(at);
    },
  };
  return api;
}
