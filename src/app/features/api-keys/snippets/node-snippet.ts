import { SnippetOptions, purgeUrl } from './snippet-options';

/**
 * Quotes a value as a JavaScript string literal. JSON's string syntax is a subset of
 * JavaScript's, so `JSON.stringify` escapes exactly `"`, `\` and control characters; `$` and
 * the backtick are literal in a double-quoted string (only template literals interpolate).
 */
export function javaScriptQuote(value: string): string {
  return JSON.stringify(value);
}

/** An ES module for Node 18 or later (built-in `fetch`, top-level `await`): save as `purge.mjs`. */
export function buildNodeSnippet(options: SnippetOptions): string {
  return [
    `// purge.mjs — run with: node purge.mjs (Node 18 or later)`,
    `const response = await fetch(${javaScriptQuote(purgeUrl(options))}, {`,
    `  method: "POST",`,
    `  headers: {`,
    `    "X-API-Key": ${javaScriptQuote(options.rawKey)},`,
    `    "Content-Type": "application/json",`,
    `  },`,
    `  body: JSON.stringify({ type: "all" }),`,
    `});`,
    `console.log(response.status, await response.text());`,
  ].join('\n');
}
