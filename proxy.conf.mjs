// `ng serve` forwards the API, the mock identity provider and the OpenAPI document to the mock
// server, so the panel in development talks to one origin exactly as in production. The keys end
// in `/`: a prefix match on `/api` alone would also send the panel's own `/api-keys` page there.
const target = process.env.PARADARUM_API_TARGET ?? 'http://127.0.0.1:3000';

export default {
  '/api/': { target, secure: false, changeOrigin: false },
  '/oidc/': { target, secure: false, changeOrigin: false },
  '/swagger/': { target, secure: false, changeOrigin: false },
};
