import { computed, inject } from '@angular/core';
import {
  patchState,
  signalStore,
  withComputed,
  withHooks,
  withMethods,
  withState,
} from '@ngrx/signals';
import { firstValueFrom } from 'rxjs';
import { withPropertyList } from '../../core/api/with-shared-reads';
import { ActionResult, apiFailure, runAction, withAction } from '../../core/state/action';
import { KeyAccount } from './api-key';
import { ApiKeysClient } from './api-keys-client';

/**
 * What the show-once dialog reads and does besides showing the key: one of the account's
 * properties for a ready-to-run snippet, and "Test this key" (`keyTest`, with the account the key
 * acts for once it passed). The raw key is a parameter of {@link testKey} and never kept here.
 * Provided by the dialog; loads the properties at once.
 */
export const ApiKeyCreatedStore = signalStore(
  withPropertyList(),
  withAction('keyTest'),
  withState<{ keyAccount: KeyAccount | null }>({ keyAccount: null }),
  withComputed(({ propertyEntities, propertiesStatus }) => ({
    /** The snippet waits for the properties; without one (none, or none loaded), a placeholder. */
    snippetReady: computed(() => propertiesStatus().kind !== 'loading'),
    /** The first of the account's properties, for a ready-to-run snippet. */
    snippetProperty: computed(() => propertyEntities()[0] ?? null),
  })),
  withMethods((store, client = inject(ApiKeysClient)) => ({
    /** Calls the API with `rawKey` as a script would (X-API-Key, no session): does it work? */
    testKey(rawKey: string): Promise<ActionResult<KeyAccount>> {
      return runAction(
        store,
        'keyTest',
        undefined,
        async () => {
          const keyAccount = await firstValueFrom(client.testKey(rawKey));
          patchState(store, { keyAccount });
          return keyAccount;
        },
        (error) =>
          apiFailure(error, {
            401: 'This key does not work: the API refused it (401 Unauthorized).',
          }),
      );
    },
  })),
  withHooks({ onInit: (store) => store.loadProperties() }),
);
