import {
  isAuthenticatorCode,
  isRecoveryCode,
  normalizeAuthenticatorCode,
  normalizeEitherCode,
  normalizeRecoveryCode,
} from './two-factor-code';

describe('authenticator codes', () => {
  it('drop the spaces a user typed or pasted', () => {
    expect(normalizeAuthenticatorCode(' 123 456 ')).toBe('123456');
  });

  it.each(['123456', '000000', '123 456'])('accept %j', (typed) => {
    expect(isAuthenticatorCode(typed)).toBe(true);
  });

  it.each(['', '12345', '1234567', '12345a', 'BCDFG-HJKMN'])('refuse %j', (typed) => {
    expect(isAuthenticatorCode(typed)).toBe(false);
  });
});

describe('recovery codes', () => {
  it.each(['hxq6f3gqyb', 'HXQ6F-3GQYB', ' hxq6f-3gqyb ', 'hxq6f 3gqyb'])(
    'read %j as the code the API issued',
    (typed) => {
      expect(normalizeRecoveryCode(typed)).toBe('HXQ6F-3GQYB');
      expect(isRecoveryCode(typed)).toBe(true);
    },
  );

  it.each(['', 'HXQ6F-3GQY', 'HXQ6F-3GQYBX', 'HXQ6F_3GQYB', '123456'])('refuse %j', (typed) => {
    expect(isRecoveryCode(typed)).toBe(false);
  });
});

describe('normalizeEitherCode', () => {
  it('keeps an authenticator code as digits', () => {
    expect(normalizeEitherCode('123 456')).toBe('123456');
  });

  it('accepts a recovery code without its dash, in any case', () => {
    expect(normalizeEitherCode('hxq6f3gqyb')).toBe('HXQ6F-3GQYB');
  });

  it.each(['', '12345', 'HXQ6F-3GQ'])('answers null for %j, which is neither', (typed) => {
    expect(normalizeEitherCode(typed)).toBeNull();
  });
});
