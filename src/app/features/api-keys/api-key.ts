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

/**
 * Characters that show nothing by themselves: whitespace, controls, format characters (zero-width
 * spaces and joiners, direction marks), private-use, unassigned and surrogate code points,
 * combining marks (alone they mark nothing), default-ignorable code points (Hangul fillers U+115F,
 * U+1160, U+3164, U+FFA0, variation selectors) and the braille blank U+2800.
 */
const VISIBLE = /[^\p{White_Space}\p{Z}\p{C}\p{M}\p{Default_Ignorable_Code_Point}\u2800]/u;

/**
 * Whether a key name shows at least one character. A name of fillers, blanks or lone accents
 * looks empty in the list, so the API refuses it with the empty name's message (the mock applies
 * the same rule in mock-server/src/api-keys.ts).
 */
export function hasVisibleCharacter(name: string): boolean {
  return VISIBLE.test(name);
}

/** Why a name cannot be sent to the API, as the name field shows it. */
export interface KeyNameError {
  readonly kind: 'required' | 'tooLong';
  readonly message: string;
}

/**
 * The one rule for a key's name: what the name field refuses before anything is sent. Counted
 * once surrounding spaces are trimmed, as the API counts.
 */
export function keyNameError(name: string): KeyNameError | null {
  const trimmed = name.trim();
  // A name of fillers, blanks or lone accents looks empty in the list: the API refuses it as empty.
  if (trimmed.length === 0 || !hasVisibleCharacter(trimmed)) {
    return { kind: 'required', message: 'Enter a name for the key.' };
  }
  if (trimmed.length > KEY_NAME_MAX_LENGTH) {
    return { kind: 'tooLong', message: `Use at most ${KEY_NAME_MAX_LENGTH} characters.` };
  }
  return null;
}

/** A name as two names are compared ("is it in use?"): without surrounding spaces, any case. */
export function comparableKeyName(name: string): string {
  return name.trim().toLocaleLowerCase();
}

const DAY_MS = 24 * 60 * 60 * 1000;
const UNUSED_DAYS = 90;
const NEVER_USED_DAYS = 30;

/** `pdm_AbCd…`: the ellipsis makes clear that this is the start of a longer secret. */
export function displayPrefix(key: ApiKey): string {
  return `${key.prefix}…`;
}

/**
 * How a key is named in a sentence: `“CMS plugin” (pdm_AbCd…)`, the prefix telling namesakes
 * apart.
 */
export function keyLabel(key: ApiKey): string {
  return `“${key.name}” (${displayPrefix(key)})`;
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

/** A key's status badge, by what the owner should do about it. */
export type KeyStatus =
  | { readonly kind: 'revoked'; readonly label: 'Revoked' }
  | { readonly kind: 'being-replaced'; readonly label: string }
  | { readonly kind: 'stale'; readonly label: 'Stale' }
  | { readonly kind: 'never-used'; readonly label: 'Never used' }
  | { readonly kind: 'active'; readonly label: 'Active' };

/**
 * The badge for a key: revoked wins, then an unfinished roll (`replacedBy` is the new key's
 * display prefix), then the idle warnings of `revocationHint`, then never used, else active.
 */
export function keyStatus(key: ApiKey, now: number, replacedBy?: string): KeyStatus {
  if (key.revokedAt !== null) {
    return { kind: 'revoked', label: 'Revoked' };
  }
  if (replacedBy) {
    return { kind: 'being-replaced', label: `Being replaced by ${replacedBy}` };
  }
  if (revocationHint(key, now) !== null) {
    return { kind: 'stale', label: 'Stale' };
  }
  return key.lastUsedAt === null
    ? { kind: 'never-used', label: 'Never used' }
    : { kind: 'active', label: 'Active' };
}
