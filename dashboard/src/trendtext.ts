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

/** " Inauthentic engagement began at 14:03 UTC." or "". */
export function incidentText(trend: TrendData): string {
  if (trend.incidents.length === 0) return '';
  return ` Inauthentic engagement began at ${trend.incidents.map(formatUtcMinute).join(', ')} UTC.`;
}

/** "14:05 UTC in progress: 714 impressions, 40 engagements so far" for the newest unfinished minute, or "". */
export function unfinishedText(trend: TrendData): string {
  if (trend.unfinished === 0) return '';
  const at = trend.x.length - 1;
  return (
    `${formatUtcMinute(trend.x[at]! * 1000)} UTC in progress (event time has not passed it): ` +
    `${formatCount(trend.impressions[at])} impressions, ${formatCount(trend.engagements[at])} engagements so far`
  );
}

/** What the canvas shows, in one sentence (the chart's accessible name): the latest whole minute first. */
export function trendSummary(trend: TrendData): string {
  const last = trend.x.length - 1;
  if (last < 0) return 'Trend chart: no events in the last hour yet.';
  const from = formatUtcMinute(trend.x[0]! * 1000);
  const to = formatUtcMinute(trend.x[last]! * 1000);
  const whole = last - trend.unfinished;
  const latest =
    whole < 0
      ? 'No whole minute yet.'
      : `Latest whole minute, ${formatUtcMinute(trend.x[whole]! * 1000)}: ` +
        `${formatCount(trend.engagements[whole])} engagements (${formatCount(trend.authentic[whole])} authentic), ` +
        `${formatCount(trend.clicks[whole])} clicks, ${formatCount(trend.conversions[whole])} conversions, ` +
        `${formatCount(trend.impressions[whole])} impressions.`;
  const progress = unfinishedText(trend);
  return `Trend chart, per minute from ${from} to ${to} UTC. ${latest}${progress === '' ? '' : ` ${progress}.`}${spikeText(trend)}${incidentText(trend)}`;
}
