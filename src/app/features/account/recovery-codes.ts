import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DOCUMENT,
  inject,
  input,
  model,
  ViewEncapsulation,
} from '@angular/core';
import { downloadTextFile } from '../../shared/download-text-file';
import { CopyButton } from '../../shared/ui/copy-button';
import { warnBeforeUnload } from '../../shared/ui/warn-before-unload';
import { recoveryCodesFile } from './code-format';

/**
 * A freshly made set of recovery codes, shown once, with every way to keep them: copy, download,
 * print. The codes exist only in this component's input; the host decides when it goes away and
 * should not let the user leave before `stored` is ticked.
 *
 * Not encapsulated because printing must hide the rest of the page too (the dialog, the page
 * beneath it); every rule is scoped to this component's class.
 */
@Component({
  selector: 'pdm-recovery-codes',
  imports: [CopyButton],
  template: `
    <div class="pdm-recovery-codes-print">
      <p class="pdm-recovery-codes-print-only">Paradarum recovery codes for {{ email() }}</p>
      <ul class="pdm-recovery-codes-list" aria-label="Recovery codes">
        @for (code of codes(); track code) {
          <li>
            <code>{{ code }}</code>
          </li>
        }
      </ul>
    </div>
    <div class="pdm-recovery-codes-actions">
      <pdm-copy-button
        [text]="asText()"
        label="Copy all codes"
        failedMessage="Copy failed: select the codes and copy them by hand, or download them"
      />
      <button class="outlined-button" type="button" (click)="download()">Download .txt</button>
      <button class="outlined-button" type="button" (click)="print()">Print</button>
    </div>
    <label class="pdm-recovery-codes-stored">
      <input
        #storedBox
        type="checkbox"
        [checked]="stored()"
        (change)="stored.set(storedBox.checked)"
      />
      I have stored these codes
    </label>
  `,
  styles: `
    @use '../../../styles/checkbox';

    pdm-recovery-codes {
      display: grid;
      gap: 16px;
    }
    .pdm-recovery-codes-list {
      display: grid;
      grid-template-columns: repeat(2, max-content);
      gap: 8px 32px;
      margin: 0;
      padding: 16px 24px;
      list-style: none;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      font-size: 1.125rem;
      letter-spacing: 0.05em;
    }
    /* Still two columns on a 375px phone; one where even that is too narrow. */
    @media (max-width: 599.98px) {
      .pdm-recovery-codes-list {
        gap: 8px 24px;
        padding: 12px 16px;
        font-size: 1rem;
      }
    }
    @media (max-width: 339.98px) {
      .pdm-recovery-codes-list {
        grid-template-columns: max-content;
      }
    }
    .pdm-recovery-codes-actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .pdm-recovery-codes-stored {
      @include checkbox.checkbox-with-label;
      justify-self: start;
    }
    .pdm-recovery-codes-print-only {
      display: none;
    }
    @media print {
      /* Only the codes: not the dialog, its buttons, nor the page beneath the overlay. */
      body:has(.pdm-recovery-codes-print) * {
        visibility: hidden;
      }
      .pdm-recovery-codes-print,
      .pdm-recovery-codes-print * {
        visibility: visible;
        color: #000;
      }
      .pdm-recovery-codes-print {
        position: absolute;
        inset: 0 auto auto 0;
      }
      .pdm-recovery-codes-print-only {
        display: block;
      }
    }
  `,
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecoveryCodes {
  private readonly document = inject(DOCUMENT);

  readonly codes = input.required<readonly string[]>();
  /** The account's e-mail, so a downloaded or printed sheet says whose codes these are. */
  readonly email = input.required<string>();
  /** Ticked by the user once the codes are somewhere safe. */
  readonly stored = model(false);

  protected readonly asText = computed(() => this.codes().join('\n'));

  constructor() {
    // Shown once: closing or reloading the tab now would lose them, so the browser asks first.
    warnBeforeUnload();
  }

  protected download(): void {
    downloadTextFile(
      this.document,
      'paradarum-recovery-codes.txt',
      recoveryCodesFile(this.codes(), this.email(), new Date()),
    );
  }

  protected print(): void {
    this.document.defaultView?.print();
  }
}
