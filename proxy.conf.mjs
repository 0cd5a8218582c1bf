// `ng serve` forwards the API, the mock identity provider and the OpenAPI document to the mock
// server, so the panel in development talks to one origin exactly as in production.
const target = process.env.PARADARUM_API_TARGET ?? 'http://127.0.0.1:3000';

/**
 * Whole path segments only: `/api/...`, `/oidc/...`, `/swagger/...` (and the bare names, or
 * with a query). A plain `'/api'` key would be a prefix match and also send the panel's own
 * `/api-keys` page to the mock; the dev server tests a key that starts with `^` as a regular
 * expression against the request URL (query included).
 */
export const SERVER_PATHS = '^/(api|oidc|swagger)([/?#]|$)';

export default {
  [SERVER_PATHS]: { target, secure: false, changeOrigin: false },
};
