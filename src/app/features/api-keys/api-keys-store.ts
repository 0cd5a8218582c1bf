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
import { addEntity, setAllEntities, setEntity, withEntities } from '@ngrx/signals/entities';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { firstValueFrom, pipe, switchMap, tap } from 'rxjs';
import { ApiKey, ApiKeyListClient } from '../../core/api/api-key-list-client';
import { apiErrorMessage, isNotFound } from '../../core/api/api-error-message';
import { failed, loaded, loading, RequestStatus } from '../../core/api/request-status';
import { BulkItemResult, runBounded } from '../../shared/run-bounded';
import { ApiKeysClient } from './api-keys-client';

/** Revocations in flight at once in a bulk revoke: fast, without a burst the API would refuse. */
export const REVOKE_CONCURRENCY = 4;

interface ApiKeysState {
  loadStatus: RequestStatus;
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

/** `gone`: the key no longer exists (revoked or deleted elsewhere), so trying again cannot help. */
type RevokeKeyOutcome =
  { readonly ok: true } | { readonly ok: false; readonly error: string; readonly gone: boolean };

const newestFirst = (a: Date, b: Date) => b.getTime() - a.getTime();

/** The account's API keys, active and revoked. Provided by the API-keys page; loads at once. */
export const ApiKeysStore = signalStore(
  withEntities<ApiKey>(),
  withState<ApiKeysState>({ loadStatus: loading, creating: false, revokingId: null }),
  withProps(() => ({
    _list: inject(ApiKeyListClient),
    _client: inject(ApiKeysClient),
  })),
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
  withMethods((store) => ({
    /** (Re)loads the list; a new call cancels the request it replaces, so the last one counts. */
    load: rxMethod<void>(
      pipe(
        tap(() => patchState(store, { loadStatus: loading })),
        switchMap(() =>
          store._list.list().pipe(
            tapResponse({
              next: (keys) => patchState(store, setAllEntities(keys), { loadStatus: loaded }),
              error: (error: unknown) =>
                patchState(store, { loadStatus: failed(apiErrorMessage(error)) }),
            }),
          ),
        ),
      ),
    ),

    /** Is an active key already called `name` (ignoring case and surrounding spaces)? */
    isNameInUse(name: string): boolean {
      return store.activeNames().has(name.trim().toLocaleLowerCase());
    },

    /** Resolves with the raw key for the caller to show; the store keeps only the listing entry. */
    async create(name: string): Promise<CreateKeyOutcome> {
      patchState(store, { creating: true });
      try {
        const { apiKey, rawKey } = await firstValueFrom(store._client.create(name.trim()));
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
        const revoked = await firstValueFrom(store._client.revoke(key.id));
        patchState(store, setEntity(revoked), { revokingId: null });
        return { ok: true };
      } catch (error) {
        patchState(store, { revokingId: null });
        return {
          ok: false,
          error: apiErrorMessage(error, {
            404: `The key “${key.name}” no longer exists: it may have been revoked elsewhere.`,
          }),
          gone: isNotFound(error),
        };
      }
    },
  })),
  withMethods((store) => ({
    /**
     * Revokes many keys, at most {@link REVOKE_CONCURRENCY} at a time, and reports each as it
     * settles; each revoked key moves to the revoked list as soon as the API confirms it.
     */
    revokeEach(
      keys: readonly ApiKey[],
      onSettled: (key: ApiKey, result: BulkItemResult) => void,
    ): Promise<void> {
      return runBounded(
        keys,
        REVOKE_CONCURRENCY,
        async (key) =>
          patchState(store, setEntity(await firstValueFrom(store._client.revoke(key.id)))),
        onSettled,
        (error) => ({
          message: apiErrorMessage(error, { 404: 'This key no longer exists.' }),
          gone: isNotFound(error),
        }),
      );
    },
  })),
  withHooks({ onInit: (store) => store.load() }),
);
