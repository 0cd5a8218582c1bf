import { Injectable } from '@angular/core';

/**
 * Half-typed URL lists, per account and property, so that a session that expires mid-list (the
 * app goes to sign-in and back) loses nothing. Memory only, never storage: a reload or a closed
 * tab forgets them, and another account signing in on this tab never sees them.
 */
@Injectable({ providedIn: 'root' })
export class PurgeDraftMemory {
  private readonly drafts = new Map<string, string>();

  keep(key: string, urls: string): void {
    if (urls.trim() === '') {
      this.drafts.delete(key);
    } else {
      this.drafts.set(key, urls);
    }
  }

  recall(key: string): string {
    return this.drafts.get(key) ?? '';
  }
}
