import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, Observable } from 'rxjs';
import { ApiEnvelope, unwrapEnvelope, requireSuccess } from '../../core/api/api-envelope';
import { RUNTIME_CONFIG } from '../../core/config/runtime-config';

/** A pending authenticator secret: not active until a code from the app confirms it. */
export interface TwoFactorSetup {
  readonly sharedKey: string;
  readonly authenticatorUri: string;
}

// The API's wire shapes: the only place they appear in the panel.
interface TwoFactorSetupDto {
  sharedKey: string;
  authenticatorUri: string;
}

interface RecoveryCodesDto {
  recoveryCodes: string[];
}

/** Changing a factor ends every other session; the caller's own goes on with this token. */
interface RenewedSessionDto {
  token?: string;
}

/** The fresh session token of a factor change, or null when the API sent none. */
function renewedToken(envelope: ApiEnvelope<RenewedSessionDto | null>): string | null {
  requireSuccess(envelope);
  const token = envelope.data?.token;
  return typeof token === 'string' && token !== '' ? token : null;
}

/**
 * The account page's own requests: two-factor and password. Reading the account is core/api's
 * `AccountClient`. Recovery codes pass through and are never kept here.
 */
@Injectable({ providedIn: 'root' })
export class AccountSettingsClient {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = `${inject(RUNTIME_CONFIG).apiBaseUrl}/account`;

  startTwoFactorSetup(): Observable<TwoFactorSetup> {
    return this.http.post<ApiEnvelope<TwoFactorSetupDto>>(`${this.baseUrl}/2fa/setup`, {}).pipe(
      map(unwrapEnvelope),
      map(({ sharedKey, authenticatorUri }) => ({ sharedKey, authenticatorUri })),
    );
  }

  /** Confirms the pending secret with a code from the app; answers the first recovery codes. */
  enableTwoFactor(code: string): Observable<string[]> {
    return this.http
      .post<ApiEnvelope<RecoveryCodesDto>>(`${this.baseUrl}/2fa/enable`, { code })
      .pipe(
        map(unwrapEnvelope),
        map((dto) => dto.recoveryCodes),
      );
  }

  /** Turns two-factor off; answers the fresh token for this session (other sessions end). */
  disableTwoFactor(code: string): Observable<string | null> {
    return this.http
      .post<ApiEnvelope<RenewedSessionDto | null>>(`${this.baseUrl}/2fa/disable`, { code })
      .pipe(map(renewedToken));
  }

  /** Replaces the recovery codes; the old ones stop working at once. */
  regenerateRecoveryCodes(code: string): Observable<string[]> {
    return this.http
      .post<ApiEnvelope<RecoveryCodesDto>>(`${this.baseUrl}/2fa/recovery-codes`, { code })
      .pipe(
        map(unwrapEnvelope),
        map((dto) => dto.recoveryCodes),
      );
  }

  /** Changes the password; answers the fresh token for this session (other sessions end). */
  changePassword(currentPassword: string, newPassword: string): Observable<string | null> {
    return this.http
      .post<ApiEnvelope<RenewedSessionDto | null>>(`${this.baseUrl}/password`, {
        currentPassword,
        newPassword,
      })
      .pipe(map(renewedToken));
  }
}
