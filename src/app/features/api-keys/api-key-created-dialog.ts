import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { ErrorBlock } from '../../shared/ui/error-block';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { RUNTIME_CONFIG } from '../../core/config/runtime-config';
import { downloadTextFile } from '../../shared/download-text-file';
import { CopyButton } from '../../shared/ui/copy-button';
import { Field, FieldControl } from '../../shared/ui/field';
import { ApiKey } from '../../core/api/api-key-list-client';
import { displayPrefix } from './api-key';
import { ApiKeyCreatedStore } from './api-key-created-store';
import { buildEnvFile } from './snippets/curl-snippet';
import { SnippetTabs } from './snippets/snippet-tabs';
import { PROPERTY_ID_PLACEHOLDER, SnippetOptions } from './snippets/snippet-options';
import { warnBeforeUnload } from '../../shared/ui/warn-before-unload';

export interface ApiKeyCreatedDialogData {
  readonly apiKey: ApiKey;
  readonly rawKey: string;
  /** Set when rolling: the key this one replaces, which stays valid until revoked. */
  readonly replaces?: ApiKey;
}

/**
 * Opens the show-once dialog. It can be closed only by its Close button, after the user ticks
 * "I have stored this key": not by Escape, the backdrop, or a navigation (a 401 elsewhere sends
 * the app to /login, and the key must not be lost on the way).
 */
export function openApiKeyCreatedDialog(
  dialog: MatDialog,
  data: ApiKeyCreatedDialogData,
): MatDialogRef<ApiKeyCreatedDialog, void> {
  return dialog.open<ApiKeyCreatedDialog, ApiKeyCreatedDialogData, void>(ApiKeyCreatedDialog, {
    data,
    disableClose: true,
    closeOnNavigation: false,
    width: '720px',
    maxWidth: 'calc(100vw - 32px)',
  });
}

/**
 * Shows a new raw key exactly once, with every way to keep it safely: copy, `.env` download, a
 * ready-to-run purge snippet for every stack and a live test. The raw key lives only in this
 * component: its store (the property for the snippets, the test) gets it as a parameter only.
 */
@Component({
  selector: 'pdm-api-key-created-dialog',
  imports: [MatDialogModule, CopyButton, ErrorBlock, Field, FieldControl, SnippetTabs],
  templateUrl: './api-key-created-dialog.html',
  styleUrl: './api-key-created-dialog.scss',
  providers: [ApiKeyCreatedStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApiKeyCreatedDialog {
  protected readonly store = inject(ApiKeyCreatedStore);
  private readonly dialogRef = inject<MatDialogRef<ApiKeyCreatedDialog, void>>(MatDialogRef);
  private readonly apiBaseUrl = inject(RUNTIME_CONFIG).apiBaseUrl;
  private readonly document = inject(DOCUMENT);
  private readonly data = inject<ApiKeyCreatedDialogData>(MAT_DIALOG_DATA);
  private readonly keyInput = viewChild.required<ElementRef<HTMLInputElement>>('keyInput');

  protected readonly apiKey = this.data.apiKey;
  protected readonly prefix = displayPrefix(this.data.apiKey);
  protected readonly replacedPrefix = this.data.replaces ? displayPrefix(this.data.replaces) : null;
  /** Emptied on close, so nothing on screen or in this component holds the key afterwards. */
  protected readonly rawKey = signal(this.data.rawKey);
  protected readonly stored = signal(false);
  protected readonly placeholder = PROPERTY_ID_PLACEHOLDER;
  protected readonly snippetOptions = computed<SnippetOptions>(() => ({
    apiBaseUrl: this.apiBaseUrl,
    rawKey: this.rawKey(),
    propertyId: this.store.snippetProperty()?.id ?? null,
  }));

  constructor() {
    // Shown once: closing or reloading the tab now would lose it, so the browser asks first.
    warnBeforeUnload();
  }

  /**
   * Selects the whole key on focus, click and double-click: the browser's own double-click
   * selection would stop at the symbols a key may hold (`#&%*!$@`) and copy only a part.
   */
  protected selectKey(): void {
    this.keyInput().nativeElement.select();
  }

  /** When the browser refuses to copy, leave the key selected so that Ctrl+C works at once. */
  protected keyCopied(succeeded: boolean): void {
    if (!succeeded) {
      const input = this.keyInput().nativeElement;
      input.focus();
      input.select();
    }
  }

  protected downloadEnvFile(): void {
    downloadTextFile(
      this.document,
      `paradarum-${fileSlug(this.apiKey.name)}.env`,
      buildEnvFile(this.rawKey()),
    );
  }

  protected testKey(): void {
    void this.store.testKey(this.rawKey());
  }

  protected close(): void {
    if (!this.stored()) {
      return;
    }
    this.rawKey.set('');
    this.dialogRef.close();
  }
}

function fileSlug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'api-key'
  );
}
