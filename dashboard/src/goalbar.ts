// The goal progress bar above the KPI cards: "Revenue 1,234 of 50,000 USD (2.5%)".
//
// The block (data-testid="goal-progress") carries `data-progress` (the server's share, or empty)
// and `data-kpi`. The bar's width is set through the CSSOM, which `style-src 'self'` allows.

import { el, setText } from './dom';
import { goalDetail, goalFill, goalKpiLabel, goalText } from './goal';
import type { GoalProgress } from './types';

export interface GoalBar {
  /**
   * @param goal the campaign's goal to date; null when it has none (or none is known yet).
   * @param note a short qualifier, e.g. "to date" when the page shows a rolling window.
   */
  render(goal: GoalProgress | null, currency: string, note?: string): void;
  clear(): void;
}

export function createGoalBar(container: HTMLElement): GoalBar {
  const label = el('p', { className: 'goal-text' });
  const detail = el('p', { className: 'goal-detail' });
  const fill = el('div', { className: 'goal-fill' });
  const track = el('div', { className: 'goal-track', attrs: { 'aria-hidden': 'true' } }, fill);
  const block = el(
    'div',
    { className: 'goal-progress', testId: 'goal-progress', attrs: { role: 'group' } },
    label,
    track,
    detail,
  );
  container.replaceChildren(block);

  const api: GoalBar = {
    render(goal, currency, note) {
      if (goal === null || typeof goal !== 'object' || typeof goal.kpi !== 'string') {
        setText(label, 'No goal set for this campaign.');
        setText(detail, '');
        fill.style.width = '0%';
        block.dataset.progress = '';
        delete block.dataset.kpi;
        block.classList.add('is-empty');
        block.removeAttribute('aria-label');
        return;
      }
      const text = goalText(goal, currency);
      setText(label, text);
      setText(detail, [goalDetail(goal), note].filter(Boolean).join(' · '));
      const share = goalFill(goal.progress);
      fill.style.width = `${(share * 100).toFixed(2)}%`;
      fill.classList.toggle('is-met', typeof goal.progress === 'number' && goal.progress >= 1);
      block.dataset.progress = typeof goal.progress === 'number' ? String(goal.progress) : '';
      block.dataset.kpi = goal.kpi;
      block.classList.remove('is-empty');
      block.setAttribute('aria-label', `${goalKpiLabel(goal.kpi)} goal: ${text}`);
    },
    clear() {
      setText(label, 'Goal: no data yet');
      setText(detail, '');
      fill.style.width = '0%';
      block.dataset.progress = '';
      delete block.dataset.kpi;
      block.classList.add('is-empty');
    },
  };
  api.clear();
  return api;
}
