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
import { form, FormField, FormRoot, validate } from '@angular/forms/signals';
import { MatButtonModule } from '@angular/material/button';
import { ErrorStateMatcher } from '@angular/material/core';
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
import { ErrorBlock } from '../../shared/ui/error-block';
import { Icon } from '../../shared/ui/icon';
import { Toast } from '../../shared/ui/toast';

/** Lists the account's API keys and lets the owner create, roll and revoke them. */
@Component({
  selector: 'pdm-api-keys-page',
  imports: [
    LoadError,
    ErrorBlock,
    Icon,
    FormField,
    FormRoot,
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
  /** A dialog outlives this page (a 401 navigates away); its follow-ups must then not run. */
  private readonly destroyRef = inject(DestroyRef);
  private readonly activeHeading = viewChild<ElementRef<HTMLElement>>('activeHeading');
  private readonly createButton = viewChild<ElementRef<HTMLElement>>('createButton');
  private readonly toast = inject(Toast);

  private readonly newKey = signal({ name: '' });
  protected readonly createForm = form(
    this.newKey,
    (path) => {
      // Counted once surrounding spaces are trimmed, as the API counts.
      validate(path.name, ({ value }) => {
        const length = value().trim().length;
        if (length === 0) {
          return { kind: 'required', message: 'Enter a name for the key.' };
        }
        return length > KEY_NAME_MAX_LENGTH
          ? { kind: 'tooLong', message: `Use at most ${KEY_NAME_MAX_LENGTH} characters.` }
          : null;
      });
    },
    {
      submission: {
        action: async () => this.createKey(),
        onInvalid: () => {
          this.submitAttempted.set(true);
          this.focusNameField();
        },
      },
    },
  );
  /**
   * An empty name is only an error once the user tried to create a key with it: merely leaving
   * the field (opening the new key's dialog, clicking Roll) is not a mistake.
   */
  private readonly submitAttempted = signal(false);
  protected readonly nameErrorShown: ErrorStateMatcher = {
    isErrorState: () =>
      this.createForm.name().invalid() &&
      (this.submitAttempted() || this.newKey().name.trim() !== ''),
  };
  protected readonly nameInUse = computed(() => {
    const name = this.newKey().name.trim();
    return name !== '' && this.store.isNameInUse(name);
  });

  /** Why the last create, roll or revoke failed, for the alert. */
  protected readonly actionError = signal<string | null>(null);
  /**
   * Unfinished rolls: old key id → the replacement's display prefix, until the old key is revoked
   * or kept. Memory only: prefixes are not secret, but a reload starts the page afresh.
   */
  protected readonly replacements = signal<Readonly<Record<number, string>>>({});

  protected focusNameField(): void {
    this.createForm.name().focusBoundControl();
  }

  /** The form's submit action: runs only with a valid name. */
  private async createKey(): Promise<void> {
    // A second Enter or click while the first key is on its way must not create two keys.
    if (this.store.creating()) {
      return;
    }
    this.actionError.set(null);
    const outcome = await this.store.create(this.newKey().name);
    if (!outcome.ok) {
      this.actionError.set(outcome.error);
      return;
    }
    // Emptied and untouched, so no error shows for the empty field.
    this.createForm().reset({ name: '' });
    this.submitAttempted.set(false);
    this.toast.success(`Key “${outcome.apiKey.name}” created.`);
    await firstValueFrom(this.showNewKey(outcome).afterClosed());
    // Opening the dialog blurred the emptied field, which marks it touched: after an Enter that
    // showed "Enter a name for the key." for a key that was just created.
    this.createForm().reset({ name: '' });
    if (!this.destroyRef.destroyed && document.activeElement === document.body) {
      this.createButton()?.nativeElement.focus();
    }
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
    const replacement = displayPrefix(outcome.apiKey);
    this.replacements.update((all) => ({ ...all, [old.id]: replacement }));
    this.toast.success(`Replacement ${replacement} for “${old.name}” created.`);
    await firstValueFrom(this.showNewKey(outcome, old).afterClosed());
    if (!this.destroyRef.destroyed) {
      await this.revokeKey(old);
    }
  }

  /** Ends an unfinished roll without revoking: both keys stay active. */
  protected keepKey(key: ApiKey): void {
    this.dropReplacement(key);
    this.toast.success(`Kept “${key.name}” (${displayPrefix(key)}) alongside its replacement.`);
  }

  protected async revokeKey(key: ApiKey): Promise<void> {
    const replacement = this.replacements()[key.id];
    // Two keys share the name during a roll: the prefixes say which one goes and which stays.
    const data: ConfirmDialogData = {
      title: replacement
        ? `Revoke the old “${key.name}” (${displayPrefix(key)})?`
        : `Revoke “${key.name}”?`,
      message:
        `The key “${key.name}” (${displayPrefix(key)}) stops working at once: every script ` +
        'and plugin that uses it fails with 401 Unauthorized from its next request. ' +
        (replacement ? `Its replacement ${replacement} keeps working. ` : '') +
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
      this.dropReplacement(key);
      this.toast.success(`Key “${key.name}” (${displayPrefix(key)}) revoked.`);
      // The row, and the button that had focus, moved to the revoked table: rather than
      // dropping focus on the page body, continue from the list of active keys.
      this.activeHeading()?.nativeElement.focus();
    } else {
      this.actionError.set(outcome.error);
    }
  }

  private dropReplacement(key: ApiKey): void {
    this.replacements.update(({ [key.id]: _dropped, ...rest }) => rest);
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
