/**
 * npm run bench:phone — the citizen's page as a cheap phone on a slow mobile network gets it:
 * Chromium (Debian's, through playwright-core) with the DevTools protocol's CPU throttling
 * (Emulation.setCPUThrottlingRate, 4× as Lighthouse's mobile preset) and network throttling
 * (Network.emulateNetworkConditions: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, its
 * "slow 4G"), a 360×740 screen, an empty cache. Per questionnaire and language it prints
 *
 * - the JavaScript page (`/s/:slug`): first contentful paint, largest contentful paint, total
 *   blocking time (long tasks past 50 ms from first paint until the page is quiet), cumulative
 *   layout shift, bytes on the wire (compressed bodies and headers) until the page is quiet, and
 *   the time from a tap on Start to the first question on screen, with its blocking time;
 * - the baseline measured in the same run: the plain HTML form of the same questionnaire
 *   (`/s/:slug?basic=1`, server-rendered, no script), its first question in the first response;
 * - the ratio of the two.
 *
 * Options: --slug social-services (one questionnaire; default: both), --lang ru (one language),
 * --rate 4 (CPU slowdown), --web-dir DIR (a built web directory; default: the citizen page built on
 * its own, as the browser tests do).
 */
import path from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { LANGUAGES, type Lang } from '../common/survey/types.js';
import { ensureCitizenBuilt, launchBrowser, PHONE } from '../test/helpers/browser.js';
import { ROOT, startServer } from '../test/helpers/server.js';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const RATE = Number(option('rate') ?? 4);
const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};

interface Figures {
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  bytes: number;
  /** Tap on Start → first question on screen (JavaScript page only). */
  start?: number;
  startTbt?: number;
}

/** Collects paints, long tasks and layout shifts from the page's first moment. */
const OBSERVE = `(() => {
  const w = window;
  w.__perf = { lcp: 0, cls: 0, tasks: [] };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__perf.lcp = e.startTime; })
    .observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) w.__perf.cls += e.value; })
    .observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__perf.tasks.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
})();`;

interface PagePerf {
  fcp: number;
  lcp: number;
  cls: number;
  tasks: [number, number][];
}

const blocking = (tasks: [number, number][], from: number, to = Infinity) =>
  tasks
    .filter(([start]) => start >= from && start < to)
    .reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0);

async function perf(page: Page): Promise<PagePerf> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __perf?: { lcp: number; cls: number; tasks: [number, number][] };
    };
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
    const p = w.__perf ?? { lcp: Number.NaN, cls: Number.NaN, tasks: [] };
    return { fcp, lcp: p.lcp, cls: p.cls, tasks: p.tasks };
  });
}

/** Opens `url` on a throttled phone with an empty cache; `basic` pages run no script of ours. */
async function measure(browser: Browser, url: string, basic: boolean): Promise<Figures> {
  const context = await browser.newContext({ viewport: PHONE, serviceWorkers: 'block' });
  await context.addInitScript(OBSERVE);
  const page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  await page.goto(url, { waitUntil: 'networkidle' });
  // Quiet: idle-time downloads (the survey's code) are done.
  await page.waitForTimeout(1000);
  const loaded = await perf(page);
  const figures: Figures = {
    fcp: loaded.fcp,
    lcp: loaded.lcp,
    cls: loaded.cls,
    tbt: blocking(loaded.tasks, loaded.fcp),
    bytes,
  };
  if (!basic) {
    const tapped = await page.evaluate(() => performance.now());
    await page.locator('.welcome__start').click();
    await page.locator('.sd-question').first().waitFor({ timeout: 60_000 });
    const shown = await page.evaluate(() => performance.now());
    const after = await perf(page);
    figures.start = shown - tapped;
    figures.startTbt = blocking(after.tasks, tapped);
    figures.cls = after.cls;
  }
  await cdp.detach();
  await context.close();
  return figures;
}

const ms = (v: number | undefined) =>
  v === undefined || Number.isNaN(v) ? 'n/a' : `${Math.round(v)} ms`;
const kB = (b: number) => `${(b / 1000).toFixed(1)} kB`;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

async function main(): Promise<void> {
  const slugs = option('slug') ? [option('slug')!] : ['social-services', 'quick-feedback'];
  const langs: Lang[] = option('lang') ? [option('lang') as Lang] : [...LANGUAGES];
  const webDir = option('web-dir')
    ? path.resolve(ROOT, option('web-dir')!)
    : await ensureCitizenBuilt();
  const server = await startServer({ env: { OVOZ_WEB_DIR: webDir } });
  const browser = await launchBrowser();
  console.log(
    `citizen page on a throttled phone: CPU ${RATE}× slower, 150 ms RTT, 1.6 Mbit/s down, 360×740, empty cache`,
  );
  try {
    for (const slug of slugs) {
      for (const lang of langs) {
        const url = `${server.url}/s/${slug}?lang=${lang}`;
        const js = await measure(browser, url, false);
        const basic = await measure(browser, `${url}&basic=1`, true);
        console.log(`${slug} ${lang}`);
        console.log(
          `  JavaScript page: FCP ${ms(js.fcp)}, LCP ${ms(js.lcp)}, TBT ${ms(js.tbt)}, CLS ${js.cls.toFixed(3)}, ${kB(js.bytes)};` +
            ` Start → first question ${ms(js.start)} (TBT ${ms(js.startTbt)})`,
        );
        console.log(
          `  plain form (baseline): FCP ${ms(basic.fcp)}, LCP ${ms(basic.lcp)}, TBT ${ms(basic.tbt)}, CLS ${basic.cls.toFixed(3)}, ${kB(basic.bytes)}`,
        );
        console.log(
          `  ratio JavaScript/plain: FCP ${ratio(js.fcp, basic.fcp)}, LCP ${ratio(js.lcp, basic.lcp)}, bytes ${ratio(js.bytes, basic.bytes)}`,
        );
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
