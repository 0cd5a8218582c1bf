import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  Injectable,
  LOCALE_ID,
  PendingTasks,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { dateFormat } from './local-date-pipe';

const TICK_MS = 30_000;

/**
 * One shared clock for every relative time on screen, so a list of thousands of rows runs a
 * single timer rather than one per row. Replace it in tests to pin "now".
 */
@Injectable({ providedIn: 'root' })
export class RelativeTimeClock {
  private readonly current = signal(Date.now());
  readonly now = this.current.asReadonly();

  constructor() {
    const timer = setInterval(() => this.current.set(Date.now()), TICK_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }
}

/**
 * Whether exact times (the titles) are drawn yet. The first `Intl.DateTimeFormat` with a time
 * zone name loads the browser's time zone data, about 15 ms on a fast machine and four times
 * that on a slow phone: made in the task that renders a list, it made that task a long one
 * (`npm run bench`). The titles follow one task later; once the formatter exists, every later
 * timestamp gets its title at once.
 */
const exactTimesShown = signal(false);
let exactTimesScheduled = false;

function showExactTimesSoon(pendingTasks: PendingTasks): void {
  if (exactTimesScheduled) {
    return;
  }
  exactTimesScheduled = true;
  const done = pendingTasks.add();
  setTimeout(() => {
    exactTimesShown.set(true);
    done();
  });
}

const units: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

// Building an Intl formatter costs far more than using one: one per locale, shared by every row
// of a list, instead of two per row at each render and each tick of the clock (the exact time's
// is LocalDatePipe's, see dateFormat).
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function relativeFormat(locale: string): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(locale);
  if (format === undefined) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(locale, format);
  }
  return format;
}

/** "3 minutes ago", "yesterday", "in 2 days"; anything within 45 seconds is "just now". */
export function formatRelative(value: Date, now: number, locale: string): string {
  const seconds = (value.getTime() - now) / 1000;
  if (Math.abs(seconds) < 45) {
    return 'just now';
  }
  const format = relativeFormat(locale);
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return format.format(Math.round(seconds / 60), 'minute');
}

/**
 * A point in time as people read it ("5 minutes ago") with the exact time, time zone included,
 * in its `title`: the browser's tooltip on hover and the element's description for screen
 * readers. Not Material's tooltip: a list shows a hundred of these, and the tooltip with its
 * overlay was 19 kB brotli of every list's first screen and a directive per timestamp. Not a Tab
 * stop: a table of keys or purges would otherwise make the keyboard walk every timestamp before
 * reaching the next button.
 *
 * ```html
 * <pdm-relative-time [value]="key.lastUsedAt" />
 * ```
 */
@Component({
  selector: 'pdm-relative-time',
  template: `<time [attr.datetime]="iso()" [attr.title]="exact()">{{ relative() }}</time>`,
  styles: `
    /* Longhands: WebKit before Safari 26.2 drops a text-decoration shorthand with a style whole. */
    time {
      text-decoration-line: underline;
      text-decoration-style: dotted;
      text-underline-offset: 3px;
      cursor: help;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RelativeTime {
  private readonly clock = inject(RelativeTimeClock);
  private readonly locale = inject(LOCALE_ID);

  /** An ISO-8601 string or a Date. */
  readonly value = input.required<string | Date>();

  private readonly date = computed(() => {
    const value = this.value();
    return value instanceof Date ? value : new Date(value);
  });
  private readonly valid = computed(() => !Number.isNaN(this.date().getTime()));
  protected readonly iso = computed(() => (this.valid() ? this.date().toISOString() : null));
  protected readonly relative = computed(() =>
    this.valid() ? formatRelative(this.date(), this.clock.now(), this.locale) : 'unknown time',
  );
  protected readonly exact = computed(() =>
    this.valid() && exactTimesShown()
      ? dateFormat(this.locale, { dateStyle: 'medium', timeStyle: 'long' }).format(this.date())
      : null,
  );

  constructor() {
    showExactTimesSoon(inject(PendingTasks));
  }
}
