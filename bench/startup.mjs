// Issue 25: how much a signed-in first screen costs a phone, against a bare Angular list
// (bench/floor-list) that fetches the same properties and renders them with @for. Lighthouse 12
// mobile (simulated throttling), runs alternating floor-list and panel pages in one sitting, so
// the machine's speed cancels out of the ratios; the absolute figures are for information.
import { auditWithRetries } from './lighthouse.mjs';

const numeric = (lhr, id) => lhr.audits[id]?.numericValue ?? NaN;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The figures of one run that the targets read. */
function figures(lhr) {
  return {
    mainThread: numeric(lhr, 'mainthread-work-breakdown'),
    tbt: numeric(lhr, 'total-blocking-time'),
    lcp: numeric(lhr, 'largest-contentful-paint'),
    score: Math.round(lhr.categories.performance.score * 100),
    benchmarkIndex: lhr.environment.benchmarkIndex,
  };
}

function medians(runs) {
  return Object.fromEntries(
    Object.keys(runs[0]).map((key) => [key, median(runs.map((r) => r[key]))]),
  );
}

/**
 * Runs `runs` rounds of: the floor-list, then each page, mobile preset. Returns per page the
 * medians of its runs and of the floor-list's, and the ratios the targets are set on.
 *
 * @param {{ executablePath: string, floorList: { url: string, session: object }, pages: { name: string, url: string, session: object }[], runs: number, log: (line: string) => void }} options
 */
export async function compareStartup({ executablePath, floorList, pages, runs, log }) {
  const floorRuns = [];
  const pageRuns = new Map(pages.map((page) => [page.name, []]));
  for (let round = 1; round <= runs; round++) {
    floorRuns.push(figures(await auditWithRetries(executablePath, floorList, 'mobile', log)));
    for (const page of pages) {
      pageRuns
        .get(page.name)
        .push(figures(await auditWithRetries(executablePath, page, 'mobile', log)));
    }
    log(`  start-up round ${round} of ${runs} done`);
  }
  const floor = medians(floorRuns);
  return pages.map((page) => {
    const panel = medians(pageRuns.get(page.name));
    return {
      page: page.name,
      panel,
      floor,
      mainThreadRatio: panel.mainThread / floor.mainThread,
      tbtOver: panel.tbt - floor.tbt,
      lcpRatio: panel.lcp / floor.lcp,
    };
  });
}
