/** The words for a count, by the plural categories of `Intl.PluralRules` (English needs two). */
export interface PluralForms {
  readonly one: string;
  readonly other: string;
}

const englishRules = new Intl.PluralRules('en-US');

/**
 * `3 URLs`, `1 try`: the count and the word that agrees with it, chosen by `Intl.PluralRules`
 * rather than by `=== 1`. `shown` is how to write the count (e.g. grouped as "5,003").
 */
export function plural(count: number, forms: PluralForms, shown = String(count)): string {
  const category = englishRules.select(count);
  return `${shown} ${category === 'one' ? forms.one : forms.other}`;
}
