import { afterNextRender, DestroyRef, effect, inject, Injectable, Injector } from '@angular/core';
import { Router } from '@angular/router';

/**
 * Where the window was scrolled on each properties-list URL, so that Back from a property puts
 * the user where they left, not at the top of 5,000 properties. Memory only, a few entries: a
 * reload starts at the top, as the browser would after a restart.
 */
@Injectable({ providedIn: 'root' })
export class ListScrollMemory {
  private readonly positions = new Map<string, number>();

  remember(url: string, scrollY: number): void {
    this.positions.delete(url);
    this.positions.set(url, scrollY);
    if (this.positions.size > 20) {
      this.positions.delete(this.positions.keys().next().value as string);
    }
  }

  recall(url: string): number | undefined {
    return this.positions.get(url);
  }
}

/**
 * For the list page calling it (in its constructor): notes where the window is scrolled as the
 * user scrolls and, after Back (or Forward) to the list, scrolls there again once `settled()`
 * (its rows are all there, or it failed to load).
 */
export function restoreScrollOnBack(settled: () => boolean): void {
  const router = inject(Router);
  const memory = inject(ListScrollMemory);
  const injector = inject(Injector);
  // Noted as the user scrolls: by the time the page is destroyed the router already shows the
  // next URL. A plain listener, not a host listener: that would check the page on every event.
  const remember = () => memory.remember(router.url, window.scrollY);
  window.addEventListener('scroll', remember, { passive: true });
  inject(DestroyRef).onDestroy(() => window.removeEventListener('scroll', remember));

  const navigation = router.currentNavigation();
  if (navigation?.trigger !== 'popstate') {
    return;
  }
  const scrollY = memory.recall(
    router.serializeUrl(navigation.finalUrl ?? navigation.extractedUrl),
  );
  if (scrollY === undefined) {
    return;
  }
  const restore = effect(() => {
    if (settled()) {
      restore.destroy();
      afterNextRender(() => window.scrollTo(0, scrollY), { injector });
    }
  });
}
