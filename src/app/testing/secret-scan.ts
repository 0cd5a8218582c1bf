import { isSignal, untracked } from '@angular/core';

/** An injectable's class: Angular gives it a static `ɵprov` or `ɵfac`. */
function isInjectable(value: object): boolean {
  const type = value.constructor as { ɵprov?: unknown; ɵfac?: unknown } | undefined;
  return type !== undefined && type !== Object && (type.ɵprov ?? type.ɵfac) !== undefined;
}

/**
 * Does `holder` (a store instance, say) keep `secret` anywhere it can be read from: its state, its
 * computed values, its props, in objects, arrays, Maps and Sets nested in them, under string and
 * symbol keys? Signals are read (untracked) and what they hold is searched too. Methods are not
 * looked into (a closure cannot be read), nor services it injected (what an HTTP client or a root
 * service holds is not the holder's own), nor DOM nodes. The holder itself may be injectable.
 */
export function holdsSecret(holder: unknown, secret: string): boolean {
  const seen = new Set<unknown>();
  const search = (value: unknown, isHolder = false): boolean => {
    if (typeof value === 'string') {
      return value.includes(secret);
    }
    if (isSignal(value)) {
      return search(untracked(value));
    }
    if (typeof value !== 'object' || value === null || seen.has(value)) {
      return false;
    }
    seen.add(value);
    if (
      (typeof Node !== 'undefined' && value instanceof Node) ||
      (!isHolder && isInjectable(value))
    ) {
      return false;
    }
    if (value instanceof Map) {
      return [...value].some(([key, entry]) => search(key) || search(entry));
    }
    if (value instanceof Set) {
      return [...value].some((entry) => search(entry));
    }
    return Reflect.ownKeys(value).some((key) => {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      return descriptor !== undefined && 'value' in descriptor && search(descriptor.value);
    });
  };
  return search(holder, true);
}
