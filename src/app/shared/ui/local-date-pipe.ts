import { LOCALE_ID, Pipe, PipeTransform, inject } from '@angular/core';

// One formatter per locale and options for the whole app: building one costs far more than using
// it, and a list formats a date per row.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The app's one `Intl.DateTimeFormat` per locale and options: the pipe's and RelativeTime's. */
export function dateFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

/**
 * A date in the page's locale, formatted by the browser's `Intl.DateTimeFormat`:
 * `{{ expiresAt | localDate: { timeStyle: 'short' } }}` gives "6:38 AM" in en-US.
 *
 * Angular's `DatePipe` does the same with its own formatting code and locale tables, which
 * land in the initial chunk every visitor downloads (3.7 kB brotli on the sign-in page,
 * `npm run bench`), even though only signed-in pages format dates.
 */
@Pipe({ name: 'localDate' })
export class LocalDatePipe implements PipeTransform {
  private readonly locale = inject(LOCALE_ID);

  /** An empty string for `null`, `undefined` or an invalid date, like `DatePipe`'s `null`. */
  transform(
    value: Date | string | number | null | undefined,
    options: Intl.DateTimeFormatOptions,
  ): string {
    if (value === null || value === undefined) {
      return '';
    }
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime())) {
      return '';
    }
    return dateFormat(this.locale, options).format(date);
  }
}
