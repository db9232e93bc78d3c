import { describe, expect, it } from 'vitest';
import { actionsFor, deliverableText, orderDeliverables, orderQueue, velocityText } from '../src/publishingdata';
import type { Deliverable, ReviewedFlag } from '../src/types';

function deliverable(id: string, status: Deliverable['status'], due: number, count = 1, posted = 0, format: string | null = null): Deliverable {
  return { deliverable_id: id, creator_id: id.split('#')[0]!, platform: 'instagram', format, count, due, posted, content_ids: [], status };
}

function flag(id: string, state: 'open' | 'acknowledged' | 'dismissed', raisedAt: number, clearedAt: number | null = null): ReviewedFlag {
  return {
    flag: { flag_id: id, kind: 'disclosure_missing', creator_id: 'anna', platform: 'instagram', content_id: 'p', raised_at: raisedAt, cleared_at: clearedAt, summary: '' },
    review: { flag_id: id, state },
  };
}

describe('publishing', () => {
  it('orders deliverables late first, then due, then done, each by due time', () => {
    const ordered = orderDeliverables([
      deliverable('a#0', 'posted', 1),
      deliverable('b#0', 'due', 5),
      deliverable('c#0', 'late', 9),
      deliverable('d#0', 'due', 3),
      deliverable('e#0', 'late', 2),
    ]);
    expect(ordered.map((d) => d.deliverable_id)).toEqual(['e#0', 'c#0', 'd#0', 'b#0', 'a#0']);
  });

  it('puts open standing flags first, cleared ones last, newest first within', () => {
    const ordered = orderQueue([flag('f1', 'open', 1, 5), flag('f2', 'dismissed', 9), flag('f3', 'open', 2), flag('f4', 'acknowledged', 7), flag('f5', 'open', 4)]);
    expect(ordered.map((f) => f.flag.flag_id)).toEqual(['f5', 'f3', 'f4', 'f2', 'f1']);
  });

  it('offers only the actions the state allows', () => {
    expect(actionsFor('open')).toEqual(['acknowledge', 'dismiss']);
    expect(actionsFor('acknowledged')).toEqual(['dismiss', 'reopen']);
    expect(actionsFor('dismissed')).toEqual(['reopen']);
  });

  it('says what a deliverable needs and how fast a post is shared', () => {
    expect(deliverableText(deliverable('a#0', 'late', 1, 2, 1, 'reel'), () => 'Instagram')).toBe('1 of 2 reels on Instagram');
    expect(deliverableText(deliverable('a#0', 'due', 1), () => 'Instagram')).toBe('0 of 1 post on Instagram');
    expect(velocityText(4 / 3)).toBe('1.3/h');
    expect(velocityText(null)).toBe('–');
  });
});
