/** What every snippet is built from. */
export interface SnippetOptions {
  /** The configured API base URL, e.g. `https://api.paradarum.com/api`. */
  readonly apiBaseUrl: string;
  /** The raw key, or a placeholder where no key is at hand (the API keys page). */
  readonly rawKey: string;
  /** The property to purge; null puts a placeholder in its place. */
  readonly propertyId: number | null;
}

/** Stands in for the property id when the account has no property yet. */
export const PROPERTY_ID_PLACEHOLDER = '<PROPERTY_ID>';

/** Stands in for the key where none is shown (the API keys page). */
export const API_KEY_PLACEHOLDER = '<YOUR_API_KEY>';

/** The purge endpoint every snippet calls: everything cached on one property. */
export function purgeUrl({ apiBaseUrl, propertyId }: SnippetOptions): string {
  const id = propertyId === null ? PROPERTY_ID_PLACEHOLDER : String(propertyId);
  return `${apiBaseUrl}/property/${id}/purge`;
}
