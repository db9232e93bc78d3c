// Export buttons: the table as CSV (spreadsheets) or as an Arrow IPC stream (analysts' tools), holding
// what the table shows (window, model, platform, search words; the file's name says which). The key
// travels in a header, so the file is fetched and handed to the browser as a download, never as a URL
// carrying the key.

import { AuthError, errorReason, type ExportFile, type ExportFormat, type ExportTable, getExport } from './api';
import { el, setText } from './dom';
import type { SummaryWindow } from './types';

export interface ExportContext {
  key: string;
  campaignId: string;
  window: SummaryWindow;
  model: string | null;
  platform: string | null;
  text: string;
}

const FORMATS: readonly { format: ExportFormat; label: string; title: string }[] = [
  { format: 'csv', label: 'CSV', title: 'Download this table as CSV (opens in a spreadsheet)' },
  { format: 'arrow', label: 'Arrow', title: 'Download this table as an Apache Arrow IPC stream (pandas, Polars, DuckDB)' },
];

/** Hands a fetched file to the browser as a download (an object URL, so the key never goes into a URL). */
export function saveFile(file: ExportFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = el('a', { attrs: { href: url, download: file.fileName } });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "Export: CSV · Arrow" for one table; `context` is read at click time (null while no campaign is shown). */
export function createExportLinks(
  table: ExportTable,
  context: () => ExportContext | null,
  refused: (reason: string) => void,
): HTMLElement {
  const note = el('span', { className: 'export-note', testId: `export-${table}-note`, attrs: { role: 'status' } });
  const buttons = FORMATS.map(({ format, label, title }) => {
    const button = el(
      'button',
      { className: 'export-button', testId: `export-${table}-${format}`, attrs: { type: 'button', title } },
      label,
    );
    button.addEventListener('click', () => void download(format, button));
    return button;
  });

  async function download(format: ExportFormat, button: HTMLButtonElement): Promise<void> {
    const at = context();
    if (at === null) return;
    button.disabled = true;
    setText(note, 'preparing…');
    try {
      const file = await getExport(at.key, at.campaignId, {
        table,
        format,
        window: at.window,
        model: at.model,
        platform: at.platform,
        text: table === 'content' ? at.text : '',
      });
      saveFile(file);
      setText(note, `saved ${file.fileName}`);
    } catch (error) {
      if (error instanceof AuthError) refused(error.message);
      setText(note, `export failed: ${errorReason(error)}`);
    } finally {
      button.disabled = false;
    }
  }

  return el('span', { className: 'export-links' }, el('span', { className: 'export-label' }, 'Export'), ...buttons, note);
}
