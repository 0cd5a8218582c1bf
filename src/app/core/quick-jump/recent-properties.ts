import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { NavigationEnd, Router } from '@angular/router';
import { filter } from 'rxjs';

/** How many recently visited properties the quick-jump box offers first. */
const RECENT_LIMIT = 5;

/**
 * The properties visited in this tab, most recent first, for the quick-jump box. Kept in memory
 * only (never storage): a new tab, or signing in again, starts with none.
 */
@Injectable({ providedIn: 'root' })
export class RecentProperties {
  private readonly visited = signal<readonly number[]>([]);
  /** Property ids, most recently visited first. */
  readonly ids = this.visited.asReadonly();

  constructor() {
    const subscription = inject(Router)
      .events.pipe(filter((event): event is NavigationEnd => event instanceof NavigationEnd))
      .subscribe((event) => {
        const match = /^\/properties\/(\d+)(?:[/?#]|$)/.exec(event.urlAfterRedirects);
        if (match) {
          this.record(Number(match[1]));
        }
      });
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  record(id: number): void {
    this.visited.update((ids) =>
      [id, ...ids.filter((other) => other !== id)].slice(0, RECENT_LIMIT),
    );
  }

  clear(): void {
    this.visited.set([]);
  }
}
