import { ApiKey } from '../../core/api/api-key-list-client';
import {
  comparableKeyName,
  hasVisibleCharacter,
  keyNameError,
  keyStatus,
  revocationHint,
} from './api-key';

const DAY = 24 * 60 * 60 * 1000;
const now = Date.parse('2025-06-01T00:00:00Z');

function key(overrides: Partial<ApiKey>): ApiKey {
  return {
    id: 1,
    name: 'k',
    prefix: 'pdm_AbCd',
    createdAt: new Date(now - 365 * DAY),
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

describe('hasVisibleCharacter', () => {
  it.each([
    ['nothing', ''],
    ['spaces, no-break and ideographic spaces', ' \u00a0\u3000\u2007'],
    ['Hangul fillers', '\u3164\u115f\u1160\uffa0'],
    ['braille blanks', '\u2800\u2800'],
    ['lone combining marks', '\u0301'.repeat(10)],
    ['zero-width and format characters', '\u200b\u200d\u2060\ufeff\u202e'],
    ['a variation selector', '\ufe0f'],
    ['a newline and a tab', '\n\t'],
  ])('is false for %s', (_case, name) => {
    expect(hasVisibleCharacter(name)).toBe(false);
  });

  it.each([
    ['a plain name', 'Deploy bot'],
    ['a decomposed accent on a letter', 'Cafe\u0301'],
    ['one letter among fillers', '\u3164\u2800x\u3164'],
    ['a CJK name and an emoji', '部署 🚀'],
    ['a braille letter', '\u2801'],
  ])('is true for %s', (_case, name) => {
    expect(hasVisibleCharacter(name)).toBe(true);
  });
});

describe('revocationHint', () => {
  it('suggests revoking a key unused for 90 days', () => {
    expect(revocationHint(key({ lastUsedAt: new Date(now - 90 * DAY) }), now)).toMatch(/Unused/);
  });

  it('stays quiet about a key used within 90 days', () => {
    expect(revocationHint(key({ lastUsedAt: new Date(now - 89 * DAY) }), now)).toBeNull();
  });

  it('suggests revoking a key never used 30 days after creation', () => {
    expect(revocationHint(key({ createdAt: new Date(now - 30 * DAY) }), now)).toMatch(/Never used/);
  });

  it('stays quiet about a never-used key younger than 30 days', () => {
    expect(revocationHint(key({ createdAt: new Date(now - 29 * DAY) }), now)).toBeNull();
  });

  it('says nothing about a revoked key', () => {
    expect(revocationHint(key({ revokedAt: new Date(now) }), now)).toBeNull();
  });
});

describe('keyStatus', () => {
  it('says Revoked for a revoked key, even one that was being replaced', () => {
    const revoked = key({ revokedAt: new Date(now - DAY), lastUsedAt: new Date(now - DAY) });
    expect(keyStatus(revoked, now, 'pdm_new1…').label).toBe('Revoked');
  });

  it('names the replacement of a key whose roll is unfinished', () => {
    const old = key({ lastUsedAt: new Date(now - DAY) });
    expect(keyStatus(old, now, 'pdm_new1…')).toEqual({
      kind: 'being-replaced',
      label: 'Being replaced by pdm_new1…',
    });
  });

  it('says Stale for a key unused for 90 days', () => {
    const idle = key({
      createdAt: new Date(now - 200 * DAY),
      lastUsedAt: new Date(now - 91 * DAY),
    });
    expect(keyStatus(idle, now).kind).toBe('stale');
  });

  it('says Never used for a recent key nothing has used yet', () => {
    const fresh = key({ createdAt: new Date(now - DAY), lastUsedAt: null });
    expect(keyStatus(fresh, now).label).toBe('Never used');
  });

  it('says Active for a key in recent use', () => {
    const used = key({ createdAt: new Date(now - 10 * DAY), lastUsedAt: new Date(now - DAY) });
    expect(keyStatus(used, now).label).toBe('Active');
  });
});

describe('keyNameError', () => {
  it.each(['', '   ', '\t\n'])('asks for a name when given %j', (name) => {
    expect(keyNameError(name)).toEqual({ kind: 'required', message: 'Enter a name for the key.' });
  });

  it.each(['\u3164\u3164\u3164', '\u2800', '\u0301'.repeat(10), '\u200b'])(
    'asks for a name when %j only looks blank, as the API refuses it',
    (name) => {
      expect(keyNameError(name)).toEqual({
        kind: 'required',
        message: 'Enter a name for the key.',
      });
    },
  );

  it('counts 64 characters once surrounding spaces are trimmed', () => {
    expect(keyNameError(`  ${'a'.repeat(64)}  `)).toBeNull();
  });

  it('refuses a 65th character', () => {
    expect(keyNameError('a'.repeat(65))).toEqual({
      kind: 'tooLong',
      message: 'Use at most 64 characters.',
    });
  });
});

describe('comparableKeyName', () => {
  it('ignores case and surrounding spaces', () => {
    expect(comparableKeyName('  CI Deploy ')).toBe(comparableKeyName('ci deploy'));
  });
});
