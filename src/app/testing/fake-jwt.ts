/** Test-only: a JWT-shaped token with the claims the panel reads. Its signature is not valid. */
export function fakeJwt(
  claims: { email?: string; expiresAt?: Date; sub?: number; account?: number } = {},
): string {
  const expiresAt = claims.expiresAt ?? new Date(Date.now() + 24 * 60 * 60 * 1000);
  const payload = {
    sub: claims.sub ?? 1,
    email: claims.email ?? 'demo@paradarum.test',
    account: claims.account ?? 1,
    iat: Math.floor(Date.now() / 1000),
    exp: Math.floor(expiresAt.getTime() / 1000),
  };
  return [{ alg: 'HS256', typ: 'JWT' }, payload, 'signature']
    .map((part) => (typeof part === 'string' ? part : base64Url(JSON.stringify(part))))
    .join('.');
}

function base64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
