import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RelativeTime } from '../../shared/ui/relative-time';
import { PurgeRecord, Requester } from './properties-client';

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
        </tr>
      </thead>
      <tbody>
        @for (record of records(); track record.id) {
          <tr>
            <td><pdm-relative-time [value]="record.createdAt" /></td>
            <td>
              @if (record.type === 'all') {
                Everything
              } @else if (record.urls.length <= urlsShownOpen) {
                {{ urlCount(record) }}
                <ul class="urls">
                  @for (url of record.urls; track $index) {
                    <li>{{ url }}</li>
                  }
                </ul>
              } @else {
                <details>
                  <summary>{{ urlCount(record) }}</summary>
                  <ul class="urls">
                    @for (url of record.urls; track $index) {
                      <li>{{ url }}</li>
                    }
                  </ul>
                </details>
              }
            </td>
            <td>{{ requester(record.requestedBy) }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    table {
      width: 100%;
      border-collapse: collapse;
    }
    th,
    td {
      text-align: left;
      vertical-align: top;
      padding: 12px 16px 12px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    th {
      font: var(--mat-sys-title-small);
    }
    .urls {
      margin: 4px 0 0;
      padding-left: 20px;
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 0.875em;
      overflow-wrap: anywhere;
    }
    summary {
      cursor: pointer;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PurgeHistory {
  readonly records = input.required<readonly PurgeRecord[]>();

  protected readonly urlsShownOpen = URLS_SHOWN_OPEN;

  protected urlCount(record: PurgeRecord): string {
    return record.urls.length === 1 ? '1 URL' : `${record.urls.length} URLs`;
  }

  protected requester(requester: Requester): string {
    switch (requester.kind) {
      case 'user':
        return requester.email;
      case 'key':
        return `API key ${requester.prefix}…`;
      default:
        return requester.raw;
    }
  }
}
