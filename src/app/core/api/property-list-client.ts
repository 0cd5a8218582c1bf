import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, Observable } from 'rxjs';
import { RUNTIME_CONFIG } from '../config/runtime-config';
import { ApiEnvelope, unwrapEnvelope } from './api-envelope';

/** A site the account serves through Paradarum. */
export interface Property {
  readonly id: number;
  readonly name: string;
  readonly hostname: string;
  readonly originUrl: string;
  readonly createdAt: Date;
  readonly lastPurgedAt: Date | null;
}

/** The wire shape of a property (contract: `GET /api/property`, `GET /api/property/{id}`). */
export interface PropertyDto {
  id: number;
  name: string;
  hostname: string;
  originUrl: string;
  createdAt: string;
  lastPurgedAt: string | null;
}

/** The one mapping of a property's wire shape to the panel's `Property`. */
export function toProperty(dto: PropertyDto): Property {
  return {
    id: dto.id,
    name: dto.name,
    hostname: dto.hostname,
    originUrl: dto.originUrl,
    createdAt: new Date(dto.createdAt),
    lastPurgedAt: dto.lastPurgedAt === null ? null : new Date(dto.lastPurgedAt),
  };
}

/** Reads the account's properties (`GET /api/property`): the list, the purge snippet, quick jump. */
@Injectable({ providedIn: 'root' })
export class PropertyListClient {
  private readonly http = inject(HttpClient);
  private readonly url = `${inject(RUNTIME_CONFIG).apiBaseUrl}/property`;

  list(): Observable<Property[]> {
    return this.http.get<ApiEnvelope<PropertyDto[]>>(this.url).pipe(
      map(unwrapEnvelope),
      map((dtos) => dtos.map(toProperty)),
    );
  }
}
