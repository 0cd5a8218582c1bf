import { computed, inject } from '@angular/core';
import { signalStore, withComputed, withHooks, withProps } from '@ngrx/signals';
import { withAccount, withApiKeyList, withPropertyList } from '../../core/api/with-shared-reads';
import { RelativeTimeClock } from '../../shared/ui/relative-time';
import { accountAttention, AttentionItem, keyAttention, recentlyPurged } from './attention';

/**
 * The overview's three reads (`GET /api/account`, `/api/apikey`, `/api/property`), each loading
 * and failing on its own, and every figure the page shows, computed from their answers.
 */
export const OverviewStore = signalStore(
  withAccount(),
  withApiKeyList(),
  withPropertyList(),
  withProps(() => ({ _clock: inject(RelativeTimeClock) })),
  withComputed((store) => {
    const activeKeys = computed(() => store.keyEntities().filter((key) => key.revokedAt === null));
    /** What needs the owner, from whichever of the account and the keys has loaded. */
    const attention = computed<readonly AttentionItem[]>(() => {
      const account = store.accountStatus().kind === 'loaded' ? store.account() : null;
      return [
        ...(account ? accountAttention(account) : []),
        ...(store.keysStatus().kind === 'loaded'
          ? keyAttention(store.keyEntities(), store._clock.now())
          : []),
      ];
    });
    return {
      attention,
      /** Both reads that decide what needs attention answered, and nothing does. */
      allClear: computed(
        () =>
          store.accountStatus().kind === 'loaded' &&
          store.keysStatus().kind === 'loaded' &&
          attention().length === 0,
      ),
      /** Any of the three still loading: the page's one loading bar. */
      loading: computed(() =>
        [store.accountStatus(), store.keysStatus(), store.propertiesStatus()].some(
          (status) => status.kind === 'loading',
        ),
      ),
      activeKeyCount: computed(() => activeKeys().length),
      /** The latest use of any active key, or null when none was ever used. */
      lastKeyUse: computed(() =>
        activeKeys().reduce<Date | null>(
          (latest, key) =>
            key.lastUsedAt && (!latest || key.lastUsedAt > latest) ? key.lastUsedAt : latest,
          null,
        ),
      ),
      propertyCount: computed(() => store.propertyEntities().length),
      recentlyPurged: computed(() => recentlyPurged(store.propertyEntities())),
    };
  }),
  withHooks({
    onInit(store) {
      store.loadAccount();
      store.loadKeys();
      store.loadProperties();
    },
  }),
);
