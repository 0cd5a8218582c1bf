import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { openQuickJump } from '../../core/quick-jump/open-quick-jump';
import { CREATE_KEY_PARAM } from '../../core/quick-jump/quick-jump-targets';
import { plural } from '../../shared/plural';
import { Dialogs } from '../../shared/ui/dialogs';
import { Icon } from '../../shared/ui/icon';
import { LoadError } from '../../shared/ui/load-error';
import { LoadingBar } from '../../shared/ui/loading-bar';
import { RelativeTime } from '../../shared/ui/relative-time';
import { AttentionList } from './attention-list';
import { GlanceStat } from './glance-stat';
import { OverviewStore } from './overview-store';
import { RecentPurges } from './recent-purges';

/**
 * `/`, the first page after sign-in: what needs the owner first (each item linking to where it
 * is fixed), then the account at a glance and the properties purged most recently. Native
 * elements and the global button styles only, as light as the properties list.
 */
@Component({
  selector: 'pdm-overview-page',
  imports: [
    AttentionList,
    GlanceStat,
    Icon,
    LoadError,
    LoadingBar,
    RecentPurges,
    RelativeTime,
    RouterLink,
  ],
  providers: [OverviewStore],
  templateUrl: './overview-page.html',
  styleUrl: './overview-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OverviewPage {
  protected readonly store = inject(OverviewStore);
  private readonly dialogs = inject(Dialogs);

  protected readonly createKeyParams = { [CREATE_KEY_PARAM]: '1' };
  protected readonly codesLeft = computed(() =>
    plural(this.store.account()?.recoveryCodesLeft ?? 0, {
      one: 'recovery code',
      other: 'recovery codes',
    }),
  );

  /** "Find a property": the quick-jump box, where typing a name or hostname goes straight to it. */
  protected findProperty(): void {
    void openQuickJump(this.dialogs);
  }
}
