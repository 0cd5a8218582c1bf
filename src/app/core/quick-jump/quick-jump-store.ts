import { computed } from '@angular/core';
import { signalStore, withComputed, withHooks } from '@ngrx/signals';
import { withPropertyList } from '../api/with-shared-reads';
import { propertyTarget } from './quick-jump-targets';

/**
 * What the quick-jump box offers besides its fixed pages and actions: the account's properties,
 * loaded each time the box opens (it provides the store, so the store lives as long as the box).
 */
export const QuickJumpStore = signalStore(
  withPropertyList(),
  withComputed(({ propertyEntities }) => ({
    /** Built once per load, so a keystroke only scores; never rebuilt per keystroke. */
    propertyTargets: computed(() => propertyEntities().map(propertyTarget)),
  })),
  withHooks({ onInit: (store) => store.loadProperties() }),
);
