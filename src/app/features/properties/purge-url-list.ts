import { plural } from '../../shared/plural';

/** The API accepts at most this many URLs in one purge; longer lists are sent in batches. */
export const MAX_PURGE_URLS = 100;

/** "1 URL", "3 URLs". */
export function countUrls(count: number): string {
  return plural(count, { one: 'URL', other: 'URLs' });
}

/** A reason the list cannot be sent; `line` is 1-based, or null for the list as a whole. */
export interface PurgeUrlProblem {
  readonly line: number | null;
  readonly message: string;
}

/** The checked list: the URLs to send, or every problem found. */
export type PurgeUrlCheck =
  | {
      readonly valid: true;
      /** Distinct URLs in the order first written, normalised as the browser parses them. */
      readonly urls: readonly string[];
    }
  | { readonly valid: false; readonly problems: readonly PurgeUrlProblem[] };

/**
 * Checks a pasted URL list (one per line) before anything is sent, the way the API will: each
 * URL absolute, http(s), on `hostname`; at least one after blank lines and duplicates are
 * dropped. Any number is accepted: {@link batchUrls} splits it into requests the API takes. Every
 * bad line is named, so the user fixes them all in one go instead of one request at a time.
 *
 * Runs on every keystroke, over lists of thousands of lines: each distinct line is parsed once
 * and remembered, so a keystroke costs one pass over the lines, not one URL parse per line.
 */
export function checkPurgeUrls(text: string, hostname: string): PurgeUrlCheck {
  const expectedHost = hostname.toLowerCase();
  const problems: PurgeUrlProblem[] = [];
  const seen = new Set<string>();

  text.split(/\r?\n/).forEach((rawLine, index) => {
    const entry = rawLine.trim();
    if (entry === '') {
      return;
    }
    const line = index + 1;
    const checked = checkLine(entry, expectedHost);
    if (checked.problem !== null) {
      problems.push({ line, message: `Line ${line}: ${checked.problem}` });
      return;
    }
    // A repeated URL is dropped: purging it twice would do nothing more.
    seen.add(checked.href);
  });

  if (problems.length === 0 && seen.size === 0) {
    problems.push({ line: null, message: 'Enter at least one URL, one per line.' });
  }
  return problems.length > 0 ? { valid: false, problems } : { valid: true, urls: [...seen] };
}

/** Splits checked URLs into requests of at most {@link MAX_PURGE_URLS}, in order. */
export function batchUrls(urls: readonly string[], size = MAX_PURGE_URLS): string[][] {
  const batches: string[][] = [];
  for (let start = 0; start < urls.length; start += size) {
    batches.push(urls.slice(start, start + size));
  }
  return batches;
}

type LineCheck =
  | { readonly problem: string; readonly href: null }
  | { readonly problem: null; readonly href: string };

/** Lines already parsed, by host and text; cleared when it grows past a few sitemaps' worth. */
const checkedLines = new Map<string, LineCheck>();
const CHECKED_LINES_LIMIT = 50_000;

function checkLine(entry: string, expectedHost: string): LineCheck {
  const cacheKey = `${expectedHost}\n${entry}`;
  const cached = checkedLines.get(cacheKey);
  if (cached !== undefined) {
    return cached;
  }
  const problem = problemWith(entry, expectedHost);
  const checked: LineCheck =
    problem === null ? { problem: null, href: new URL(entry).href } : { problem, href: null };
  if (checkedLines.size >= CHECKED_LINES_LIMIT) {
    checkedLines.clear();
  }
  checkedLines.set(cacheKey, checked);
  return checked;
}

function problemWith(entry: string, expectedHost: string): string | null {
  const shown = quote(entry);
  if (!URL.canParse(entry)) {
    if (entry.startsWith('/')) {
      return `${shown} is not a full URL. Write it as https://${expectedHost}${entry}.`;
    }
    const fix = schemelessFix(entry, expectedHost);
    return fix === null
      ? `${shown} is not a URL.`
      : `${shown} is not a full URL. Write it as ${fix}.`;
  }
  const url = new URL(entry);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `${shown} is not an http or https URL.`;
  }
  if (url.hostname !== expectedHost) {
    return `${shown} is on ${url.hostname || 'no host'}, not on ${expectedHost}.`;
  }
  return null;
}

/** Quotes a line for a message, shortening very long ones so the message stays readable. */
function quote(entry: string): string {
  const maxShown = 80;
  return `"${entry.length > maxShown ? `${entry.slice(0, maxShown - 1)}…` : entry}"`;
}

/**
 * `www.host/x.png` or `host/x.png`: a host and path without the scheme. The fix is on the
 * property's own host, since that is the only host a purge here accepts.
 */
function schemelessFix(entry: string, expectedHost: string): string | null {
  const slash = entry.indexOf('/');
  const host = slash === -1 ? entry : entry.slice(0, slash);
  const path = slash === -1 ? '/' : entry.slice(slash);
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?$/i.test(host) || !URL.canParse(`https://${entry}`)) {
    return null;
  }
  return `https://${expectedHost}${path}`;
}
