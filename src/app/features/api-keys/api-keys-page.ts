import {
  afterNextRender,
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  Injector,
  inject,
  input,
  untracked,
  viewChild,
} from '@angular/core';
import type { MatDialogRef } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { ApiKey } from '../../core/api/api-key-list-client';
import { STALE_FIRST_ORDER } from '../../core/quick-jump/quick-jump-targets';
import { ActionResult } from '../../core/state/action';
import { BulkSummary } from '../../core/state/bulk-action';
import { plural } from '../../shared/plural';
import { BulkProgress } from '../../shared/ui/bulk-progress';
import { Dialogs } from '../../shared/ui/dialogs';
import { Toast } from '../../shared/ui/toast';
import { ActiveKeys } from './active-keys';
import type { ApiKeyCreatedDialog, ApiKeyCreatedDialogData } from './api-key-created-dialog';
import { displayPrefix, keyLabel } from './api-key';
import { ApiKeysStore } from './api-keys-store';
import { NewKey } from './key-action';
import { ApiKeysTable } from './api-keys-table';
import { CreateKeyForm } from './create-key-form';
import { KeyOrder } from './key-list-view';
import { KeySnippets } from './key-snippets';
import type { RevokeAllDialog, RevokeAllDialogData } from './revoke-all-dialog';
import { revokeKeyQuestion, revokeKeysQuestion } from './revoke-questions';

/** Opens the show-once dialog for a key just created (see `loadKeyDialog`). */
type OpenKeyDialog = (data: ApiKeyCreatedDialogData) => MatDialogRef<ApiKeyCreatedDialog, void>;

/** A new key on screen in its show-once dialog: what the page may keep of it (no raw key). */
interface ShownKey {
  readonly apiKey: ApiKey;
  readonly closed: Promise<void>;
}

/**
 * Lists the account's API keys and lets the owner create, roll and revoke them, one at a time or
 * many at once. Layout and wiring: the store runs every action and keeps its status, the sections
 * draw it, and the page asks the questions (dialogs), says what happened (toasts) and moves focus.
 */
@Component({
  selector: 'pdm-api-keys-page',
  imports: [ActiveKeys, ApiKeysTable, BulkProgress, CreateKeyForm, KeySnippets],
  providers: [ApiKeysStore],
  templateUrl: './api-keys-page.html',
  styleUrl: './api-keys-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApiKeysPage {
  /**
   * `?create=1`, from the quick jump's "Create API key": start at the new key's name. Bound from
   * the route (withComponentInputBinding), so named as `CREATE_KEY_PARAM` says.
   */
  readonly create = input<string>();
  /**
   * `?order=stale-first`, from the overview's idle keys: list the keys unused the longest first
   * (any other value, or none: the newest first). Bound from the route, named as
   * `KEY_ORDER_PARAM` says.
   */
  readonly order = input<string>();
  protected readonly listOrder = computed<KeyOrder>(() =>
    this.order() === STALE_FIRST_ORDER ? 'stale-first' : 'newest',
  );

  protected readonly store = inject(ApiKeysStore);
  private readonly dialogs = inject(Dialogs);
  private readonly toast = inject(Toast);
  private readonly injector = inject(Injector);
  /** A dialog outlives this page (a 401 navigates away); its follow-ups must then not run. */
  private readonly destroyRef = inject(DestroyRef);
  private readonly createForm = viewChild.required(CreateKeyForm);
  private readonly activeKeys = viewChild.required(ActiveKeys);

  /**
   * The show-once dialog, loaded (with Material's dialog) before a key is created: a key must
   * never exist that the panel then cannot show (the store creates none when this fails).
   */
  private readonly loadKeyDialog = async (): Promise<OpenKeyDialog> => {
    const [dialog, { openApiKeyCreatedDialog }] = await Promise.all([
      this.dialogs.load(),
      import('./api-key-created-dialog'),
    ]);
    return (data) => openApiKeyCreatedDialog(dialog, data);
  };

  constructor() {
    afterRenderEffect(() => {
      if (this.create() !== undefined) {
        untracked(() => this.focusNameField());
      }
    });
  }

  protected focusNameField(): void {
    this.createForm().focusName();
  }

  protected async createKey(name: string): Promise<void> {
    const shown = this.showNewKey(await this.store.create(name, this.loadKeyDialog));
    if (shown !== null) {
      this.toast.success(`Key “${shown.apiKey.name}” created.`);
      await this.createForm().keyCreated(name, shown.closed);
    }
  }

  /**
   * Creates a replacement with the same name and shows it; only after that dialog is closed is
   * the old key offered for revocation, so it keeps working until the user confirms.
   */
  protected async rollKey(old: ApiKey): Promise<void> {
    const shown = this.showNewKey(await this.store.roll(old, this.loadKeyDialog), old);
    if (shown !== null) {
      this.toast.success(`Replacement ${displayPrefix(shown.apiKey)} for “${old.name}” created.`);
      await shown.closed;
      if (!this.destroyRef.destroyed) {
        await this.revokeKey(old);
      }
    }
  }

  protected keepKey(key: ApiKey): void {
    this.store.keepOldKey(key);
    this.toast.success(`Kept ${keyLabel(key)} alongside its replacement.`);
  }

  protected async revokeKey(key: ApiKey): Promise<void> {
    if (await this.dialogs.confirm(revokeKeyQuestion(key, this.store.replacements()[key.id]))) {
      await this.revokeConfirmed(key);
    }
  }

  private async revokeConfirmed(key: ApiKey): Promise<void> {
    if ((await this.store.revoke(key)).kind === 'succeeded') {
      this.toast.success(`Key ${keyLabel(key)} revoked.`);
      // The row, and the button that had focus, moved to the revoked table: rather than
      // dropping focus on the page body, continue from the list of active keys.
      this.activeKeys().focusHeading();
    }
  }

  /** Repeats the key action that failed, with the same name or key, without asking again. */
  protected async retry(): Promise<void> {
    const failure = this.store.keyFailure();
    if (failure === null || failure.retrying) {
      return;
    }
    const { attempt } = failure;
    if (failure.gone) {
      this.reloadKeys();
    } else if (attempt.kind === 'create') {
      await this.createKey(attempt.name);
    } else if (attempt.kind === 'roll') {
      await this.rollKey(attempt.key);
    } else {
      await this.revokeConfirmed(attempt.key);
    }
  }

  /** The alert and its button go with the old list: continue from the list's heading. */
  protected reloadKeys(): void {
    this.store.reloadKeys();
    this.activeKeys().focusHeading();
  }

  protected async revokeSelected(keys: readonly ApiKey[]): Promise<void> {
    const confirmed = await this.dialogs.confirm(revokeKeysQuestion(keys));
    if (confirmed && !this.destroyRef.destroyed) {
      this.bulkRevoked(await this.store.revokeSelected(keys));
    }
  }

  /** For the day a laptop is stolen: every active key, after typing the account's name. */
  protected async revokeEveryKey(): Promise<void> {
    const dialogRef = await this.dialogs.open<RevokeAllDialog, RevokeAllDialogData, boolean>(
      () => import('./revoke-all-dialog').then((m) => m.RevokeAllDialog),
      {
        data: { activeCount: this.store.activeKeys().length },
        width: '560px',
        maxWidth: 'calc(100vw - 32px)',
      },
    );
    const confirmed = (await firstValueFrom(dialogRef.afterClosed())) === true;
    if (confirmed && !this.destroyRef.destroyed) {
      this.bulkRevoked(await this.store.revokeEveryKey());
    }
  }

  protected async retryBulkRevoke(ids: readonly number[]): Promise<void> {
    this.bulkRevoked(await this.store.retryBulkRevoke(ids));
  }

  /**
   * Says how a bulk revoke ended. "Revoke N selected…" leaves with the last selected key (and the
   * whole list with the last key): continue from the list of active keys, not from <body>.
   */
  private bulkRevoked(result: ActionResult<BulkSummary>): void {
    if (result.kind !== 'succeeded' || this.destroyRef.destroyed) {
      return;
    }
    const { total, succeeded } = result.value;
    this.toast.success(
      `${plural(succeeded, { one: 'key', other: 'keys' })} revoked` +
        (succeeded < total ? `, ${total - succeeded} failed.` : '.'),
    );
    afterNextRender(
      () => {
        if (!this.destroyRef.destroyed && document.activeElement === document.body) {
          this.activeKeys().focusHeading();
        }
      },
      { injector: this.injector },
    );
  }

  /**
   * Hands the raw key from the store's result to the show-once dialog, and keeps nothing of it:
   * synchronous and separate, so that no long-lived caller (rollKey awaiting the dialog) holds
   * the key in its scope.
   */
  private showNewKey(
    result: ActionResult<NewKey<OpenKeyDialog>>,
    replaces?: ApiKey,
  ): ShownKey | null {
    if (result.kind !== 'succeeded') {
      return null;
    }
    const { show, apiKey, rawKey } = result.value;
    const dialogRef = show({ apiKey, rawKey, replaces });
    return { apiKey, closed: firstValueFrom(dialogRef.afterClosed()) };
  }
}
