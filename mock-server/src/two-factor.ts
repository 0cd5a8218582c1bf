import { Secret, TOTP } from 'otpauth';
import { hashShortSecret, randomString, verifyShortSecret } from './crypto.ts';
import type { RecoveryCode, User } from './store.ts';

const TOTP_PERIOD_SECONDS = 30;
const TOTP_DIGITS = 6;
export const RECOVERY_CODE_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';
const RECOVERY_CODE_COUNT = 10;
const RECOVERY_CODE_PATTERN = /^[23456789BCDFGHJKMNPQRTVWXY]{5}-[23456789BCDFGHJKMNPQRTVWXY]{5}$/;

/** A new 160-bit secret, base32 without padding. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function timeStep(timeMs: number): number {
  return Math.floor(timeMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** RFC 6238 code (SHA-1, 6 digits, 30 s) for `secret` at `timeMs`. */
export function totpCode(secretBase32: string, timeMs: number): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secretBase32),
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    timestamp: timeMs,
  });
}

/**
 * The time step `code` belongs to, when it is within `window` steps of now and later than
 * `lastStep` (replay protection); otherwise null.
 */
export function matchTotp(
  secretBase32: string,
  code: string,
  timeMs: number,
  window: number,
  lastStep: number | null,
): number | null {
  const now = timeStep(timeMs);
  for (let step = now - window; step <= now + window; step++) {
    if (lastStep !== null && step <= lastStep) continue;
    if (totpCode(secretBase32, step * TOTP_PERIOD_SECONDS * 1000) === code) return step;
  }
  return null;
}

export function generateRecoveryCodes(): string[] {
  return Array.from(
    { length: RECOVERY_CODE_COUNT },
    () => `${randomString(RECOVERY_CODE_ALPHABET, 5)}-${randomString(RECOVERY_CODE_ALPHABET, 5)}`,
  );
}

export function hashRecoveryCodes(codes: readonly string[]): RecoveryCode[] {
  return codes.map((code) => ({ hash: hashShortSecret(code), usedAt: null }));
}

export function recoveryCodesLeft(user: User): number {
  return user.recoveryCodes.filter((code) => code.usedAt === null).length;
}

/**
 * Checks a TOTP or recovery code against the user's active secret and, when it matches, consumes
 * it (records the TOTP step or marks the recovery code used). Synchronous on purpose: nothing can
 * run between the check and the consumption, so a code cannot be used twice by parallel requests.
 */
export function consumeSecondFactor(
  user: User,
  input: string,
  timeMs: number,
  window: number,
): boolean {
  const totp = input.replace(/\s+/g, '');
  if (/^\d{6}$/.test(totp)) {
    return user.totpSecret !== null && consumeTotp(user, user.totpSecret, totp, timeMs, window);
  }
  const recovery = input.trim().toUpperCase();
  if (!RECOVERY_CODE_PATTERN.test(recovery)) return false;
  // Check every unused code so the time taken does not depend on which one matched.
  const match = user.recoveryCodes.filter(
    (code) => code.usedAt === null && verifyShortSecret(recovery, code.hash),
  )[0];
  if (!match) return false;
  match.usedAt = new Date(timeMs).toISOString();
  return true;
}

/** Like `consumeSecondFactor` for a TOTP code against a given secret (the pending one while enabling). */
export function consumeTotp(
  user: User,
  secretBase32: string,
  code: string,
  timeMs: number,
  window: number,
): boolean {
  const step = matchTotp(secretBase32, code.replace(/\s+/g, ''), timeMs, window, user.lastTotpStep);
  if (step === null) return false;
  user.lastTotpStep = step;
  return true;
}

/** `sharedKey` as authenticator apps show it: groups of four. */
export function formatSharedKey(secretBase32: string): string {
  return secretBase32.match(/.{1,4}/g)?.join(' ') ?? secretBase32;
}

export function authenticatorUri(email: string, secretBase32: string): string {
  return `otpauth://totp/Paradarum:${encodeURIComponent(email)}?secret=${secretBase32}&issuer=Paradarum&digits=6`;
}
