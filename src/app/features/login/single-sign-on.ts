import {
  ChangeDetectionStrategy,
  Component,
  createEnvironmentInjector,
  EnvironmentInjector,
  inject,
  Injectable,
  input,
  output,
  signal,
} from '@angular/core';
import { Location } from '@angular/common';
import { firstValueFrom } from 'rxjs';
import { OidcSettings, RUNTIME_CONFIG } from '../../core/config/runtime-config';
import { AuthClient, LoginOutcome } from './auth-client';
import { SINGLE_SIGN_ON_UNAVAILABLE, singleSignOnErrorMessage } from './sign-in-errors';

/** The library hands the state back still URI-encoded, as it put it into the request. */
function decodeState(state: string | undefined): string {
  try {
    return decodeURIComponent(state ?? '');
  } catch {
    return '';
  }
}

/** Plain http is allowed only for a provider on this machine (the mock server in development). */
function isLoopback(url: string): boolean {
  const { hostname } = new URL(url);
  return hostname === 'localhost' || hostname === '[::1]' || /^127\./.test(hostname);
}

/**
 * The OpenID Connect code flow (with PKCE) through angular-oauth2-oidc. The library is loaded only
 * when single sign-on is configured and used, so password sign-in never pays for it.
 */
@Injectable({ providedIn: 'root' })
export class SingleSignOnFlow {
  private readonly environmentInjector = inject(EnvironmentInjector);

  private async oauthService(settings: OidcSettings) {
    const { OAuthService, provideOAuthClient } = await import('angular-oauth2-oidc');
    const injector = createEnvironmentInjector([provideOAuthClient()], this.environmentInjector);
    const oauth = injector.get(OAuthService);
    oauth.configure({
      issuer: settings.issuer,
      clientId: settings.clientId,
      scope: settings.scope,
      responseType: 'code',
      redirectUri: `${window.location.origin}/login`,
      requireHttps: !isLoopback(settings.issuer),
      showDebugInformation: false,
    });
    await oauth.loadDiscoveryDocument();
    return oauth;
  }

  /**
   * Leaves for the identity provider, which sends the browser back to /login with a code. The
   * return URL rides along in the OAuth state, because the provider drops other query parameters.
   */
  async start(settings: OidcSettings, returnUrl = ''): Promise<void> {
    (await this.oauthService(settings)).initCodeFlow(returnUrl);
  }

  /**
   * On the way back: redeems the code for an ID token and hands it over. The library's own copy
   * of the tokens is dropped at once; the panel's session is the API's JWT, nothing else.
   */
  async finish(settings: OidcSettings): Promise<{ idToken: string | null; returnUrl: string }> {
    const oauth = await this.oauthService(settings);
    try {
      if (!isFromIssuer(window.location.search, settings.issuer)) {
        throw new Error('The authorization response names another issuer.');
      }
      await oauth.tryLoginCodeFlow();
      return { idToken: oauth.getIdToken() || null, returnUrl: decodeState(oauth.state) };
    } finally {
      oauth.logOut(true);
    }
  }
}

/** The API's answer to the provider's ID token, and where the user was headed before leaving. */
export interface SingleSignOnResult {
  readonly outcome: LoginOutcome;
  readonly returnUrl: string | undefined;
}

/**
 * RFC 9207: a provider that names itself in `iss` must be the configured one, so a code from
 * another provider (a mix-up attack) is never redeemed here. Providers that send no `iss` pass.
 */
export function isFromIssuer(search: string, issuer: string): boolean {
  const iss = new URLSearchParams(search).get('iss');
  return iss === null || iss === issuer;
}

/** Did the identity provider just send the browser back here with an authorization code? */
export function isSingleSignOnReturn(search = window.location.search): boolean {
  const params = new URLSearchParams(search);
  return params.has('code') && params.has('state');
}

/**
 * "Sign in with single sign-on", shown when the runtime config names an OpenID Connect provider.
 * On the provider's return it completes the sign-in and emits what Login would have answered.
 */
@Component({
  selector: 'pdm-single-sign-on',
  template: `
    @if (settings; as oidc) {
      <div class="divider" aria-hidden="true"><span>or</span></div>
      <button class="outlined-button sso" type="button" [disabled]="busy()" (click)="start(oidc)">
        {{ oidc.buttonLabel }}
      </button>
    }
  `,
  styles: `
    .divider {
      display: flex;
      align-items: center;
      gap: 12px;
      margin: 20px 0 16px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .divider::before,
    .divider::after {
      content: '';
      flex: 1;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    /* The panel's outlined button (ui.buttons), across the card as Sign in is. */
    .sso {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SingleSignOn {
  private readonly flow = inject(SingleSignOnFlow);
  private readonly auth = inject(AuthClient);
  private readonly location = inject(Location);
  protected readonly settings = inject(RUNTIME_CONFIG).oidc;
  protected readonly busy = signal(false);

  /** Where to go after signing in, carried through the provider round trip. */
  readonly returnUrl = input<string>();
  /** The API's answer to the provider's ID token: a session or the two-factor step. */
  readonly signedIn = output<SingleSignOnResult>();
  /** Why single sign-on did not work, in words. */
  readonly failed = output<string>();

  constructor() {
    if (this.settings && isSingleSignOnReturn()) {
      void this.finish(this.settings);
    }
  }

  protected async start(settings: OidcSettings): Promise<void> {
    this.busy.set(true);
    try {
      await this.flow.start(settings, this.returnUrl());
    } catch {
      this.busy.set(false);
      this.failed.emit(SINGLE_SIGN_ON_UNAVAILABLE);
    }
  }

  private async finish(settings: OidcSettings): Promise<void> {
    this.busy.set(true);
    try {
      const { idToken, returnUrl } = await this.flow.finish(settings);
      if (!idToken) {
        throw new Error('The identity provider answered without an ID token.');
      }
      const outcome = await firstValueFrom(this.auth.externalLogin(idToken));
      this.signedIn.emit({ outcome, returnUrl: returnUrl || undefined });
    } catch (error: unknown) {
      // A used code left in the address bar would only fail again on reload.
      this.location.replaceState('/login');
      this.failed.emit(singleSignOnErrorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
