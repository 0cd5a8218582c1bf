import { computed, inject } from '@angular/core';
import { Router } from '@angular/router';
import {
  patchState,
  signalStore,
  withComputed,
  withHooks,
  withMethods,
  withState,
} from '@ngrx/signals';
import { RUNTIME_CONFIG } from '../config/runtime-config';
import { decodeSessionClaims, SessionClaims } from './jwt-claims';

/** sessionStorage key of the signed-in user's JWT (a tab's session, never localStorage). */
export const SESSION_STORAGE_KEY = 'paradarum.session';

/**
 * Prefix of the sessionStorage keys that belong to the signed-in session (a feature's state worth
 * keeping across a reload, never a secret): every one of them goes when the session ends.
 */
export const SESSION_SCOPED_KEY_PREFIX = 'paradarum.session.';

/** How long before the token expires the user is offered to sign in again. */
const EXPIRY_WARNING_MS = 5 * 60 * 1000;

/**
 * Why a session ended, shown on the login page as `?reason=`: `expired` (the clock or a 401 from
 * the API), `signed-out` (the user asked), `renew` (the user chose to sign in again early).
 */
export type SessionEndReason = 'expired' | 'signed-out' | 'renew';

/** setTimeout fires at once for delays above 2^31-1 ms (~24.8 days); longer waits are chained. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

interface SessionState {
  token: string | null;
  /** True from five minutes before expiry, so the shell can offer to sign in again. */
  expiresSoon: boolean;
}

/** The tab's sessionStorage, or null where the browser refuses access to it (privacy settings). */
export function tabStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Removes the token and everything kept under {@link SESSION_SCOPED_KEY_PREFIX}. */
function forgetStoredSession(): void {
  const storage = tabStorage();
  if (storage === null) {
    return;
  }
  storage.removeItem(SESSION_STORAGE_KEY);
  const scoped = Array.from({ length: storage.length }, (_, index) => storage.key(index)).filter(
    (key): key is string => key?.startsWith(SESSION_SCOPED_KEY_PREFIX) ?? false,
  );
  scoped.forEach((key) => storage.removeItem(key));
}

function isUsable(claims: SessionClaims | null): claims is SessionClaims {
  return claims !== null && claims.expiresAt.getTime() > Date.now();
}

/**
 * The signed-in session: the API's JWT and what the panel reads from it. Kept in memory and,
 * unless the runtime config says `memory`, in the tab's sessionStorage so a reload keeps it
 * (a closed tab does not). It warns five minutes before the token expires and ends the session
 * when it does.
 */
export const SessionStore = signalStore(
  { providedIn: 'root' },
  withState<SessionState>({ token: null, expiresSoon: false }),
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
    const storage = inject(RUNTIME_CONFIG).sessionPersistence === 'session' ? tabStorage() : null;
    const router = inject(Router);
    const timers: ReturnType<typeof setTimeout>[] = [];

    function clearTimers(): void {
      timers.splice(0).forEach((timer) => clearTimeout(timer));
    }

    function at(time: number, action: () => void): void {
      const delay = time - Date.now();
      if (delay <= 0) {
        action();
      } else {
        timers.push(setTimeout(() => at(time, action), Math.min(delay, MAX_TIMER_DELAY_MS)));
      }
    }

    function start(token: string, expiresAt: Date): void {
      clearTimers();
      patchState(store, { token, expiresSoon: false });
      at(expiresAt.getTime() - EXPIRY_WARNING_MS, () => patchState(store, { expiresSoon: true }));
      at(expiresAt.getTime(), () => endSession('expired'));
    }

    /** Forgets every trace of the session, in memory and in storage (whatever the config). */
    function signOut(): void {
      clearTimers();
      patchState(store, { token: null, expiresSoon: false });
      forgetStoredSession();
    }

    /**
     * Signs out and opens the login page saying why. Unless the user asked to leave, the page
     * they were on becomes the return URL, so signing in again brings them back.
     */
    function endSession(reason: SessionEndReason): void {
      signOut();
      const here = router.url;
      if (here === '/login' || here.startsWith('/login?')) {
        return;
      }
      const returnUrl = reason === 'signed-out' ? undefined : here;
      void router.navigate(['/login'], { queryParams: { reason, returnUrl } });
    }

    return {
      signOut,
      endSession,
      /** Starts a session with a token from Login, 2FA verify or ExternalLogin. */
      signIn(token: string): void {
        const claims = decodeSessionClaims(token);
        if (!isUsable(claims)) {
          throw new Error('The API answered with a token the panel cannot use.');
        }
        start(token, claims.expiresAt);
        storage?.setItem(SESSION_STORAGE_KEY, token);
      },
      /** Takes over a token kept by this tab before a reload, unless it is malformed or expired. */
      restore(): void {
        const stored = storage?.getItem(SESSION_STORAGE_KEY) ?? null;
        const claims = stored === null ? null : decodeSessionClaims(stored);
        if (stored !== null && isUsable(claims)) {
          start(stored, claims.expiresAt);
        } else {
          forgetStoredSession();
        }
      },
      /** Stops the expiry timers; the root store only goes away in tests. */
      _stopTimers: clearTimers,
    };
  }),
  withHooks({
    onInit(store) {
      store.restore();
    },
    onDestroy(store) {
      store._stopTimers();
    },
  }),
);
