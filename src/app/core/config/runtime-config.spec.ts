import { parseRuntimeConfig } from './runtime-config';

describe('parseRuntimeConfig', () => {
  const origin = 'https://panel.example';

  it('resolves a relative API base URL against the page origin and drops trailing slashes', () => {
    const config = parseRuntimeConfig({ apiBaseUrl: '/api/' }, origin);

    expect(config.apiBaseUrl).toBe('https://panel.example/api');
  });

  it('keeps an absolute API base URL on another origin', () => {
    const config = parseRuntimeConfig({ apiBaseUrl: 'https://api.paradarum.com/api' }, origin);

    expect(config.apiBaseUrl).toBe('https://api.paradarum.com/api');
  });

  it('defaults to /api, sessionStorage persistence and no single sign-on', () => {
    const config = parseRuntimeConfig({}, origin);

    expect(config).toEqual({
      apiBaseUrl: 'https://panel.example/api',
      sessionPersistence: 'session',
      oidc: null,
    });
  });

  it('accepts memory-only sessions', () => {
    const config = parseRuntimeConfig({ session: { persistence: 'memory' } }, origin);

    expect(config.sessionPersistence).toBe('memory');
  });

  it('reads OIDC settings only when issuer and client id are both given', () => {
    expect(parseRuntimeConfig({ oidc: { issuer: '/oidc' } }, origin).oidc).toBeNull();
    expect(
      parseRuntimeConfig({ oidc: { issuer: '/oidc', clientId: 'paradarum-panel' } }, origin).oidc,
    ).toEqual({
      issuer: 'https://panel.example/oidc',
      clientId: 'paradarum-panel',
      scope: 'openid email profile',
      buttonLabel: 'Sign in with single sign-on',
    });
  });

  it.each([
    ['with a trailing slash (Auth0)', 'https://tenant.auth0.com/'],
    ['without one (Keycloak)', 'https://login.example/realms/staff'],
    ['of an origin only', 'https://login.example'],
  ])('keeps an absolute issuer %s exactly as configured', (_what, issuer) => {
    const config = parseRuntimeConfig({ oidc: { issuer, clientId: 'paradarum-panel' } }, origin);

    expect(config.oidc?.issuer).toBe(issuer);
  });
});
