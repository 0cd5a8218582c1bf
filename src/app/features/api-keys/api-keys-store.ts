import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { addEntity, setAllEntities, setEntity, withEntities } from '@ngrx/signals/entities';
import { firstValueFrom } from 'rxjs';
import { apiErrorMessage } from '../../core/api/api-error-message';
import { ApiKey, ApiKeyListClient } from '../../core/api/api-key-list-client';
import { ApiKeysClient } from './api-keys-client';

interface ApiKeysState {
  loadStatus: 'loading' | 'loaded' | 'failed';
  loadError: string | null;
  creating: boolean;
  /** Id of the key whose revocation is under way, to disable its buttons meanwhile. */
  revokingId: number | null;
}

/**
 * The outcome of creating a key. On success the raw key is handed to the caller, which passes it
 * straight to the show-once dialog: the store never keeps it in its state.
 */
export type CreateKeyOutcome =
  | { readonly ok: true; readonly apiKey: ApiKey; readonly rawKey: string }
  | { readonly ok: false; readonly error: string };

type RevokeKeyOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

const newestFirst = (a: Date, b: Date) => b.getTime() - a.getTime();

/** The account's API keys, active and revoked. Provided by the API-keys page. */
export const ApiKeysStore = signalStore(
  withEntities<ApiKey>(),
  withState<ApiKeysState>({
    loadStatus: 'loading',
    loadError: null,
    creating: false,
    revokingId: null,
  }),
  withComputed(({ entities }) => ({
    activeKeys: computed(() =>
      entities()
        .filter((key) => key.revokedAt === null)
        .sort((a, b) => newestFirst(a.createdAt, b.createdAt)),
    ),
    revokedKeys: computed(() =>
      entities()
        .filter((key): key is ApiKey & { revokedAt: Date } => key.revokedAt !== null)
        .sort((a, b) => newestFirst(a.revokedAt, b.revokedAt)),
    ),
  })),
  withComputed(({ activeKeys }) => ({
    activeNames: computed(
      () => new Set(activeKeys().map((key) => key.name.trim().toLocaleLowerCase())),
    ),
  })),
  withMethods((store) => {
    const client = inject(ApiKeysClient);
    const list = inject(ApiKeyListClient);
    return {
      async load(): Promise<void> {
        patchState(store, { loadStatus: 'loading', loadError: null });
        try {
          const keys = await firstValueFrom(list.list());
          patchState(store, setAllEntities(keys), { loadStatus: 'loaded' });
        } catch (error) {
          patchState(store, { loadStatus: 'failed', loadError: apiErrorMessage(error) });
        }
      },

      /** Is an active key already called `name` (ignoring case and surrounding spaces)? */
      isNameInUse(name: string): boolean {
        return store.activeNames().has(name.trim().toLocaleLowerCase());
      },

      async create(name: string): Promise<CreateKeyOutcome> {
        patchState(store, { creating: true });
        try {
          const { apiKey, rawKey } = await firstValueFrom(client.create(name.trim()));
          patchState(store, addEntity(apiKey), { creating: false });
          return { ok: true, apiKey, rawKey };
        } catch (error) {
          patchState(store, { creating: false });
          return { ok: false, error: apiErrorMessage(error) };
        }
      },

      async revoke(key: ApiKey): Promise<RevokeKeyOutcome> {
        patchState(store, { revokingId: key.id });
        try {
          const revoked = await firstValueFrom(client.revoke(key.id));
          patchState(store, setEntity(revoked), { revokingId: null });
          return { ok: true };
        } catch (error) {
          patchState(store, { revokingId: null });
          return {
            ok: false,
            error: apiErrorMessage(error, {
              404: `The key “${key.name}” no longer exists. Reload the page to see the current list.`,
            }),
          };
        }
      },
    };
  }),
);
