// Lighthouse 12 (pinned: newer ones fail to install here) against the production build served by
// the mock, through its Node API on a puppeteer-core page so a signed-in page can be audited: the
// panel restores its session from sessionStorage, which no command-line flag can fill.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import puppeteer from 'puppeteer-core';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

/**
 * Accessibility, best practices and SEO: 100 on every page. The performance score moves with the
 * machine's CPU (the same build scores 95 on one machine and 78 on another), so it is printed for
 * information only; the start-up targets are ratios to a bare Angular list (issue 25, bench.mjs).
 */
const TARGETS = {
  mobile: { accessibility: 100, 'best-practices': 100, seo: 100 },
  desktop: { accessibility: 100, 'best-practices': 100, seo: 100 },
};

const PRESETS = { mobile: undefined, desktop: desktopConfig };

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Audits of the four categories that Lighthouse shows as failing (red or orange). */
function failingAudits(lhr) {
  const ids = new Set(CATEGORIES.flatMap((c) => lhr.categories[c].auditRefs.map((ref) => ref.id)));
  return [...ids]
    .map((id) => lhr.audits[id])
    .filter(
      (audit) =>
        audit &&
        audit.score !== null &&
        audit.score < 0.9 &&
        !['notApplicable', 'informative', 'manual'].includes(audit.scoreDisplayMode),
    )
    .map((audit) => (audit.displayValue ? `${audit.id} (${audit.displayValue})` : audit.id));
}

/**
 * Runs Lighthouse `runs` times per page and preset and returns the median score of each
 * category, the median run's key metrics and failing audits, and whether the targets are met.
 *
 * @param {{ executablePath: string, pages: { name: string, url: string, session?: { key: string, token: string } }[], runs: number, log: (line: string) => void }} options
 */
export async function runLighthouse({ executablePath, pages, runs, log }) {
  const results = [];
  for (const target of pages) {
    for (const preset of Object.keys(PRESETS)) {
      const lhrs = [];
      for (let run = 0; run < runs; run++) {
        const lhr = await auditWithRetries(executablePath, target, preset, log);
        lhrs.push(lhr);
        saveReport(lhr, target, preset, run);
        log(`  lighthouse ${preset} ${target.name}: run ${run + 1} of ${runs} done`);
      }
      results.push(summarise(target, preset, lhrs));
    }
  }
  return results;
}

/**
 * With `BENCH_LIGHTHOUSE_DIR` set, each run's full report is written there as JSON, to see what
 * a score is made of (`audits['bootup-time']`, `audits['unused-javascript']`...).
 */
function saveReport(lhr, target, preset, run) {
  const dir = process.env.BENCH_LIGHTHOUSE_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const name = `${target.name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}-${preset}-${run + 1}.json`;
  writeFileSync(join(dir, name), JSON.stringify(lhr));
}

/** Thrown when Lighthouse itself failed a run (it asks to be run again), not the page. */
class LighthouseRunError extends Error {}

const ATTEMPTS = 3;

/**
 * One Lighthouse run of one page and preset, in a fresh browser. On a loaded machine Lighthouse
 * now and then loses its trace (NO_NAVSTART, NO_FCP...): such a run is repeated, up to 3 times.
 */
export async function auditWithRetries(executablePath, target, preset, log) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await audit(executablePath, target, preset);
    } catch (error) {
      if (!(error instanceof LighthouseRunError) || attempt === ATTEMPTS) throw error;
      log(`  lighthouse ${preset} ${target.name}: ${error.message}; running it again`);
    }
  }
}

async function audit(executablePath, target, preset) {
  // A fresh browser per run: a long-lived one loses Lighthouse's traces on a loaded machine
  // (NO_NAVSTART), and nothing (cache, service state) carries over from the previous run.
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const [page] = await browser.pages();
    if (target.session) {
      // Runs before the panel's own scripts on every document of this tab, after Lighthouse's
      // storage reset, exactly as if the tab had been signed in and reloaded.
      await page.evaluateOnNewDocument(
        (key, token) => window.sessionStorage.setItem(key, token),
        target.session.key,
        target.session.token,
      );
    }
    const result = await lighthouse(
      target.url,
      { output: 'json', logLevel: 'error', onlyCategories: CATEGORIES },
      PRESETS[preset],
      page,
    );
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`Lighthouse returned nothing for ${target.url}`);
    if (lhr.runtimeError)
      throw new LighthouseRunError(
        `${target.url}: ${lhr.runtimeError.code ?? lhr.runtimeError.message}`,
      );
    // A session that did not take would audit the sign-in page under the wrong name.
    const landed = new URL(lhr.finalDisplayedUrl).pathname;
    if (landed !== new URL(target.url).pathname)
      throw new Error(`${target.url} ended on ${landed}: the page was not the one audited`);
    return lhr;
  } finally {
    await browser.close();
  }
}

function summarise(target, preset, lhrs) {
  const scores = Object.fromEntries(
    CATEGORIES.map((c) => [
      c,
      median(lhrs.map((lhr) => Math.round(lhr.categories[c].score * 100))),
    ]),
  );
  const performance = lhrs.map((lhr) => lhr.categories.performance.score);
  const medianRun = lhrs[performance.indexOf(median(performance))];
  const metric = (id) => medianRun.audits[id]?.displayValue ?? '-';
  const misses = CATEGORIES.filter((c) => c in TARGETS[preset] && scores[c] < TARGETS[preset][c]);
  return {
    page: target.name,
    preset,
    scores,
    benchmarkIndex: median(lhrs.map((lhr) => lhr.environment.benchmarkIndex)),
    lcp: metric('largest-contentful-paint'),
    tbt: metric('total-blocking-time'),
    failing: failingAudits(medianRun),
    misses,
  };
}

export function targetText(preset) {
  const t = TARGETS[preset];
  return Object.keys(t)
    .map((c) => `${c} ${t[c]}`)
    .join(', ');
}
