/**
 * The headers every response of the panel's origin carries. This is the one source of truth:
 * `deploy/nginx.conf` repeats them for production hosts, and `deploy-config.spec.ts` fails when
 * the two differ.
 */

/**
 * The Content-Security-Policy, one directive per entry, each with the reason it is as loose as it
 * is. Checked against the running panel: every e2e journey (sign-in, two-factor, every page and
 * dialog, single sign-on, the enrolment QR code) fails on any CSP violation.
 */
const CSP_DIRECTIVES = [
  "default-src 'self'",
  // Only the build's own chunks: no inline script, no eval (Angular's production build needs none).
  "script-src 'self'",
  // Angular renders component styles and Material/CDK set positions (overlays, virtual scroll)
  // through <style> elements and style attributes; neither can carry a nonce in a static build.
  "style-src 'self' 'unsafe-inline'",
  // `data:` for the two-factor QR code, which `qrcode` draws as an SVG in a data: URL (no
  // innerHTML, so no Trusted Types policy for it).
  "img-src 'self' data:",
  "font-src 'self'",
  // The API and the identity provider are same-origin here; a deployment whose API or provider
  // lives on another origin adds that origin (see README, Deploying).
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
  // DOM-XSS sinks (innerHTML, script src, eval...) accept only values from named policies.
  "require-trusted-types-for 'script'",
  // `angular`: Angular's sanitizer and renderer; `angular#bundler`: the policy the Angular CLI's
  // lazy-chunk loader uses. Nothing else is needed: Material here draws no SVG icons
  // (`angular#components` would be MatIconRegistry's), angular-oauth2-oidc only navigates and
  // calls fetch, and qrcode's SVG goes into an <img> as a data: URL.
  'trusted-types angular angular#bundler',
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};
