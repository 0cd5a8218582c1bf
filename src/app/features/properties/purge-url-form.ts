import { ChangeDetectionStrategy, Component, input, model, output } from '@angular/core';
import { form, FormField, FormRoot, validate } from '@angular/forms/signals';
import { FormErrors } from '../../shared/forms/form-errors';
import { Field, FieldControl } from '../../shared/ui/field';
import { Icon } from '../../shared/ui/icon';
import { checkPurgeUrls, MAX_PURGE_URLS } from './purge-url-list';

/**
 * "Specific URLs": the box for a URL list (one per line, on the property's host) and its Purge
 * URLs button. Every line is checked as the API will before anything is sent; a list with
 * problems names them all and sends nothing.
 */
@Component({
  selector: 'pdm-purge-url-form',
  imports: [Field, FieldControl, FormField, FormRoot, Icon],
  templateUrl: './purge-url-form.html',
  styleUrl: './purge-url-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PurgeUrlForm {
  readonly hostname = input.required<string>();
  /** A purge is under way: Purge URLs waits for it (aria-disabled, and sends nothing). */
  readonly busy = input(false);
  /** The box's text, as typed (the page keeps it, and takes out what was purged). */
  readonly urls = model.required<string>();
  /** Asks to purge these URLs: every line checked, distinct, in the order first written. */
  readonly purge = output<readonly string[]>();

  protected readonly maxUrls = MAX_PURGE_URLS;
  private readonly formErrors = new FormErrors();
  protected readonly purgeForm = form(
    this.urls,
    (text) => {
      // Checked as the API will, so every bad line is named before anything is sent.
      validate(text, ({ value }) => {
        const check = checkPurgeUrls(value(), this.hostname());
        return check.valid
          ? null
          : check.problems.map((problem) => ({ kind: 'purgeUrl', message: problem.message }));
      });
    },
    {
      submission: this.formErrors.submission({
        action: async () => {
          if (this.busy()) {
            return;
          }
          const check = checkPurgeUrls(this.urls(), this.hostname());
          if (check.valid) {
            this.purge.emit(check.urls);
          }
        },
      }),
    },
  );
  /**
   * The problems show from a refused submit until the text is edited, so a line being typed is
   * not called wrong, and a list that was refused is named whole. The field turns red with them,
   * not merely for being left empty.
   */
  protected readonly problems = this.formErrors.field(() => this.purgeForm, 'until-edited');
}
