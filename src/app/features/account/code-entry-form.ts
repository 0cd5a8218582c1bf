import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import {
  isAuthenticatorCode,
  normalizeAuthenticatorCode,
  normalizeEitherCode,
} from '../../shared/two-factor-code';

/**
 * The part of a two-factor dialog that asks for a code: projected explanation, the field, the
 * API's refusal in words, and the dialog's buttons. Checks the code's shape before emitting it,
 * so a typo never costs a round trip (nor, at sign-in, a lockout attempt).
 */
@Component({
  selector: 'pdm-code-entry-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
  ],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <ng-content />
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ label() }}</mat-label>
          <input
            #codeInput
            matInput
            formControlName="code"
            autocomplete="one-time-code"
            [attr.inputmode]="acceptRecoveryCode() ? 'text' : 'numeric'"
            autocapitalize="characters"
            spellcheck="false"
            [attr.aria-describedby]="refusal() ? refusalId : null"
          />
          <mat-hint>{{ hint() }}</mat-hint>
          <mat-error>{{ formatProblem() }}</mat-error>
        </mat-form-field>
        <p [id]="refusalId" class="refusal" role="alert">{{ refusal() }}</p>
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
    /* Kept in the page when empty (no display: none) so the live region is there to announce. */
    .refusal {
      color: var(--mat-sys-error);
      margin: 8px 0 0;
    }
    .refusal:empty {
      margin: 0;
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
  /** A request is under way: the submit button waits. */
  readonly pending = input(false);
  /** Why the API refused the last code, in words; `null` when it did not. */
  readonly refusal = input<string | null>(null);

  /** A well-formed, normalized code. */
  readonly codeSubmitted = output<string>();
  readonly back = output<void>();

  protected readonly refusalId = `code-refusal-${nextId++}`;
  protected readonly form = new FormGroup({ code: new FormControl('', { nonNullable: true }) });
  private readonly codeInput = viewChild.required<ElementRef<HTMLInputElement>>('codeInput');
  protected readonly formatProblem = signal<string | null>(null);

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
    effect(() => {
      if (this.refusal()) {
        const element = this.codeInput().nativeElement;
        element.focus();
        element.select();
      }
    });
  }

  protected submit(): void {
    const typed = this.form.controls.code.value;
    const code = this.acceptRecoveryCode()
      ? normalizeEitherCode(typed)
      : isAuthenticatorCode(typed)
        ? normalizeAuthenticatorCode(typed)
        : null;
    const problem = code === null ? this.problemWith(typed) : null;
    this.formatProblem.set(problem);
    if (code === null) {
      this.form.controls.code.setErrors({ format: true });
      this.form.controls.code.markAsTouched();
      this.codeInput().nativeElement.focus();
      return;
    }
    this.codeSubmitted.emit(code);
  }

  private problemWith(typed: string): string {
    if (typed.trim() === '') {
      return this.acceptRecoveryCode()
        ? 'Enter the code from your app or a recovery code.'
        : 'Enter the code from your app.';
    }
    return this.acceptRecoveryCode()
      ? 'That is neither a 6-digit code nor a recovery code (two groups of five characters).'
      : 'An authenticator code has exactly 6 digits.';
  }
}

let nextId = 0;
