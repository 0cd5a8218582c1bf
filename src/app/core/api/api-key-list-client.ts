import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, Observable } from 'rxjs';
import { RUNTIME_CONFIG } from '../config/runtime-config';
import { ApiEnvelope, unwrapEnvelope } from './api-envelope';

/** An API key as the panel lists it: everything but the secret, which the server never returns again. */
export interface ApiKey {
  readonly id: number;
  readonly name: string;
  /** The first 8 characters, e.g. `pdm_AbCd`: the only part of the key that can be shown later. */
  readonly prefix: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

/** The wire shape of a key listing entry (contract: `GET /api/apikey`). */
export interface ApiKeyDto {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The one mapping of a key's wire shape to the panel's `ApiKey`. */
export function toApiKey(dto: ApiKeyDto): ApiKey {
  return {
    id: dto.id,
    name: dto.name,
    prefix: dto.prefix,
    createdAt: new Date(dto.createdAt),
    lastUsedAt: dto.lastUsedAt === null ? null : new Date(dto.lastUsedAt),
    revokedAt: dto.revokedAt === null ? null : new Date(dto.revokedAt),
  };
}

/** Reads the account's API keys (`GET /api/apikey`), active and revoked. */
@Injectable({ providedIn: 'root' })
export class ApiKeyListClient {
  private readonly http = inject(HttpClient);
  private readonly url = `${inject(RUNTIME_CONFIG).apiBaseUrl}/apikey`;

  list(): Observable<ApiKey[]> {
    return this.http
      .get<ApiEnvelope<ApiKeyDto[]>>(this.url)
      .pipe(map((envelope) => unwrapEnvelope(envelope).map(toApiKey)));
  }
}
