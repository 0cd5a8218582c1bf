import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isoNow } from './clock.ts';
import { ApiError, badRequest, parseId, success } from './http.ts';
import type { AppContext } from './app-context.ts';
import { nextId } from './store.ts';
import type { Property, Purge } from './store.ts';

const MAX_PURGE_URLS = 100;
const PURGE_HISTORY_LENGTH = 100;

interface PurgeBody {
  type: string;
  urls?: string[];
}

const purgeBodySchema = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { type: 'string' },
    urls: { type: 'array', items: { type: 'string' } },
  },
} as const;

function propertyView(property: Property) {
  return {
    id: property.id,
    name: property.name,
    hostname: property.hostname,
    originUrl: property.originUrl,
    createdAt: property.createdAt,
    lastPurgedAt: property.lastPurgedAt,
  };
}

function purgeView(purge: Purge) {
  return {
    id: purge.id,
    propertyId: purge.propertyId,
    type: purge.type,
    urls: purge.urls,
    requestedBy: purge.requestedBy,
    createdAt: purge.createdAt,
  };
}

function isUrlOnHost(value: string, hostname: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.hostname === hostname.toLowerCase()
    );
  } catch {
    return false;
  }
}

/** The URLs a purge request targets ([] for "all"), or a 400 naming what is wrong. */
function purgeUrls(body: PurgeBody, property: Property): string[] {
  if (body.type === 'all') return [];
  if (body.type !== 'url')
    throw badRequest(`Unknown purge type "${body.type}": use "all" or "url".`);
  const urls = body.urls ?? [];
  if (urls.length < 1 || urls.length > MAX_PURGE_URLS)
    throw badRequest(`A URL purge needs between 1 and ${MAX_PURGE_URLS} URLs.`);
  const offHost = urls.find((url) => !isUrlOnHost(url, property.hostname));
  if (offHost !== undefined)
    throw badRequest(`"${offHost}" is not an absolute http(s) URL on ${property.hostname}.`);
  return urls;
}

/** `/api/property`: the account's properties and their cache purges. */
export async function propertyRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  /** Unknown and other accounts' properties look the same: existence elsewhere is not revealed. */
  function ownedProperty(request: FastifyRequest<{ Params: { id: string } }>): Property {
    const id = parseId(request.params.id);
    const property = ctx.store.data.properties.find(
      (p) => p.id === id && p.accountId === request.principal.account.id,
    );
    if (!property) throw new ApiError(404, 'Property not found.');
    return property;
  }

  app.get('/api/property', async (request) => {
    const properties = ctx.store.data.properties.filter(
      (p) => p.accountId === request.principal.account.id,
    );
    return success(properties.map(propertyView));
  });

  app.get<{ Params: { id: string } }>('/api/property/:id', async (request) =>
    success(propertyView(ownedProperty(request))),
  );

  app.post<{ Params: { id: string }; Body: PurgeBody }>(
    '/api/property/:id/purge',
    { schema: { body: purgeBodySchema } },
    async (request) => {
      const property = ownedProperty(request);
      const urls = purgeUrls(request.body, property);
      const purge = await ctx.store.mutate((data) => {
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
        // Only the newest records are ever shown, so older ones are dropped to keep the file small.
        const history = data.purges.filter((p) => p.propertyId === property.id);
        if (history.length > PURGE_HISTORY_LENGTH) {
          const dropped = new Set(history.slice(0, history.length - PURGE_HISTORY_LENGTH));
          data.purges = data.purges.filter((p) => !dropped.has(p));
        }
        return created;
      });
      return success(purgeView(purge));
    },
  );

  app.get<{ Params: { id: string } }>('/api/property/:id/purge', async (request) => {
    const property = ownedProperty(request);
    const history = ctx.store.data.purges.filter((p) => p.propertyId === property.id).reverse();
    return success(history.slice(0, PURGE_HISTORY_LENGTH).map(purgeView));
  });
}
