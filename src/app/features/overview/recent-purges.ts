import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { RequestStatus } from '../../core/api/request-status';
import { Icon } from '../../shared/ui/icon';
import { LoadError } from '../../shared/ui/load-error';
import { RelativeTime } from '../../shared/ui/relative-time';
import { PurgedProperty } from './attention';

/**
 * The properties purged most recently, each linking to its page, or what to do when there are
 * none (no properties yet, or nothing purged yet), or why they could not be loaded.
 */
@Component({
  selector: 'pdm-recent-purges',
  imports: [Icon, LoadError, RelativeTime, RouterLink],
  template: `
    @let loadStatus = status();
    @switch (loadStatus.kind) {
      @case ('failed') {
        <pdm-load-error
          what="Your properties"
          [reason]="loadStatus.message"
          (retry)="loadAgain.emit()"
        />
      }
      @case ('loaded') {
        @if (propertyCount() === 0) {
          <div class="empty">
            <pdm-icon class="empty-icon" name="globe" />
            <h3>No properties yet</h3>
            <p>
              When a site is added to your Paradarum account it appears here, and you can purge its
              cache from this panel.
            </p>
            <a class="outlined-button" routerLink="/api-keys">Prepare an API key for your CMS</a>
          </div>
        } @else if (purged().length === 0) {
          <div class="empty">
            <pdm-icon class="empty-icon" name="history" />
            <h3>No purges yet</h3>
            <p>
              Purge a property's cache from its page, or let your CMS purge it with an API key each
              time you publish.
            </p>
            <a class="outlined-button" routerLink="/properties">Go to your properties</a>
          </div>
        } @else {
          <ul class="purges">
            @for (property of purged(); track property.id) {
              <li>
                <div class="name">
                  <a [routerLink]="['/properties', property.id]">{{ property.name }}</a>
                  <span class="quiet">{{ property.hostname }}</span>
                </div>
                <span class="quiet"
                  >Purged <pdm-relative-time [value]="property.lastPurgedAt"
                /></span>
              </li>
            }
          </ul>
        }
      }
    }
  `,
  styleUrl: './recent-purges.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecentPurges {
  readonly status = input.required<RequestStatus>();
  readonly propertyCount = input.required<number>();
  /** Latest first. */
  readonly purged = input.required<readonly PurgedProperty[]>();
  /** Try again on properties that could not be loaded. */
  readonly loadAgain = output();
}
