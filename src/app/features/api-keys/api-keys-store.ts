import { computed, effect, inject } from '@angular/core';
import {
  patchState,
  signalStore,
  type,
  withComputed,
  withHooks,
  withMethods,
  withState,
} from '@ngrx/signals';
import { addEntity, setEntity } from '@ngrx/signals/entities';
import { firstValueFrom } from 'rxjs';
import { apiErrorMessage, isNotFound } from '../../core/api/api-error-message';
import { ApiKey } from '../../core/api/api-key-list-client';
import { withApiKeyList } from '../../core/api/with-shared-reads';
import {
  ActionResult,
  apiFailure,
  resetAction,
  runAction,
  withAction,
} from '../../core/state/action';
import {
  BulkSummary,
  BulkTask,
  retryBulk,
  runBulk,
  withBulkAction,
} from '../../core/state/bulk-action';
import { plural } from '../../shared/plural';
import { comparableKeyName, displayPrefix, keyLabel } from './api-key';
import { ApiKeysClient } from './api-keys-client';
import {
  createFailure,
  failureOnShow,
  KeyAttempt,
  NewKey,
  SHOW_ONCE_UNAVAILABLE,
} from './key-action';
import { RollMemory, unfinishedRolls } from './roll-memory';

/** Revocations in flight at once in a bulk revoke: fast, without a burst the API would refuse. */
export const REVOKE_CONCURRENCY = 4;

const newestFirst = (a: Date, b: Date) => b.getTime() - a.getTime();

/**
 * The account's API keys and what the owner does with them: create, roll and revoke one key
 * (`keyAction`, one status for the three), revoke a selection or every key (`selectionRevoke`,
 * `everyKeyRevoke`), and the rolls left unfinished (`replacements`). Provided by the API-keys
 * page; loads at once.
 */
export const ApiKeysStore = signalStore(
  withApiKeyList(),
  withAction('keyAction', type<KeyAttempt>()),
  withBulkAction('selectionRevoke', type<ApiKey>()),
  withBulkAction('everyKeyRevoke', type<ApiKey>()),
  withComputed(({ keyEntities, keyAction, selectionRevokeRunning, everyKeyRevokeRunning }) => {
    const activeKeys = computed(() =>
      keyEntities()
        .filter((key) => key.revokedAt === null)
        .sort((a, b) => newestFirst(a.createdAt, b.createdAt)),
    );
    return {
      activeKeys,
      revokedKeys: computed(() =>
        keyEntities()
          .filter((key): key is ApiKey & { revokedAt: Date } => key.revokedAt !== null)
          .sort((a, b) => newestFirst(a.revokedAt, b.revokedAt)),
      ),
      /** The active keys' names, as `comparableKeyName` gives them. */
      activeNames: computed(
        (): ReadonlySet<string> => new Set(activeKeys().map((key) => comparableKeyName(key.name))),
      ),
      /** The key being revoked, whose buttons are disabled meanwhile. */
      busyKeyId: computed(() => {
        const status = keyAction();
        return status.kind === 'running' && status.attempt.kind === 'revoke'
          ? status.attempt.key.id
          : null;
      }),
      keyFailure: failureOnShow(keyAction),
      revokingMany: computed(() => selectionRevokeRunning() || everyKeyRevokeRunning()),
    };
  }),
  /** Every roll started here or kept by this tab (a reload), until the old key is kept. */
  withState(() => ({ rolls: inject(RollMemory).recall() })),
  withComputed(({ rolls, activeKeys, keysStatus }) => ({
    /**
     * Unfinished rolls: old key id → the replacement's display prefix. Once the list is loaded, a
     * roll whose old key or replacement is no longer active (revoked here or elsewhere) is over.
     */
    replacements: computed(() =>
      keysStatus().kind === 'loaded' ? unfinishedRolls(rolls(), activeKeys()) : rolls(),
    ),
  })),
  withMethods((store, client = inject(ApiKeysClient)) => {
    /** Loads what shows the key first: a key must never exist that the panel cannot show. */
    const createKey = async <Show>(name: string, loadShow: () => Promise<Show>) => {
      const show = await loadShow().catch(() => Promise.reject(SHOW_ONCE_UNAVAILABLE));
      const created = await firstValueFrom(client.create(name.trim()));
      patchState(store, addEntity(created.apiKey, { collection: 'key' }));
      return { ...created, show };
    };
    const revokeTask: BulkTask<ApiKey> = {
      concurrency: REVOKE_CONCURRENCY,
      run: async (key) =>
        patchState(
          store,
          setEntity(await firstValueFrom(client.revoke(key.id)), { collection: 'key' }),
        ),
      describeFailure: (error) => apiFailure(error, { 404: 'This key no longer exists.' }),
    };
    const startBulkRevoke = (
      name: 'selectionRevoke' | 'everyKeyRevoke',
      heading: string,
      keys: readonly ApiKey[],
    ): Promise<ActionResult<BulkSummary>> => {
      if (store.revokingMany() || keys.length === 0) {
        return Promise.resolve({ kind: 'skipped' });
      }
      // One bulk revoke is shown at a time: the last one started.
      patchState(store, { selectionRevoke: null, everyKeyRevoke: null });
      return runBulk(
        store,
        name,
        { heading, items: keys, id: (key) => key.id, label: keyLabel },
        revokeTask,
      );
    };
    return {
      /**
       * Creates a key named `name` (trimmed), once `loadShow` has loaded what will show it; when
       * that cannot load, nothing is created. The raw key is in the result only, never in the
       * store.
       */
      create<Show>(
        name: string,
        loadShow: () => Promise<Show>,
      ): Promise<ActionResult<NewKey<Show>>> {
        const trimmed = name.trim();
        return runAction(
          store,
          'keyAction',
          { kind: 'create', name: trimmed },
          () => createKey(trimmed, loadShow),
          (error) => createFailure(error, trimmed, `The key “${trimmed}” was not created.`),
        );
      },

      /**
       * Creates a replacement with the old key's name, which is marked as being replaced until it
       * is revoked or kept; the old key keeps working meanwhile.
       */
      roll<Show>(old: ApiKey, loadShow: () => Promise<Show>): Promise<ActionResult<NewKey<Show>>> {
        return runAction(
          store,
          'keyAction',
          { kind: 'roll', key: old },
          async () => {
            const replacement = await createKey(old.name, loadShow);
            patchState(store, {
              rolls: { ...store.rolls(), [old.id]: displayPrefix(replacement.apiKey) },
            });
            return replacement;
          },
          (error) =>
            createFailure(error, old.name, `No replacement for “${old.name}” was created.`),
        );
      },

      /** Revokes one key; it moves to the revoked list (and its roll, if any, ends). */
      revoke(key: ApiKey): Promise<ActionResult> {
        return runAction(
          store,
          'keyAction',
          { kind: 'revoke', key },
          async () => {
            const revoked = await firstValueFrom(client.revoke(key.id));
            patchState(store, setEntity(revoked, { collection: 'key' }));
          },
          (error) => ({
            message: `${keyLabel(key)} was not revoked. ${apiErrorMessage(error, {
              404: `The key “${key.name}” no longer exists: it may have been revoked elsewhere.`,
            })}`,
            gone: isNotFound(error),
          }),
        );
      },

      /** Ends an unfinished roll without revoking: both keys stay active. */
      keepOldKey(key: ApiKey): void {
        const { [key.id]: _ended, ...rest } = store.rolls();
        patchState(store, { rolls: rest });
      },

      /** Reloads the list; a failure about a key that is gone goes with the old list. */
      reloadKeys(): void {
        resetAction(store, 'keyAction');
        store.loadKeys();
      },

      /** Revokes the ticked keys, at most {@link REVOKE_CONCURRENCY} at a time. */
      revokeSelected(keys: readonly ApiKey[]): Promise<ActionResult<BulkSummary>> {
        const heading = `Revoking ${plural(keys.length, { one: 'key', other: 'keys' })}`;
        return startBulkRevoke('selectionRevoke', heading, keys);
      },

      /** For the day a laptop is stolen: every active key. */
      revokeEveryKey(): Promise<ActionResult<BulkSummary>> {
        return startBulkRevoke('everyKeyRevoke', 'Revoking every key', store.activeKeys());
      },

      /** Revokes again the keys of the shown bulk revoke that failed (those not gone). */
      retryBulkRevoke(ids: readonly number[]): Promise<ActionResult<BulkSummary>> {
        return store.everyKeyRevoke() !== null
          ? retryBulk(store, 'everyKeyRevoke', ids, revokeTask)
          : retryBulk(store, 'selectionRevoke', ids, revokeTask);
      },
    };
  }),
  withHooks({
    onInit(store) {
      store.loadKeys();
      // Ids and display prefixes only, so that a reload still marks the old keys.
      const memory = inject(RollMemory);
      effect(() => memory.keep(store.replacements()));
    },
  }),
);
