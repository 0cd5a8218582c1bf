import { safeReturnUrl } from './return-url';

describe('safeReturnUrl', () => {
  it.each(['/properties', '/properties/7?tab=purges#history', '/api-keys'])(
    'keeps the in-app path %s',
    (path) => {
      expect(safeReturnUrl(path)).toBe(path);
    },
  );

  it.each([
    ['a protocol-relative URL', '//evil.com'],
    ['a backslash that browsers read as a slash', '/\\evil.com'],
    ['an absolute URL', 'https://evil.com/properties'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a tab that browsers strip', '/\t/evil.com'],
    ['a relative path', 'properties'],
    ['an empty value', ''],
    ['the login page itself', '/login?returnUrl=%2Fproperties'],
    ['no value at all', undefined],
  ])('falls back to the app for %s', (_case, raw) => {
    expect(safeReturnUrl(raw)).toBe('/');
  });

  it('normalises dot segments instead of following them out', () => {
    expect(safeReturnUrl('/properties/../api-keys')).toBe('/api-keys');
  });
});
