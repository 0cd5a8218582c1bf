/**
 * How the panel writes and reads the strings of two-factor authentication. Kept apart from the
 * components so the rules are tested once and shared by the wizard and both confirm dialogs.
 */

/** `jbswy3dpehpk3pxp…` → `JBSW Y3DP EHPK 3PXP …`: easier to type into an app that cannot scan. */
export function formatSharedKey(key: string): string {
  return compactSharedKey(key).replace(/(.{4})(?=.)/g, '$1 ');
}

/** The key without spaces, upper case: what an authenticator app expects when pasted. */
export function compactSharedKey(key: string): string {
  return key.replace(/\s+/g, '').toUpperCase();
}

const totpPattern = /^\d{6}$/;
const recoveryCodePattern = /^[a-z0-9]{5}-[a-z0-9]{5}$/i;

/**
 * A code as typed (`123 456`, ` abcde-fghij `) made ready to send: spaces dropped, recovery codes
 * upper-cased. The API ignores both, but a tidy value keeps the pattern checks simple.
 */
export function normalizeCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** Is this (normalized) code a 6-digit authenticator code? */
export function isAuthenticatorCode(code: string): boolean {
  return totpPattern.test(code);
}

/** Is this (normalized) code an authenticator code or a recovery code (`XXXXX-XXXXX`)? */
export function isAuthenticatorOrRecoveryCode(code: string): boolean {
  return totpPattern.test(code) || recoveryCodePattern.test(code);
}

/** The `.txt` a user downloads: who the codes are for, when they were made, how to use them. */
export function recoveryCodesFile(
  codes: readonly string[],
  email: string,
  createdAt: Date,
): string {
  return [
    'Paradarum recovery codes',
    '',
    `Account: ${email}`,
    `Created: ${createdAt.toISOString()}`,
    '',
    'Each code signs you in once when you cannot use your authenticator app.',
    'Keep them somewhere safe, such as a password manager. Generating new codes voids these.',
    '',
    ...codes,
    '',
  ].join('\n');
}
