import { inject } from '@angular/core';
import { patchState, signalStoreFeature, withMethods, withState } from '@ngrx/signals';
import { loadOneWay } from '../state/load';
import { Account, AccountClient } from './account-client';
import { loaded, loading, RequestStatus } from './request-status';

/** The signed-in account: `account()` (null until loaded), `accountStatus()`, `loadAccount()`. */
export function withAccount() {
  return signalStoreFeature(
    withState<{ account: Account | null; accountStatus: RequestStatus }>({
      account: null,
      accountStatus: loading,
    }),
    withMethods((store, client = inject(AccountClient)) => ({
      /** (Re)loads the account; a new call cancels the request it replaces. */
      loadAccount: loadOneWay(
        () => client.get(),
        (accountStatus) => patchState(store, { accountStatus }),
        (account) => patchState(store, { account, accountStatus: loaded }),
      ),
    })),
  );
}
