// The authenticity classifier's reason codes in words (pure). An unknown code is shown as its words.

const REASONS: Readonly<Record<string, string>> = {
  burst: 'bursts of actions',
  regular_timing: 'machine-regular timing',
  not_shown: 'engaged without being shown the post',
  shared_ip: 'one IP behind many accounts',
  shared_device: 'one device behind many accounts',
  new_account: 'brand-new account',
  zero_dwell: 'clicked and left at once',
  copy_paste_comment: 'copy-pasted comment',
  pod: 'engagement pod',
  suspicious_account: 'flagged earlier',
  pod_comment: 'generic praise right after a like',
};

export function reasonLabel(code: unknown): string {
  if (typeof code !== 'string' || code === '') return 'unknown reason';
  return REASONS[code] ?? code.replace(/[_-]+/g, ' ');
}

/** Reason counts as "shared device ×4, new account ×2", most frequent first (ties by code). */
export function reasonSummary(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .filter(([, n]) => typeof n === 'number' && n > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([code, n]) => `${reasonLabel(code)} ×${n}`)
    .join(', ');
}
