import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { firstValueFrom, Observable } from 'rxjs';
import { apiErrorMessage } from '../../core/api/api-error-message';
import { Account, AccountClient } from '../../core/api/account-client';
import { AccountSettingsClient, TwoFactorSetup } from './account-settings-client';

/** Recovery codes left at or below which the page warns and offers new ones. */
const LOW_RECOVERY_CODES = 2;

/** What an action ended with: its value, or why it failed in words for the user. */
type Outcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

interface AccountState {
  account: Account | null;
  loadError: string | null;
}

/**
 * The account page's state: the account and its two-factor status. Actions return an `Outcome`
 * to the dialog that started them instead of keeping results here, because some results
 * (a pending secret, recovery codes) must live only in the component that shows them.
 */
export const AccountStore = signalStore(
  withState<AccountState>({ account: null, loadError: null }),
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
    const client = inject(AccountSettingsClient);
    const accountClient = inject(AccountClient);

    function updateAccount(changes: Partial<Account>): void {
      const current = store.account();
      if (current !== null) {
        patchState(store, { account: { ...current, ...changes } });
      }
    }

    return {
      async load(): Promise<void> {
        patchState(store, { loadError: null });
        const outcome = await settle(accountClient.get());
        patchState(store, outcome.ok ? { account: outcome.value } : { loadError: outcome.error });
      },

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
        if (outcome.ok) {
          updateAccount({ twoFactorEnabled: false, recoveryCodesLeft: 0 });
        }
        return outcome;
      },

      async regenerateRecoveryCodes(code: string): Promise<Outcome<string[]>> {
        const outcome = await settle(client.regenerateRecoveryCodes(code));
        if (outcome.ok) {
          updateAccount({ recoveryCodesLeft: outcome.value.length });
        }
        return outcome;
      },

      changePassword(currentPassword: string, newPassword: string): Promise<Outcome<void>> {
        return settle(client.changePassword(currentPassword, newPassword));
      },
    };
  }),
);

/** Runs a request to its end; a failure becomes the API's reason in words (it words its refusals). */
async function settle<T>(request: Observable<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await firstValueFrom(request) };
  } catch (error) {
    return { ok: false, error: apiErrorMessage(error) };
  }
}
