import { inject, Injectable } from '@angular/core';
import { ApiKey } from '../../core/api/api-key-list-client';
import { RUNTIME_CONFIG } from '../../core/config/runtime-config';
import { displayPrefix } from './api-key';
import {
  SESSION_SCOPED_KEY_PREFIX,
  SessionStore,
  tabStorage,
} from '../../core/session/session-store';

/** Unfinished rolls: old key id → the replacement's display prefix (`pdm_EfGh…`). */
export type Rolls = Readonly<Record<number, string>>;

/** Ends with the session: the session store removes every key under its prefix. */
export const ROLLS_STORAGE_KEY = `${SESSION_SCOPED_KEY_PREFIX}rolls`;

/** A display prefix, as the key list shows it: nothing longer can be a secret's worth. */
const DISPLAY_PREFIX = /^[A-Za-z0-9_]{1,16}…$/;

/**
 * The rolls whose old key and replacement are both still active: one revoked (here or in another
 * tab) has nothing left to mark. The same object when nothing is dropped.
 */
export function unfinishedRolls(rolls: Rolls, activeKeys: readonly ApiKey[]): Rolls {
  const active = new Map(activeKeys.map((key) => [key.id, key]));
  const activePrefixes = new Set(activeKeys.map((key) => displayPrefix(key)));
  const kept = Object.entries(rolls).filter(([id, prefix]) => {
    const old = active.get(Number(id));
    return old !== undefined && activePrefixes.has(prefix) && displayPrefix(old) !== prefix;
  });
  return kept.length === Object.keys(rolls).length ? rolls : Object.fromEntries(kept);
}

interface StoredRolls {
  readonly email: string;
  readonly rolls: Rolls;
}

/**
 * Keeps unfinished rolls across a reload, in the tab's sessionStorage: a key id and the
 * replacement's display prefix, both shown in the list anyway; never a raw key. Tied to the
 * signed-in account and gone when the session ends. Whatever cannot be read is ignored. Where
 * sessions are kept in memory only (runtime config), so are rolls: a reload forgets them.
 */
@Injectable({ providedIn: 'root' })
export class RollMemory {
  private readonly session = inject(SessionStore);
  private readonly storage =
    inject(RUNTIME_CONFIG).sessionPersistence === 'session' ? tabStorage() : null;

  recall(): Rolls {
    const email = this.session.email();
    const stored = read(this.storage?.getItem(ROLLS_STORAGE_KEY) ?? null);
    return email !== null && stored?.email === email ? stored.rolls : {};
  }

  keep(rolls: Rolls): void {
    const storage = this.storage;
    const email = this.session.email();
    try {
      if (email === null || Object.keys(rolls).length === 0) {
        storage?.removeItem(ROLLS_STORAGE_KEY);
      } else {
        storage?.setItem(ROLLS_STORAGE_KEY, JSON.stringify({ email, rolls } satisfies StoredRolls));
      }
    } catch {
      // A full or refused storage only costs the marker after a reload.
    }
  }
}

function read(text: string | null): StoredRolls | null {
  try {
    const value: unknown = text === null ? null : JSON.parse(text);
    if (typeof value !== 'object' || value === null) {
      return null;
    }
    const { email, rolls } = value as Record<string, unknown>;
    if (typeof email !== 'string' || typeof rolls !== 'object' || rolls === null) {
      return null;
    }
    const kept: Record<number, string> = {};
    for (const [id, prefix] of Object.entries(rolls)) {
      if (/^[1-9]\d*$/.test(id) && typeof prefix === 'string' && DISPLAY_PREFIX.test(prefix)) {
        kept[Number(id)] = prefix;
      }
    }
    return { email, rolls: kept };
  } catch {
    return null;
  }
}
