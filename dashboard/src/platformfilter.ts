// A platform choice for a table: "All platforms" or one platform the campaign has figures on.

import { el } from './dom';
import { platformLabel } from './format';

export interface PlatformFilter {
  readonly element: HTMLLabelElement;
  /** The platforms to offer; the current choice stays offered even when it has no figures in this answer. */
  setPlatforms(platforms: readonly string[]): void;
  /** The chosen platform, or null for all. */
  value(): string | null;
  /** Back to all platforms, without firing onChange. */
  reset(): void;
}

const ALL = '';

export function createPlatformFilter(testId: string, onChange: (platform: string | null) => void): PlatformFilter {
  const select = el('select', { testId });
  const element = el('label', { className: 'table-filter' }, el('span', {}, 'Platform'), select);
  let offered = '';

  function paint(platforms: readonly string[]): void {
    const current = select.value;
    const list = current !== ALL && !platforms.includes(current) ? [...platforms, current] : [...platforms];
    const signature = list.join('\u001f');
    if (signature === offered) return; // an unchanged list is not rebuilt (it would close an open menu)
    offered = signature;
    select.replaceChildren(
      el('option', { attrs: { value: ALL } }, 'All platforms'),
      ...list.map((p) => el('option', { attrs: { value: p } }, platformLabel(p))),
    );
    select.value = current;
  }

  select.addEventListener('change', () => onChange(select.value === ALL ? null : select.value));
  paint([]);
  return {
    element,
    setPlatforms: paint,
    value: () => (select.value === ALL ? null : select.value),
    reset() {
      select.value = ALL;
    },
  };
}
