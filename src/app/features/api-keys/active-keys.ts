import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  input,
  linkedSignal,
  output,
  viewChild,
} from '@angular/core';
import { form, FormField, FormRoot } from '@angular/forms/signals';
import { ApiKey } from '../../core/api/api-key-list-client';
import { RequestStatus } from '../../core/api/request-status';
import { BulkBar } from '../../shared/ui/bulk-bar';
import { ErrorBlock } from '../../shared/ui/error-block';
import { Field, FieldControl } from '../../shared/ui/field';
import { EmptyState } from '../../shared/ui/empty-state';
import { LoadError } from '../../shared/ui/load-error';
import { LoadingBar } from '../../shared/ui/loading-bar';
import { KeyFailure } from './key-action';
import { ApiKeysTable } from './api-keys-table';
import { filterKeys, KeyOrder, orderKeys } from './key-list-view';
import { Rolls } from './roll-memory';

/**
 * "Active keys": the list as it loads, its filter and order, the selection bar, and the alert of a
 * roll or revoke that failed in a row below. Emits what the owner asks for; the page runs it.
 */
@Component({
  selector: 'pdm-active-keys',
  imports: [
    ApiKeysTable,
    BulkBar,
    EmptyState,
    ErrorBlock,
    Field,
    FieldControl,
    FormField,
    FormRoot,
    LoadError,
    LoadingBar,
  ],
  templateUrl: './active-keys.html',
  styleUrl: './active-keys.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActiveKeys {
  readonly keys = input.required<readonly ApiKey[]>();
  readonly status = input.required<RequestStatus>();
  /** The order the list starts in (the page's `?order=`); the Order field changes it. */
  readonly order = input<KeyOrder>('newest');
  /** Some keys were revoked: the empty list then says that nothing can use the API. */
  readonly anyRevoked = input(false);
  /** The failed roll or revoke to show, with Try again or, for a key gone, Reload the list. */
  readonly failure = input<KeyFailure | null>(null);
  /** The key whose action is under way: its buttons are disabled meanwhile. */
  readonly busyKeyId = input<number | null>(null);
  readonly replacements = input<Rolls>({});
  /** A bulk revoke is under way: no second one starts meanwhile. */
  readonly revokingMany = input(false);

  readonly roll = output<ApiKey>();
  readonly revoke = output<ApiKey>();
  readonly keep = output<ApiKey>();
  readonly revokeSelected = output<readonly ApiKey[]>();
  readonly revokeEveryKey = output();
  /** Try again (or Reload the list) on the failure shown. */
  readonly retry = output();
  /** Try again on a list that could not be loaded. */
  readonly loadAgain = output();
  /** The empty list's "Create a key". */
  readonly createKey = output();

  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');
  private readonly listView = linkedSignal<KeyOrder, { query: string; order: KeyOrder }>({
    source: this.order,
    computation: (order, previous) => ({ query: previous?.value.query ?? '', order }),
  });
  /** What the empty list says, and what a key is for. */
  protected readonly noKeysText = computed(
    () =>
      (this.anyRevoked()
        ? 'No active keys: nothing can use the API with a key right now.'
        : 'You have no API keys yet.') +
      " A key lets a script or a CMS plugin purge your properties' caches, for instance each" +
      ' time you publish. Its full value is shown once, when you create it.',
  );
  /** Filters and orders the active keys; a view setting, never sent anywhere. */
  protected readonly listForm = form(this.listView);
  protected readonly visibleKeys = computed(() =>
    orderKeys(filterKeys(this.keys(), this.listView().query), this.listView().order),
  );
  protected readonly caption = computed(() =>
    this.listView().order === 'newest'
      ? 'Active keys, newest first'
      : 'Active keys, those unused the longest first',
  );
  /** Ticked keys; a key revoked (here, in a bulk run or elsewhere) leaves the selection. */
  protected readonly selectedIds = linkedSignal<readonly ApiKey[], ReadonlySet<number>>({
    source: this.keys,
    computation: (keys, previous) =>
      new Set(keys.filter((key) => previous?.value.has(key.id)).map((key) => key.id)),
  });
  protected readonly selectedKeys = computed(() =>
    this.keys().filter((key) => this.selectedIds().has(key.id)),
  );

  /** The list goes on from its heading when what had focus went (a revoked row, say). */
  focusHeading(): void {
    this.heading().nativeElement.focus();
  }

  /** Nothing matched: every key again, the caret back in the filter. */
  protected clearFilter(): void {
    this.listView.update((view) => ({ ...view, query: '' }));
    this.listForm.query().focusBoundControl();
  }
}
