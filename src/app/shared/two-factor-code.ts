/**
 * The one rule for the codes of two-factor authentication, used by the sign-in step and by the
 * account's confirm dialogs alike, so a code that signs in is also accepted to turn two-factor
 * off. Each function takes the code as typed: authenticator apps show `123 456`, and recovery
 * codes are case-insensitive and may be typed without their dash (`hxq6f3gqyb`).
 */

const authenticatorCodePattern = /^\d{6}$/;
const recoveryCodePattern = /^[A-Z0-9]{5}-[A-Z0-9]{5}$/;

/** `123 456` → `123456`. */
export function normalizeAuthenticatorCode(typed: string): string {
  return typed.replace(/\s+/g, '');
}

/** ` hxq6f3gqyb ` and `HXQ6F-3GQYB` → `HXQ6F-3GQYB`: what the API issued. */
export function normalizeRecoveryCode(typed: string): string {
  const compact = typed.replace(/[\s-]+/g, '').toUpperCase();
  return compact.length === 10 ? `${compact.slice(0, 5)}-${compact.slice(5)}` : compact;
}

/** Is this a 6-digit authenticator code, spaces aside? */
export function isAuthenticatorCode(typed: string): boolean {
  return authenticatorCodePattern.test(normalizeAuthenticatorCode(typed));
}

/** Is this a recovery code (two groups of five letters or digits), case and dash aside? */
export function isRecoveryCode(typed: string): boolean {
  return recoveryCodePattern.test(normalizeRecoveryCode(typed));
}

/** Where either kind is accepted: the code ready to send, or null when it is neither kind. */
export function normalizeEitherCode(typed: string): string | null {
  if (isAuthenticatorCode(typed)) {
    return normalizeAuthenticatorCode(typed);
  }
  return isRecoveryCode(typed) ? normalizeRecoveryCode(typed) : null;
}

/** The codes a field takes: the app's, a recovery code, or either (to confirm an account change). */
export type AcceptedCode = 'authenticator' | 'recovery' | 'either';

/** The code ready to send, or null when it is not of a kind `accepted` allows. */
export function normalizedCode(typed: string, accepted: AcceptedCode): string | null {
  switch (accepted) {
    case 'authenticator':
      return isAuthenticatorCode(typed) ? normalizeAuthenticatorCode(typed) : null;
    case 'recovery':
      return isRecoveryCode(typed) ? normalizeRecoveryCode(typed) : null;
    case 'either':
      return normalizeEitherCode(typed);
  }
}

/**
 * What is wrong with a code as typed, or null when it can be sent: the words every two-factor
 * field uses, at sign-in and in the account's dialogs alike.
 */
export function codeProblem(typed: string, accepted: AcceptedCode): string | null {
  if (normalizedCode(typed, accepted) !== null) {
    return null;
  }
  switch (accepted) {
    case 'authenticator':
      return 'Enter the 6-digit code from your authenticator app.';
    case 'recovery':
      return 'Enter a recovery code in the format xxxxx-xxxxx.';
    case 'either':
      return typed.trim() === ''
        ? 'Enter the code from your app or a recovery code.'
        : 'That is neither a 6-digit code nor a recovery code (two groups of five characters).';
  }
}
