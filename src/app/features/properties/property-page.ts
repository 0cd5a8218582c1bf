import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  linkedSignal,
  untracked,
  viewChild,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { SessionStore } from '../../core/session/session-store';
import { ActionResult } from '../../core/state/action';
import { Dialogs } from '../../shared/ui/dialogs';
import { EmptyState } from '../../shared/ui/empty-state';
import { Icon } from '../../shared/ui/icon';
import { LoadError } from '../../shared/ui/load-error';
import { LoadingBar } from '../../shared/ui/loading-bar';
import { RelativeTime } from '../../shared/ui/relative-time';
import { Toast } from '../../shared/ui/toast';
import { PurgeRecord } from './properties-client';
import { PropertyStore } from './property-store';
import { PurgeAlert } from './purge-alert';
import { PurgeDraftMemory } from './purge-draft-memory';
import { PurgeHistory } from './purge-history';
import { PurgeUrlForm } from './purge-url-form';
import { checkPurgeUrls, countUrls, MAX_PURGE_URLS } from './purge-url-list';

/** `/properties/:id`: one property, purging its cache, and who purged what. */
@Component({
  selector: 'pdm-property-page',
  imports: [
    EmptyState,
    Icon,
    LoadError,
    LoadingBar,
    PurgeAlert,
    PurgeHistory,
    PurgeUrlForm,
    RelativeTime,
    RouterLink,
  ],
  providers: [PropertyStore],
  templateUrl: './property-page.html',
  styleUrl: './property-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PropertyPage {
  protected readonly store = inject(PropertyStore);
  private readonly dialogs = inject(Dialogs);
  private readonly drafts = inject(PurgeDraftMemory);
  private readonly session = inject(SessionStore);
  private readonly title = inject(Title);
  private readonly toast = inject(Toast);
  private readonly historyHeading = viewChild<ElementRef<HTMLElement>>('historyHeading');

  /** The `:id` route parameter, bound by the router. */
  readonly id = input.required<string>();

  protected readonly maxUrls = MAX_PURGE_URLS;
  protected readonly batchPercent = computed(() => {
    const progress = this.store.batchProgress();
    return progress === null ? 0 : (100 * progress.settled) / progress.total;
  });

  /** Whose half-typed URL list the box holds: this account's, for this property. */
  private readonly draftKey = computed(() => `${this.session.email() ?? ''}\n${this.id()}`);
  /**
   * The URL box's text, as typed. It survives a session expiry (the app goes to sign-in and
   * back): the property's draft comes back on arrival, and is kept as it is typed.
   */
  protected readonly urlText = linkedSignal(() => this.drafts.recall(this.draftKey()));

  constructor() {
    this.store.load(this.id);
    effect(() => this.drafts.keep(this.draftKey(), this.urlText()));
    // Said where the eye is (the bottom of the viewport, on a phone too), not under the form.
    effect(() => {
      const message = this.store.purgeMessage();
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

  private showHistory(): void {
    const heading = this.historyHeading()?.nativeElement;
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus();
  }

  protected retryLoad(): void {
    this.store.load(this.id());
  }

  protected async confirmPurgeAll(): Promise<void> {
    const property = this.store.property();
    // A second click lands while the first dialog opens; one question is enough.
    if (property === null || this.store.purging() || this.dialogs.openCount() > 0) {
      return;
    }
    const confirmed = await this.dialogs.confirm({
      title: `Purge everything on ${property.hostname}?`,
      message:
        `Every cached file of ${property.hostname} will be removed. Until the cache refills, ` +
        `your origin (${property.originUrl}) takes the full load of its visitors.`,
      confirmLabel: 'Purge everything',
      destructive: true,
    });
    if (confirmed) {
      await this.store.purgeAll();
    }
  }

  /** Re-sends a purge from the history, the same kind and the same URLs, once confirmed. */
  protected async confirmPurgeAgain(record: PurgeRecord): Promise<void> {
    const property = this.store.property();
    if (property === null || this.store.purging() || this.dialogs.openCount() > 0) {
      return;
    }
    const shown = record.urls.slice(0, 3).join('\n');
    const more = record.urls.length > 3 ? `\nand ${record.urls.length - 3} more` : '';
    const confirmed = await this.dialogs.confirm(
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
          },
    );
    if (confirmed) {
      await (record.type === 'all' ? this.store.purgeAll() : this.store.purgeUrls(record.urls));
    }
  }

  /** The URL form's purge: once sent, what was purged leaves the box. */
  protected async purgeUrls(urls: readonly string[]): Promise<void> {
    this.takeOutOfBox(urls, await this.store.purgeUrls(urls));
  }

  /** Try again: the purge that failed, without asking again (or reloads a property gone). */
  protected async retryPurge(): Promise<void> {
    const attempt = this.store.purgeFailure()?.attempt;
    const result = await this.store.retryPurge();
    if (attempt?.type === 'url') {
      this.takeOutOfBox(attempt.urls, result);
    }
  }

  /**
   * The URLs purged leave the box (those of a failed batch stay, to be sent again), unless the
   * box was edited since they were sent.
   */
  private takeOutOfBox(urls: readonly string[], result: ActionResult): void {
    const status = this.store.purgeStatus();
    const hostname = this.store.property()?.hostname;
    const left =
      status.kind === 'failed' && status.attempt.type === 'url' ? status.attempt.urls : [];
    if (result.kind === 'skipped' || left.length === urls.length || hostname === undefined) {
      return;
    }
    const check = checkPurgeUrls(this.urlText(), hostname);
    if (check.valid && check.urls.join('\n') === urls.join('\n')) {
      this.urlText.set(left.join('\n'));
    }
  }
}
