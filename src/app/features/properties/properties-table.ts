import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Property } from '../../core/api/property-list-client';
import { RelativeTime } from '../../shared/ui/relative-time';
import { PageSelection } from './property-selection';

/** One box ticked or unticked. */
export interface PropertyTick {
  readonly property: Property;
  readonly checked: boolean;
}

/**
 * The page of properties: a table on a wide screen, a card per property on a phone. Each row
 * links to its property and can be ticked or purged; the header box ticks the whole page.
 */
@Component({
  selector: 'pdm-properties-table',
  imports: [RouterLink, RelativeTime],
  templateUrl: './properties-table.html',
  styleUrl: './properties-table.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PropertiesTable {
  /** The rows rendered so far (the page arrives a screenful at a time). */
  readonly rows = input.required<readonly Property[]>();
  /** How the rows are sorted, in words for the caption: "name", "last purge". */
  readonly sortLabel = input.required<string>();
  readonly selectedIds = input.required<ReadonlySet<number>>();
  readonly pageSelection = input.required<PageSelection>();
  /** A purge is under way: the rows' Purge… waits for it. */
  readonly busy = input(false);

  readonly tick = output<PropertyTick>();
  /** Ticks (true) or unticks the whole page. */
  readonly tickPage = output<boolean>();
  /** Purge everything on this property (the page asks first). */
  readonly purge = output<Property>();
}
