import {
  generateApiKey,
  hashPassword,
  sha256Hex,
  API_KEY_VISIBLE_PREFIX_LENGTH,
} from './crypto.ts';
import { DEMO_USER, SECURE_USER } from './demo-accounts.ts';
import { hashRecoveryCodes } from './two-factor.ts';
import { nextId } from './store.ts';
import type { Data, Property } from './store.ts';

// Specs and main.ts read the demo sign-ins from here, beside the data they seed.
export { DEMO_USER, SECURE_USER };

const SEED_TIME = '2025-01-15T09:00:00.000Z';
const DEMO_ACCOUNT_ID = 1;
const GENERATED_HOST_SUFFIX = '.scale.demo-media.test';

function property(
  id: number,
  accountId: number,
  name: string,
  hostname: string,
  originUrl: string,
): Property {
  return { id, accountId, name, hostname, originUrl, createdAt: SEED_TIME, lastPurgedAt: null };
}

/** A key whose raw value is discarded on purpose: nobody can use it, it only fills the list. */
function discardedKey(id: number, accountId: number, name: string) {
  const raw = generateApiKey();
  return {
    id,
    accountId,
    name,
    prefix: raw.slice(0, API_KEY_VISIBLE_PREFIX_LENGTH),
    hash: sha256Hex(raw),
    createdAt: SEED_TIME,
    lastUsedAt: null,
    revokedAt: null,
  };
}

export async function seedData(): Promise<Data> {
  const twoFactorOff = {
    twoFactorEnabled: false,
    totpSecret: null,
    pendingTotpSecret: null,
    lastTotpStep: null,
    recoveryCodes: [],
  };
  return {
    accounts: [
      { id: DEMO_ACCOUNT_ID, name: 'Demo Media', createdAt: SEED_TIME },
      { id: 2, name: 'Secure Shop', createdAt: SEED_TIME },
    ],
    users: [
      {
        id: 1,
        accountId: DEMO_ACCOUNT_ID,
        email: DEMO_USER.email,
        passwordHash: await hashPassword(DEMO_USER.password),
        createdAt: SEED_TIME,
        ...twoFactorOff,
        failedSignIns: 0,
        lockoutEnd: null,
      },
      {
        id: 2,
        accountId: 2,
        email: SECURE_USER.email,
        passwordHash: await hashPassword(SECURE_USER.password),
        createdAt: SEED_TIME,
        ...twoFactorOff,
        twoFactorEnabled: true,
        totpSecret: SECURE_USER.totpSecret,
        recoveryCodes: hashRecoveryCodes(SECURE_USER.recoveryCodes),
        failedSignIns: 0,
        lockoutEnd: null,
      },
    ],
    properties: [
      property(
        1,
        DEMO_ACCOUNT_ID,
        'Demo Media website',
        'www.demo-media.test',
        'https://origin.demo-media.test',
      ),
      property(
        2,
        DEMO_ACCOUNT_ID,
        'Demo Media CDN',
        'cdn.demo-media.test',
        'https://assets-origin.demo-media.test',
      ),
      property(
        3,
        DEMO_ACCOUNT_ID,
        'Demo Media blog',
        'blog.demo-media.test',
        'https://blog-origin.demo-media.test',
      ),
      property(
        4,
        2,
        'Secure Shop storefront',
        'shop.secure-shop.test',
        'https://origin.secure-shop.test',
      ),
      property(
        5,
        2,
        'Secure Shop API',
        'api.secure-shop.test',
        'https://api-origin.secure-shop.test',
      ),
    ],
    apiKeys: [
      discardedKey(1, DEMO_ACCOUNT_ID, 'CMS purge plugin'),
      discardedKey(2, 2, 'Deploy pipeline'),
    ],
    purges: [],
    unknownEmailLockouts: [],
  };
}

/**
 * Gives the demo account `count` generated properties (`site-0001.scale.demo-media.test`, ...).
 * Idempotent: only the missing ones are added. Returns whether anything changed.
 */
export function seedGeneratedProperties(data: Data, count: number): boolean {
  const existing = new Set(data.properties.map((p) => p.hostname));
  let id = nextId(data.properties);
  let added = false;
  for (let n = 1; n <= count; n++) {
    const label = `site-${String(n).padStart(4, '0')}`;
    const hostname = label + GENERATED_HOST_SUFFIX;
    if (existing.has(hostname)) continue;
    data.properties.push(
      property(
        id++,
        DEMO_ACCOUNT_ID,
        `Scale test ${label}`,
        hostname,
        `https://origin-${label}${GENERATED_HOST_SUFFIX}`,
      ),
    );
    added = true;
  }
  return added;
}
