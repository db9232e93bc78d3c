// The window selector in the header: 5 min, 1 hour, 24 hours, campaign to date.

import { el } from './dom';
import type { SummaryWindow } from './types';
import { isSummaryWindow, WINDOWS } from './windows';

export interface WindowSelect {
  /** Shows the choice without firing onChange (the hash or a new campaign decided it). */
  set(window: SummaryWindow): void;
  show(visible: boolean): void;
}

export function createWindowSelect(
  picker: HTMLElement,
  select: HTMLSelectElement,
  onChange: (window: SummaryWindow) => void,
): WindowSelect {
  select.replaceChildren(...WINDOWS.map((w) => el('option', { attrs: { value: w.id } }, w.option)));
  select.addEventListener('change', () => {
    if (isSummaryWindow(select.value)) onChange(select.value);
  });
  return {
    set(window) {
      select.value = window;
    },
    show(visible) {
      picker.hidden = !visible;
    },
  };
}
