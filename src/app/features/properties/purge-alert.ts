import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { FailedAction } from '../../core/state/action';
import { ErrorBlock } from '../../shared/ui/error-block';
import { PurgeRequest } from './properties-client';

/**
 * A failed purge, beside the control that sent it: the store's words and a way on, Try again
 * (the same purge, without asking again) or, when the property is gone, Reload the property.
 * It stays while a purge runs again, its button saying so.
 */
@Component({
  selector: 'pdm-purge-alert',
  imports: [ErrorBlock],
  template: `<pdm-error-block
    [message]="failure().message"
    [retryable]="true"
    [retryLabel]="failure().gone ? 'Reload the property' : 'Try again'"
    [retrying]="running()"
    (retry)="retry.emit()"
  />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PurgeAlert {
  readonly failure = input.required<FailedAction<PurgeRequest>>();
  /** A purge is under way: the button says "Trying again…" and waits. */
  readonly running = input(false);
  /** Asks to repeat the purge, or to reload the property when it is gone. */
  readonly retry = output();
}
