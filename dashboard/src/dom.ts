// Tiny DOM builders. Text always goes in as text nodes: nothing here parses HTML, so a
// server-supplied string can never become markup.

type Child = Node | string | null | undefined | false;

export interface ElementOptions {
  className?: string;
  testId?: string;
  attrs?: Record<string, string>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.testId) element.dataset.testid = options.testId;
  for (const [name, value] of Object.entries(options.attrs ?? {})) element.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/** Sets text only when it changed, so a repaint of unchanged figures costs nothing. */
export function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** The element with this id, which index.html must contain. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no #${id}`);
  return element as T;
}

/**
 * Brings a table body to `ordered` with the fewest DOM changes: rows whose key is not in `seen` are removed (and
 * forgotten), the rest are moved into place (appending an attached row moves it, so no row is recreated), and
 * `empty` stands in when there are no rows.
 */
export function reconcileRows<R extends { tr: HTMLTableRowElement }>(
  tbody: HTMLTableSectionElement,
  empty: HTMLTableRowElement,
  rows: Map<string, R>,
  seen: Set<string>,
  ordered: HTMLTableRowElement[],
): void {
  for (const [id, row] of rows) {
    if (!seen.has(id)) {
      row.tr.remove();
      rows.delete(id);
    }
  }
  if (ordered.length === 0) tbody.replaceChildren(empty);
  else {
    empty.remove();
    ordered.forEach((tr, index) => {
      if (tbody.children[index] !== tr) tbody.insertBefore(tr, tbody.children[index] ?? null);
    });
  }
}

/**
 * Runs `work` after the browser has painted what is on the page, in a quiet moment (at most `within` ms later), as a
 * task of its own: the panels below the fold load after the first screen is drawn, so their fetching and rendering
 * neither delays it nor joins its layout into one long task.
 */
export function afterPaint(work: () => void, within = 1000): void {
  requestAnimationFrame(() => {
    setTimeout(() => {
      if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(() => work(), { timeout: within });
      else setTimeout(work, 0);
    }, 0);
  });
}
