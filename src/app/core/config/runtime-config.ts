import { InjectionToken } from '@angular/core';

/** Where sessions are kept: the tab's sessionStorage (survives a reload) or memory only. */
export type SessionPersistence = 'session' | 'memory';

/** OpenID Connect single sign-on; absent when the deployment offers password sign-in only. */
export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly scope: string;
  /** Label of the sign-in button, e.g. "Sign in with Example SSO". */
  readonly buttonLabel: string;
}

/** Settings fetched from `/config.json` before bootstrap, so one build serves every environment. */
export interface RuntimeConfig {
  /** Absolute URL of the Paradarum API, without a trailing slash (e.g. `https://host/api`). */
  readonly apiBaseUrl: string;
  readonly sessionPersistence: SessionPersistence;
  readonly oidc: OidcSettings | null;
}

export const RUNTIME_CONFIG = new InjectionToken<RuntimeConfig>('RUNTIME_CONFIG');

interface RawConfig {
  apiBaseUrl?: unknown;
  session?: { persistence?: unknown };
  oidc?: Partial<Record<keyof OidcSettings, unknown>> | null;
}

/**
 * Turns the JSON of `/config.json` into a checked RuntimeConfig. A relative `apiBaseUrl` is
 * resolved against the page's origin so that the interceptor can compare absolute URLs.
 */
export function parseRuntimeConfig(raw: unknown, pageOrigin: string): RuntimeConfig {
  const config = (raw ?? {}) as RawConfig;
  const apiBase = typeof config.apiBaseUrl === 'string' ? config.apiBaseUrl : '/api';
  const apiBaseUrl = new URL(apiBase, pageOrigin).href.replace(/\/+$/, '');
  const persistence = config.session?.persistence === 'memory' ? 'memory' : 'session';
  return { apiBaseUrl, sessionPersistence: persistence, oidc: parseOidc(config.oidc, pageOrigin) };
}

function parseOidc(raw: RawConfig['oidc'], pageOrigin: string): OidcSettings | null {
  if (!raw || typeof raw.issuer !== 'string' || typeof raw.clientId !== 'string') {
    return null;
  }
  return {
    // Kept exactly as configured (Auth0's ends in `/`): angular-oauth2-oidc compares it with the
    // discovery document's issuer character for character. Only a relative one is resolved.
    issuer: URL.canParse(raw.issuer) ? raw.issuer : new URL(raw.issuer, pageOrigin).href,
    clientId: raw.clientId,
    scope: typeof raw.scope === 'string' ? raw.scope : 'openid email profile',
    buttonLabel:
      typeof raw.buttonLabel === 'string' ? raw.buttonLabel : 'Sign in with single sign-on',
  };
}

export async function loadRuntimeConfig(url = '/config.json'): Promise<RuntimeConfig> {
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) {
    throw new Error(`GET ${url} answered ${response.status}`);
  }
  return parseRuntimeConfig(await response.json(), window.location.origin);
}
