import { ChangeDetectionStrategy, Component, ElementRef, inject, viewChild } from '@angular/core';
import { DatePipe } from '@angular/common';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { BrandMark } from '../../shared/ui/brand-mark';
import { SessionStore } from '../session/session-store';

/** The signed-in frame: top bar with navigation and sign-out, and the feature outlet. */
@Component({
  selector: 'pdm-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    DatePipe,
    MatToolbarModule,
    MatButtonModule,
    BrandMark,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  protected readonly session = inject(SessionStore);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected readonly navigation = [
    { path: '/properties', label: 'Properties' },
    { path: '/api-keys', label: 'API keys' },
    { path: '/account', label: 'Account' },
  ] as const;

  /**
   * With `<base href="/">` the browser resolves `#main` to `/#main` and would leave the page, so
   * the skip link moves focus itself (which also scrolls the content into view).
   */
  protected skipToContent(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }

  protected signOut(): void {
    this.session.endSession('signed-out');
  }

  /** There is no refresh endpoint: a new 24-hour session takes a new sign-in, then back here. */
  protected signInAgain(): void {
    this.session.endSession('renew');
  }
}
