import { computed, inject } from '@angular/core';
import {
  patchState,
  signalStore,
  withComputed,
  withHooks,
  withMethods,
  withProps,
} from '@ngrx/signals';
import { firstValueFrom } from 'rxjs';
import { Account } from '../../core/api/account-client';
import { withAccount } from '../../core/api/with-account';
import {
  type ActionResult,
  apiFailure,
  resetAction,
  runAction,
  withAction,
} from '../../core/state/action';
import { SessionStore } from '../../core/session/session-store';
import { AccountSettingsClient, TwoFactorSetup } from './account-settings-client';

/** Recovery codes left at or below which the page warns and offers new ones. */
const LOW_RECOVERY_CODES = 2;

/** Every action of the account page, each with a status of its own. */
export type AccountAction =
  'setupAction' | 'enableAction' | 'disableAction' | 'regenerateAction' | 'passwordAction';

/**
 * The account page's state: the account, and where each thing the user does to it stands. No
 * action keeps a code or a password as what Try again repeats: none has a Try again (the user
 * types a new code), and a recovery code typed to confirm is a secret. The pending secret and
 * new recovery codes go back to the dialog that shows them as the action's result, never here.
 */
export const AccountStore = signalStore(
  withAccount(),
  withAction('setupAction'),
  withAction('enableAction'),
  withAction('disableAction'),
  withAction('regenerateAction'),
  withAction('passwordAction'),
  withProps(() => ({
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
      /** A new pending secret, for the dialog that shows it. */
      startTwoFactorSetup(): Promise<ActionResult<TwoFactorSetup>> {
        return runAction(
          store,
          'setupAction',
          undefined,
          () => firstValueFrom(client.startTwoFactorSetup()),
          (error) => {
            const { message, gone } = apiFailure(error);
            return { message: `Two-factor setup could not start. ${message}`, gone };
          },
        );
      },

      /** Turns two-factor on; the first recovery codes are the result, for the dialog alone. */
      enableTwoFactor(code: string): Promise<ActionResult<string[]>> {
        return runAction(store, 'enableAction', undefined, async () => {
          const codes = await firstValueFrom(client.enableTwoFactor(code));
          updateAccount({ twoFactorEnabled: true, recoveryCodesLeft: codes.length });
          return codes;
        });
      },

      disableTwoFactor(code: string): Promise<ActionResult> {
        return runAction(store, 'disableAction', undefined, async () => {
          continueSession(await firstValueFrom(client.disableTwoFactor(code)));
          updateAccount({ twoFactorEnabled: false, recoveryCodesLeft: 0 });
        });
      },

      /** Replaces the recovery codes; the new ones are the result, for the dialog alone. */
      regenerateRecoveryCodes(code: string): Promise<ActionResult<string[]>> {
        return runAction(store, 'regenerateAction', undefined, async () => {
          const codes = await firstValueFrom(client.regenerateRecoveryCodes(code));
          updateAccount({ recoveryCodesLeft: codes.length });
          return codes;
        });
      },

      changePassword(currentPassword: string, newPassword: string): Promise<ActionResult> {
        return runAction(store, 'passwordAction', undefined, async () => {
          continueSession(
            await firstValueFrom(client.changePassword(currentPassword, newPassword)),
          );
        });
      },

      /**
       * Back to idle, without the last refusal: a dialog opens afresh, a form is being corrected.
       */
      dismiss(action: AccountAction): void {
        resetAction(store, action);
      },
    };
  }),
  withHooks({ onInit: (store) => store.loadAccount() }),
);
