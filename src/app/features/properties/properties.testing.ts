import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentProviders, Provider } from '@angular/core';
import { provideRouter } from '@angular/router';
import { provideTestRuntimeConfig, TEST_API_BASE_URL } from '../../testing/runtime-config';

// Specs of this feature import the envelope builders from here with its other helpers.
export { ok, refused } from '../../testing/api-envelope';

/** Test helpers for the properties feature's specs (not part of the app). */

export const PROPERTY_URL = `${TEST_API_BASE_URL}/property`;
/** The key list, read for the names of the keys in a purge history. */
export const KEY_LIST_URL = `${TEST_API_BASE_URL}/apikey`;

/** A key listing entry as the API sends it. */
export function keyDto(overrides: Record<string, unknown> = {}) {
  return {
    id: 1,
    name: 'CMS purge plugin',
    prefix: 'pdm_AbCd',
    createdAt: '2025-01-15T09:00:00.000Z',
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

/** A property as the API sends it. */
export function propertyDto(overrides: Partial<PropertyWire> = {}): PropertyWire {
  const id = overrides.id ?? 2;
  return {
    id,
    name: `Property ${id}`,
    hostname: `site-${id}.example.test`,
    originUrl: `https://origin-${id}.example.test`,
    createdAt: '2025-01-15T09:00:00.000Z',
    lastPurgedAt: null,
    ...overrides,
  };
}

/** A purge record as the API sends it. */
export function purgeDto(overrides: Partial<PurgeWire> = {}): PurgeWire {
  return {
    id: 1,
    propertyId: 2,
    type: 'all',
    urls: [],
    requestedBy: 'user:demo@paradarum.test',
    createdAt: '2025-03-01T12:00:00.000Z',
    ...overrides,
  };
}

export function providePropertiesTesting(): (Provider | EnvironmentProviders)[] {
  return [
    provideTestRuntimeConfig(),
    provideHttpClient(),
    provideHttpClientTesting(),
    provideRouter([]),
  ];
}

interface PropertyWire {
  id: number;
  name: string;
  hostname: string;
  originUrl: string;
  createdAt: string;
  lastPurgedAt: string | null;
}

interface PurgeWire {
  id: number;
  propertyId: number;
  type: 'all' | 'url';
  urls: string[];
  requestedBy: string;
  createdAt: string;
}
