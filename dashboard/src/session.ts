// Where the page keeps its key (the campaign and window live in the URL hash: see hash.ts).
// The key lives in sessionStorage only: gone when the tab closes, never in a cookie or the URL.

const KEY_STORAGE = 'creatorstream.apiKey';

// When storage is refused (some privacy modes), keep the key for this page's life only.
let memoryKey: string | null = null;

/** Takes `?key=` from the address, if any, and removes it so it is not bookmarked or shared. */
export function takeKeyFromUrl(): string | null {
  const url = new URL(window.location.href);
  const key = url.searchParams.get('key');
  if (key === null) return null;
  url.searchParams.delete('key');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  return key.trim() || null;
}

export function loadKey(): string | null {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? memoryKey;
  } catch {
    return memoryKey;
  }
}

export function saveKey(key: string): void {
  memoryKey = key;
  try {
    sessionStorage.setItem(KEY_STORAGE, key);
  } catch {
    // Storage refused: memoryKey serves until the page is closed.
  }
}

export function forgetKey(): void {
  memoryKey = null;
  try {
    sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // Nothing was stored.
  }
}
