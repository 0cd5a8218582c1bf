import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, Observable } from 'rxjs';
import { ApiEnvelope, unwrapEnvelope } from '../../core/api/api-envelope';
import { RUNTIME_CONFIG } from '../../core/config/runtime-config';

/** What a correct e-mail and password lead to. */
export type LoginOutcome =
  | { readonly kind: 'signed-in'; readonly token: string }
  /** The account has two-factor on: `challengeToken` (the API's TwoFactorToken) proves step one. */
  | { readonly kind: 'two-factor'; readonly challengeToken: string };

/** The `data` of Login and 2FA verify, PascalCase as the API's Authentication page shows it. */
interface AuthData {
  readonly Token?: string;
  readonly Message?: string;
  readonly RequiresTwoFactor?: boolean;
  readonly TwoFactorToken?: string;
}

function toLoginOutcome(data: AuthData): LoginOutcome {
  if (data.RequiresTwoFactor && data.TwoFactorToken) {
    return { kind: 'two-factor', challengeToken: data.TwoFactorToken };
  }
  return { kind: 'signed-in', token: toToken(data) };
}

function toToken(data: AuthData): string {
  if (!data.Token) {
    throw new Error('The Paradarum API answered without a token.');
  }
  return data.Token;
}

/** The API's sign-in endpoints (`/api/Auth/...`); the one place that knows their wire shapes. */
@Injectable({ providedIn: 'root' })
export class AuthClient {
  private readonly http = inject(HttpClient);
  private readonly authUrl = `${inject(RUNTIME_CONFIG).apiBaseUrl}/Auth`;

  /** Step one: e-mail and password. */
  login(email: string, password: string): Observable<LoginOutcome> {
    return this.http
      .post<ApiEnvelope<AuthData>>(`${this.authUrl}/Login`, { username: email, password })
      .pipe(map(unwrapEnvelope), map(toLoginOutcome));
  }

  /**
   * Single sign-on: trades an ID token from the configured OpenID Connect provider for the same
   * answer as Login (a session, or the two-factor step).
   */
  externalLogin(idToken: string): Observable<LoginOutcome> {
    return this.http
      .post<ApiEnvelope<AuthData>>(`${this.authUrl}/ExternalLogin`, { idToken })
      .pipe(map(unwrapEnvelope), map(toLoginOutcome));
  }

  /** Step two: a TOTP or recovery code for the challenge of step one; answers the session JWT. */
  verifyTwoFactor(challengeToken: string, code: string): Observable<string> {
    return this.http
      .post<ApiEnvelope<AuthData>>(`${this.authUrl}/2fa/verify`, {
        twoFactorToken: challengeToken,
        code,
      })
      .pipe(map(unwrapEnvelope), map(toToken));
  }
}
