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
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { type ActionStatus, idleAction } from '../../core/state/action';
import { FormErrors } from '../../shared/forms/form-errors';
import { type AcceptedCode, codeProblem, normalizedCode } from '../../shared/two-factor-code';
import { ErrorBlock } from '../../shared/ui/error-block';

/**
 * The part of a two-factor dialog that asks for a code: projected explanation, the field, the
 * API's refusal in words, and the dialog's buttons. Checks the code's shape before emitting it,
 * so a typo never costs a round trip (nor, at sign-in, a lockout attempt).
 */
@Component({
  selector: 'pdm-code-entry-form',
  imports: [
    ErrorBlock,
    FormField,
    FormRoot,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
  ],
  template: `
    <form [formRoot]="form">
      <mat-dialog-content>
        <ng-content />
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ label() }}</mat-label>
          <input
            #codeInput
            matInput
            [formField]="form.code"
            [errorStateMatcher]="codeErrors"
            autocomplete="one-time-code"
            [attr.inputmode]="acceptRecoveryCode() ? 'text' : 'numeric'"
            autocapitalize="characters"
            spellcheck="false"
            [attr.aria-describedby]="refusal() ? refusalId : null"
          />
          <mat-hint>{{ hint() }}</mat-hint>
          <mat-error>{{ codeErrors.first() }}</mat-error>
        </mat-form-field>
        <!-- No Try again: the user types another code. The field describes itself by this. -->
        @if (refusal(); as message) {
          <pdm-error-block [id]="refusalId" [message]="message" />
        }
        @if (pending()) {
          <mat-progress-bar mode="indeterminate" aria-label="Checking the code" />
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" (click)="back.emit()">{{ backLabel() }}</button>
        <button
          mat-flat-button
          type="submit"
          [class.destructive]="destructive()"
          [disabled]="pending()"
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
    mat-form-field {
      width: 100%;
      max-width: 20rem;
    }
    input {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      letter-spacing: 0.1em;
    }
    .destructive {
      @include ui.destructive-filled-button;
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
        action: async () =>
          this.codeSubmitted.emit(normalizedCode(this.model().code, this.accepted()) ?? ''),
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
