import { safeReturnUrl } from './return-url';

describe('safeReturnUrl', () => {
  it.each(['/properties', '/properties/7?tab=purges#history', '/api-keys'])(
    'keeps the in-app path %s',
    (path) => {
      expect(safeReturnUrl(path)).toBe(path);
    },
  );

  // Each case has a path after the host, so that a check that lets it through shows up as that
  // path rather than as the fallback.
  it.each([
    ['a protocol-relative URL', '//evil.com/properties'],
    ['a backslash that browsers read as a slash', '/\\evil.com/properties'],
    ['a backslash later in the path', '/properties\\..\\..\\evil.com'],
    ['an absolute URL', 'https://evil.com/properties'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a tab that browsers strip', '/\t/evil.com/properties'],
    ['a dot segment that makes it protocol-relative', '/.//evil.com/properties'],
    ['an encoded dot segment that makes it protocol-relative', '/x/%2e%2e//evil.com/properties'],
    ['a relative path', 'properties'],
    ['an empty value', ''],
    ['the login page itself', '/login?returnUrl=%2Fproperties'],
    ['a path below the login page', '/login/'],
    ['no value at all', undefined],
    ['a missing query parameter', null],
  ])('falls back to the app for %s', (_case, raw) => {
    expect(safeReturnUrl(raw)).toBe('/');
  });

  it('normalises dot segments instead of following them out', () => {
    expect(safeReturnUrl('/properties/../api-keys')).toBe('/api-keys');
  });
});
