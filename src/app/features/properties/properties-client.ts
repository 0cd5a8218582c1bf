import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, Observable } from 'rxjs';
import { ApiEnvelope, unwrapEnvelope } from '../../core/api/api-envelope';
import { Property, PropertyDto, toProperty } from '../../core/api/property-list-client';
import { RUNTIME_CONFIG } from '../../core/config/runtime-config';

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

// The purge endpoints' wire shape: the only place it appears in the panel.
interface PurgeDto {
  id: number;
  propertyId: number;
  type: 'all' | 'url';
  urls: string[] | null;
  requestedBy: string;
  createdAt: string;
}

/** One property and its purges; the list is read through core/api's `PropertyListClient`. */
@Injectable({ providedIn: 'root' })
export class PropertiesClient {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = `${inject(RUNTIME_CONFIG).apiBaseUrl}/property`;

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
