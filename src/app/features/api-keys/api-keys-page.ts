import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  FormGroupDirective,
  ReactiveFormsModule,
  ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { firstValueFrom } from 'rxjs';
import { ConfirmDialog, ConfirmDialogData } from '../../shared/ui/confirm-dialog';
import { ApiKey } from '../../core/api/api-key-list-client';
import { KEY_NAME_MAX_LENGTH, displayPrefix } from './api-key';
import { openApiKeyCreatedDialog } from './api-key-created-dialog';
import { ApiKeysStore, CreateKeyOutcome } from './api-keys-store';
import { ApiKeysTable } from './api-keys-table';
import { LoadError } from '../../shared/ui/load-error';

/** Required and at most 64 characters once surrounding spaces are trimmed, as the API counts. */
function keyNameValidator(control: AbstractControl<string>): ValidationErrors | null {
  const length = control.value.trim().length;
  if (length === 0) {
    return { required: true };
  }
  return length > KEY_NAME_MAX_LENGTH ? { tooLong: true } : null;
}

/** Lists the account's API keys and lets the owner create, roll and revoke them. */
@Component({
  selector: 'pdm-api-keys-page',
  imports: [
    LoadError,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    ApiKeysTable,
  ],
  providers: [ApiKeysStore],
  templateUrl: './api-keys-page.html',
  styleUrl: './api-keys-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApiKeysPage {
  protected readonly store = inject(ApiKeysStore);
  private readonly dialog = inject(MatDialog);
  private readonly nameInput = viewChild<ElementRef<HTMLInputElement>>('nameInput');
  private readonly activeHeading = viewChild<ElementRef<HTMLElement>>('activeHeading');
  private readonly formDirective = viewChild.required(FormGroupDirective);

  protected readonly maxLength = KEY_NAME_MAX_LENGTH;
  protected readonly name = new FormControl('', {
    nonNullable: true,
    validators: [keyNameValidator],
  });
  protected readonly form = new FormGroup({ name: this.name });
  private readonly nameValue = toSignal(this.name.valueChanges, { initialValue: '' });
  protected readonly nameInUse = computed(() => {
    const name = this.nameValue().trim();
    return name !== '' && this.store.isNameInUse(name);
  });

  /** What the last action did, for the polite live region. */
  protected readonly announcement = signal('');
  /** Why the last create, roll or revoke failed, for the alert. */
  protected readonly actionError = signal<string | null>(null);

  /** A dialog outlives this page (a 401 navigates away); its follow-ups must then not run. */
  private destroyed = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => (this.destroyed = true));
  }

  protected focusNameField(): void {
    this.nameInput()?.nativeElement.focus();
  }

  protected async createKey(): Promise<void> {
    // A second Enter or click while the first key is on its way must not create two keys.
    if (this.store.creating()) {
      return;
    }
    if (this.name.invalid) {
      this.name.markAsTouched();
      this.focusNameField();
      return;
    }
    this.actionError.set(null);
    const outcome = await this.store.create(this.name.value);
    if (!outcome.ok) {
      this.actionError.set(outcome.error);
      return;
    }
    // Through the directive, so that the form's "submitted" state goes too and no error shows.
    this.formDirective().resetForm();
    this.announcement.set(`Key “${outcome.apiKey.name}” created.`);
    this.showNewKey(outcome);
  }

  /**
   * Creates a replacement with the same name and shows it; only after that dialog is closed is
   * the old key offered for revocation, so it keeps working until the user confirms.
   */
  protected async rollKey(old: ApiKey): Promise<void> {
    if (this.store.creating()) {
      return;
    }
    this.actionError.set(null);
    const outcome = await this.store.create(old.name);
    if (!outcome.ok) {
      this.actionError.set(outcome.error);
      return;
    }
    this.announcement.set(`Replacement for “${old.name}” created.`);
    await firstValueFrom(this.showNewKey(outcome, old).afterClosed());
    if (!this.destroyed) {
      await this.revokeKey(old);
    }
  }

  protected async revokeKey(key: ApiKey): Promise<void> {
    const data: ConfirmDialogData = {
      title: `Revoke “${key.name}”?`,
      message:
        `The key “${key.name}” (${displayPrefix(key)}) stops working at once: every script ` +
        'and plugin that uses it fails with 401 Unauthorized from its next request. ' +
        'This cannot be undone.',
      confirmLabel: 'Revoke key',
      destructive: true,
    };
    const confirmed = await firstValueFrom(this.dialog.open(ConfirmDialog, { data }).afterClosed());
    if (confirmed !== true) {
      return;
    }
    this.actionError.set(null);
    const outcome = await this.store.revoke(key);
    if (outcome.ok) {
      this.announcement.set(`Key “${key.name}” (${displayPrefix(key)}) revoked.`);
      // The row, and the button that had focus, moved to the revoked table: rather than
      // dropping focus on the page body, continue from the list of active keys.
      this.activeHeading()?.nativeElement.focus();
    } else {
      this.actionError.set(outcome.error);
    }
  }

  /**
   * Hands the raw key to the show-once dialog. Kept synchronous and separate so that no
   * long-lived caller (such as rollKey awaiting the dialog) holds the key in its scope.
   */
  private showNewKey(outcome: CreateKeyOutcome & { ok: true }, replaces?: ApiKey) {
    return openApiKeyCreatedDialog(this.dialog, {
      apiKey: outcome.apiKey,
      rawKey: outcome.rawKey,
      replaces,
    });
  }
}
