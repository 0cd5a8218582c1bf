import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentProviders, isSignal, Provider } from '@angular/core';
import { ApiEnvelope } from '../../core/api/api-envelope';
import { ok } from '../../testing/api-envelope';
import { provideTestRuntimeConfig, TEST_API_BASE_URL } from '../../testing/runtime-config';

// Specs of this feature import the envelope builders from here with its other helpers.
export { ok, refused } from '../../testing/api-envelope';
import { AccountStore } from './account-store';

/** Test helpers for the account feature's specs (not part of the app). */

export const ACCOUNT_URL = `${TEST_API_BASE_URL}/account`;

export const TEST_RECOVERY_CODES = [
  'BCDFG-HJKMN',
  'PQRTV-WXY23',
  '45678-9BCDF',
  'GHJKM-NPQRT',
  'VWXY2-34567',
  '89BCD-FGHJK',
  'MNPQR-TVWXY',
  '23456-789BC',
  'DFGHJ-KMNPQ',
  'RTVWX-Y2345',
];

/** The API's answer to `GET /api/account`. */
export function accountResponse(
  overrides: Partial<{ twoFactorEnabled: boolean; recoveryCodesLeft: number }> = {},
): ApiEnvelope<unknown> {
  return ok({
    id: 1,
    name: 'Demo Media',
    email: 'demo@paradarum.test',
    twoFactorEnabled: false,
    recoveryCodesLeft: 0,
    createdAt: '2024-01-15T10:00:00Z',
    ...overrides,
  });
}

/** What every account spec needs: the store and a testing HTTP backend. */
export function provideAccountTesting(): (Provider | EnvironmentProviders)[] {
  return [
    provideTestRuntimeConfig(),
    provideHttpClient(),
    provideHttpClientTesting(),
    AccountStore,
  ];
}

/**
 * Whether `text` is anywhere a store instance holds it: its state, its computed values and its
 * props (the services it keeps, a few levels deep), not only `getState()`.
 */
export function storeHolds(store: object, text: string): boolean {
  const seen = new Set<unknown>();
  const holds = (value: unknown, depth: number): boolean => {
    if (typeof value === 'string') return value.includes(text);
    if (value === null || typeof value !== 'object' || seen.has(value) || depth > 4) {
      return false;
    }
    seen.add(value);
    return Object.values(value).some((member) => holds(read(member), depth + 1));
  };
  // Signals are read; methods are not values.
  const read = (member: unknown) => (isSignal(member) ? member() : member);
  return Object.values(store).some((member) => holds(read(member), 0));
}
