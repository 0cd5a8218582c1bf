import { AccountDto } from '../../core/api/account-client';
import { ApiKeyDto } from '../../core/api/api-key-list-client';
import { PropertyDto } from '../../core/api/property-list-client';

/** Test helpers for the overview's specs (not part of the app): the API's answers, by builder. */

const DAY_MS = 24 * 60 * 60 * 1000;

/** "Now" for a spec file: every date below counts back from it. */
export const NOW = Date.now();

/** An ISO timestamp `days` before {@link NOW}. */
export const daysAgo = (days: number) => new Date(NOW - days * DAY_MS).toISOString();

/** `GET /api/account`'s data: by default the demo account, two-factor off. */
export function accountDto(overrides: Partial<AccountDto> = {}): AccountDto {
  return {
    id: 1,
    name: 'Demo Media',
    email: 'demo@paradarum.test',
    twoFactorEnabled: false,
    recoveryCodesLeft: 0,
    createdAt: daysAgo(700),
    ...overrides,
  };
}

/** A key of `GET /api/apikey`: by default active, 100 days old and used yesterday. */
export function keyDto(id: number, overrides: Partial<ApiKeyDto> = {}): ApiKeyDto {
  return {
    id,
    name: `Key ${id}`,
    prefix: `pdm_Key${id}`,
    createdAt: daysAgo(100),
    lastUsedAt: daysAgo(1),
    revokedAt: null,
    ...overrides,
  };
}

/** A property of `GET /api/property`, purged when `lastPurgedAt` says. */
export function propertyDto(id: number, name: string, lastPurgedAt: string | null): PropertyDto {
  return {
    id,
    name,
    hostname: `${name.toLowerCase().replace(/ /g, '-')}.test`,
    originUrl: 'https://origin.test',
    createdAt: daysAgo(100),
    lastPurgedAt,
  };
}
