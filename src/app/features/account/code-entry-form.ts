import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { form, FormField, FormRoot, validate } from '@angular/forms/signals';
import { MatDialogModule } from '@angular/material/dialog';
import { type ActionStatus, idleAction } from '../../core/state/action';
import { FormErrors } from '../../shared/forms/form-errors';
import { type AcceptedCode, codeProblem, normalizedCode } from '../../shared/two-factor-code';
import { ErrorBlock } from '../../shared/ui/error-block';
import { Field, FieldControl } from '../../shared/ui/field';
import { LoadingBar } from '../../shared/ui/loading-bar';

/**
 * The part of a two-factor dialog that asks for a code: projected explanation, the field, the
 * API's refusal in words, and the dialog's buttons. Checks the code's shape before emitting it,
 * so a typo never costs a round trip (nor, at sign-in, a lockout attempt).
 */
@Component({
  selector: 'pdm-code-entry-form',
  imports: [ErrorBlock, Field, FieldControl, FormField, FormRoot, LoadingBar, MatDialogModule],
  template: `
    <form [formRoot]="form">
      <mat-dialog-content>
        <ng-content />
        <pdm-field
          class="code-field"
          [label]="label()"
          [hint]="hint()"
          [error]="codeErrors.first()"
          [describedBy]="refusal() ? refusalId : null"
        >
          <input
            #codeInput
            pdmFieldControl
            class="monospace"
            [formField]="form.code"
            autocomplete="one-time-code"
            [attr.inputmode]="acceptRecoveryCode() ? 'text' : 'numeric'"
            autocapitalize="characters"
            spellcheck="false"
          />
        </pdm-field>
        <!-- No Try again: the user types another code. The field describes itself by this. -->
        @if (refusal(); as message) {
          <pdm-error-block [id]="refusalId" [message]="message" />
        }
        @if (pending()) {
          <pdm-loading-bar label="Checking the code" />
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button class="text-button" type="button" (click)="back.emit()">{{ backLabel() }}</button>
        <!-- aria-disabled, not disabled: focus stays on the button while the code is checked. -->
        <button
          class="filled-button"
          type="submit"
          [class.destructive]="destructive()"
          [attr.aria-disabled]="pending() || null"
        >
          {{ submitLabel() }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    @use '../../shared/ui/styles' as ui;

    /* The form wraps the dialog's content and actions; they must stay the dialog's own rows. */
    :host,
    form {
      display: contents;
    }
    /* It always follows a heading, as Material's own title + content rule expects. */
    mat-dialog-content.mat-mdc-dialog-content {
      padding-top: 0;
    }
    .code-field {
      max-width: 20rem;
      margin-top: var(--pdm-space-4);
    }
    input {
      letter-spacing: 0.1em;
    }
    pdm-loading-bar {
      margin-top: var(--pdm-space-3);
    }
    .destructive {
      @include ui.danger-button;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CodeEntryForm {
  /** Whether a recovery code is accepted as well as a 6-digit authenticator code. */
  readonly acceptRecoveryCode = input(false);
  readonly submitLabel = input.required<string>();
  readonly backLabel = input('Cancel');
  /** Styles the submit button as a destructive action. */
  readonly destructive = input(false);
  /** The store's status of the action the code confirms: running waits, failed says why. */
  readonly status = input<ActionStatus<unknown>>(idleAction);

  /** A well-formed, normalized code. */
  readonly codeSubmitted = output<string>();
  readonly back = output<void>();

  protected readonly pending = computed(() => this.status().kind === 'running');
  /** Why the API refused the last code, in words; `null` when it did not. */
  protected readonly refusal = computed(() => {
    const status = this.status();
    return status.kind === 'failed' ? status.message : null;
  });
  protected readonly refusalId = `code-refusal-${nextId++}`;
  private readonly codeInput = viewChild.required<ElementRef<HTMLInputElement>>('codeInput');
  private readonly accepted = computed<AcceptedCode>(() =>
    this.acceptRecoveryCode() ? 'either' : 'authenticator',
  );
  private readonly model = signal({ code: '' });
  private readonly errors = new FormErrors();
  protected readonly form = form(
    this.model,
    (path) => {
      validate(path.code, ({ value }) => {
        const problem = codeProblem(value(), this.accepted());
        return problem === null ? null : { kind: 'format', message: problem };
      });
    },
    {
      submission: this.errors.submission({
        action: async () => {
          // The code being checked is answered first; a second press waits for it.
          if (!this.pending()) {
            this.codeSubmitted.emit(normalizedCode(this.model().code, this.accepted()) ?? '');
          }
        },
        onInvalid: (root) => root.code().focusBoundControl(),
      }),
    },
  );
  /** A code is not judged while it is being typed the first time: only once it is submitted. */
  protected readonly codeErrors = this.errors.field(() => this.form.code, 'after-submit');

  protected readonly label = computed(() =>
    this.acceptRecoveryCode() ? 'Authentication or recovery code' : 'Authentication code',
  );
  protected readonly hint = computed(() =>
    this.acceptRecoveryCode()
      ? 'The 6-digit code from your app, or a recovery code such as ABCDE-FGHJK.'
      : 'The 6-digit code your authenticator app shows for Paradarum.',
  );

  constructor() {
    // After a refusal, select what was typed so the next attempt simply overwrites it.
    afterRenderEffect(() => {
      if (this.refusal()) {
        const element = this.codeInput().nativeElement;
        element.focus();
        element.select();
      }
    });
  }
}

let nextId = 0;
