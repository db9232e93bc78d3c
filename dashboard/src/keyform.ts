// The API key form: shown when there is no key, or when the server refused the one given.

import { setText } from './dom';

export interface KeyForm {
  /** Shows the form, with the server's reason when there is one. */
  show(reason?: string): void;
  hide(): void;
}

export function createKeyForm(
  panel: HTMLElement,
  form: HTMLFormElement,
  input: HTMLInputElement,
  error: HTMLElement,
  onKey: (key: string) => void,
): KeyForm {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (key === '') {
      setText(error, 'Enter an API key.');
      error.hidden = false;
      input.focus();
      return;
    }
    input.value = '';
    onKey(key);
  });

  return {
    show(reason) {
      setText(error, reason ?? '');
      error.hidden = !reason;
      panel.hidden = false;
      input.focus();
    },
    hide() {
      panel.hidden = true;
      setText(error, '');
      error.hidden = true;
    },
  };
}
