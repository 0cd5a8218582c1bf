import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Icon } from '../../shared/ui/icon';
import { AttentionItem, describeAttention } from './attention';

/**
 * What needs the owner, one row per item: an icon, what is wrong and why it matters, and a link to
 * the page where it is fixed.
 */
@Component({
  selector: 'pdm-attention-list',
  imports: [Icon, RouterLink],
  template: `
    <ul class="items">
      @for (item of views(); track item.title) {
        <li class="item" [class.advice]="item.tone === 'advice'">
          <span class="badge"><pdm-icon [name]="item.icon" /></span>
          <div class="text">
            <h3>{{ item.title }}</h3>
            <p>{{ item.detail }}</p>
          </div>
          <a class="outlined-button fix" [routerLink]="item.link" [queryParams]="item.queryParams"
            >{{ item.action }}<pdm-icon name="next"
          /></a>
        </li>
      }
    </ul>
  `,
  styleUrl: './attention-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AttentionList {
  readonly items = input.required<readonly AttentionItem[]>();
  protected readonly views = computed(() => this.items().map(describeAttention));
}
