/**
 * How the panel writes and reads the strings of two-factor authentication. Kept apart from the
 * components so they are tested once. The rules for codes are `shared/two-factor-code.ts`.
 */

/** `jbswy3dpehpk3pxp…` → `JBSW Y3DP EHPK 3PXP …`: easier to type into an app that cannot scan. */
export function formatSharedKey(key: string): string {
  return compactSharedKey(key).replace(/(.{4})(?=.)/g, '$1 ');
}

/** The key without spaces, upper case: what an authenticator app expects when pasted. */
export function compactSharedKey(key: string): string {
  return key.replace(/\s+/g, '').toUpperCase();
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
