import { describe, expect, it } from 'vitest';
import { describeAlert } from '../src/alertformat';
import { peakText } from '../src/contentdata';
import { conversationRows, conversationSummary } from '../src/conversationdata';
import { formatSentiment } from '../src/format';
import type { CommentFigures, ContentRow, CreatorFigures, Figures } from '../src/types';

function comments(positive: number, neutral: number, negative: number, meaningful = 0, brand = 0): CommentFigures {
  const judged = positive + neutral + negative;
  return {
    judged,
    positive,
    neutral,
    negative,
    net_sentiment: judged === 0 ? null : (positive - negative) / judged,
    meaningful,
    meaningful_share: judged === 0 ? null : meaningful / judged,
    brand_mentions: brand,
  };
}

function figures(c: CommentFigures | undefined): Figures {
  return {
    impressions: 0,
    reach: 0,
    engagements: { like: 0, comment: 0, share: 0, save: 0, total: 0 },
    authentic_engagements: 0,
    engagement_rate: null,
    clicks: 0,
    ctr: null,
    emv: null,
    updated_at: null,
    ...(c === undefined ? {} : { comments: c }),
  };
}

function creator(id: string, c: CommentFigures | undefined): CreatorFigures {
  return { ...figures(c), creator_id: id, name: id.toUpperCase() };
}

describe('formatSentiment', () => {
  it('signs net sentiment and rounds to two decimals', () => {
    expect(formatSentiment(0.25)).toBe('+0.25');
    expect(formatSentiment(-0.5)).toBe('−0.50');
    expect(formatSentiment(0)).toBe('0.00');
    expect(formatSentiment(0.003)).toBe('0.00');
    expect(formatSentiment(1 / 220)).toBe('0.00'); // 0.0045 rounds to 0.00: no sign
    expect(formatSentiment(0.0051)).toBe('+0.01');
    expect(formatSentiment(-0.0051)).toBe('−0.01');
    expect(formatSentiment(null)).toBe('—');
  });
});

describe('conversationRows', () => {
  it('puts the most negative creator first, leaves out creators with nothing scored, and breaks ties by volume', () => {
    const rows = conversationRows(
      [
        creator('anna', comments(6, 2, 2, 7, 1)), // net +0.4
        creator('bo', comments(1, 1, 3)), // net −0.4
        creator('cy', comments(0, 0, 0)), // nothing scored: left out
        creator('di', undefined), // an older server: left out
        creator('ed', comments(2, 6, 2)), // net 0, 10 comments
        creator('fi', comments(1, 3, 1)), // net 0, 5 comments
      ],
      (c) => c.name ?? c.creator_id,
    );
    expect(rows.map((r) => r.creatorId)).toEqual(['bo', 'ed', 'fi', 'anna']);
    expect(rows[3]).toMatchObject({ name: 'ANNA', judged: 10, negative: 2, netSentiment: 0.4, meaningfulShare: 0.7, brandMentions: 1 });
  });
});

describe('conversationSummary', () => {
  it('says how many were scored, the net, the negative and meaningful shares and the brand mentions', () => {
    expect(conversationSummary(figures(comments(10, 6, 4, 12, 3)))).toBe(
      '20 comments scored · net sentiment +0.30 · 20.00% negative · 60.00% meaningful · 3 name the brand',
    );
    expect(conversationSummary(figures(comments(0, 0, 0)))).toBe('No comments with text scored in this window yet.');
    expect(conversationSummary(figures(undefined))).toBeNull();
  });
});

describe('peakText', () => {
  const row = (velocity: ContentRow['share_velocity']) => ({ share_velocity: velocity }) as ContentRow;
  it('names the busiest hour since publication, or since the first share when the post was not reported', () => {
    expect(peakText(row({ total: 9, per_hour: 3, peak_hour_shares: 5, time_to_peak_hours: 2, origin: 'published' }))).toBe('peak 5 in hour 2');
    expect(peakText(row({ total: 1, per_hour: 1, peak_hour_shares: 1, time_to_peak_hours: 0, origin: 'first_share' }))).toBe('peak 1 in hour 0 of sharing');
    expect(peakText(row({ total: 0, per_hour: null, peak_hour_shares: 0, time_to_peak_hours: null, origin: null }))).toBe('');
    expect(peakText(row(null))).toBe('');
  });
});

describe('negative sentiment spike alerts', () => {
  it('read as a sentence with the counts and shares the server judged', () => {
    const description = describeAlert(
      {
        alert_id: 'a',
        kind: 'negative_sentiment_spike',
        creator_id: 'anna',
        content_id: 'p1',
        window_start: 0,
        window_end: 60_000,
        details: { scope: 'content', observed: 12, expected: 2, std_dev: 1.41, z_score: 7.07, comments: 20, negative_share: 0.6, usual_negative_share: 0.1, recommendation: 'Read the comments.' },
      },
      (id) => id,
    );
    expect(description.label).toBe('Negative sentiment spike');
    expect(description.tone).toBe('bad');
    expect(description.figures).toBe('12 negative comments in a minute vs 2 usual · 60.0% of 20 comments, usually 10.0%');
    expect(description.extras).toEqual(['recommendation: Read the comments.']);
  });
});
