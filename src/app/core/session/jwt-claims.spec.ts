import { decodeSessionClaims } from './jwt-claims';
import { fakeJwt } from '../../testing/fake-jwt';

describe('decodeSessionClaims', () => {
  it('reads the e-mail and the expiry of an API token', () => {
    const expiresAt = new Date('2030-01-01T12:00:00Z');

    const claims = decodeSessionClaims(fakeJwt({ email: 'zoë@paradarum.test', expiresAt }));

    expect(claims).toEqual(expect.objectContaining({ email: 'zoë@paradarum.test', expiresAt }));
  });

  it.each([
    ['an API key', 'pdm_AbCdEfGhIjKlMnOpQrStUvWxYz0123'],
    ['a payload that is not JSON', 'eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.sig'],
    ['a payload without expiry', `x.${btoa(JSON.stringify({ sub: 1, email: 'a@b.c' }))}.sig`],
  ])('refuses %s', (_case, token) => {
    expect(decodeSessionClaims(token)).toBeNull();
  });
});
