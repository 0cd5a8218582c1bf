import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { RequestStatus } from '../../core/api/request-status';
import { Icon, IconName } from '../../shared/ui/icon';

/**
 * One figure of the overview's "At a glance", a link to the page it sums up: its label, the
 * figure once `status` has loaded (a placeholder of its size before, a dash if it failed: the
 * section that failed says why), and a line of detail, the content.
 *
 * ```html
 * <pdm-glance-stat label="Properties" icon="globe" link="/properties" [status]="status" [figure]="3">
 *   Last purge <pdm-relative-time [value]="at" />
 * </pdm-glance-stat>
 * ```
 */
@Component({
  selector: 'pdm-glance-stat',
  imports: [Icon, RouterLink],
  template: `
    <a class="stat" [routerLink]="link()">
      <span class="label"><pdm-icon [name]="icon()" />{{ label() }}</span>
      @switch (status().kind) {
        @case ('loaded') {
          <span class="figure" [class.warning]="warning()">{{ figure() }}</span>
          <span class="detail"><ng-content /></span>
        }
        @case ('failed') {
          <span class="figure" aria-hidden="true">–</span>
          <span class="detail">Could not be loaded</span>
        }
        @default {
          <span class="figure placeholder"><span class="visually-hidden">Loading</span></span>
          <span class="detail" aria-hidden="true">&nbsp;</span>
        }
      }
    </a>
  `,
  styleUrl: './glance-stat.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GlanceStat {
  readonly label = input.required<string>();
  readonly icon = input.required<IconName>();
  readonly link = input.required<string>();
  readonly status = input.required<RequestStatus>();
  readonly figure = input<string | number>('');
  /** The figure is a risk (two-factor off): in the warning colour, its words saying why. */
  readonly warning = input(false);
}
