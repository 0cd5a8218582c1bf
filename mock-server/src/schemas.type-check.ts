import { success } from './http.ts';
import { documented, ref, stringFields } from './schemas.ts';
import type { RoutePlugin } from './schemas.ts';

/**
 * Checked by `tsc` (npm run typecheck), never run: the routes' request and reply types come from
 * their schemas. Each `@ts-expect-error` fails the type check if its line compiles, as it would if
 * the types fell back to `unknown` (a `$ref` no longer resolved, say).
 */
export const typeCheck: RoutePlugin = async (app) => {
  const doc = documented('Type check');
  app.post(
    '/body-and-reply',
    doc('a', 'a', ref('ApiKey'), { body: stringFields('name'), id: true }),
    // @ts-expect-error the reply is no ApiKey (its id is an integer, and fields are missing)
    async (request) => {
      // @ts-expect-error the body's name is a string
      const name: number = request.body.name;
      // @ts-expect-error the `:id` parameter is a string
      const id: number = request.params.id;
      return success({ id: `${name}${id}` });
    },
  );
  app.get('/token', doc('b', 'b', ref('SignInResult')), async () =>
    success({ Token: 't', Message: 'Success' }),
  );
  app.get('/challenge', doc('c', 'c', ref('SignInResult')), async () =>
    success({ RequiresTwoFactor: true, TwoFactorToken: 't' }),
  );
  // @ts-expect-error neither of the sign-in answer's two shapes
  app.get('/neither', doc('d', 'd', ref('SignInResult')), async () => success({ Token: 't' }));
};
