import { SnippetOptions, purgeUrl } from './snippet-options';

/**
 * Quotes a value for PowerShell: in a single-quoted string nothing expands (`$`, the backtick
 * escape, `"`, `\` are all literal) and the only special character is the single quote, written
 * twice. PowerShell also reads the typographic quotes ‘ ’ ‚ ‛ as single quotes, so they are
 * doubled too: a value pasted from a word processor would otherwise end the string early.
 */
export function powerShellQuote(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (quote) => quote + quote)}'`;
}

/** `Invoke-RestMethod` works in Windows PowerShell 5.1 and PowerShell 7 alike (no curl alias). */
export function buildPowerShellSnippet(options: SnippetOptions): string {
  return [
    `Invoke-RestMethod -Method Post -Uri ${powerShellQuote(purgeUrl(options))} \``,
    `  -Headers @{ 'X-API-Key' = ${powerShellQuote(options.rawKey)} } \``,
    `  -ContentType 'application/json' \``,
    `  -Body '{ "type": "all" }'`,
  ].join('\n');
}
