import { inject } from '@angular/core';
import { patchState, signalStoreFeature, type, withMethods, withState } from '@ngrx/signals';
import { setAllEntities, withEntities } from '@ngrx/signals/entities';
import { loadOneWay } from '../state/load';
import { ApiKey, ApiKeyListClient } from './api-key-list-client';
import { Property, PropertyListClient } from './property-list-client';
import { loaded, loading, RequestStatus } from './request-status';

// A module of its own, so the account page does not load the entities code of the two lists.
export { withAccount } from './with-account';

/*
 * What more than one feature reads, as store features a feature's store composes: each adds its
 * data, its `RequestStatus` and a `load…()` method, under names of its own, so one store can hold
 * several (an overview reads all three). None starts loading by itself: the composing store
 * decides when (`withHooks({ onInit })`).
 */

/** The account's API keys, active and revoked: `keyEntities()`, `keysStatus()`, `loadKeys()`. */
export function withApiKeyList() {
  return signalStoreFeature(
    withEntities({ entity: type<ApiKey>(), collection: 'key' }),
    withState<{ keysStatus: RequestStatus }>({ keysStatus: loading }),
    withMethods((store, client = inject(ApiKeyListClient)) => ({
      /** (Re)loads the keys; a new call cancels the request it replaces. */
      loadKeys: loadOneWay(
        () => client.list(),
        (keysStatus) => patchState(store, { keysStatus }),
        (keys) =>
          patchState(store, setAllEntities(keys, { collection: 'key' }), { keysStatus: loaded }),
      ),
    })),
  );
}

/** Every property of the account: `propertyEntities()`, `propertiesStatus()`, `loadProperties()`. */
export function withPropertyList() {
  return signalStoreFeature(
    withEntities({ entity: type<Property>(), collection: 'property' }),
    withState<{ propertiesStatus: RequestStatus }>({ propertiesStatus: loading }),
    withMethods((store, client = inject(PropertyListClient)) => ({
      /** (Re)loads the properties; a new call cancels the request it replaces. */
      loadProperties: loadOneWay(
        () => client.list(),
        (propertiesStatus) => patchState(store, { propertiesStatus }),
        (properties) =>
          patchState(store, setAllEntities(properties, { collection: 'property' }), {
            propertiesStatus: loaded,
          }),
      ),
    })),
  );
}
