import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RelativeTime } from '../../shared/ui/relative-time';
import { PurgeRecord, Requester } from './properties-client';
import { countUrls } from './purge-url-list';

/** Up to this many URLs are listed in full; longer lists are collapsed behind a toggle. */
const URLS_SHOWN_OPEN = 3;

/** A property's purges, newest first: when, what, and who asked. */
@Component({
  selector: 'pdm-purge-history',
  imports: [RelativeTime],
  template: `
    <table>
      <caption class="visually-hidden">
        Purges of this property, newest first
      </caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Purged</th>
          <th scope="col">Requested by</th>
          <th scope="col"><span class="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        @for (record of records(); track record.id) {
          <tr>
            <td data-label="When"><pdm-relative-time [value]="record.createdAt" /></td>
            <td data-label="Purged">
              @if (record.type === 'all') {
                Everything
              } @else if (record.urls.length <= urlsShownOpen) {
                {{ urlCount(record) }}
                <ul class="urls monospace">
                  @for (url of record.urls; track $index) {
                    <li>{{ url }}</li>
                  }
                </ul>
              } @else {
                <details>
                  <summary>{{ urlCount(record) }}</summary>
                  <ul class="urls monospace">
                    @for (url of record.urls; track $index) {
                      <li>{{ url }}</li>
                    }
                  </ul>
                </details>
              }
            </td>
            <td data-label="Requested by" class="requester">
              {{ requester(record.requestedBy) }}
            </td>
            <td class="actions">
              <!-- aria-disabled, not disabled: focus stays on the button while a purge runs. -->
              <button
                class="text-button"
                type="button"
                [attr.aria-disabled]="busy() || null"
                (click)="!busy() && purgeAgain.emit(record)"
              >
                Purge again…<span class="visually-hidden">
                  {{ record.type === 'all' ? 'everything' : urlCount(record) }}, as
                  {{ requester(record.requestedBy) }} did</span
                >
              </button>
            </td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styleUrl: './purge-history.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PurgeHistory {
  readonly records = input.required<readonly PurgeRecord[]>();
  /** A purge is under way: "Purge again" waits for it. */
  readonly busy = input(false);
  /** The user asks to send this purge again (the page confirms first). */
  readonly purgeAgain = output<PurgeRecord>();
  /** Names of the keys still listed, by prefix, so a key reads as itself and not a code. */
  readonly keyNames = input<ReadonlyMap<string, string>>(new Map());

  protected readonly urlsShownOpen = URLS_SHOWN_OPEN;

  protected urlCount(record: PurgeRecord): string {
    return countUrls(record.urls.length);
  }

  protected requester(requester: Requester): string {
    switch (requester.kind) {
      case 'user':
        return requester.email;
      case 'key': {
        const name = this.keyNames().get(requester.prefix);
        return name === undefined
          ? `API key ${requester.prefix}…`
          : `API key “${name}” (${requester.prefix}…)`;
      }
      default:
        return requester.raw;
    }
  }
}
