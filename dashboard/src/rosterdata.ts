// What the roster panel shows, worked out from GET /api/brands/{brand}/roster (pure, unit-tested; docs/design.md,
// "Roster"): each creator's suggestion for the next campaign in words, the pooled evidence with its 90 % intervals,
// and their figures campaign by campaign, oldest first.

import { formatEstimate } from './estimatesdata';
import { formatCount, formatCredit, formatMoney, formatPercent, formatUtcDateTime, NO_DATA } from './format';
import type { RosterCampaign, RosterSuggestion, RosterView } from './types';

const ACTIONS: Record<RosterSuggestion['action'], string> = {
  expand: 'Expand',
  renew: 'Renew',
  conclude: 'Conclude',
};

const CONFIDENCE: Record<RosterSuggestion['confidence'], string> = {
  high: 'holds at 99 %',
  medium: 'holds at 90 %',
  low: 'nothing clears either way',
};

/** "Expand · holds at 99 %". */
export function suggestionText(s: RosterSuggestion): string {
  return `${ACTIONS[s.action]} · ${CONFIDENCE[s.confidence]}`;
}

/** Pooled ROI with its interval, "—" when it has no bound (no cost, or nothing converted yet anywhere). */
export function roiText(s: RosterSuggestion): string {
  return formatEstimate(s.evidence.roi, 'percent');
}

export function cpaText(s: RosterSuggestion): string {
  return s.evidence.cpa === null ? NO_DATA : formatMoney(s.evidence.cpa, s.evidence.currency);
}

/** The authentic share of judged engagements with its interval, and how many were judged. */
export function authenticText(s: RosterSuggestion): string {
  if (s.evidence.authentic_share === null) return 'none judged yet';
  return `${formatEstimate(s.evidence.authentic_share, 'share')} of ${formatCount(s.evidence.engagements_judged)}`;
}

/** "2 campaigns in USD; autumn-eu left out (another currency)". */
export function campaignsText(s: RosterSuggestion): string {
  const pooled = `${s.evidence.campaigns} campaign${s.evidence.campaigns === 1 ? '' : 's'} in ${s.evidence.currency}`;
  return s.evidence.left_out.length === 0 ? pooled : `${pooled}; ${s.evidence.left_out.join(', ')} left out (another currency)`;
}

/** One campaign of a creator's history: "Spring launch: ROI 12.50% · CPA $20.00 · 14 conversions, $2,100.00 revenue, $800.00 cost". */
export function campaignLine(c: RosterCampaign): string {
  const money = (v: number) => formatMoney(v, c.currency);
  const when = c.last_event_ts === null ? 'no events yet' : `to ${formatUtcDateTime(c.last_event_ts)}`;
  return (
    `${c.campaign_name || c.campaign_id} (${when}, ${c.model.replaceAll('_', ' ')}): ROI ${formatPercent(c.roi)} · CPA ${c.cpa === null ? NO_DATA : money(c.cpa)} · ` +
    `${formatCredit(c.conversions)} conversions, ${money(c.revenue)} revenue, ${money(c.cost)} cost`
  );
}

/** What the roster covers, in a sentence. */
export function rosterScope(view: RosterView): string {
  const r = view.roster;
  if (r.campaigns.length === 0) return 'No campaign of this brand that your key reads has figures yet.';
  return `Across ${r.campaigns.length === 1 ? 'the campaign' : `the ${r.campaigns.length} campaigns`} of ${r.brand_id} your key reads (${r.campaigns.join(', ')}), to ${formatUtcDateTime(r.as_of)}.`;
}
