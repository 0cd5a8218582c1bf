import { ChangeDetectionStrategy, Component, ElementRef, inject, viewChild } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { BrandMark } from '../../shared/ui/brand-mark';
import { Dialogs } from '../../shared/ui/dialogs';
import { Icon, IconName } from '../../shared/ui/icon';
import { LocalDatePipe } from '../../shared/ui/local-date-pipe';
import { isTypingTarget, openQuickJump } from '../quick-jump/open-quick-jump';
import { RecentProperties } from '../quick-jump/recent-properties';
import { SessionStore } from '../session/session-store';
import { AccountMenu } from './account-menu';

interface NavigationItem {
  readonly path: string;
  readonly label: string;
  readonly icon: IconName;
  readonly exact: boolean;
}

/**
 * The signed-in frame: the top bar (navigation, the quick-jump box, the account menu with
 * Sign out) and the feature outlet.
 */
@Component({
  selector: 'pdm-shell',
  imports: [
    AccountMenu,
    BrandMark,
    Icon,
    LocalDatePipe,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'quickJumpShortcut($event)' },
})
export class Shell {
  protected readonly session = inject(SessionStore);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');
  private readonly dialogs = inject(Dialogs);
  /** Created with the shell, so that it sees every property visited in this tab. */
  private readonly recentProperties = inject(RecentProperties);

  protected readonly navigation: readonly NavigationItem[] = [
    // Exact: every page's URL starts with `/`.
    { path: '/', label: 'Overview', icon: 'overview', exact: true },
    { path: '/properties', label: 'Properties', icon: 'globe', exact: false },
    { path: '/api-keys', label: 'API keys', icon: 'key', exact: false },
    { path: '/account', label: 'Account', icon: 'account', exact: false },
  ];

  /**
   * With `<base href="/">` the browser resolves `#main` to `/#main` and would leave the page, so
   * the skip link moves focus itself (which also scrolls the content into view).
   */
  protected skipToContent(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }

  protected openQuickJump(): void {
    // Never over another dialog: a show-once key dialog must not be covered or lose focus.
    if (this.dialogs.openCount() === 0) {
      void openQuickJump(this.dialogs);
    }
  }

  /** Ctrl+K or Cmd+K anywhere, and `/` when not typing in a field, open the quick-jump box. */
  protected quickJumpShortcut(event: KeyboardEvent): void {
    const commandK =
      (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k';
    const slash =
      event.key === '/' &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.altKey &&
      !isTypingTarget(event.target);
    if ((commandK || slash) && !event.defaultPrevented) {
      event.preventDefault();
      this.openQuickJump();
    }
  }

  protected signOut(): void {
    this.recentProperties.clear();
    this.session.endSession('signed-out');
  }

  /** There is no refresh endpoint: a new 24-hour session takes a new sign-in, then back here. */
  protected signInAgain(): void {
    this.session.endSession('renew');
  }
}
