import { Account } from '../../core/api/account-client';
import { ApiKey } from '../../core/api/api-key-list-client';

/** What the create call answers: the listing entry plus the raw key, shown exactly once. */
export interface CreatedApiKey {
  readonly apiKey: ApiKey;
  readonly rawKey: string;
}

/** The account a key authenticates as, from "Test this key". */
export type KeyAccount = Pick<Account, 'name' | 'email'>;

export const KEY_NAME_MAX_LENGTH = 64;

const DAY_MS = 24 * 60 * 60 * 1000;
const UNUSED_DAYS = 90;
const NEVER_USED_DAYS = 30;

/** `pdm_AbCd…`: the ellipsis makes clear that this is the start of a longer secret. */
export function displayPrefix(key: ApiKey): string {
  return `${key.prefix}…`;
}

/**
 * A quiet suggestion to revoke an active key that looks abandoned: unused for 90 days, or never
 * used 30 days after creation. Keys have full account access and never expire, so an idle one
 * is pure risk.
 */
export function revocationHint(key: ApiKey, now: number): string | null {
  if (key.revokedAt !== null) {
    return null;
  }
  if (key.lastUsedAt === null) {
    return now - key.createdAt.getTime() >= NEVER_USED_DAYS * DAY_MS
      ? `Never used in ${NEVER_USED_DAYS}+ days: revoke it if nothing needs it.`
      : null;
  }
  return now - key.lastUsedAt.getTime() >= UNUSED_DAYS * DAY_MS
    ? `Unused for ${UNUSED_DAYS}+ days: revoke it if nothing needs it.`
    : null;
}
