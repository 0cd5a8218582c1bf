import {
  codeProblem,
  isAuthenticatorCode,
  isRecoveryCode,
  normalizeAuthenticatorCode,
  normalizeEitherCode,
  normalizeRecoveryCode,
  normalizedCode,
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

describe('normalizedCode', () => {
  it.each([
    ['123 456', 'authenticator', '123456'],
    ['hxq6f3gqyb', 'authenticator', null],
    ['hxq6f3gqyb', 'recovery', 'HXQ6F-3GQYB'],
    ['123456', 'recovery', null],
    ['123 456', 'either', '123456'],
    ['hxq6f3gqyb', 'either', 'HXQ6F-3GQYB'],
  ] as const)('reads %j, where %s codes are taken, as %j', (typed, accepted, sent) => {
    expect(normalizedCode(typed, accepted)).toBe(sent);
  });
});

describe('codeProblem: one wording for sign-in and the account dialogs', () => {
  it.each([
    ['', 'authenticator', 'Enter the 6-digit code from your authenticator app.'],
    ['12345', 'authenticator', 'Enter the 6-digit code from your authenticator app.'],
    ['HXQ6F', 'recovery', 'Enter a recovery code in the format xxxxx-xxxxx.'],
    [' ', 'either', 'Enter the code from your app or a recovery code.'],
    [
      'hello',
      'either',
      'That is neither a 6-digit code nor a recovery code (two groups of five characters).',
    ],
  ] as const)('says what is wrong with %j where %s codes are taken', (typed, accepted, words) => {
    expect(codeProblem(typed, accepted)).toBe(words);
  });

  it.each([
    ['123456', 'authenticator'],
    ['hxq6f-3gqyb', 'recovery'],
    ['hxq6f3gqyb', 'either'],
  ] as const)('has nothing to say about %j where %s codes are taken', (typed, accepted) => {
    expect(codeProblem(typed, accepted)).toBeNull();
  });
});
