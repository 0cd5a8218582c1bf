import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RelativeTime, RelativeTimeClock } from '../../shared/ui/relative-time';
import { ApiKey } from '../../core/api/api-key-list-client';
import { displayPrefix, revocationHint } from './api-key';

interface KeyRow {
  readonly key: ApiKey;
  readonly prefix: string;
  readonly hint: string | null;
}

/**
 * One table of keys, either the active ones (with Roll and Revoke) or the revoked ones (with
 * their revocation time). Rows come in the order given.
 */
@Component({
  selector: 'pdm-api-keys-table',
  imports: [MatButtonModule, RelativeTime],
  templateUrl: './api-keys-table.html',
  styleUrl: './api-keys-table.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApiKeysTable {
  private readonly clock = inject(RelativeTimeClock);

  readonly keys = input.required<readonly ApiKey[]>();
  readonly kind = input.required<'active' | 'revoked'>();
  /** The table's caption, read by screen readers when they enter it. */
  readonly caption = input.required<string>();
  /** Id of a key with an action under way, whose buttons are disabled meanwhile. */
  readonly busyId = input<number | null>(null);
  readonly revoke = output<ApiKey>();
  readonly roll = output<ApiKey>();

  protected readonly rows = computed<KeyRow[]>(() => {
    const now = this.clock.now();
    return this.keys().map((key) => ({
      key,
      prefix: displayPrefix(key),
      hint: revocationHint(key, now),
    }));
  });
}
