import type { FromSchema } from 'json-schema-to-ts';
import { isoNow } from './clock.ts';
import { ApiError, badRequest, parseId, success } from './http.ts';
import { assertStillAuthorized } from './auth.ts';
import type { Principal } from './auth.ts';
import { arrayOf, documented, ref } from './schemas.ts';
import type { RoutePlugin } from './schemas.ts';
import { nextId } from './store.ts';
import type { Property, Purge } from './store.ts';

const MAX_PURGE_URLS = 100;
/** The listing shows the newest 100; the records themselves are kept for 90 days. */
const PURGE_HISTORY_LENGTH = 100;
const PURGE_RETENTION_MS = 90 * 24 * 60 * 60_000;
/** How much of a refused URL the 400 quotes. */
const QUOTED_URL_LENGTH = 120;

// `type` and the URLs are checked by the handler, so that a 400 can name what is wrong.
const purgeBodySchema = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { type: 'string', description: '`all` or `url`.' },
    urls: {
      type: 'array',
      items: { type: 'string' },
      description: "For `url`: 1 to 100 absolute http(s) URLs on the property's hostname.",
    },
  },
} as const;

type PurgeBody = FromSchema<typeof purgeBodySchema>;

/** Tab, newlines, NUL, DEL and C1 controls: the URL parser drops or encodes them silently. */
const CONTROL_CHARACTER = /\p{Cc}/u;

/** The host exactly as the client typed it (between `//` and the path, without userinfo or port). */
function rawHost(value: string): string {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(value)?.[1] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '');
}

/** JSON-quoted (control characters escaped) and shortened, for naming a URL in a message. */
function quoted(value: string): string {
  const shown =
    value.length > QUOTED_URL_LENGTH ? `${value.slice(0, QUOTED_URL_LENGTH)}...` : value;
  // JSON.stringify leaves C1 controls and format characters (bidi overrides) as they are.
  return JSON.stringify(shown).replace(
    /[\p{Cc}\p{Cf}]/gu,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The normalised form of one purge URL (`new URL(u).href` without the fragment), or why it is
 * refused. What the parser would quietly repair (backslashes, tabs, control characters) is refused
 * rather than stored differently from what was checked, and so is a host that only becomes the
 * property's after the parser maps it (full-width letters, percent-encoding, IDN look-alikes).
 */
function normalisedPurgeUrl(value: string, hostname: string): string {
  if (CONTROL_CHARACTER.test(value))
    throw new Error('contains a control character (tab, newline...)');
  if (value.includes('\\')) throw new Error('contains a backslash');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('is not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error('is not an http(s) URL');
  if (url.username !== '' || url.password !== '' || /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(value))
    throw new Error('contains a user name or password');
  if (rawHost(value).toLowerCase() !== url.hostname)
    throw new Error('has a host written with non-ASCII or encoded characters');
  if (url.hostname !== hostname.toLowerCase()) throw new Error(`is not on ${hostname}`);
  url.hash = '';
  return url.href;
}

/** The URLs a purge request targets ([] for "all"), normalised and deduplicated, or a 400 naming what is wrong. */
function purgeUrls(body: PurgeBody, property: Property): string[] {
  if (body.type === 'all') return [];
  if (body.type !== 'url')
    throw badRequest(`Unknown purge type "${body.type}": use "all" or "url".`);
  const urls = body.urls ?? [];
  if (urls.length < 1 || urls.length > MAX_PURGE_URLS)
    throw badRequest(`A URL purge needs between 1 and ${MAX_PURGE_URLS} URLs.`);
  const normalised = urls.map((url, index) => {
    try {
      return normalisedPurgeUrl(url, property.hostname);
    } catch (error) {
      throw badRequest(
        `URL ${index + 1} (${quoted(url)}) ${(error as Error).message}: send absolute http(s) URLs on ${property.hostname}.`,
      );
    }
  });
  return [...new Set(normalised)];
}

/** `/api/property`: the account's properties and their cache purges. */
export const propertyRoutes: RoutePlugin = async (app, ctx) => {
  /** Unknown and other accounts' properties look the same: existence elsewhere is not revealed. */
  function ownedProperty(principal: Principal, rawId: string): Property {
    const id = parseId(rawId);
    const property = ctx.store.data.properties.find(
      (p) => p.id === id && p.accountId === principal.account.id,
    );
    if (!property) throw new ApiError(404, 'Property not found.');
    return property;
  }

  const doc = documented('Properties');
  app.get(
    '/api/property',
    doc('listProperties', "The account's properties.", arrayOf(ref('Property'))),
    async (request) => {
      const properties = ctx.store.data.properties.filter(
        (p) => p.accountId === request.principal.account.id,
      );
      return success(properties);
    },
  );

  const one = doc('getProperty', 'One property.', ref('Property'), { id: true });
  app.get('/api/property/:id', one, async (request) =>
    success(ownedProperty(request.principal, request.params.id)),
  );

  app.post(
    '/api/property/:id/purge',
    doc('purgeCache', 'Purge the cache of a property.', ref('Purge'), {
      body: purgeBodySchema,
      id: true,
    }),
    async (request) => {
      const property = ownedProperty(request.principal, request.params.id);
      const urls = purgeUrls(request.body, property);
      const purge = await ctx.store.mutate((data, changed) => {
        // A key revoked (or a session ended) since this request was authenticated records nothing.
        assertStillAuthorized(request.principal);
        const created: Purge = {
          id: nextId(data.purges),
          propertyId: property.id,
          type: request.body.type as Purge['type'],
          urls,
          requestedBy: request.principal.requestedBy,
          createdAt: isoNow(ctx.clock),
        };
        data.purges.push(created);
        property.lastPurgedAt = created.createdAt;
        // Retention is by age, never by count: an acknowledged record stays for 90 days. Records
        // are in the order they were made, so the expired ones are at the start.
        const cutoff = ctx.clock.now() - PURGE_RETENTION_MS;
        let expired = 0;
        // Stops at `created` at the latest.
        while (Date.parse((data.purges[expired] as Purge).createdAt) < cutoff) expired++;
        changed('purges', [...data.purges.splice(0, expired), created]);
        changed('properties', [property]);
        return created;
      });
      return success(purge);
    },
  );

  const history = doc(
    'listPurges',
    'Purge history, newest first (at most 100).',
    arrayOf(ref('Purge')),
    { id: true },
  );
  app.get('/api/property/:id/purge', history, async (request) => {
    const property = ownedProperty(request.principal, request.params.id);
    const purges: Purge[] = [];
    const all = ctx.store.data.purges;
    // From the newest back, until the page is full: not every stored record.
    for (let i = all.length - 1; i >= 0 && purges.length < PURGE_HISTORY_LENGTH; i--)
      if ((all[i] as Purge).propertyId === property.id) purges.push(all[i] as Purge);
    return success(purges);
  });
};
