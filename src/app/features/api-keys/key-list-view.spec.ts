import { ApiKey } from '../../core/api/api-key-list-client';
import { filterKeys, orderKeys } from './key-list-view';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

function key(id: number, overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id,
    name: `Key ${id}`,
    prefix: `pdm_Ke${id}x`,
    createdAt: new Date(NOW - DAY),
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

describe('filterKeys', () => {
  const keys = [
    key(1, { name: 'WordPress plugin', prefix: 'pdm_AbCd' }),
    key(2, { name: 'Deploy script', prefix: 'pdm_ZyXw' }),
  ];

  it('finds a key by part of its name, ignoring case', () => {
    expect(filterKeys(keys, 'wordp').map((k) => k.id)).toEqual([1]);
  });

  it('finds a key by its prefix as displayed, with the ellipsis', () => {
    expect(filterKeys(keys, ' pdm_zyxw… ').map((k) => k.id)).toEqual([2]);
  });

  it('keeps every key for an empty query and none for a query nothing matches', () => {
    expect(filterKeys(keys, '  ')).toHaveLength(2);
    expect(filterKeys(keys, 'nothing')).toHaveLength(0);
  });
});

describe('orderKeys', () => {
  const fresh = key(1, { lastUsedAt: new Date(NOW - DAY) });
  const unused100Days = key(2, {
    createdAt: new Date(NOW - 200 * DAY),
    lastUsedAt: new Date(NOW - 100 * DAY),
  });
  const neverUsed40Days = key(3, { createdAt: new Date(NOW - 40 * DAY) });
  const neverUsed300Days = key(4, { createdAt: new Date(NOW - 300 * DAY) });
  const keys = [fresh, unused100Days, neverUsed40Days, neverUsed300Days];

  it('keeps the given order for newest first', () => {
    expect(orderKeys(keys, 'newest').map((k) => k.id)).toEqual([1, 2, 3, 4]);
  });

  it('puts the keys with a revocation hint first, the longest idle at the top', () => {
    expect(orderKeys(keys, 'stale-first').map((k) => k.id)).toEqual([4, 2, 3, 1]);
  });

  it('puts a key unused for a month (idle on the overview, no hint yet) before those used since', () => {
    const unused45Days = key(5, {
      createdAt: new Date(NOW - 400 * DAY),
      lastUsedAt: new Date(NOW - 45 * DAY),
    });
    const newNeverUsed = key(6, { createdAt: new Date(NOW - 2 * DAY) });

    expect(orderKeys([fresh, newNeverUsed, unused45Days], 'stale-first').map((k) => k.id)).toEqual([
      5, 6, 1,
    ]);
  });
});
