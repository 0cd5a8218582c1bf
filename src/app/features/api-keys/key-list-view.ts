import { ApiKey } from '../../core/api/api-key-list-client';

/** How the active keys are ordered: as created, or the ones that look abandoned first. */
export type KeyOrder = 'newest' | 'stale-first';

/**
 * Keeps the keys whose name contains the query, or whose prefix contains it (so `pdm_AbCd`,
 * `AbCd` and the displayed `pdm_AbCd…` all find a key), ignoring case and surrounding spaces.
 */
export function filterKeys(keys: readonly ApiKey[], query: string): readonly ApiKey[] {
  const needle = query.trim().replace(/…$/, '').toLocaleLowerCase();
  if (needle === '') {
    return keys;
  }
  return keys.filter(
    (key) =>
      key.name.toLocaleLowerCase().includes(needle) ||
      key.prefix.toLocaleLowerCase().includes(needle),
  );
}

/**
 * Orders keys for the table. `stale-first` puts the key idle the longest at the top (never used
 * counts from its creation), so the keys with a revocation hint, and those the overview calls
 * idle, come first; `newest` keeps the given order.
 */
export function orderKeys(keys: readonly ApiKey[], order: KeyOrder): readonly ApiKey[] {
  if (order === 'newest') {
    return keys;
  }
  const idleSince = (key: ApiKey) => (key.lastUsedAt ?? key.createdAt).getTime();
  return [...keys].sort((a, b) => idleSince(a) - idleSince(b));
}
