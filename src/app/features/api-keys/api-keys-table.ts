import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { RelativeTime, RelativeTimeClock } from '../../shared/ui/relative-time';
import { ApiKey } from '../../core/api/api-key-list-client';
import { displayPrefix, KeyStatus, keyStatus, revocationHint } from './api-key';

interface KeyRow {
  readonly key: ApiKey;
  readonly prefix: string;
  readonly hint: string | null;
  readonly status: KeyStatus;
}

/**
 * One table of keys, either the active ones (with Roll and Revoke) or the revoked ones (with
 * their revocation time). Rows come in the order given.
 */
@Component({
  selector: 'pdm-api-keys-table',
  imports: [RelativeTime],
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
  /** Keys whose roll is unfinished: old key id → the new key's display prefix. */
  readonly replacements = input<Readonly<Record<number, string>>>({});
  readonly revoke = output<ApiKey>();
  readonly roll = output<ApiKey>();
  /** When set, each row gets a checkbox, for acting on several keys at once. */
  readonly selectedIds = input<ReadonlySet<number> | null>(null);
  /** The whole new selection, each time a box is ticked or cleared. */
  readonly selectedIdsChange = output<ReadonlySet<number>>();

  protected readonly allSelected = computed(() => {
    const selected = this.selectedIds();
    return (
      selected !== null &&
      this.keys().length > 0 &&
      this.keys().every((key) => selected.has(key.id))
    );
  });
  protected readonly someSelected = computed(() => {
    const selected = this.selectedIds();
    return (
      selected !== null && !this.allSelected() && this.keys().some((key) => selected.has(key.id))
    );
  });

  protected toggleKey(key: ApiKey, checked: boolean): void {
    const next = new Set(this.selectedIds() ?? []);
    if (checked) {
      next.add(key.id);
    } else {
      next.delete(key.id);
    }
    this.selectedIdsChange.emit(next);
  }

  protected toggleAll(checked: boolean): void {
    const next = new Set(this.selectedIds() ?? []);
    for (const key of this.keys()) {
      if (checked) {
        next.add(key.id);
      } else {
        next.delete(key.id);
      }
    }
    this.selectedIdsChange.emit(next);
  }

  /** The owner keeps a key that was being replaced: the roll is over without a revoke. */
  readonly keep = output<ApiKey>();

  protected readonly rows = computed<KeyRow[]>(() => {
    const now = this.clock.now();
    const replacements = this.replacements();
    return this.keys().map((key) => ({
      key,
      prefix: displayPrefix(key),
      hint: revocationHint(key, now),
      status: keyStatus(key, now, replacements[key.id]),
    }));
  });
}
