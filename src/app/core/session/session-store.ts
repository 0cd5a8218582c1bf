import { computed, inject } from '@angular/core';
import {
  patchState,
  signalStore,
  withComputed,
  withHooks,
  withMethods,
  withState,
} from '@ngrx/signals';
import { RUNTIME_CONFIG } from '../config/runtime-config';
import { decodeSessionClaims } from './jwt-claims';

/** sessionStorage key of the signed-in user's JWT (a tab's session, never localStorage). */
export const SESSION_STORAGE_KEY = 'paradarum.session';

interface SessionState {
  token: string | null;
}

/**
 * The signed-in session: the API's JWT and what the panel reads from it. Kept in memory and,
 * unless the runtime config says `memory`, in the tab's sessionStorage so a reload keeps it.
 */
export const SessionStore = signalStore(
  { providedIn: 'root' },
  withState<SessionState>({ token: null }),
  withComputed(({ token }) => {
    const claims = computed(() => {
      const current = token();
      return current === null ? null : decodeSessionClaims(current);
    });
    return {
      claims,
      email: computed(() => claims()?.email ?? null),
      expiresAt: computed(() => claims()?.expiresAt ?? null),
      isSignedIn: computed(() => claims() !== null),
    };
  }),
  withMethods((store) => {
    const persistence = inject(RUNTIME_CONFIG).sessionPersistence;
    const storage = persistence === 'session' ? sessionStorage : null;
    return {
      /** Starts a session with a token from Login, 2FA verify or ExternalLogin. */
      signIn(token: string): void {
        const claims = decodeSessionClaims(token);
        if (claims === null || claims.expiresAt.getTime() <= Date.now()) {
          throw new Error('The API answered with a token the panel cannot use.');
        }
        patchState(store, { token });
        storage?.setItem(SESSION_STORAGE_KEY, token);
      },
      /** Forgets every trace of the session, in memory and in storage. */
      signOut(): void {
        patchState(store, { token: null });
        sessionStorage.removeItem(SESSION_STORAGE_KEY);
      },
      /** Takes over a token kept by this tab before a reload, unless it is malformed or expired. */
      restore(): void {
        const stored = storage?.getItem(SESSION_STORAGE_KEY) ?? null;
        const claims = stored === null ? null : decodeSessionClaims(stored);
        if (stored !== null && claims !== null && claims.expiresAt.getTime() > Date.now()) {
          patchState(store, { token: stored });
        } else {
          sessionStorage.removeItem(SESSION_STORAGE_KEY);
        }
      },
    };
  }),
  withHooks({
    onInit(store) {
      store.restore();
    },
  }),
);
