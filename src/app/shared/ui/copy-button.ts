import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { Clipboard } from '@angular/cdk/clipboard';
import { ErrorBlock } from './error-block';

/** How long "Copied" stays on screen; a failure stays until the next attempt. */
const COPIED_VISIBLE_MS = 4000;

/**
 * A copy button that never fails silently: it says "Copied" (in a live region that exists from
 * the start, so screen readers announce each change) or, when the browser refuses (plain HTTP,
 * no permission), tells the user to copy by hand in the panel's error style (ErrorBlock, without
 * Try again: copying by hand is the way on).
 *
 * ```html
 * <pdm-copy-button [text]="value" label="Copy key" (copied)="onCopied($event)" />
 * ```
 * `copied` emits `true` or `false`, so the host can, for instance, select the text on failure.
 */
@Component({
  selector: 'pdm-copy-button',
  imports: [ErrorBlock],
  template: `
    <button class="outlined-button" type="button" (click)="copy()">{{ label() }}</button>
    <span class="status" role="status" [class.shown]="outcome() === 'copied'">{{
      outcome() === 'copied' ? 'Copied' : ''
    }}</span>
    @if (outcome() === 'failed') {
      <pdm-error-block class="failure" [message]="failedMessage()" />
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      flex-wrap: wrap;
    }
    .status {
      font: var(--mat-sys-body-medium);
    }
    /* The live region is always there; it takes room only when it has something to say. */
    .status.shown {
      margin-inline-start: 8px;
    }
    .failure {
      flex-basis: 100%;
      margin-bottom: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CopyButton {
  private readonly clipboard = inject(Clipboard);

  /** The text to put on the clipboard. */
  readonly text = input.required<string>();
  /** The button's accessible name, e.g. "Copy key". */
  readonly label = input('Copy');
  /** What to say when the browser refuses, naming what the user should copy by hand. */
  readonly failedMessage = input('Copy failed: select the text and copy it by hand');
  readonly copied = output<boolean>();

  protected readonly outcome = signal<'idle' | 'copied' | 'failed'>('idle');

  private resetTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.resetTimer));
  }

  protected copy(): void {
    clearTimeout(this.resetTimer);
    const succeeded = this.clipboard.copy(this.text());
    this.outcome.set(succeeded ? 'copied' : 'failed');
    if (succeeded) {
      this.resetTimer = setTimeout(() => this.outcome.set('idle'), COPIED_VISIBLE_MS);
    }
    this.copied.emit(succeeded);
  }
}
