import { Secret } from 'otpauth';
import {
  authenticatorUri,
  consumeSecondFactor,
  formatSharedKey,
  generateRecoveryCodes,
  hashRecoveryCodes,
  matchTotp,
  newTotpSecret,
  totpCode,
} from './two-factor.ts';
import type { User } from './store.ts';

const RFC_SECRET = Secret.fromLatin1('12345678901234567890').base32;

function userWith(secret: string, recoveryCodes: string[] = []): User {
  return {
    id: 1,
    accountId: 1,
    email: 'a@b.test',
    passwordHash: '',
    createdAt: '',
    twoFactorEnabled: true,
    totpSecret: secret,
    pendingTotpSecret: null,
    lastTotpStep: null,
    recoveryCodes: hashRecoveryCodes(recoveryCodes),
    failedSignIns: 0,
    lockoutEnd: null,
  };
}

describe('TOTP (RFC 6238, SHA-1)', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
    [20000000000, '353130'],
  ])('gives the RFC test vector at %i s', (seconds, expected) => {
    expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(expected);
  });

  it('accepts one step either side with window 1, not two', () => {
    const now = 1111111111_000;
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now - 30_000), now, 1, null)).not.toBeNull();
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now + 30_000), now, 1, null)).not.toBeNull();
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now - 60_000), now, 1, null)).toBeNull();
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now - 60_000), now, 2, null)).not.toBeNull();
  });

  it('refuses a code of a step already used (replay) and earlier steps', () => {
    const user = userWith(RFC_SECRET);
    const now = 1234567890_000;
    expect(consumeSecondFactor(user, totpCode(RFC_SECRET, now), now, 1)).toBe(true);
    expect(consumeSecondFactor(user, totpCode(RFC_SECRET, now), now, 1)).toBe(false);
    expect(consumeSecondFactor(user, totpCode(RFC_SECRET, now - 30_000), now, 1)).toBe(false);
    expect(consumeSecondFactor(user, totpCode(RFC_SECRET, now + 30_000), now, 1)).toBe(true);
  });

  it('ignores spaces in a TOTP code', () => {
    const user = userWith(RFC_SECRET);
    const code = totpCode(RFC_SECRET, 59_000);
    expect(consumeSecondFactor(user, `${code.slice(0, 3)} ${code.slice(3)}`, 59_000, 1)).toBe(true);
  });

  it('creates 160-bit base32 secrets without padding', () => {
    expect(newTotpSecret()).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('formats the shared key and the authenticator URI', () => {
    expect(formatSharedKey('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(authenticatorUri('a@b.test', 'JBSWY3DPEHPK3PXP')).toBe(
      'otpauth://totp/Paradarum:a%40b.test?secret=JBSWY3DPEHPK3PXP&issuer=Paradarum&digits=6',
    );
  });
});

describe('recovery codes', () => {
  it('generates 10 codes of the documented format', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(
      codes.every((code) =>
        /^[23456789BCDFGHJKMNPQRTVWXY]{5}-[23456789BCDFGHJKMNPQRTVWXY]{5}$/.test(code),
      ),
    ).toBe(true);
  });

  it('accepts a code once, case-insensitively', () => {
    const [code] = generateRecoveryCodes() as [string];
    const user = userWith(RFC_SECRET, [code]);
    expect(consumeSecondFactor(user, code.toLowerCase(), 0, 1)).toBe(true);
    expect(consumeSecondFactor(user, code, 0, 1)).toBe(false);
  });
});
