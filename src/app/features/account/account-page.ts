import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DOCUMENT,
  ElementRef,
  inject,
  Injector,
  viewChild,
} from '@angular/core';
import type { MatDialogConfig } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { plural } from '../../shared/plural';
import { DialogLoader, Dialogs } from '../../shared/ui/dialogs';
import { LoadError } from '../../shared/ui/load-error';
import { LoadingBar } from '../../shared/ui/loading-bar';
import { LocalDatePipe } from '../../shared/ui/local-date-pipe';
import { Toast } from '../../shared/ui/toast';
import { AccountStore } from './account-store';
import { ChangePasswordForm } from './change-password-form';

/** The signed-in user's account: profile, two-factor authentication and password. */
@Component({
  selector: 'pdm-account-page',
  imports: [LoadError, LoadingBar, LocalDatePipe, ChangePasswordForm],
  // Provided here, not in the route, so the account's state goes away with the page (and with
  // the session) instead of outliving a sign-out.
  providers: [AccountStore],
  templateUrl: './account-page.html',
  styleUrl: './account-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountPage {
  protected readonly store = inject(AccountStore);
  private readonly dialogs = inject(Dialogs);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly toast = inject(Toast);
  private readonly twoFactorHeading = viewChild<ElementRef<HTMLElement>>('twoFactorHeading');

  protected readonly lowCodesWarning = computed(() => {
    const left = this.store.account()?.recoveryCodesLeft ?? 0;
    if (left === 0) {
      return 'No recovery codes left: if you lose your phone, you cannot sign in. Generate a new set now.';
    }
    return `Only ${plural(left, { one: 'recovery code', other: 'recovery codes' })} left. Generate a new set before you run out.`;
  });

  protected turnOnTwoFactor(): void {
    void this.openDialog(
      () => import('./enable-two-factor-dialog').then((m) => m.EnableTwoFactorDialog),
      'Two-factor authentication is on.',
      {
        autoFocus: 'first-heading',
      },
    );
  }

  protected turnOffTwoFactor(): void {
    void this.openDialog(
      () => import('./disable-two-factor-dialog').then((m) => m.DisableTwoFactorDialog),
      'Two-factor authentication is off.',
    );
  }

  protected regenerateRecoveryCodes(): void {
    void this.openDialog(
      () => import('./regenerate-codes-dialog').then((m) => m.RegenerateCodesDialog),
      'You have 10 new recovery codes.',
    );
  }

  /**
   * Opens a dialog that may change the account; what it changed is then said in a toast (what
   * happened only: recovery codes stay in their dialog).
   */
  private async openDialog(
    load: DialogLoader<unknown>,
    announcement: string,
    config: MatDialogConfig = {},
  ): Promise<void> {
    // A second click lands while the first dialog loads; one dialog is enough.
    if (this.dialogs.openCount() > 0) {
      return;
    }
    const trigger = this.document.activeElement;
    const dialogRef = await this.dialogs.open<unknown, unknown, boolean>(load, {
      // The dialogs use this page's AccountStore.
      injector: this.injector,
      width: '40rem',
      maxWidth: 'calc(100vw - 32px)',
      ...config,
    });
    if (await firstValueFrom(dialogRef.afterClosed())) {
      this.toast.success(announcement);
    }
    // The dialog gives focus back to the button that opened it. That button may be gone once
    // the change shows ("Turn on" after turning on, the low-codes warning after regenerating):
    // then focus goes to the section that changed rather than to the top of the page.
    afterNextRender(
      () => {
        if (!(trigger instanceof HTMLElement) || !trigger.isConnected) {
          this.twoFactorHeading()?.nativeElement.focus();
        }
      },
      { injector: this.injector },
    );
  }
}
