// The trend chart in words (pure, unit-tested): the corrected minutes and a one-sentence summary,
// for tests and for screen readers (a canvas says nothing by itself).

import { formatCount, formatUtcMinute } from './format';
import type { TrendData } from './series';

/** "2 minutes corrected by late data: 14:03, 14:07 UTC" (each minute by its start). */
export function correctedText(trend: TrendData): string {
  if (trend.corrected.length === 0) return 'No minute in this hour has been corrected by late data.';
  const minutes = trend.corrected.map((c) => formatUtcMinute(c.start)).join(', ');
  const count = trend.corrected.length;
  return `${count} ${count === 1 ? 'minute' : 'minutes'} corrected by late data: ${minutes} UTC`;
}

/** " Engagement spikes at 14:03, 14:07 UTC." or "" (each minute by its start). */
export function spikeText(trend: TrendData): string {
  if (trend.spikes.length === 0) return '';
  return ` Engagement ${trend.spikes.length === 1 ? 'spike' : 'spikes'} at ${trend.spikes.map(formatUtcMinute).join(', ')} UTC.`;
}

/** What the canvas shows, in one sentence (the chart's accessible name). */
export function trendSummary(trend: TrendData): string {
  const last = trend.x.length - 1;
  if (last < 0) return 'Trend chart: no events in the last hour yet.';
  const from = formatUtcMinute(trend.x[0]! * 1000);
  const to = formatUtcMinute(trend.x[last]! * 1000);
  return (
    `Trend chart, per minute from ${from} to ${to} UTC. Latest minute: ` +
    `${formatCount(trend.engagements[last])} engagements, ${formatCount(trend.clicks[last])} clicks, ` +
    `${formatCount(trend.conversions[last])} conversions, ${formatCount(trend.impressions[last])} impressions.` +
    spikeText(trend)
  );
}
