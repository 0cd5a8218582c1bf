/** The claims the panel reads from the API's JWT. The panel never verifies it: the API does. */
export interface SessionClaims {
  readonly email: string;
  readonly expiresAt: Date;
}

/** Decodes a JWT's payload; `null` when it is not a well-formed token with the claims we need. */
export function decodeSessionClaims(token: string): SessionClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return null;
  }
  try {
    const payload = JSON.parse(decodeBase64Url(parts[1])) as Record<string, unknown>;
    const { sub, email, exp } = payload;
    // `sub` is not read, but every token the API issues has one: one without is not the API's.
    if (typeof email !== 'string' || typeof exp !== 'number' || sub === undefined) {
      return null;
    }
    return { email, expiresAt: new Date(exp * 1000) };
  } catch {
    return null;
  }
}

function decodeBase64Url(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '=');
  const bytes = Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
