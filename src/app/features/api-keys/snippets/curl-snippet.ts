import { SnippetOptions, purgeUrl } from './snippet-options';

/**
 * Quotes a value for bash and zsh: inside single quotes nothing is special (no `$` expansion,
 * no `!` history expansion, no globbing of `*`), so every character a key may hold reaches the
 * program unchanged. A single quote itself, which keys never contain, is closed, escaped and
 * reopened for safety.
 */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * A ready-to-run `curl` command that purges a whole property with the key, as the API's
 * Authentication page documents it: `X-API-Key` with the raw key (never `Authorization: Bearer`).
 */
export function buildCurlSnippet(options: SnippetOptions): string {
  return [
    `curl -X POST ${shellQuote(purgeUrl(options))} \\`,
    `  -H ${shellQuote(`X-API-Key: ${options.rawKey}`)} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '{ "type": "all" }'`,
  ].join('\n');
}

/** A `.env` file with the key, quoted so that shells and dotenv loaders read it back verbatim. */
export function buildEnvFile(rawKey: string): string {
  return `PARADARUM_API_KEY=${shellQuote(rawKey)}\n`;
}
