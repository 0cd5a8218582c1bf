import { Account } from '../../core/api/account-client';
import { ApiKey } from '../../core/api/api-key-list-client';
import { Property } from '../../core/api/property-list-client';
import { KEY_ORDER_PARAM, STALE_FIRST_ORDER } from '../../core/quick-jump/quick-jump-targets';
import { plural } from '../../shared/plural';
import { IconName } from '../../shared/ui/icon';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A key unused (or never used since it was created) for this long is worth a look. */
export const IDLE_KEY_DAYS = 30;
/** An active key in use for this long is worth rolling. */
export const OLD_KEY_DAYS = 365;
/** With this many recovery codes left or fewer, a lost phone is close to a locked account. */
export const LOW_RECOVERY_CODES = 3;
/** How many recently purged properties the overview lists. */
export const RECENT_PURGES = 5;

/**
 * Something on the account the owner should look at, with what it is about. Computed from the
 * API's answers each time (`accountAttention`, `keyAttention`), never stored.
 */
export type AttentionItem =
  | { readonly kind: 'two-factor-off' }
  | { readonly kind: 'recovery-codes-low'; readonly left: number }
  | {
      readonly kind: 'idle-keys';
      /** Active keys never used since they were created 30+ days ago. */
      readonly neverUsed: readonly ApiKey[];
      /** Active keys last used 30+ days ago. */
      readonly unused: readonly ApiKey[];
    }
  | { readonly kind: 'old-keys'; readonly keys: readonly ApiKey[] };

/** Two-factor off, or on with few recovery codes left. */
export function accountAttention(account: Account): AttentionItem[] {
  if (!account.twoFactorEnabled) {
    return [{ kind: 'two-factor-off' }];
  }
  return account.recoveryCodesLeft <= LOW_RECOVERY_CODES
    ? [{ kind: 'recovery-codes-low', left: account.recoveryCodesLeft }]
    : [];
}

/** Since when a key has done nothing: its last use, or its creation if it was never used. */
function idleSince(key: ApiKey): number {
  return (key.lastUsedAt ?? key.createdAt).getTime();
}

/**
 * The active keys that look idle (nothing used them for 30 days: revoke them if nothing needs
 * them) and, among the others, those over a year old (roll them). A key that is both is only
 * idle: rolling a key nothing uses would keep a risk alive under a new secret. Revoked keys
 * authenticate nothing and never count.
 */
export function keyAttention(keys: readonly ApiKey[], now: number): AttentionItem[] {
  const active = keys.filter((key) => key.revokedAt === null);
  const idle = active.filter((key) => now - idleSince(key) >= IDLE_KEY_DAYS * DAY_MS);
  const old = active.filter(
    (key) => !idle.includes(key) && now - key.createdAt.getTime() >= OLD_KEY_DAYS * DAY_MS,
  );
  const items: AttentionItem[] = [];
  if (idle.length > 0) {
    items.push({
      kind: 'idle-keys',
      neverUsed: idle.filter((key) => key.lastUsedAt === null),
      unused: idle.filter((key) => key.lastUsedAt !== null),
    });
  }
  if (old.length > 0) {
    items.push({ kind: 'old-keys', keys: old });
  }
  return items;
}

/** A property that was purged at least once. */
export type PurgedProperty = Property & { readonly lastPurgedAt: Date };

/** The properties purged most recently, latest first, at most `count`. */
export function recentlyPurged(
  properties: readonly Property[],
  count = RECENT_PURGES,
): PurgedProperty[] {
  return properties
    .filter((property): property is PurgedProperty => property.lastPurgedAt !== null)
    .sort((a, b) => b.lastPurgedAt.getTime() - a.lastPurgedAt.getTime())
    .slice(0, count);
}

/** An attention item as the overview shows it: what, why, and the link to where it is fixed. */
export interface AttentionView {
  readonly icon: IconName;
  /** `warning` for what puts the account at risk now, `advice` for good hygiene. */
  readonly tone: 'warning' | 'advice';
  readonly title: string;
  readonly detail: string;
  /** The link's words: what the owner does there. */
  readonly action: string;
  readonly link: string;
  readonly queryParams?: Record<string, string>;
}

const KEYS_WORDS = { one: 'API key', other: 'API keys' };

/** The words, icon and link of an attention item. */
export function describeAttention(item: AttentionItem): AttentionView {
  switch (item.kind) {
    case 'two-factor-off':
      return {
        icon: 'shield-alert',
        tone: 'warning',
        title: 'Two-factor authentication is off',
        detail:
          'Anyone who learns your password can sign in and create keys with full access. ' +
          'A code from your phone stops them.',
        action: 'Turn on two-factor',
        link: '/account',
      };
    case 'recovery-codes-low':
      return {
        icon: 'lock-reset',
        tone: 'warning',
        title:
          item.left === 0
            ? 'No recovery codes left'
            : `Only ${plural(item.left, { one: 'recovery code', other: 'recovery codes' })} left`,
        detail:
          'A recovery code signs you in once if your phone is lost. ' +
          'Make a fresh set and keep it somewhere safe.',
        action: 'Regenerate recovery codes',
        link: '/account',
      };
    case 'idle-keys': {
      const count = item.neverUsed.length + item.unused.length;
      const [only] = [...item.neverUsed, ...item.unused];
      const which =
        count === 1
          ? item.neverUsed.length === 1
            ? `“${only.name}” has never been used.`
            : `“${only.name}” has not been used for ${IDLE_KEY_DAYS} days or more.`
          : [
              item.neverUsed.length > 0 ? `${item.neverUsed.length} never used` : '',
              item.unused.length > 0
                ? `${item.unused.length} unused for ${IDLE_KEY_DAYS} days or more`
                : '',
            ]
              .filter(Boolean)
              .join(', ') + '.';
      return {
        icon: 'history',
        tone: 'warning',
        title: `${plural(count, KEYS_WORDS)} ${count === 1 ? 'looks' : 'look'} idle`,
        detail: `${which} A key has full access and never expires: revoke ${count === 1 ? 'it' : 'those'} if nothing needs ${count === 1 ? 'it' : 'them'}.`,
        action: count === 1 ? 'Review the idle key' : 'Review idle keys',
        link: '/api-keys',
        queryParams: { [KEY_ORDER_PARAM]: STALE_FIRST_ORDER },
      };
    }
    case 'old-keys': {
      const count = item.keys.length;
      return {
        icon: 'autorenew',
        tone: 'advice',
        title: `${plural(count, { one: 'active key is', other: 'active keys are' })} over a year old`,
        detail:
          (count === 1 ? `“${item.keys[0].name}” was created more than a year ago. ` : '') +
          'Rolling a key gives it a new secret, so a copy that leaked along the way stops working.',
        action: count === 1 ? 'Review the old key' : 'Review old keys',
        link: '/api-keys',
      };
    }
  }
}
