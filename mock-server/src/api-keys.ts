import { isoNow } from './clock.ts';
import { API_KEY_VISIBLE_PREFIX_LENGTH, generateApiKey, sha256Hex } from './crypto.ts';
import { ApiError, badRequest, parseId, success } from './http.ts';
import { assertStillAuthorized } from './auth.ts';
import { arrayOf, createdApiKey, documented, ref } from './schemas.ts';
import type { RoutePlugin } from './schemas.ts';
import { nextId } from './store.ts';
import type { ApiKey } from './store.ts';

const MAX_NAME_LENGTH = 64;
/**
 * Control (Cc: NUL, newlines, tab...) and format (Cf: zero-width spaces and joiners, bidi
 * overrides such as U+202E) characters, line and paragraph separators, and lone surrogates: they
 * make a name look like another one, or break the line it is shown on.
 */
const INVISIBLE_OR_BROKEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

/**
 * A character that shows something. Not whitespace, not a control, format, private-use,
 * unassigned or surrogate code point, not a combining mark (alone it marks nothing), not a
 * default-ignorable one (Hangul fillers U+115F, U+1160, U+3164, U+FFA0, variation selectors) and
 * not the braille blank U+2800: names made only of those look empty. The panel's field applies the
 * same rule (`hasVisibleCharacter` in src/app/features/api-keys/api-key.ts).
 */
const VISIBLE = /[^\p{White_Space}\p{Z}\p{C}\p{M}\p{Default_Ignorable_Code_Point}\u2800]/u;

/** The trimmed name, or a 400 saying what is wrong with it. */
function validKeyName(raw: string): string {
  const name = raw.trim();
  // A name that looks blank gets the empty name's answer: to the person typing it, it is empty.
  if (name.length > MAX_NAME_LENGTH || !VISIBLE.test(name))
    throw badRequest(
      `The name must be 1 to ${MAX_NAME_LENGTH} characters long, with at least one visible character.`,
    );
  if (INVISIBLE_OR_BROKEN.test(name))
    throw badRequest(
      'The name may not contain control characters, invisible formatting characters (such as zero-width spaces or direction overrides) or broken Unicode.',
    );
  return name;
}

/** `/api/apikey`: list, create (the raw key is answered once) and revoke. */
export const apiKeyRoutes: RoutePlugin = async (app, ctx) => {
  const doc = documented('API keys');
  app.get(
    '/api/apikey',
    doc('listApiKeys', "The account's keys, newest first.", arrayOf(ref('ApiKey'))),
    async (request) => {
      const keys = ctx.store.data.apiKeys.filter(
        (key) => key.accountId === request.principal.account.id,
      );
      keys.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
      return success(keys);
    },
  );

  app.post(
    '/api/apikey',
    doc(
      'createApiKey',
      'Create a key; the raw key (`key`) is in this response only.',
      createdApiKey,
      {
        status: 201,
        // Trimmed and checked by the handler, so that a 400 can say what is wrong with it.
        body: {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string', maxLength: 1024 } },
        } as const,
      },
    ),
    async (request, reply) => {
      const name = validKeyName(request.body.name);
      const raw = generateApiKey();
      const key = await ctx.store.mutate((data, changed) => {
        assertStillAuthorized(request.principal);
        const created: ApiKey = {
          id: nextId(data.apiKeys),
          accountId: request.principal.account.id,
          name,
          prefix: raw.slice(0, API_KEY_VISIBLE_PREFIX_LENGTH),
          hash: sha256Hex(raw),
          createdAt: isoNow(ctx.clock),
          lastUsedAt: null,
          revokedAt: null,
        };
        data.apiKeys.push(created);
        changed('apiKeys', [created]);
        return created;
      });
      return reply
        .code(201)
        .send(success({ ...key, key: raw }, 'Copy the key now: it will not be shown again.'));
    },
  );

  const revoke = doc('revokeApiKey', 'Revoke a key (idempotent).', ref('ApiKey'), { id: true });
  app.post('/api/apikey/:id/revoke', revoke, async (request) => {
    const id = parseId(request.params.id);
    const key = ctx.store.data.apiKeys.find(
      (k) => k.id === id && k.accountId === request.principal.account.id,
    );
    if (!key) throw new ApiError(404, 'API key not found.');
    if (key.revokedAt === null) {
      // From this synchronous step on, the key authenticates nothing: requests that passed
      // authentication before it are refused where they would record anything.
      await ctx.store.mutate((_, changed) => {
        assertStillAuthorized(request.principal);
        key.revokedAt ??= isoNow(ctx.clock);
        changed('apiKeys', [key]);
      });
    }
    return success(key);
  });
};
