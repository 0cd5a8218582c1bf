import { computed, inject } from '@angular/core';
import { tapResponse } from '@ngrx/operators';
import {
  patchState,
  signalStore,
  withComputed,
  withHooks,
  withMethods,
  withProps,
  withState,
} from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { firstValueFrom, Observable, pipe, switchMap, tap } from 'rxjs';
import { Account, AccountClient } from '../../core/api/account-client';
import { apiErrorMessage } from '../../core/api/api-error-message';
import { failed, loaded, loading, RequestStatus } from '../../core/api/request-status';
import { SessionStore } from '../../core/session/session-store';
import { AccountSettingsClient, TwoFactorSetup } from './account-settings-client';

/** Recovery codes left at or below which the page warns and offers new ones. */
const LOW_RECOVERY_CODES = 2;

/** What an action ended with: its value, or why it failed in words for the user. */
type Outcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

interface AccountState {
  loadStatus: RequestStatus;
  /** Set once `loadStatus` is `loaded`. */
  account: Account | null;
}

/**
 * The account page's state: the account and its two-factor status. Actions return an `Outcome`
 * to the dialog that started them instead of keeping results here, because some results
 * (a pending secret, recovery codes) must live only in the component that shows them.
 */
export const AccountStore = signalStore(
  withState<AccountState>({ loadStatus: loading, account: null }),
  withProps(() => ({
    _accountClient: inject(AccountClient),
    _settingsClient: inject(AccountSettingsClient),
    _session: inject(SessionStore),
  })),
  withComputed(({ account }) => ({
    recoveryCodesLow: computed(() => {
      const current = account();
      return (
        current !== null &&
        current.twoFactorEnabled &&
        current.recoveryCodesLeft <= LOW_RECOVERY_CODES
      );
    }),
  })),
  withMethods((store) => {
    const client = store._settingsClient;

    /**
     * A factor change ended every older session, this tab's included: it goes on with the fresh
     * token the API answered, so the user notices nothing. Without one (or with one the panel
     * cannot read), the next request's 401 asks them to sign in again.
     */
    function continueSession(token: string | null): void {
      if (token === null) return;
      try {
        store._session.signIn(token);
      } catch {
        // The next request answers 401 and asks for a new sign-in: the old token is void anyway.
      }
    }

    function updateAccount(changes: Partial<Account>): void {
      const current = store.account();
      if (current !== null) {
        patchState(store, { account: { ...current, ...changes } });
      }
    }

    return {
      /** (Re)loads the account; a new call cancels the request it replaces. */
      load: rxMethod<void>(
        pipe(
          tap(() => patchState(store, { loadStatus: loading })),
          switchMap(() =>
            store._accountClient.get().pipe(
              tapResponse({
                next: (account) => patchState(store, { account, loadStatus: loaded }),
                error: (error: unknown) =>
                  patchState(store, { loadStatus: failed(apiErrorMessage(error)) }),
              }),
            ),
          ),
        ),
      ),

      startTwoFactorSetup(): Promise<Outcome<TwoFactorSetup>> {
        return settle(client.startTwoFactorSetup());
      },

      async enableTwoFactor(code: string): Promise<Outcome<string[]>> {
        const outcome = await settle(client.enableTwoFactor(code));
        if (outcome.ok) {
          updateAccount({ twoFactorEnabled: true, recoveryCodesLeft: outcome.value.length });
        }
        return outcome;
      },

      async disableTwoFactor(code: string): Promise<Outcome<void>> {
        const outcome = await settle(client.disableTwoFactor(code));
        if (!outcome.ok) return outcome;
        continueSession(outcome.value);
        updateAccount({ twoFactorEnabled: false, recoveryCodesLeft: 0 });
        return { ok: true, value: undefined };
      },

      async regenerateRecoveryCodes(code: string): Promise<Outcome<string[]>> {
        const outcome = await settle(client.regenerateRecoveryCodes(code));
        if (outcome.ok) {
          updateAccount({ recoveryCodesLeft: outcome.value.length });
        }
        return outcome;
      },

      async changePassword(currentPassword: string, newPassword: string): Promise<Outcome<void>> {
        const outcome = await settle(client.changePassword(currentPassword, newPassword));
        if (!outcome.ok) return outcome;
        continueSession(outcome.value);
        return { ok: true, value: undefined };
      },
    };
  }),
  withHooks({ onInit: (store) => store.load() }),
);

/** Runs a request to its end; a failure becomes the API's reason in words (it words its refusals). */
async function settle<T>(request: Observable<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await firstValueFrom(request) };
  } catch (error) {
    return { ok: false, error: apiErrorMessage(error) };
  }
}
