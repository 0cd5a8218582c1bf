import { SnippetOptions, purgeUrl } from './snippet-options';

/**
 * Quotes a value as a PHP single-quoted string: no `$` interpolation, and only `\\` and `\'`
 * are escapes, so every backslash and single quote is escaped and everything else is literal.
 */
export function phpQuote(value: string): string {
  return `'${value.replace(/[\\']/g, (char) => `\\${char}`)}'`;
}

/**
 * Plain PHP with no extension (an HTTP stream context, not ext-curl), so it runs on any host a
 * CMS plugin may land on. `ignore_errors` keeps the API's error body readable on a 4xx.
 */
export function buildPhpSnippet(options: SnippetOptions): string {
  return [
    `<?php`,
    `$apiKey = ${phpQuote(options.rawKey)};`,
    `$context = stream_context_create([`,
    `    'http' => [`,
    `        'method' => 'POST',`,
    `        'header' => ['X-API-Key: ' . $apiKey, 'Content-Type: application/json'],`,
    `        'content' => '{ "type": "all" }',`,
    `        'ignore_errors' => true,`,
    `        'timeout' => 30,`,
    `    ],`,
    `]);`,
    `$body = file_get_contents(${phpQuote(purgeUrl(options))}, false, $context);`,
    `echo $http_response_header[0], PHP_EOL, $body, PHP_EOL;`,
  ].join('\n');
}
