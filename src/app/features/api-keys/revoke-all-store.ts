import { linkedSignal } from '@angular/core';
import { signalStore, withComputed, withHooks } from '@ngrx/signals';
import { RequestStatus } from '../../core/api/request-status';
import { withAccount } from '../../core/api/with-shared-reads';

/**
 * What the revoke-every-key dialog reads: the account, fresh from the API, whose name the user
 * types to confirm. Provided by the dialog; loads at once.
 */
export const RevokeAllStore = signalStore(
  withAccount(),
  withComputed(({ accountStatus }) => ({
    /**
     * Why the account could not be loaded; kept while Try again runs, so the alert stays where it
     * is (with focus on its button) until the answer replaces it.
     */
    accountFailure: linkedSignal<RequestStatus, string | null>({
      source: accountStatus,
      computation: (status, previous) =>
        status.kind === 'failed'
          ? status.message
          : status.kind === 'loading'
            ? (previous?.value ?? null)
            : null,
    }).asReadonly(),
  })),
  withHooks({ onInit: (store) => store.loadAccount() }),
);
