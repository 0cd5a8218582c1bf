// How the properties list feels with 5,000 properties, measured in Chromium. Called by
// scripts/bench.mjs; numbers only, no thresholds: compare them between changes.

const DEMO = { email: 'demo@paradarum.test', password: 'Paradarum-demo-1' };
/** Terms typed into the search: thousands of matches, a handful, exactly one. */
const SEARCH_TERMS = {
  searchBroad: 'site',
  searchNarrow: 'site-42',
  searchExact: 'site-4999.scale',
};

/**
 * Time to first render of the list (`firstRender`, from navigation start) and time from typing
 * a search term to the filtered list being on screen (`searchBroad`, `searchNarrow`,
 * `searchExact`), all in milliseconds.
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
    const rows = document.querySelectorAll('tr a[href^="/properties/"]');
    return rows.length > 0 ? performance.now() : false;
  });

  const searchbox = page.getByRole('searchbox', { name: 'Search properties' });
  const result = { firstRender: firstRenderMs };
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
  const signOut = page.getByRole('button', { name: 'Sign out' });
  const signIn = page.getByRole('button', { name: 'Sign in', exact: true });
  await signOut.or(signIn).first().waitFor();
  if (await signOut.isVisible()) {
    return;
  }
  await page.getByLabel('Email').fill(DEMO.email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
  await signIn.click();
  await signOut.waitFor();
}
