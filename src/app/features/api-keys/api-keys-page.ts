import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  effect,
  Injector,
  PendingTasks,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { form, FormField, FormRoot, validate } from '@angular/forms/signals';
import { firstValueFrom } from 'rxjs';
import { ActivatedRoute } from '@angular/router';
import { CREATE_KEY_PARAM } from '../../core/quick-jump/quick-jump-targets';
import type { MatDialogRef } from '@angular/material/dialog';
import type { ConfirmDialogData } from '../../shared/ui/confirm-dialog';
import type { ApiKeyCreatedDialog, ApiKeyCreatedDialogData } from './api-key-created-dialog';
import { Dialogs } from '../../shared/ui/dialogs';
import { ApiKey } from '../../core/api/api-key-list-client';
import { KEY_NAME_MAX_LENGTH, displayPrefix } from './api-key';
import { ApiKeysStore, CreateKeyOutcome } from './api-keys-store';
import { ApiKeysTable } from './api-keys-table';
import { LoadError } from '../../shared/ui/load-error';
import { RUNTIME_CONFIG } from '../../core/config/runtime-config';
import { SnippetTabs } from './snippets/snippet-tabs';
import { BulkProgress, BulkProgressItem } from '../../shared/ui/bulk-progress';
import { BulkItemResult } from '../../shared/run-bounded';
import { plural } from '../../shared/plural';
import { RelativeTimeClock } from '../../shared/ui/relative-time';
import { KeyOrder, filterKeys, orderKeys } from './key-list-view';
import type { RevokeAllDialog, RevokeAllDialogData } from './revoke-all-dialog';

/**
 * A create, roll or revoke that failed, with what repeating it exactly needs: a name or a listed
 * key, never a raw key. `gone`: the key no longer exists (revoked in another tab, say), so the
 * way on is reloading the list, not trying again.
 */
type FailedAction =
  | { readonly kind: 'create'; readonly name: string; readonly message: string }
  | { readonly kind: 'roll'; readonly key: ApiKey; readonly message: string }
  | {
      readonly kind: 'revoke';
      readonly key: ApiKey;
      readonly message: string;
      readonly gone: boolean;
    };

/** A bulk revoke under way or finished, as the page shows it. */
interface BulkRevoke {
  readonly heading: string;
  /** Revoke every key: the summary then leads to creating fresh keys. */
  readonly everyKey: boolean;
  readonly items: readonly BulkProgressItem[];
}
import {
  API_KEY_PLACEHOLDER,
  PROPERTY_ID_PLACEHOLDER,
  SnippetOptions,
} from './snippets/snippet-options';
import { ErrorBlock } from '../../shared/ui/error-block';
import { Icon } from '../../shared/ui/icon';
import { LoadingBar } from '../../shared/ui/loading-bar';
import { Toast } from '../../shared/ui/toast';
import { RollMemory, Rolls } from './roll-memory';

/** The rolls whose old key and replacement are both still active. */
function unfinishedRolls(rolls: Rolls, activeKeys: readonly ApiKey[]): Rolls {
  const active = new Map(activeKeys.map((key) => [key.id, key]));
  const activePrefixes = new Set(activeKeys.map((key) => displayPrefix(key)));
  return Object.fromEntries(
    Object.entries(rolls).filter(
      ([id, prefix]) =>
        active.has(Number(id)) &&
        activePrefixes.has(prefix) &&
        displayPrefix(active.get(Number(id))!) !== prefix,
    ),
  );
}

/** Lists the account's API keys and lets the owner create, roll and revoke them. */
/** Opens the show-once dialog for a key just created (see `loadKeyDialog`). */
type OpenKeyDialog = (data: ApiKeyCreatedDialogData) => MatDialogRef<ApiKeyCreatedDialog, void>;

/** Nothing was created: the dialog that would show the new key could not be loaded. */
function keyDialogUnavailable(name: string): string {
  return (
    `No key named “${name.trim()}” was created: the dialog that shows a new key could not be ` +
    'loaded. Check your connection and try again.'
  );
}

@Component({
  selector: 'pdm-api-keys-page',
  imports: [
    LoadError,
    ErrorBlock,
    Icon,
    FormField,
    FormRoot,
    LoadingBar,
    ApiKeysTable,
    SnippetTabs,
    BulkProgress,
  ],
  providers: [ApiKeysStore],
  templateUrl: './api-keys-page.html',
  styleUrl: './api-keys-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApiKeysPage {
  protected readonly store = inject(ApiKeysStore);
  private readonly dialogs = inject(Dialogs);
  /** A dialog outlives this page (a 401 navigates away); its follow-ups must then not run. */
  private readonly destroyRef = inject(DestroyRef);
  private readonly activeHeading = viewChild<ElementRef<HTMLElement>>('activeHeading');
  private readonly createButton = viewChild<ElementRef<HTMLElement>>('createButton');
  private readonly toast = inject(Toast);
  private readonly injector = inject(Injector);

  /** The page never holds a raw key: its snippets carry placeholders for the key and property. */
  protected readonly snippetOptions: SnippetOptions = {
    apiBaseUrl: inject(RUNTIME_CONFIG).apiBaseUrl,
    rawKey: API_KEY_PLACEHOLDER,
    propertyId: null,
  };
  protected readonly keyPlaceholder = API_KEY_PLACEHOLDER;

  private readonly clock = inject(RelativeTimeClock);
  private readonly listView = signal<{ query: string; order: KeyOrder }>({
    query: '',
    order: 'newest',
  });
  /** Filters and orders the active keys; a view setting, never sent anywhere. */
  protected readonly listForm = form(this.listView);
  protected readonly visibleActiveKeys = computed(() =>
    orderKeys(
      filterKeys(this.store.activeKeys(), this.listView().query),
      this.listView().order,
      this.clock.now(),
    ),
  );
  protected readonly activeCaption = computed(() =>
    this.listView().order === 'newest'
      ? 'Active keys, newest first'
      : 'Active keys, those unused the longest first',
  );
  /** Ticked active keys; revoked ones drop out as they leave the active list. */
  protected readonly selectedIds = signal<ReadonlySet<number>>(new Set());
  protected readonly selectedKeys = computed(() =>
    this.store.activeKeys().filter((key) => this.selectedIds().has(key.id)),
  );
  protected readonly bulkRevoke = signal<BulkRevoke | null>(null);
  protected readonly bulkRunning = computed(
    () => this.bulkRevoke()?.items.some((item) => item.result.kind === 'pending') ?? false,
  );
  /** The keys of the current bulk revoke, by id, for retrying the failed ones. */
  private bulkKeys = new Map<number, ApiKey>();
  protected readonly propertyPlaceholder = PROPERTY_ID_PLACEHOLDER;

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
  protected readonly nameErrorShown = computed(
    () =>
      this.createForm.name().invalid() &&
      (this.submitAttempted() || this.newKey().name.trim() !== ''),
  );
  protected readonly nameInUse = computed(() => {
    const name = this.newKey().name.trim();
    return name !== '' && this.store.isNameInUse(name);
  });

  /**
   * The snippets (tabs, below the fold) render one task after the key list has settled,
   * not in the task that renders the list, so neither is one long task on a slow phone. The app
   * is not stable (`whenStable`, the tests) until they are there.
   */
  protected readonly snippetsShown = signal(false);
  private readonly pendingTasks = inject(PendingTasks);

  constructor() {
    const showSnippets = effect(() => {
      if (this.store.loadStatus().kind !== 'loading') {
        showSnippets.destroy();
        const done = this.pendingTasks.add();
        setTimeout(() => {
          this.snippetsShown.set(true);
          done();
        });
      }
    });
    effect(() => {
      // A roll whose old key or replacement is no longer active (revoked elsewhere, another
      // tab) has nothing left to mark.
      if (this.store.loadStatus().kind === 'loaded') {
        const rolls = this.replacements();
        const kept = unfinishedRolls(rolls, this.store.activeKeys());
        if (Object.keys(kept).length !== Object.keys(rolls).length) {
          this.replacements.set(kept);
        }
      }
    });
    effect(() => this.rollMemory.keep(this.replacements()));
    // The quick-jump action "Create API key" lands here with ?create=1: start at the name.
    if (inject(ActivatedRoute).snapshot.queryParamMap.has(CREATE_KEY_PARAM)) {
      afterNextRender(() => this.focusNameField());
    }
  }
  /** The last create, roll or revoke that failed, for its alert and its Try again. */
  protected readonly failedAction = signal<FailedAction | null>(null);
  /** The failed action is being tried again: its alert stays in place meanwhile. */
  protected readonly retrying = computed(
    () =>
      this.failedAction() !== null && (this.store.creating() || this.store.revokingId() !== null),
  );
  private readonly rollMemory = inject(RollMemory);
  /**
   * Unfinished rolls: old key id → the replacement's display prefix, until the old key is revoked
   * or kept. Kept across a reload (ids and prefixes only, see RollMemory).
   */
  protected readonly replacements = signal<Rolls>(this.rollMemory.recall());

  protected focusNameField(): void {
    this.createForm.name().focusBoundControl();
  }

  /** The form's submit action: runs only with a valid name. */
  private async createKey(): Promise<void> {
    // A second Enter or click while the first key is on its way must not create two keys.
    if (this.store.creating()) {
      return;
    }
    this.failedAction.set(null);
    await this.createNamed(this.newKey().name);
  }

  /** Repeats the action that failed, with the same name or key, without asking again. */
  protected async retryFailedAction(): Promise<void> {
    const failure = this.failedAction();
    if (failure === null || this.retrying()) {
      return;
    }
    if (failure.kind === 'revoke' && failure.gone) {
      this.reloadList();
    } else if (failure.kind === 'create') {
      await this.createNamed(failure.name);
    } else if (failure.kind === 'roll') {
      await this.rollKey(failure.key, { retry: true });
    } else {
      await this.revokeConfirmed(failure.key);
    }
  }

  private async createNamed(name: string): Promise<void> {
    const openKeyDialog = await this.loadKeyDialog();
    // A second Enter while the dialog loaded: the first one creates the key.
    if (this.store.creating()) {
      return;
    }
    if (openKeyDialog === null) {
      this.failedAction.set({ kind: 'create', name, message: keyDialogUnavailable(name) });
      return;
    }
    const outcome = await this.store.create(name);
    if (!outcome.ok) {
      this.failedAction.set({
        kind: 'create',
        name,
        message: `The key “${name.trim()}” was not created. ${outcome.error}`,
      });
      return;
    }
    this.failedAction.set(null);
    // Emptied and untouched, so no error shows for the empty field; a name typed since a
    // failed attempt that is now retried stays.
    const sentName = name.trim();
    const emptyField = () => {
      if (this.newKey().name.trim() === sentName) {
        this.createForm().reset({ name: '' });
      }
    };
    emptyField();
    this.submitAttempted.set(false);
    this.toast.success(`Key “${outcome.apiKey.name}” created.`);
    await firstValueFrom(this.showNewKey(openKeyDialog, outcome).afterClosed());
    // Opening the dialog blurred the emptied field, which marks it touched: after an Enter that
    // showed "Enter a name for the key." for a key that was just created.
    if (this.newKey().name === '') {
      this.createForm().reset({ name: '' });
    }
    if (!this.destroyRef.destroyed && document.activeElement === document.body) {
      this.createButton()?.nativeElement.focus();
    }
  }

  /**
   * Creates a replacement with the same name and shows it; only after that dialog is closed is
   * the old key offered for revocation, so it keeps working until the user confirms.
   */
  protected async rollKey(old: ApiKey, { retry = false } = {}): Promise<void> {
    if (this.store.creating()) {
      return;
    }
    if (!retry) {
      this.failedAction.set(null);
    }
    const openKeyDialog = await this.loadKeyDialog();
    if (this.store.creating()) {
      return;
    }
    if (openKeyDialog === null) {
      this.failedAction.set({ kind: 'roll', key: old, message: keyDialogUnavailable(old.name) });
      return;
    }
    const outcome = await this.store.create(old.name);
    if (!outcome.ok) {
      this.failedAction.set({
        kind: 'roll',
        key: old,
        message: `No replacement for “${old.name}” was created. ${outcome.error}`,
      });
      return;
    }
    this.failedAction.set(null);
    const replacement = displayPrefix(outcome.apiKey);
    this.replacements.update((all) => ({ ...all, [old.id]: replacement }));
    this.toast.success(`Replacement ${replacement} for “${old.name}” created.`);
    await firstValueFrom(this.showNewKey(openKeyDialog, outcome, old).afterClosed());
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
    const confirmed = await this.dialogs.confirm(data);
    if (!confirmed) {
      return;
    }
    this.failedAction.set(null);
    await this.revokeConfirmed(key);
  }

  private async revokeConfirmed(key: ApiKey): Promise<void> {
    const outcome = await this.store.revoke(key);
    if (outcome.ok) {
      this.failedAction.set(null);
      this.dropReplacement(key);
      this.toast.success(`Key “${key.name}” (${displayPrefix(key)}) revoked.`);
      // The row, and the button that had focus, moved to the revoked table: rather than
      // dropping focus on the page body, continue from the list of active keys.
      this.activeHeading()?.nativeElement.focus();
    } else {
      this.failedAction.set({
        kind: 'revoke',
        key,
        message: `“${key.name}” (${displayPrefix(key)}) was not revoked. ${outcome.error}`,
        gone: outcome.gone,
      });
    }
  }

  /**
   * Shows the list as the API has it now, when an action failed because a key no longer exists.
   * The alert and its button go with the old list: continue from the list's heading.
   */
  protected reloadList(): void {
    this.failedAction.set(null);
    this.store.load();
    this.activeHeading()?.nativeElement.focus();
  }

  protected clearFilter(): void {
    this.listView.update((view) => ({ ...view, query: '' }));
  }

  protected async revokeSelected(): Promise<void> {
    const keys = this.selectedKeys();
    if (keys.length === 0 || this.bulkRunning()) {
      return;
    }
    const names = keys.slice(0, 3).map((key) => `“${key.name}” (${displayPrefix(key)})`);
    const more =
      keys.length > 3 ? ` and ${plural(keys.length - 3, { one: 'other', other: 'others' })}` : '';
    const count = plural(keys.length, { one: 'key', other: 'keys' });
    const data: ConfirmDialogData = {
      title: `Revoke ${count}?`,
      message:
        `${names.join(', ')}${more} stop working at once: every script and plugin that uses ` +
        'them fails with 401 Unauthorized from its next request. This cannot be undone.',
      confirmLabel: `Revoke ${count}`,
      destructive: true,
    };
    const confirmed = await this.dialogs.confirm(data);
    if (confirmed && !this.destroyRef.destroyed) {
      await this.runBulkRevoke(keys, `Revoking ${count}`, false);
    }
  }

  /** For the day a laptop is stolen: every active key, after typing the account's name. */
  protected async revokeEveryKey(): Promise<void> {
    const keys = this.store.activeKeys();
    if (keys.length === 0 || this.bulkRunning()) {
      return;
    }
    const dialogRef = await this.dialogs.open<RevokeAllDialog, RevokeAllDialogData, boolean>(
      () => import('./revoke-all-dialog').then((m) => m.RevokeAllDialog),
      { data: { activeCount: keys.length }, width: '560px', maxWidth: 'calc(100vw - 32px)' },
    );
    const confirmed = await firstValueFrom(dialogRef.afterClosed());
    if (confirmed === true && !this.destroyRef.destroyed) {
      await this.runBulkRevoke(this.store.activeKeys(), 'Revoking every key', true);
    }
  }

  protected async retryFailedRevokes(ids: readonly number[]): Promise<void> {
    const run = this.bulkRevoke();
    const keys = ids.flatMap((id) => this.bulkKeys.get(id) ?? []);
    if (run === null || keys.length === 0 || this.bulkRunning()) {
      return;
    }
    this.bulkRevoke.set({
      ...run,
      items: run.items.map((item) =>
        ids.includes(item.id) ? { ...item, result: { kind: 'pending' } } : item,
      ),
    });
    await this.store.revokeEach(keys, (key, result) => this.settleRevoke(key, result));
    this.announceBulkRevoke();
    this.keepFocusAfterBulkRevoke();
  }

  private async runBulkRevoke(keys: readonly ApiKey[], heading: string, everyKey: boolean) {
    this.failedAction.set(null);
    this.bulkKeys = new Map(keys.map((key) => [key.id, key]));
    this.bulkRevoke.set({
      heading,
      everyKey,
      items: keys.map((key) => ({
        id: key.id,
        label: `“${key.name}” (${displayPrefix(key)})`,
        result: { kind: 'pending' },
      })),
    });
    await this.store.revokeEach(keys, (key, result) => this.settleRevoke(key, result));
    this.announceBulkRevoke();
    this.keepFocusAfterBulkRevoke();
  }

  /**
   * "Revoke N selected…" leaves with the last selected key (and the whole list with the last
   * key): continue from the list of active keys, as after a single revoke, not from <body>.
   */
  private keepFocusAfterBulkRevoke(): void {
    afterNextRender(
      () => {
        if (!this.destroyRef.destroyed && document.activeElement === document.body) {
          this.activeHeading()?.nativeElement.focus();
        }
      },
      { injector: this.injector },
    );
  }

  private settleRevoke(key: ApiKey, result: BulkItemResult): void {
    this.bulkRevoke.update(
      (run) =>
        run && {
          ...run,
          items: run.items.map((item) => (item.id === key.id ? { ...item, result } : item)),
        },
    );
    if (result.kind === 'succeeded') {
      this.selectedIds.update((ids) => new Set([...ids].filter((id) => id !== key.id)));
    }
  }

  private announceBulkRevoke(): void {
    const items = this.bulkRevoke()?.items ?? [];
    const revoked = items.filter((item) => item.result.kind === 'succeeded').length;
    this.toast.success(
      `${plural(revoked, { one: 'key', other: 'keys' })} revoked` +
        (revoked < items.length ? `, ${items.length - revoked} failed.` : '.'),
    );
  }

  private dropReplacement(key: ApiKey): void {
    this.replacements.update(({ [key.id]: _dropped, ...rest }) => rest);
  }

  /**
   * Hands the raw key to the show-once dialog. Kept synchronous and separate so that no
   * long-lived caller (such as rollKey awaiting the dialog) holds the key in its scope.
   */
  private showNewKey(
    openKeyDialog: OpenKeyDialog,
    outcome: CreateKeyOutcome & { ok: true },
    replaces?: ApiKey,
  ) {
    return openKeyDialog({ apiKey: outcome.apiKey, rawKey: outcome.rawKey, replaces });
  }

  /**
   * The show-once dialog, loaded (with Material's dialog) before a key is created: a key must
   * never exist that the panel then cannot show. Null when it cannot be loaded (offline).
   */
  private async loadKeyDialog(): Promise<OpenKeyDialog | null> {
    try {
      const [dialog, { openApiKeyCreatedDialog }] = await Promise.all([
        this.dialogs.load(),
        import('./api-key-created-dialog'),
      ]);
      return (data) => openApiKeyCreatedDialog(dialog, data);
    } catch {
      return null;
    }
  }
}
