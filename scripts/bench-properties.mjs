// How the properties list feels with 5,000 properties, measured in Chromium against the same list
// at 50: the page should not do work proportional to the account's size. Called by
// scripts/bench.mjs; timings are printed, never asserted in a test.

const DEMO = { email: 'demo@paradarum.test', password: 'Paradarum-demo-1' };
/** Terms typed into the search: thousands of matches, a handful, exactly one. */
const SEARCH_TERMS = {
  searchBroad: 'site',
  searchNarrow: 'site-42',
  searchExact: 'site-4999.scale',
};

/**
 * Time to first render of the list (`firstRender`, from navigation start), when the list's API
 * response had fully arrived (`listResponse`, same clock) and what came after it
 * (`afterResponse`), and time from typing a search term to
 * the filtered list being on screen (`searchBroad`, `searchNarrow`, `searchExact`), all in
 * milliseconds.
 *
 * `page` should be signed in as demo against a server seeded with `--seed-properties 5000`; a
 * page that is not is signed in first (outside the measurement). Times come from
 * `performance.now()` in the page, read on the animation frame where the result first shows,
 * so they include Angular's rendering and the search debounce, as a user would feel them.
 *
 * @param {{ baseUrl: string, page: import('@playwright/test').Page }} options
 * @returns {Promise<Record<string, number>>}
 */
export async function measurePropertiesList({ baseUrl, page }) {
  await ensureSignedIn(page, baseUrl);

  // A fresh document, so performance.now() counts from the navigation to /properties.
  await page.goto(`${baseUrl}/properties`);
  const firstRenderMs = await whenInPage(page, () => {
    // A link to one property, whether the list is a table or not.
    const rows = document.querySelectorAll('a[href^="/properties/"]');
    return rows.length > 0 ? performance.now() : false;
  });

  // The first response from the property list endpoint, however the page pages or filters it.
  const listResponseMs = await page.evaluate(
    () =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => /\/api\/propert(y|ies)\b/i.test(new URL(entry.name).pathname))
        .map((entry) => entry.responseEnd)
        .sort((a, b) => a - b)[0] ?? Number.NaN,
  );

  const searchbox = page.getByRole('searchbox', { name: 'Search properties' });
  const result = {
    firstRender: firstRenderMs,
    listResponse: listResponseMs,
    // Parsing, storing, sorting and rendering once the whole response is in.
    afterResponse: firstRenderMs - listResponseMs,
  };
  for (const [name, term] of Object.entries(SEARCH_TERMS)) {
    const started = await page.evaluate(() => performance.now());
    await searchbox.fill(term);
    const shown = await whenInPage(
      page,
      // The summary names the applied term in the same render that filters the rows.
      (typed) =>
        [...document.querySelectorAll('[role="status"]')].some((status) =>
          status.textContent?.includes(`“${typed}”`),
        )
          ? performance.now()
          : false,
      term,
    );
    result[name] = shown - started;
  }
  await searchbox.fill('');
  return result;
}

/** Resolves with what `predicate` returns on the first animation frame where it is truthy. */
async function whenInPage(page, predicate, arg) {
  const handle = await page.waitForFunction(predicate, arg, { polling: 'raf', timeout: 30_000 });
  return handle.jsonValue();
}

async function ensureSignedIn(page, baseUrl) {
  await page.goto(`${baseUrl}/properties`);
  // The account menu's button, named after who is signed in.
  const signedIn = page.getByRole('button', { name: /^Signed in as / });
  const signIn = page.getByRole('button', { name: 'Sign in', exact: true });
  await signedIn.or(signIn).first().waitFor();
  if (await signedIn.isVisible()) {
    return;
  }
  await page.getByLabel('Email').fill(DEMO.email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
  await signIn.click();
  await signedIn.waitFor();
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Measures the list `repeats` times on a small account and on a large one (two servers seeded
 * differently) and returns, per measure, the median of each and their ratio large / small.
 * Runs alternate between the two so that a burst of load on the machine hits both alike.
 *
 * @param {{ small: string, large: string, newPage: () => Promise<import('@playwright/test').Page>, repeats: number }} options
 * @returns {Promise<{ measure: string, small: number, large: number, ratio: number }[]>}
 */
export async function compareListSizes({ small, large, newPage, repeats }) {
  const pages = { small: await newPage(), large: await newPage() };
  const runs = { small: [], large: [] };
  try {
    for (let i = 0; i < repeats; i++) {
      for (const [size, baseUrl] of Object.entries({ small, large })) {
        runs[size].push(await measurePropertiesList({ baseUrl, page: pages[size] }));
      }
    }
  } finally {
    await Promise.all(Object.values(pages).map((page) => page.close()));
  }
  return Object.keys(runs.small[0]).map((measure) => {
    const smallMs = median(runs.small.map((r) => r[measure]));
    const largeMs = median(runs.large.map((r) => r[measure]));
    return { measure, small: smallMs, large: largeMs, ratio: largeMs / smallMs };
  });
}
