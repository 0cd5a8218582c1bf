import { batchUrls, checkPurgeUrls, MAX_PURGE_URLS, PurgeUrlCheck } from './purge-url-list';

const host = 'cdn.demo-media.test';

function problemsOf(check: PurgeUrlCheck): string[] {
  return check.valid ? [] : check.problems.map((problem) => problem.message);
}

describe('checkPurgeUrls', () => {
  it('accepts absolute http and https URLs on the property hostname', () => {
    const check = checkPurgeUrls(`https://${host}/a.css\nhttp://${host}/b.js`, host);

    expect(check).toEqual({
      valid: true,
      urls: [`https://${host}/a.css`, `http://${host}/b.js`],
    });
  });

  it('drops blank lines and surrounding spaces', () => {
    const check = checkPurgeUrls(`\n   https://${host}/a  \n\r\n\t\n`, host);

    expect(check).toEqual({ valid: true, urls: [`https://${host}/a`] });
  });

  it('drops duplicates, those that differ only in letter case of the host included', () => {
    const check = checkPurgeUrls(
      `https://${host}/a\nhttps://${host}/a\nhttps://CDN.Demo-Media.test/a`,
      host,
    );

    expect(check).toEqual({ valid: true, urls: [`https://${host}/a`] });
  });

  it('matches the host whatever the letter case of the property hostname', () => {
    const check = checkPurgeUrls(`https://${host}/a`, 'CDN.Demo-Media.TEST');

    expect(check).toEqual({ valid: true, urls: [`https://${host}/a`] });
  });

  it('names each URL on another host with its line number', () => {
    const check = checkPurgeUrls(
      `https://${host}/ok\nhttps://evil.test/x\n\nhttps://www.demo-media.test/y`,
      host,
    );

    expect(problemsOf(check)).toEqual([
      `Line 2: "https://evil.test/x" is on evil.test, not on ${host}.`,
      `Line 4: "https://www.demo-media.test/y" is on www.demo-media.test, not on ${host}.`,
    ]);
  });

  it('refuses a host that merely ends with the property hostname', () => {
    const check = checkPurgeUrls(`https://evil-${host}/x\nhttps://${host}.evil.test/y`, host);

    expect(problemsOf(check)).toHaveLength(2);
  });

  it('refuses schemes other than http and https', () => {
    const check = checkPurgeUrls(`ftp://${host}/a\njavascript:alert(1)`, host);

    expect(problemsOf(check)).toEqual([
      `Line 1: "ftp://${host}/a" is not an http or https URL.`,
      'Line 2: "javascript:alert(1)" is not an http or https URL.',
    ]);
  });

  it('explains how to fix a path written without scheme and host', () => {
    const check = checkPurgeUrls('/images/logo.png', host);

    expect(problemsOf(check)).toEqual([
      `Line 1: "/images/logo.png" is not a full URL. Write it as https://${host}/images/logo.png.`,
    ]);
  });

  it('refuses text that is not a URL', () => {
    const check = checkPurgeUrls('logo png', host);

    expect(problemsOf(check)).toEqual(['Line 1: "logo png" is not a URL.']);
  });

  it('offers the fix for a host and path without https://', () => {
    const check = checkPurgeUrls(`${host}/a`, host);

    expect(problemsOf(check)).toEqual([
      `Line 1: "${host}/a" is not a full URL. Write it as https://${host}/a.`,
    ]);
  });

  it('offers the fix on the property’s host for www.host/x.png', () => {
    const check = checkPurgeUrls(`www.${host}/x.png`, host);

    expect(problemsOf(check)).toEqual([
      `Line 1: "www.${host}/x.png" is not a full URL. Write it as https://${host}/x.png.`,
    ]);
  });

  it('asks for at least one URL when the list is empty', () => {
    expect(problemsOf(checkPurgeUrls(' \n\n ', host))).toEqual([
      'Enter at least one URL, one per line.',
    ]);
  });

  it(`accepts exactly ${MAX_PURGE_URLS} distinct URLs`, () => {
    const text = urls(MAX_PURGE_URLS).join('\n');

    expect(checkPurgeUrls(text, host).valid).toBe(true);
  });

  it('accepts thousands of distinct URLs, to be sent in batches', () => {
    const check = checkPurgeUrls(urls(5000).join('\n'), host);

    expect(check.valid && check.urls.length).toBe(5000);
  });

  it('names the one bad line when a checked 5,000-line list is edited', () => {
    const lines = urls(5000);
    checkPurgeUrls(lines.join('\n'), host);
    lines[2500] = 'https://evil.test/x';

    const check = checkPurgeUrls(lines.join('\n'), host);

    expect(problemsOf(check)).toEqual([
      'Line 2501: "https://evil.test/x" is on evil.test, not on cdn.demo-media.test.',
    ]);
  });

  it('counts the limit after dropping duplicates', () => {
    const text = [...urls(MAX_PURGE_URLS), ...urls(10)].join('\n');

    expect(checkPurgeUrls(text, host).valid).toBe(true);
  });

  it('shortens a very long line in its message', () => {
    const long = `https://evil.test/${'x'.repeat(200)}`;

    const [message] = problemsOf(checkPurgeUrls(long, host));

    expect(message.length).toBeLessThan(150);
    expect(message).toContain('…');
  });
});

describe('batchUrls', () => {
  it(`splits a list into requests of ${MAX_PURGE_URLS}, in order`, () => {
    const batches = batchUrls(urls(250));

    expect(batches.map((batch) => batch.length)).toEqual([100, 100, 50]);
    expect(batches[1][0]).toBe(`https://${host}/file-100.js`);
  });

  it('sends a short list as one request', () => {
    expect(batchUrls(urls(3))).toHaveLength(1);
  });
});

function urls(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `https://${host}/file-${i}.js`);
}
