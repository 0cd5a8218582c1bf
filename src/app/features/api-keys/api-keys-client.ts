import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { AccountDto, toAccount } from '../../core/api/account-client';
import { ApiEnvelope, unwrapEnvelope } from '../../core/api/api-envelope';
import { ApiKey, ApiKeyDto, toApiKey } from '../../core/api/api-key-list-client';
import { RUNTIME_CONFIG } from '../../core/config/runtime-config';
import { SKIP_AUTH } from '../../core/session/auth.interceptor';
import { CreatedApiKey, KeyAccount } from './api-key';

interface CreatedApiKeyDto extends ApiKeyDto {
  key: string;
}

/**
 * The API-key feature's own requests: creating and revoking keys, and testing a new one. The key
 * list and the account are read through core/api, which maps them once for every feature.
 */
@Injectable({ providedIn: 'root' })
export class ApiKeysClient {
  private readonly http = inject(HttpClient);
  private readonly apiBaseUrl = inject(RUNTIME_CONFIG).apiBaseUrl;

  /** The one response that carries the raw key: it goes to the caller and nowhere else. */
  create(name: string): Observable<CreatedApiKey> {
    return this.http
      .post<ApiEnvelope<CreatedApiKeyDto>>(`${this.apiBaseUrl}/apikey`, { name })
      .pipe(
        map(unwrapEnvelope),
        map(({ key, ...entry }) => ({ apiKey: toApiKey(entry), rawKey: key })),
      );
  }

  revoke(id: number): Observable<ApiKey> {
    return this.http
      .post<ApiEnvelope<ApiKeyDto>>(`${this.apiBaseUrl}/apikey/${id}/revoke`, {})
      .pipe(map((envelope) => toApiKey(unwrapEnvelope(envelope))));
  }

  /**
   * Calls the API as a script would: with the raw key in `X-API-Key` and without the session's
   * Bearer token (SKIP_AUTH), so the answer says whether the key itself works.
   */
  testKey(rawKey: string): Observable<KeyAccount> {
    return this.http
      .get<ApiEnvelope<AccountDto>>(`${this.apiBaseUrl}/account`, {
        headers: { 'X-API-Key': rawKey },
        context: new HttpContext().set(SKIP_AUTH, true),
      })
      .pipe(map(unwrapEnvelope), map(toAccount));
  }
}
