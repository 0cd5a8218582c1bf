import { AccountDto, toAccount } from '../../core/api/account-client';
import { ApiKey, ApiKeyDto, toApiKey } from '../../core/api/api-key-list-client';
import { toProperty } from '../../core/api/property-list-client';
import {
  accountAttention,
  AttentionItem,
  describeAttention,
  keyAttention,
  recentlyPurged,
} from './attention';
import { accountDto, daysAgo, keyDto, NOW, propertyDto } from './overview.testing';

const account = (overrides: Partial<AccountDto> = {}) =>
  toAccount(accountDto({ twoFactorEnabled: true, recoveryCodesLeft: 10, ...overrides }));
const key = (id: number, overrides: Partial<ApiKeyDto> = {}) => toApiKey(keyDto(id, overrides));

const kinds = (items: readonly AttentionItem[]) => items.map((item) => item.kind);
const ids = (keys: readonly ApiKey[]) => keys.map((k) => k.id);

describe('accountAttention', () => {
  it('asks to turn on two-factor when it is off', () => {
    expect(accountAttention(account({ twoFactorEnabled: false, recoveryCodesLeft: 0 }))).toEqual([
      { kind: 'two-factor-off' },
    ]);
  });

  it.each([3, 1, 0])('asks to regenerate the recovery codes when %i are left', (left) => {
    expect(accountAttention(account({ recoveryCodesLeft: left }))).toEqual([
      { kind: 'recovery-codes-low', left },
    ]);
  });

  it('has nothing to say with two-factor on and four codes or more', () => {
    expect(accountAttention(account({ recoveryCodesLeft: 4 }))).toEqual([]);
  });
});

describe('keyAttention', () => {
  it('calls a key idle that was never used in the 30 days since it was created', () => {
    const neverUsed = key(1, { createdAt: daysAgo(30), lastUsedAt: null });

    const [item] = keyAttention([neverUsed], NOW);

    expect(item).toEqual({ kind: 'idle-keys', neverUsed: [neverUsed], unused: [] });
  });

  it('leaves a key alone that was created this month and not used yet', () => {
    expect(keyAttention([key(1, { createdAt: daysAgo(29), lastUsedAt: null })], NOW)).toEqual([]);
  });

  it('calls a key idle that was last used 30 days ago or more, not one used 29 days ago', () => {
    const unused = key(1, { lastUsedAt: daysAgo(30) });
    const recent = key(2, { lastUsedAt: daysAgo(29) });

    expect(keyAttention([unused, recent], NOW)).toEqual([
      { kind: 'idle-keys', neverUsed: [], unused: [unused] },
    ]);
  });

  it('suggests rolling the active keys over a year old that are still in use', () => {
    const old = key(1, { createdAt: daysAgo(365) });
    const young = key(2, { createdAt: daysAgo(364) });

    expect(keyAttention([old, young], NOW)).toEqual([{ kind: 'old-keys', keys: [old] }]);
  });

  it('calls an old key nothing uses idle only: rolling it would keep it alive', () => {
    const oldAndIdle = key(1, { createdAt: daysAgo(700), lastUsedAt: null });
    const oldInUse = key(2, { createdAt: daysAgo(400) });

    const items = keyAttention([oldAndIdle, oldInUse], NOW);

    expect(kinds(items)).toEqual(['idle-keys', 'old-keys']);
    expect(items[1].kind === 'old-keys' && ids(items[1].keys)).toEqual([2]);
  });

  it('never counts a revoked key', () => {
    const revoked = key(1, { createdAt: daysAgo(700), lastUsedAt: null, revokedAt: daysAgo(5) });

    expect(keyAttention([revoked], NOW)).toEqual([]);
  });

  it('has nothing to say about keys in use and younger than a year, or no keys', () => {
    expect(keyAttention([key(1), key(2, { createdAt: daysAgo(10) })], NOW)).toEqual([]);
    expect(keyAttention([], NOW)).toEqual([]);
  });
});

describe('describeAttention', () => {
  it('links two-factor and the recovery codes to the account page', () => {
    const twoFactor = describeAttention({ kind: 'two-factor-off' });
    const codes = describeAttention({ kind: 'recovery-codes-low', left: 1 });

    expect([twoFactor.title, twoFactor.action, twoFactor.link]).toEqual([
      'Two-factor authentication is off',
      'Turn on two-factor',
      '/account',
    ]);
    expect([codes.title, codes.action, codes.link]).toEqual([
      'Only 1 recovery code left',
      'Regenerate recovery codes',
      '/account',
    ]);
    expect(describeAttention({ kind: 'recovery-codes-low', left: 0 }).title).toBe(
      'No recovery codes left',
    );
  });

  it('names a single idle key and links to the keys listed longest unused first', () => {
    const view = describeAttention({
      kind: 'idle-keys',
      neverUsed: [key(1, { name: 'CMS purge plugin', lastUsedAt: null })],
      unused: [],
    });

    expect(view.title).toBe('1 API key looks idle');
    expect(view.detail).toMatch(/^“CMS purge plugin” has never been used\. /);
    expect([view.link, view.queryParams]).toEqual(['/api-keys', { order: 'stale-first' }]);
  });

  it('counts several idle keys by why', () => {
    const view = describeAttention({
      kind: 'idle-keys',
      neverUsed: [key(1, { lastUsedAt: null }), key(2, { lastUsedAt: null })],
      unused: [key(3)],
    });

    expect(view.title).toBe('3 API keys look idle');
    expect(view.detail).toMatch(/^2 never used, 1 unused for 30 days or more\. /);
  });

  it('words keys over a year old as advice, not a warning', () => {
    const view = describeAttention({ kind: 'old-keys', keys: [key(1), key(2)] });

    expect([view.title, view.tone, view.link]).toEqual([
      '2 active keys are over a year old',
      'advice',
      '/api-keys',
    ]);
  });
});

describe('recentlyPurged', () => {
  const property = (id: number, lastPurgedAt: string | null) =>
    toProperty(propertyDto(id, `Site ${id}`, lastPurgedAt));

  it('keeps the five purged last, latest first, and none never purged', () => {
    const properties = [
      property(1, daysAgo(3)),
      property(2, null),
      property(3, daysAgo(1)),
      property(4, daysAgo(9)),
      property(5, daysAgo(2)),
      property(6, daysAgo(5)),
      property(7, daysAgo(4)),
    ];

    expect(recentlyPurged(properties).map((p) => p.id)).toEqual([3, 5, 1, 7, 6]);
  });
});
