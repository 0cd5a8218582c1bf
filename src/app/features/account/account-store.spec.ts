import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { SessionStore } from '../../core/session/session-store';
import { fakeJwt } from '../../testing/fake-jwt';
import { AccountStore } from './account-store';
import {
  ACCOUNT_URL,
  accountResponse,
  ok,
  provideAccountTesting,
  refused,
  storeHolds,
  TEST_RECOVERY_CODES,
} from './account.testing';

describe('AccountStore', () => {
  let store: InstanceType<typeof AccountStore>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: provideAccountTesting() });
    store = TestBed.inject(AccountStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  /** Answers the request the store sends as soon as it exists. */
  async function loadAccount(overrides: Parameters<typeof accountResponse>[0] = {}) {
    http.expectOne(ACCOUNT_URL).flush(accountResponse(overrides));
  }

  it('maps the API account to the panel account', async () => {
    await loadAccount({ twoFactorEnabled: true, recoveryCodesLeft: 7 });

    expect(store.account()).toEqual({
      name: 'Demo Media',
      email: 'demo@paradarum.test',
      memberSince: new Date('2024-01-15T10:00:00Z'),
      twoFactorEnabled: true,
      recoveryCodesLeft: 7,
    });
  });

  it('is loading from the start, without being asked', () => {
    expect(store.accountStatus()).toEqual({ kind: 'loading' });
    http.expectOne(ACCOUNT_URL).flush(accountResponse());
    expect(store.accountStatus()).toEqual({ kind: 'loaded' });
  });

  it('keeps the reason in words when the account cannot be loaded', () => {
    http.expectOne(ACCOUNT_URL).flush(null, { status: 0, statusText: 'Unknown Error' });

    expect(store.account()).toBeNull();
    expect(store.accountStatus()).toEqual({
      kind: 'failed',
      message: expect.stringMatching(/cannot be reached/),
    });
  });

  it('lets only the last of two quick retries count, cancelling the first', () => {
    http.expectOne(ACCOUNT_URL).flush(null, { status: 500, statusText: 'Server Error' });

    store.loadAccount();
    const first = http.expectOne(ACCOUNT_URL);
    store.loadAccount();
    const second = http.expectOne(ACCOUNT_URL);
    second.flush(accountResponse({ recoveryCodesLeft: 5 }));

    expect(first.cancelled).toBe(true);
    expect(store.accountStatus()).toEqual({ kind: 'loaded' });
    expect(store.account()?.recoveryCodesLeft).toBe(5);
  });

  it.each([
    [true, 2, true],
    [true, 3, false],
    [true, 0, true],
    [false, 0, false],
  ])(
    'with two-factor %s and %i codes left, warns about few codes: %s',
    async (twoFactorEnabled, recoveryCodesLeft, low) => {
      await loadAccount({ twoFactorEnabled, recoveryCodesLeft });

      expect(store.recoveryCodesLow()).toBe(low);
    },
  );

  it('hands the pending secret to the caller without keeping it', async () => {
    await loadAccount();
    const setup = { sharedKey: 'jbsw y3dp', authenticatorUri: 'otpauth://totp/x' };

    const starting = store.startTwoFactorSetup();
    const request = http.expectOne(`${ACCOUNT_URL}/2fa/setup`);
    request.flush(ok(setup));

    expect(request.request.method).toBe('POST');
    expect(await starting).toEqual({ kind: 'succeeded', value: setup });
    expect(store.setupAction()).toEqual({ kind: 'succeeded', attempt: undefined });
    expect(storeHolds(store, 'jbsw')).toBe(false);
    expect(storeHolds(store, 'otpauth')).toBe(false);
  });

  it('says why the setup could not start, for the alert and its Try again', async () => {
    await loadAccount();

    const starting = store.startTwoFactorSetup();
    expect(store.setupAction().kind).toBe('running');
    http
      .expectOne(`${ACCOUNT_URL}/2fa/setup`)
      .flush(null, { status: 503, statusText: 'Service Unavailable' });

    const message = expect.stringMatching(
      /^Two-factor setup could not start\. Something went wrong on our side/,
    );
    expect(await starting).toEqual({ kind: 'failed', message, gone: false });
    expect(store.setupAction()).toEqual({
      kind: 'failed',
      attempt: undefined,
      message,
      gone: false,
    });
  });

  it('turns two-factor on with a code and returns the codes without storing them', async () => {
    await loadAccount();

    const enabling = store.enableTwoFactor('123456');
    const request = http.expectOne(`${ACCOUNT_URL}/2fa/enable`);
    request.flush(ok({ recoveryCodes: TEST_RECOVERY_CODES }));
    const outcome = await enabling;

    expect(request.request.body).toEqual({ code: '123456' });
    expect(outcome).toEqual({ kind: 'succeeded', value: TEST_RECOVERY_CODES });
    expect(store.account()).toMatchObject({ twoFactorEnabled: true, recoveryCodesLeft: 10 });
    expect(storeHolds(store, TEST_RECOVERY_CODES[0])).toBe(false);
  });

  it('keeps no code typed to confirm, not even in the status of a refused one', async () => {
    await loadAccount({ twoFactorEnabled: true, recoveryCodesLeft: 4 });

    const disabling = store.disableTwoFactor('BCDFG-HJKMN');
    expect(storeHolds(store, 'BCDFG-HJKMN')).toBe(false);
    http
      .expectOne(`${ACCOUNT_URL}/2fa/disable`)
      .flush(refused('The code is not valid.'), { status: 400, statusText: 'Bad Request' });
    await disabling;

    expect(storeHolds(store, 'BCDFG-HJKMN')).toBe(false);
  });

  it("reports the API's refusal of a wrong code and leaves two-factor off", async () => {
    await loadAccount();

    const enabling = store.enableTwoFactor('000000');
    http
      .expectOne(`${ACCOUNT_URL}/2fa/enable`)
      .flush(refused('The code is not valid.'), { status: 400, statusText: 'Bad Request' });

    expect(await enabling).toEqual({
      kind: 'failed',
      message: 'The code is not valid.',
      gone: false,
    });
    expect(store.enableAction()).toMatchObject({
      kind: 'failed',
      message: 'The code is not valid.',
    });
    expect(store.account()?.twoFactorEnabled).toBe(false);
  });

  it('sends one code at a time: a second submit while the first is checked is skipped', async () => {
    await loadAccount();

    const first = store.enableTwoFactor('123456');
    const second = await store.enableTwoFactor('123456');
    http.expectOne(`${ACCOUNT_URL}/2fa/enable`).flush(ok({ recoveryCodes: TEST_RECOVERY_CODES }));

    expect(second).toEqual({ kind: 'skipped' });
    expect((await first).kind).toBe('succeeded');
  });

  it('forgets a refusal when dismissed, as a dialog opened afresh does', async () => {
    await loadAccount({ twoFactorEnabled: true, recoveryCodesLeft: 4 });
    const disabling = store.disableTwoFactor('123456');
    http
      .expectOne(`${ACCOUNT_URL}/2fa/disable`)
      .flush(refused('The code is not valid.'), { status: 400, statusText: 'Bad Request' });
    await disabling;

    store.dismiss('disableAction');

    expect(store.disableAction()).toEqual({ kind: 'idle' });
  });

  it('turns two-factor off and forgets the count of codes', async () => {
    await loadAccount({ twoFactorEnabled: true, recoveryCodesLeft: 4 });

    const disabling = store.disableTwoFactor('BCDFG-HJKMN');
    const request = http.expectOne(`${ACCOUNT_URL}/2fa/disable`);
    request.flush(ok({}, 'Two-factor authentication is off.'));

    expect(await disabling).toEqual({ kind: 'succeeded', value: undefined });
    expect(request.request.body).toEqual({ code: 'BCDFG-HJKMN' });
    expect(store.account()).toMatchObject({ twoFactorEnabled: false, recoveryCodesLeft: 0 });
  });

  it('counts a fresh set of codes after regenerating', async () => {
    await loadAccount({ twoFactorEnabled: true, recoveryCodesLeft: 1 });

    const regenerating = store.regenerateRecoveryCodes('123456');
    http
      .expectOne(`${ACCOUNT_URL}/2fa/recovery-codes`)
      .flush(ok({ recoveryCodes: TEST_RECOVERY_CODES }));

    expect(await regenerating).toEqual({ kind: 'succeeded', value: TEST_RECOVERY_CODES });
    expect(store.account()?.recoveryCodesLeft).toBe(10);
    expect(store.recoveryCodesLow()).toBe(false);
  });

  it('returns regenerated codes without storing them', async () => {
    await loadAccount({ twoFactorEnabled: true, recoveryCodesLeft: 1 });

    const regenerating = store.regenerateRecoveryCodes('123456');
    http
      .expectOne(`${ACCOUNT_URL}/2fa/recovery-codes`)
      .flush(ok({ recoveryCodes: TEST_RECOVERY_CODES }));
    await regenerating;

    expect(storeHolds(store, TEST_RECOVERY_CODES[0])).toBe(false);
  });

  it('sends the current and the new password', async () => {
    await loadAccount();
    const changing = store.changePassword('old-password', 'a-new-passphrase');
    const request = http.expectOne(`${ACCOUNT_URL}/password`);
    request.flush(ok(null, 'Password changed.'));

    expect(await changing).toEqual({ kind: 'succeeded', value: undefined });
    expect(store.passwordAction().kind).toBe('succeeded');
    expect(request.request.body).toEqual({
      currentPassword: 'old-password',
      newPassword: 'a-new-passphrase',
    });
  });

  describe('after a factor change, which ends every other session', () => {
    const oldToken = fakeJwt({ email: 'demo@paradarum.test', sub: 1 });
    const freshToken = fakeJwt({
      email: 'demo@paradarum.test',
      sub: 1,
      account: 1,
      expiresAt: new Date(Date.now() + 3_600_000),
    });

    beforeEach(() => TestBed.inject(SessionStore).signIn(oldToken));
    afterEach(() => TestBed.inject(SessionStore).signOut());

    it('goes on with the fresh token the password change answers', async () => {
      await loadAccount();
      const changing = store.changePassword('old-password', 'a-new-passphrase');
      http
        .expectOne(`${ACCOUNT_URL}/password`)
        .flush(ok({ token: freshToken }, 'Password changed.'));

      expect(await changing).toEqual({ kind: 'succeeded', value: undefined });
      expect(TestBed.inject(SessionStore).token()).toBe(freshToken);
    });

    it('goes on with the fresh token that turning two-factor off answers', async () => {
      await loadAccount({ twoFactorEnabled: true, recoveryCodesLeft: 4 });
      const disabling = store.disableTwoFactor('123456');
      http.expectOne(`${ACCOUNT_URL}/2fa/disable`).flush(ok({ token: freshToken }));

      expect(await disabling).toEqual({ kind: 'succeeded', value: undefined });
      expect(TestBed.inject(SessionStore).token()).toBe(freshToken);
    });

    it('keeps the session it has when the answer carries no token', async () => {
      await loadAccount();
      const changing = store.changePassword('old-password', 'a-new-passphrase');
      http.expectOne(`${ACCOUNT_URL}/password`).flush(ok(null, 'Password changed.'));

      expect(await changing).toEqual({ kind: 'succeeded', value: undefined });
      expect(TestBed.inject(SessionStore).token()).toBe(oldToken);
    });

    it('keeps the session after a refused change', async () => {
      await loadAccount();
      const changing = store.changePassword('wrong', 'a-new-passphrase');
      http.expectOne(`${ACCOUNT_URL}/password`).flush(refused('The current password is wrong.'), {
        status: 400,
        statusText: 'Bad Request',
      });

      expect(await changing).toEqual({
        kind: 'failed',
        message: 'The current password is wrong.',
        gone: false,
      });
      expect(TestBed.inject(SessionStore).token()).toBe(oldToken);
    });
  });
});
