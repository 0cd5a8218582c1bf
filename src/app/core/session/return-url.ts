/** An origin that can never be the panel's, used only to resolve dot segments. */
const probeOrigin = 'https://panel.invalid';

/** Where a user goes when there is no usable return URL: the app's start page. */
const appStart = '/';

/**
 * A single-slash absolute path: `//evil.com` and `/\evil.com` are protocol-relative to browsers,
 * and browsers strip tabs and newlines (`/\t/evil.com`), so backslashes and control characters
 * are refused anywhere.
 */
function isAppPath(value: string): boolean {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point.
  return /^\/(?!\/)/.test(value) && !/[\\\u0000-\u001f\u007f]/.test(value);
}

/**
 * The in-app path from a `returnUrl` query parameter, or the app's start page when it could lead
 * anywhere else (`https:` and `javascript:` URLs, protocol-relative ones, relative paths). The
 * login page itself is not a destination, or signing in would loop.
 */
export function safeReturnUrl(raw: string | null | undefined): string {
  if (!raw || !isAppPath(raw)) {
    return appStart;
  }
  const url = new URL(raw, probeOrigin);
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Checked again once dot segments are resolved: `/.//evil.com` becomes `//evil.com`.
  if (!isAppPath(path) || url.pathname === '/login' || url.pathname.startsWith('/login/')) {
    return appStart;
  }
  return path;
}
