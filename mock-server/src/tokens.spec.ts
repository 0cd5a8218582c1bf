import { SignJWT, decodeJwt, decodeProtectedHeader, generateKeyPair } from 'jose';
import { createFakeClock } from './clock.ts';
import type { User } from './store.ts';
import { createTokenService } from './tokens.ts';

const SECRET = 'token-spec-secret-token-spec-secret';
const HOUR_MS = 60 * 60_000;
const user = { id: 7, accountId: 3, email: 'seven@paradarum.test' } as User;

function setup() {
  const clock = createFakeClock(Date.UTC(2025, 0, 1));
  return { clock, tokens: createTokenService(SECRET, clock) };
}

function encode(part: object): string {
  return Buffer.from(JSON.stringify(part)).toString('base64url');
}

describe('session JWTs', () => {
  it('carry sub, email, account, the session version sv, iat and exp = iat + 24 h, signed HS256', async () => {
    const { tokens, clock } = setup();
    const token = await tokens.issue(user, 0);
    expect(decodeProtectedHeader(token).alg).toBe('HS256');
    expect(decodeJwt(token)).toEqual({
      sub: '7',
      email: user.email,
      account: 3,
      sv: 0,
      iat: clock.now() / 1000,
      exp: clock.now() / 1000 + 24 * 3600,
    });
  });

  it('carry the session version they are issued with, not the one the user has by then', async () => {
    const { tokens } = setup();
    const token = await tokens.issue({ ...user, sessionVersion: 5 }, 4);
    expect(decodeJwt(token).sv).toBe(4);
    await expect(tokens.verify(token)).resolves.toMatchObject({ sessionVersion: 4 });
  });

  it('stay valid until 24 h plus the 5 minutes of clock skew', async () => {
    const { tokens, clock } = setup();
    const token = await tokens.issue(user, 0);
    clock.advance(24 * HOUR_MS + 4 * 60_000);
    await expect(tokens.verify(token)).resolves.toEqual({
      userId: 7,
      accountId: 3,
      sessionVersion: 0,
    });
    clock.advance(60_000);
    await expect(tokens.verify(token)).resolves.toBeNull();
  });

  it('refuses a token with alg none', async () => {
    const { tokens, clock } = setup();
    const iat = clock.now() / 1000;
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: '7', account: 3, iat, exp: iat + 3600 })}.`;
    await expect(tokens.verify(unsigned)).resolves.toBeNull();
  });

  it('refuses a tampered payload', async () => {
    const { tokens } = setup();
    const [header, payload, signature] = (await tokens.issue(user, 0)).split('.') as [
      string,
      string,
      string,
    ];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    await expect(
      tokens.verify(`${header}.${encode({ ...claims, account: 1 })}.${signature}`),
    ).resolves.toBeNull();
  });

  it('refuses other algorithms, even with the same secret', async () => {
    const { tokens, clock } = setup();
    const claims = { account: 3 };
    const iat = clock.now() / 1000;
    const hs512 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('7')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .sign(new TextEncoder().encode(SECRET));
    const { privateKey } = await generateKeyPair('RS256');
    const rs256 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('7')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .sign(privateKey);
    await expect(tokens.verify(hs512)).resolves.toBeNull();
    await expect(tokens.verify(rs256)).resolves.toBeNull();
  });

  it('refuses a token signed with another secret', async () => {
    const { clock } = setup();
    const foreign = await createTokenService('another-secret-another-secret-1234', clock).issue(
      user,
      0,
    );
    await expect(setup().tokens.verify(foreign)).resolves.toBeNull();
  });
});
