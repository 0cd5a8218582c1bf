import { SnippetOptions, purgeUrl } from './snippet-options';

const PYTHON_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/**
 * Quotes a value as a Python 3 string literal (a plain one: in an f-string `{` would
 * interpolate). Only the backslash, the double quote and control characters need escaping;
 * `$`, `!`, `'` and the backtick mean nothing to Python inside double quotes.
 */
export function pythonQuote(value: string): string {
  const escaped = value.replace(
    // eslint-disable-next-line no-control-regex -- control characters are what must be escaped
    /[\\"\u0000-\u001f\u007f]/g,
    (char) => PYTHON_ESCAPES[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return `"${escaped}"`;
}

/** Standard library only (`urllib.request`), for machines where nothing can be installed. */
export function buildPythonUrllibSnippet(options: SnippetOptions): string {
  return [
    `import urllib.request`,
    ``,
    `request = urllib.request.Request(`,
    `    ${pythonQuote(purgeUrl(options))},`,
    `    data=b'{"type": "all"}',`,
    `    headers={`,
    `        "X-API-Key": ${pythonQuote(options.rawKey)},`,
    `        "Content-Type": "application/json",`,
    `    },`,
    `    method="POST",`,
    `)`,
    `with urllib.request.urlopen(request, timeout=30) as response:`,
    `    print(response.status, response.read().decode())`,
  ].join('\n');
}

/** With the `requests` package (`pip install requests`). */
export function buildPythonRequestsSnippet(options: SnippetOptions): string {
  return [
    `import requests`,
    ``,
    `response = requests.post(`,
    `    ${pythonQuote(purgeUrl(options))},`,
    `    headers={"X-API-Key": ${pythonQuote(options.rawKey)}},`,
    `    json={"type": "all"},`,
    `    timeout=30,`,
    `)`,
    `response.raise_for_status()`,
    `print(response.status_code, response.text)`,
  ].join('\n');
}
