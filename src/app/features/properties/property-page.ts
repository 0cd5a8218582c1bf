import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  LOCALE_ID,
  signal,
  untracked,
  viewChild,
  ElementRef,
} from '@angular/core';
import { form, FormField, FormRoot, validate } from '@angular/forms/signals';
import { MatButtonModule } from '@angular/material/button';
import { ErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import type { ConfirmDialogData } from '../../shared/ui/confirm-dialog';
import { Dialogs } from '../../shared/ui/dialogs';
import { RelativeTime } from '../../shared/ui/relative-time';
import { PurgeRecord } from './properties-client';
import { PropertyStore } from './property-store';
import { batchUrls, checkPurgeUrls, countUrls, MAX_PURGE_URLS } from './purge-url-list';
import { PurgeHistory } from './purge-history';
import { LoadError } from '../../shared/ui/load-error';
import { rxResource } from '@angular/core/rxjs-interop';
import { map } from 'rxjs';
import { ApiKeyListClient } from '../../core/api/api-key-list-client';
import { SessionStore } from '../../core/session/session-store';
import { PurgeDraftMemory } from './purge-draft-memory';
import { ErrorBlock } from '../../shared/ui/error-block';
import { Toast } from '../../shared/ui/toast';
import { Icon } from '../../shared/ui/icon';

/**
 * A purge that failed, with what repeating it exactly needs: everything, or the same URLs (for a
 * batched purge, those of the batches that failed).
 */
interface FailedPurge {
  readonly request:
    { readonly type: 'all' } | { readonly type: 'url'; readonly urls: readonly string[] };
  /** It was sent from the URL box, which is then emptied of what gets purged. */
  readonly fromBox: boolean;
  readonly message: string;
  /** The property no longer exists (404): the way on is reloading it, not trying again. */
  readonly gone: boolean;
}

/** `/properties/:id`: one property, purging its cache, and who purged what. */
@Component({
  selector: 'pdm-property-page',
  imports: [
    FormField,
    FormRoot,
    LoadError,
    ErrorBlock,
    Icon,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    RelativeTime,
    PurgeHistory,
  ],
  providers: [PropertyStore],
  templateUrl: './property-page.html',
  styleUrl: './property-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PropertyPage {
  protected readonly store = inject(PropertyStore);
  private readonly dialogs = inject(Dialogs);
  private readonly title = inject(Title);
  private readonly toast = inject(Toast);
  private readonly historyHeading = viewChild<ElementRef<HTMLElement>>('historyHeading');
  private readonly keyList = inject(ApiKeyListClient);
  private readonly drafts = inject(PurgeDraftMemory);
  private readonly session = inject(SessionStore);
  /**
   * Key prefix → key name, for the history's "Requested by". Asked for only once the history
   * names a key; without it (or when it fails) the history still shows the prefix.
   */
  private readonly keys = rxResource({
    params: () =>
      this.store.history().some((record) => record.requestedBy.kind === 'key') || undefined,
    stream: () =>
      this.keyList.list().pipe(
        map((keys) => {
          const names = new Map<string, string>();
          for (const key of keys) {
            names.set(key.prefix, key.name);
          }
          return names as ReadonlyMap<string, string>;
        }),
      ),
  });
  protected readonly keyNames = computed<ReadonlyMap<string, string>>(() =>
    this.keys.hasValue() ? this.keys.value() : new Map(),
  );
  private readonly timeOfDay = new Intl.DateTimeFormat(inject(LOCALE_ID), {
    timeStyle: 'medium',
  });

  /** The `:id` route parameter, bound by the router. */
  readonly id = input.required<string>();

  protected readonly maxUrls = MAX_PURGE_URLS;
  private readonly purgeModel = signal({ urls: '' });
  protected readonly purgeForm = form(
    this.purgeModel,
    (path) => {
      // Checked as the API will, so every bad line is named before anything is sent.
      validate(path.urls, ({ value }) => {
        const property = this.store.property();
        const check = property === null ? null : checkPurgeUrls(value(), property.hostname);
        return check === null || check.valid
          ? null
          : check.problems.map((problem) => ({ kind: 'purgeUrl', message: problem.message }));
      });
    },
    {
      submission: {
        action: async () => this.purgeUrls(),
        onInvalid: () => this.checkedText.set(this.purgeModel().urls),
      },
    },
  );
  /** The text as it was last submitted: its problems show until it is edited. */
  private readonly checkedText = signal<string | null>(null);
  protected readonly urlProblems = computed(() =>
    this.checkedText() === this.purgeModel().urls ? this.purgeForm.urls().errors() : [],
  );
  /** The field turns red with the list of problems, not merely for being left empty. */
  protected readonly problemsShown: ErrorStateMatcher = {
    isErrorState: () => this.urlProblems().length > 0,
  };

  protected readonly purging = computed(() => this.store.purgeStatus().kind === 'loading');
  /** The last purge that failed, for its alert and its Try again; cleared by the next purge. */
  protected readonly failedPurge = signal<FailedPurge | null>(null);
  /** What retryPurge will do: the same purge again, or reload a property that is gone. */
  protected readonly retryPurgeLabel = computed(() =>
    this.failedPurge()?.gone ? 'Reload the property' : 'Try again',
  );
  protected readonly batchPercent = computed(() => {
    const progress = this.store.batchProgress();
    return progress === null ? 0 : (100 * progress.settled) / progress.total;
  });

  /** "Purged everything on cdn.example at 14:03:07.", said once the API confirms. */
  protected readonly purgeSuccess = computed(() => {
    const record = this.store.lastPurge();
    const property = this.store.property();
    return record && property
      ? describePurge(record, this.store.lastPurgeBatches(), property.hostname, this.timeOfDay)
      : '';
  });

  constructor() {
    this.store.load(this.id);
    this.keepUrlDraft();
    // Said where the eye is (the bottom of the viewport, on a phone too), not under the form.
    effect(() => {
      const message = this.purgeSuccess();
      if (message) {
        untracked(() =>
          this.toast.success(message, { label: 'View history', run: () => this.showHistory() }),
        );
      }
    });
    effect(() => {
      const status = this.store.loadStatus().kind;
      const name = this.store.property()?.name;
      if (status === 'not-found') {
        this.title.setTitle('Property not found · Paradarum');
      } else if (name !== undefined) {
        this.title.setTitle(`${name} · Paradarum`);
      }
    });
  }

  /** The URL list as typed survives a session expiry: restored on arrival, kept as typed. */
  private keepUrlDraft(): void {
    let restoredFor: string | null = null;
    effect(() => {
      const key = `${this.session.email() ?? ''}\n${this.id()}`;
      const urls = this.purgeModel().urls;
      untracked(() => {
        if (restoredFor !== key) {
          restoredFor = key;
          const draft = this.drafts.recall(key);
          if (draft !== '' && urls === '') {
            this.purgeModel.set({ urls: draft });
          }
          return;
        }
        this.drafts.keep(key, urls);
      });
    });
  }

  private showHistory(): void {
    const heading = this.historyHeading()?.nativeElement;
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus();
  }

  protected retryLoad(): void {
    this.store.load(this.id());
  }

  protected confirmPurgeAll(): void {
    const property = this.store.property();
    // A second click lands while the first dialog opens; one question is enough.
    if (property === null || this.purging() || this.dialogs.openCount() > 0) {
      return;
    }
    const data: ConfirmDialogData = {
      title: `Purge everything on ${property.hostname}?`,
      message:
        `Every cached file of ${property.hostname} will be removed. Until the cache refills, ` +
        `your origin (${property.originUrl}) takes the full load of its visitors.`,
      confirmLabel: 'Purge everything',
      destructive: true,
    };
    void this.dialogs.confirm(data).then((confirmed) => {
      if (confirmed) {
        void this.send({ type: 'all' });
      }
    });
  }

  /** Re-sends a purge from the history, the same kind and the same URLs, once confirmed. */
  protected confirmPurgeAgain(record: PurgeRecord): void {
    const property = this.store.property();
    if (property === null || this.purging() || this.dialogs.openCount() > 0) {
      return;
    }
    const shown = record.urls.slice(0, 3).join('\n');
    const more = record.urls.length > 3 ? `\nand ${record.urls.length - 3} more` : '';
    const data: ConfirmDialogData =
      record.type === 'all'
        ? {
            title: `Purge everything on ${property.hostname} again?`,
            message:
              `Every cached file of ${property.hostname} will be removed again. Until the cache ` +
              `refills, your origin (${property.originUrl}) takes the full load of its visitors.`,
            confirmLabel: 'Purge everything again',
            destructive: true,
          }
        : {
            title: `Purge the same ${countUrls(record.urls.length)} again?`,
            message: `${shown}${more}`,
            confirmLabel: `Purge ${countUrls(record.urls.length)} again`,
          };
    void this.dialogs.confirm(data).then((confirmed) => {
      if (confirmed) {
        void this.send(
          record.type === 'all' ? { type: 'all' } : { type: 'url', urls: record.urls },
        );
      }
    });
  }

  /** The form's submit action: runs only once every URL checks out. */
  private async purgeUrls(): Promise<void> {
    const property = this.store.property();
    if (property === null || this.purging()) {
      return;
    }
    const check = checkPurgeUrls(this.purgeModel().urls, property.hostname);
    if (!check.valid) {
      return;
    }
    await this.send({ type: 'url', urls: check.urls }, true);
  }

  /**
   * Try again: the same purge as the one that failed, without asking again. When the property
   * no longer exists, no purge can succeed: reload it instead (the page then says it is gone).
   */
  protected retryPurge(): void {
    const failure = this.failedPurge();
    if (failure === null || this.purging()) {
      return;
    }
    if (failure.gone) {
      this.failedPurge.set(null);
      this.retryLoad();
    } else {
      void this.send(failure.request, failure.fromBox);
    }
  }

  /**
   * Sends a purge (a long URL list in batches) and keeps what failed for Try again. When sent
   * from the URL box, what was purged leaves the box, unless the box was edited meanwhile.
   */
  private async send(request: FailedPurge['request'], fromBox = false): Promise<void> {
    if (this.purging()) {
      return;
    }
    const emptyBox = (left: readonly string[]) => {
      if (fromBox && this.boxHolds(request)) {
        this.purgeForm().reset({ urls: left.join('\n') });
        this.checkedText.set(null);
      }
    };
    if (request.type === 'all' || request.urls.length <= MAX_PURGE_URLS) {
      const purged = await (request.type === 'all'
        ? this.store.purgeAll()
        : this.store.purgeUrls(request.urls));
      const status = this.store.purgeStatus();
      if (purged) {
        this.failedPurge.set(null);
        emptyBox([]);
      } else if (status.kind === 'failed') {
        const message = `The purge did not happen. ${status.message}`;
        this.failedPurge.set({ request, fromBox, message, gone: status.gone ?? false });
      }
      return;
    }
    const batches = batchUrls(request.urls);
    const outcome = await this.store.purgeUrlBatches(batches);
    // The URLs sent leave the box; those of a failed batch stay, to be sent again.
    emptyBox(outcome.failedUrls);
    // What was purged is said once, in the toast (see purgeSuccess), as for a single purge.
    if (outcome.failedBatches === 0) {
      this.failedPurge.set(null);
    } else {
      this.failedPurge.set({
        request: { type: 'url', urls: outcome.failedUrls },
        fromBox,
        gone: outcome.gone,
        message:
          `${outcome.sentBatches} of ${batches.length} batches sent. ` +
          `${outcome.failedBatches} failed (${outcome.error}); their ` +
          `${countUrls(outcome.failedUrls.length)} are still in the box` +
          (outcome.gone ? '.' : ': purge them again.'),
      });
    }
  }

  /** Does the URL box still hold (once checked) exactly the URLs of this request? */
  private boxHolds(request: FailedPurge['request']): boolean {
    const property = this.store.property();
    if (request.type === 'all' || property === null) {
      return false;
    }
    const check = checkPurgeUrls(this.purgeModel().urls, property.hostname);
    return (
      check.valid &&
      check.urls.length === request.urls.length &&
      check.urls.every((url, index) => url === request.urls[index])
    );
  }
}

function describePurge(
  record: PurgeRecord,
  batches: number,
  hostname: string,
  time: Intl.DateTimeFormat,
): string {
  const what = record.type === 'all' ? 'everything' : countUrls(record.urls.length);
  const inBatches = batches > 1 ? ` in ${batches} batches` : '';
  return `Purged ${what} on ${hostname}${inBatches} at ${time.format(record.createdAt)}.`;
}
