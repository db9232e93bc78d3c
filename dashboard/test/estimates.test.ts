import { describe, expect, it } from 'vitest';
import { describeAlert } from '../src/alertformat';
import {
  creatorRoiText,
  formatEstimate,
  haloBaselineText,
  haloRows,
  haloSummary,
  isMade,
  leakSignalsText,
  liftSummary,
  orderLeaks,
  roiText,
  withoutLeaksText,
  type MadeEstimates,
} from '../src/estimatesdata';
import type { CampaignAlert, CodeLeakFigures, HaloEstimate, LiftEstimate } from '../src/types';

const T0 = 1_772_323_200_000; // 2026-03-01T00:00:00Z
const DAY = 86_400_000;

function halo(over: Partial<HaloEstimate> = {}): HaloEstimate {
  return {
    status: 'estimated',
    method: 'm',
    window_hours: 72,
    half_life_hours: 24,
    baseline_hours: 312,
    baseline_sessions: 2_480,
    baseline_conversions: 61,
    dispersion: 1.32,
    window_sessions: 1_900,
    window_conversions: 55,
    window_revenue: 4_100,
    campaign: { sessions: { estimate: 410.4, low: 330.2, high: 490.6 }, conversions: { estimate: 12.2, low: 6.9, high: 17.5 }, revenue: { estimate: 950, low: 520, high: 1_380 } },
    creators: {
      anna: { sessions: { estimate: 100, low: 80, high: 120 }, conversions: null, revenue: { estimate: 200, low: 100, high: 300 } },
      ben: { sessions: { estimate: 300, low: 250, high: 350 }, conversions: null, revenue: { estimate: 750, low: 420, high: 1_080 } },
      cleo: { sessions: { estimate: 300, low: 250, high: 350 }, conversions: null, revenue: { estimate: 200, low: 100, high: 300 } },
    },
    posts: [],
    ...over,
  };
}

function leak(creator: string, suspicious: number, alerted: boolean): CodeLeakFigures {
  return {
    creator_id: creator,
    uses: 40,
    revenue: 2_000,
    suspicious_uses: suspicious,
    suspicious_revenue: suspicious * 50,
    suspicious_share: { estimate: suspicious / 40, low: 0, high: 1 },
    signals: { no_touch: 4, coupon_referrer: 12, foreign_country: 0, off_pattern: 1 },
    alerted,
  };
}

function lift(over: Partial<LiftEstimate> = {}): LiftEstimate {
  return {
    status: 'estimated',
    method: 'm',
    holdout: 'countries DE, AT',
    start: T0 + 10 * DAY,
    end: null,
    exposed_baseline: { conversions: 400, revenue: 20_000 },
    exposed_campaign: { conversions: 560, revenue: 28_000 },
    held_out_baseline: { conversions: 200, revenue: 10_000 },
    held_out_campaign: { conversions: 210, revenue: 10_500 },
    unassigned: 3,
    lift: { estimate: 0.3333, low: 0.18, high: 0.5 },
    incremental_conversions: { estimate: 140, low: 85, high: 187 },
    incremental_revenue: { estimate: 7_000, low: 4_200, high: 9_400 },
    iroas: { estimate: 1.4, low: 0.84, high: 1.88 },
    ...over,
  };
}

describe('estimates', () => {
  it('writes every estimate with its interval, never a bare number', () => {
    expect(formatEstimate({ estimate: 1234.4, low: 900.2, high: 1560.7 }, 'count')).toBe('≈ 1,234 (900 to 1,561)');
    expect(formatEstimate({ estimate: 950, low: 520, high: 1380 }, 'money', 'EUR')).toBe('≈ €950.00 (€520.00 to €1,380.00)');
    expect(formatEstimate({ estimate: 1.4, low: 0.84, high: 1.88 }, 'multiple')).toBe('≈ 1.40× (0.84× to 1.88×)');
    expect(formatEstimate({ estimate: 0.225, low: 0.15, high: 0.3 }, 'share')).toBe('≈ 22.5% (15.0% to 30.0%)');
    expect(formatEstimate(null, 'count')).toBe('—');
  });

  it('says what the halo is, or why there is none yet', () => {
    expect(haloSummary(halo(), 'USD')).toBe(
      "This campaign's halo: ≈ 410 (330 to 491) untracked sessions · ≈ 12 (7 to 18) unattributed orders · ≈ $950.00 ($520.00 to $1,380.00) revenue",
    );
    const thin = halo({ status: 'not_enough_data', reason: 'the baseline needs 72 hours outside every post\'s window with 30 untracked sessions; it has 20 hours with 4' });
    expect(haloSummary(thin, 'USD')).toBe("Not enough data yet: the baseline needs 72 hours outside every post's window with 30 untracked sessions; it has 20 hours with 4.");
  });

  it('says what the baseline stands on, and its over-dispersion only when there is some', () => {
    expect(haloBaselineText(halo())).toBe(
      "Baseline: 312 hours outside every post's 72-hour window (2,480 untracked sessions, 61 unattributed orders); hourly traffic varies 1.3× what chance alone would. " +
        'The windows held 1,900 sessions and 55 orders in all; the halo is what they held above the baseline.',
    );
    expect(haloBaselineText(halo({ dispersion: 1 }))).not.toContain('varies');
  });

  it('lists creators by estimated halo revenue, then sessions, then id', () => {
    expect(haloRows(halo()).map((r) => r.creatorId)).toEqual(['ben', 'cleo', 'anna']);
  });

  it('puts measured ROI beside ROI with the halo, each named for what it is', () => {
    const made = { label: 'estimate', as_of: T0, halo: halo(), code_leaks: [], roi: 0.18, roi_with_halo: { estimate: 0.24, low: 0.2, high: 0.28 } } as MadeEstimates;
    expect(isMade(made)).toBe(true);
    expect(roiText(made)).toBe('ROI 18.00% measured · ≈ 24.00% (20.00% to 28.00%) with the estimated halo');
    expect(roiText({ ...made, roi_with_halo: null })).toBe('ROI 18.00% measured · no halo estimate to add yet');
    expect(roiText({ ...made, roi: null, roi_with_halo: null })).toBeNull();
    expect(isMade({ label: 'estimate', status: 'not_made_yet', reason: 'r', campaign_id: 'spring' })).toBe(false);
    const perCreator = { ...made, creator_roi: { ben: { roi: 0.12, roi_with_halo: { estimate: 0.18, low: 0.14, high: 0.22 } }, cleo: { roi: -0.5, roi_with_halo: null } } };
    expect(creatorRoiText(perCreator, 'ben')).toBe('12.00% → ≈ 18.00% (14.00% to 22.00%)');
    expect(creatorRoiText(perCreator, 'cleo')).toBe('-50.00% → —');
    expect(creatorRoiText(made, 'anna')).toBe('— → —');
  });

  it('puts flagged leaks first, then by suspicious uses, and shows the direct model with and without them', () => {
    expect(orderLeaks([leak('anna', 3, false), leak('ben', 1, true), leak('cleo', 9, false)]).map((l) => l.creator_id)).toEqual(['ben', 'cleo', 'anna']);
    expect(leakSignalsText(leak('ben', 12, true))).toBe('4 no touch · 12 coupon site · 0 foreign · 1 off pattern');
    expect(withoutLeaksText(38, 26, String)).toBe('38 → 26');
    expect(withoutLeaksText(null, 26, String)).toBe('—');
  });

  it('says whether a holdout was declared, whether there is enough data, and the lift with its intervals', () => {
    expect(liftSummary(null, 'USD')).toContain('No holdout declared');
    expect(liftSummary(lift({ status: 'not_enough_data', reason: 'each cell needs 10 orders' }), 'USD')).toBe(
      'Holdout countries DE, AT, Mar 11, 00:00 UTC to now. Not enough data yet: each cell needs 10 orders.',
    );
    expect(liftSummary(lift(), 'USD')).toBe(
      'Holdout countries DE, AT, Mar 11, 00:00 UTC to now · lift ≈ 33.33% (18.00% to 50.00%) · ≈ 140 (85 to 187) incremental orders · ' +
        '≈ $7,000.00 ($4,200.00 to $9,400.00) incremental revenue · iROAS ≈ 1.40× (0.84× to 1.88×)',
    );
  });

  it('says why part of the lift is missing when orders carry no value', () => {
    const free = lift({ incremental_revenue: null, iroas: null, reason: 'incremental revenue needs orders with value in each group and period' });
    expect(liftSummary(free, 'USD')).toBe(
      'Holdout countries DE, AT, Mar 11, 00:00 UTC to now · lift ≈ 33.33% (18.00% to 50.00%) · ≈ 140 (85 to 187) incremental orders · ' +
        '— incremental revenue · iROAS — · incremental revenue needs orders with value in each group and period',
    );
  });

  it('puts a code_leak alert into words and calls it an estimate', () => {
    const alert: CampaignAlert = {
      alert_id: 'code_leak:spring:ben',
      kind: 'code_leak',
      campaign_id: 'spring',
      creator_id: 'ben',
      content_id: null,
      window_start: T0,
      window_end: T0 + DAY,
      detected_at: T0 + DAY,
      details: { uses: 20, suspicious_uses: 9, suspicious_share: 0.45, suspicious_revenue: 540, no_touch: 3, coupon_referrer: 9, foreign_country: 0, off_pattern: 0, estimate: true },
    };
    const text = describeAlert(alert, (id) => id, 'USD');
    expect(text.label).toBe('Promo code leak (estimate)');
    expect(text.tone).toBe('bad');
    expect(text.figures).toBe('9 of 20 code uses look leaked (45.0%, $540.00) · 3 with no touch of the creator · 9 from coupon sites · an estimate, not a measurement');
    expect(text.extras).toEqual([]);
  });
});
