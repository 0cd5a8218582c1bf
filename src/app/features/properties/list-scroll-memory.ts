import { Injectable } from '@angular/core';

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
