import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { ApiEnvelope, unwrapEnvelope } from '../../core/api/api-envelope';
import { RUNTIME_CONFIG } from '../../core/config/runtime-config';
import { SKIP_AUTH } from '../../core/session/auth.interceptor';
import { ApiKey, CreatedApiKey, KeyAccount, SnippetProperty } from './api-key';

/** The wire shape of a key listing entry (contract: `GET /api/apikey`). */
interface ApiKeyDto {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface CreatedApiKeyDto extends ApiKeyDto {
  key: string;
}

interface AccountDto {
  name: string;
  email: string;
}

interface PropertyDto {
  id: number;
  name: string;
}

function toApiKey(dto: ApiKeyDto): ApiKey {
  return {
    id: dto.id,
    name: dto.name,
    prefix: dto.prefix,
    createdAt: new Date(dto.createdAt),
    lastUsedAt: dto.lastUsedAt === null ? null : new Date(dto.lastUsedAt),
    revokedAt: dto.revokedAt === null ? null : new Date(dto.revokedAt),
  };
}

/** HTTP access to the API-key endpoints; the only place that knows their wire shapes. */
@Injectable({ providedIn: 'root' })
export class ApiKeysClient {
  private readonly http = inject(HttpClient);
  private readonly apiBaseUrl = inject(RUNTIME_CONFIG).apiBaseUrl;

  list(): Observable<ApiKey[]> {
    return this.http
      .get<ApiEnvelope<ApiKeyDto[]>>(`${this.apiBaseUrl}/apikey`)
      .pipe(map((envelope) => unwrapEnvelope(envelope).map(toApiKey)));
  }

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

  /** The first of the account's properties, for a ready-to-run purge snippet; null if none. */
  snippetProperty(): Observable<SnippetProperty | null> {
    return this.http.get<ApiEnvelope<PropertyDto[]>>(`${this.apiBaseUrl}/property`).pipe(
      map(unwrapEnvelope),
      map((properties) => {
        const first = properties[0];
        return first ? { id: first.id, name: first.name } : null;
      }),
    );
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
      .pipe(
        map(unwrapEnvelope),
        map(({ name, email }) => ({ name, email })),
      );
  }
}
