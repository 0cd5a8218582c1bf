import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, Observable } from 'rxjs';
import { ApiEnvelope, unwrapEnvelope } from '../../core/api/api-envelope';
import { RUNTIME_CONFIG } from '../../core/config/runtime-config';

/** A site the account serves through Paradarum. */
export interface Property {
  readonly id: number;
  readonly name: string;
  readonly hostname: string;
  readonly originUrl: string;
  readonly createdAt: Date;
  readonly lastPurgedAt: Date | null;
}

/** What a purge asks the CDN to forget: everything, or the listed URLs. */
export type PurgeRequest =
  { readonly type: 'all' } | { readonly type: 'url'; readonly urls: readonly string[] };

/** Who asked for a purge: a signed-in user, an API key, or something this panel does not know. */
export type Requester =
  | { readonly kind: 'user'; readonly email: string }
  | { readonly kind: 'key'; readonly prefix: string }
  | { readonly kind: 'other'; readonly raw: string };

/** One entry of a property's purge history. */
export interface PurgeRecord {
  readonly id: number;
  readonly type: 'all' | 'url';
  readonly urls: readonly string[];
  readonly requestedBy: Requester;
  readonly createdAt: Date;
}

// The API's wire shapes: the only place they appear in the panel.
interface PropertyDto {
  id: number;
  name: string;
  hostname: string;
  originUrl: string;
  createdAt: string;
  lastPurgedAt: string | null;
}

interface PurgeDto {
  id: number;
  propertyId: number;
  type: 'all' | 'url';
  urls: string[] | null;
  requestedBy: string;
  createdAt: string;
}

/** HTTP access to `/api/property` and its purges. */
@Injectable({ providedIn: 'root' })
export class PropertiesClient {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = `${inject(RUNTIME_CONFIG).apiBaseUrl}/property`;

  list(): Observable<Property[]> {
    return this.http.get<ApiEnvelope<PropertyDto[]>>(this.baseUrl).pipe(
      map(unwrapEnvelope),
      map((dtos) => dtos.map(toProperty)),
    );
  }

  /** One property; the API answers 404 for an unknown id and for another account's. */
  get(id: number): Observable<Property> {
    return this.http
      .get<ApiEnvelope<PropertyDto>>(`${this.baseUrl}/${id}`)
      .pipe(map(unwrapEnvelope), map(toProperty));
  }

  purge(id: number, request: PurgeRequest): Observable<PurgeRecord> {
    return this.http
      .post<ApiEnvelope<PurgeDto>>(`${this.baseUrl}/${id}/purge`, request)
      .pipe(map(unwrapEnvelope), map(toPurgeRecord));
  }

  /** The property's purges, newest first (the API keeps the last 100). */
  history(id: number): Observable<PurgeRecord[]> {
    return this.http.get<ApiEnvelope<PurgeDto[]>>(`${this.baseUrl}/${id}/purge`).pipe(
      map(unwrapEnvelope),
      map((dtos) => dtos.map(toPurgeRecord)),
    );
  }
}

function toProperty(dto: PropertyDto): Property {
  return {
    id: dto.id,
    name: dto.name,
    hostname: dto.hostname,
    originUrl: dto.originUrl,
    createdAt: new Date(dto.createdAt),
    lastPurgedAt: dto.lastPurgedAt === null ? null : new Date(dto.lastPurgedAt),
  };
}

function toPurgeRecord(dto: PurgeDto): PurgeRecord {
  return {
    id: dto.id,
    type: dto.type,
    urls: dto.urls ?? [],
    requestedBy: toRequester(dto.requestedBy),
    createdAt: new Date(dto.createdAt),
  };
}

/** `requestedBy` is `user:<email>` or `key:<prefix>`. */
function toRequester(requestedBy: string): Requester {
  const separator = requestedBy.indexOf(':');
  const kind = requestedBy.slice(0, separator);
  const value = requestedBy.slice(separator + 1);
  if (separator > 0 && value !== '') {
    if (kind === 'user') return { kind: 'user', email: value };
    if (kind === 'key') return { kind: 'key', prefix: value };
  }
  return { kind: 'other', raw: requestedBy };
}
