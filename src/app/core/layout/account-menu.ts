import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { Icon } from '../../shared/ui/icon';

/**
 * Who is signed in, and Sign out, behind one button: the WAI-ARIA menu button pattern without
 * Material's menu (the top bar is on every first screen). The button shows the e-mail where the
 * bar has room for all of it, else only its icon: never a cut address. Enter, Space or ArrowDown
 * open the menu on its first item, ArrowUp on its last; ArrowUp/ArrowDown, Home and End move
 * between items; Escape closes it and gives focus back to the button; Tab, a click elsewhere or
 * choosing an item closes it.
 */
@Component({
  selector: 'pdm-account-menu',
  imports: [Icon, RouterLink],
  template: `
    <button
      #trigger
      id="account-menu-button"
      type="button"
      class="trigger"
      aria-haspopup="menu"
      aria-controls="account-menu"
      [attr.aria-expanded]="open()"
      (click)="toggle()"
      (keydown)="triggerKeydown($event)"
    >
      <!-- The address shows whole or not at all: a line too narrow for it wraps it out of sight. -->
      <span class="email-slot"
        ><span class="email"
          ><span class="visually-hidden">Signed in as </span>{{ email() }}</span
        ></span
      >
      <pdm-icon name="account" />
      <pdm-icon class="chevron" name="expand-more" />
    </button>
    @if (open()) {
      <div class="panel">
        <p class="signed-in-as">
          <span class="caption">Signed in as</span>
          <span class="address">{{ email() }}</span>
        </p>
        <div
          #menu
          id="account-menu"
          role="menu"
          tabindex="-1"
          aria-labelledby="account-menu-button"
          (keydown)="menuKeydown($event)"
        >
          <a role="menuitem" tabindex="-1" routerLink="/account" (click)="close()"
            ><pdm-icon name="account" />Account settings</a
          >
          <button role="menuitem" tabindex="-1" type="button" (click)="chooseSignOut()">
            <pdm-icon name="sign-out" />Sign out
          </button>
        </div>
      </div>
    }
  `,
  styleUrl: './account-menu.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '(document:click)': 'closeOnClickOutside($event)',
    '(focusout)': 'closeWhenFocusLeaves($event)',
  },
})
export class AccountMenu {
  readonly email = input.required<string>();
  readonly signOut = output();

  protected readonly open = signal(false);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly trigger = viewChild.required<ElementRef<HTMLButtonElement>>('trigger');
  private readonly menu = viewChild<ElementRef<HTMLElement>>('menu');

  protected toggle(): void {
    if (this.open()) {
      this.close();
    } else {
      this.openOn('first');
    }
  }

  protected triggerKeydown(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.openOn(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  }

  protected menuKeydown(event: KeyboardEvent): void {
    const items = this.items();
    const current = items.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number | undefined> = {
      ArrowDown: (current + 1) % items.length,
      ArrowUp: (current - 1 + items.length) % items.length,
      Home: 0,
      End: items.length - 1,
    };
    const next = moves[event.key];
    if (next !== undefined) {
      event.preventDefault();
      items[next]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      // Not also the page's or a dialog's Escape.
      event.stopPropagation();
      this.close();
      this.trigger().nativeElement.focus();
    } else if (event.key === 'Tab') {
      // Focus moves on to what follows the button, as from any other control; the menu goes.
      this.close();
    }
  }

  protected close(): void {
    this.open.set(false);
  }

  protected chooseSignOut(): void {
    this.close();
    this.signOut.emit();
  }

  protected closeOnClickOutside(event: MouseEvent): void {
    if (this.open() && !this.host.nativeElement.contains(event.target as Node)) {
      this.close();
    }
  }

  protected closeWhenFocusLeaves(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (this.open() && next !== null && !this.host.nativeElement.contains(next)) {
      this.close();
    }
  }

  private openOn(which: 'first' | 'last'): void {
    this.open.set(true);
    afterNextRender(
      () => {
        const items = this.items();
        items[which === 'first' ? 0 : items.length - 1]?.focus();
      },
      { injector: this.injector },
    );
  }

  private items(): HTMLElement[] {
    return Array.from(
      this.menu()?.nativeElement.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [],
    );
  }
}
