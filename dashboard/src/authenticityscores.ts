// The authenticity panel's pure parts (unit-tested): scope names and the creators' scores in order.

export interface AuthenticityScope {
  creatorId: string | null;
  contentId: string | null;
}

/** "campaign", "anna" or "anna/post-1": the scope as `data-scope` names it. */
export function scopeName(scope: AuthenticityScope): string {
  if (scope.creatorId === null) return 'campaign';
  return scope.contentId === null ? scope.creatorId : `${scope.creatorId}/${scope.contentId}`;
}

/** Creators with a score, lowest (most at risk) first; ties by name. */
export function scoresByRisk(
  scores: Readonly<Record<string, number | null>>,
  nameOf: (id: string) => string,
): { creatorId: string; name: string; score: number }[] {
  return Object.entries(scores)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([creatorId, score]) => ({ creatorId, name: nameOf(creatorId), score }))
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name, 'en-US'));
}
