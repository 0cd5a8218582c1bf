/** An origin that can never be the panel's, used only to see where a path would lead. */
const probeOrigin = 'https://panel.invalid';

/**
 * The in-app path from a `returnUrl` query parameter, or `fallback` when it could lead anywhere
 * else. Only a single-slash absolute path is accepted: `//evil.com` and `/\evil.com` are
 * protocol-relative to browsers, `https:` and `javascript:` URLs leave the app, and control
 * characters are rejected because browsers strip tabs and newlines (`/\t/evil.com`). The login
 * page itself is not a destination, or signing in would loop.
 */
export function safeReturnUrl(raw: unknown, fallback = '/'): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point.
  if (typeof raw !== 'string' || !/^\/(?![/\\])/.test(raw) || /[\\\u0000-\u001f\u007f]/.test(raw)) {
    return fallback;
  }
  let url: URL;
  try {
    url = new URL(raw, probeOrigin);
  } catch {
    return fallback;
  }
  if (
    url.origin !== probeOrigin ||
    url.pathname === '/login' ||
    url.pathname.startsWith('/login/')
  ) {
    return fallback;
  }
  return `${url.pathname}${url.search}${url.hash}`;
}
