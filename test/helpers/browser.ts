/**
 * Shared pieces of the browser tests: the citizen page built on its own, the real server serving
 * it, Debian's Chromium through playwright-core, a 360×740 phone that records every script error,
 * CSP violation and request to another origin, axe-core, and screenshots kept under
 * test-artifacts/ (gitignored).
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { withDb } from './database.js';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildWhenStale, newestMtime } from './build.js';
import { ROOT, startServer, type RunningServer, type StartOptions } from './server.js';

export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
export const PHONE = { width: 360, height: 740 } as const;

/**
 * The citizen entry alone, built into its own directory: the browser tests then depend only on
 * the citizen page's sources (not on the admin app being buildable at that moment), and the
 * bundle they load is exactly what a citizen downloads.
 */
export const CITIZEN_DIST = path.join(ROOT, 'dist/citizen-only');
const LOCK = path.join(ROOT, 'dist/.citizen-build.lock');
const SOURCES = [
  'web/citizen.html',
  'web/src/citizen',
  'web/build',
  'vite.config.ts',
  'common',
].map((p) => path.join(ROOT, p));

function citizenBuildIsFresh(): boolean {
  let built: number;
  try {
    built = fs.statSync(path.join(CITIZEN_DIST, 'citizen.html')).mtimeMs;
  } catch {
    return false;
  }
  return SOURCES.every((s) => newestMtime(s) <= built);
}

/** Vite's build with the project's config, its input narrowed to the citizen page. */
const BUILD_SCRIPT = `
import { build } from 'vite';
const [outDir, input] = process.argv.slice(1);
await build({
  configFile: 'vite.config.ts',
  mode: 'production',
  logLevel: 'warn',
  build: { outDir, emptyOutDir: true },
  plugins: [{
    name: 'ovoz:citizen-only',
    config(config) {
      config.build.rolldownOptions = { ...config.build.rolldownOptions, input: { citizen: input } };
    },
  }],
});
`;

/** Builds dist/citizen-only when its sources changed; one build at a time across test files. */
export async function ensureCitizenBuilt(): Promise<string> {
  await buildWhenStale(LOCK, citizenBuildIsFresh, [
    '--input-type=module',
    '-e',
    BUILD_SCRIPT,
    CITIZEN_DIST,
    path.join(ROOT, 'web/citizen.html'),
  ]);
  return CITIZEN_DIST;
}

/** The real server (a temp database) serving the citizen-only build. */
export async function startCitizenServer(options: StartOptions = {}): Promise<RunningServer> {
  const webDir = await ensureCitizenBuilt();
  return startServer({ ...options, env: { OVOZ_WEB_DIR: webDir, ...options.env } });
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A phone's browser tab, and everything that went wrong in it. */
export interface Phone {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors, CSP violations and requests to anywhere but the server. */
  problems: string[];
}

/**
 * A new browser context (its own storage) at 360×740 with one page. `origin` is the server: a
 * request anywhere else is a problem (no fonts, trackers or CDNs). A CSP violation is a problem
 * whether Chromium reports it as a `securitypolicyviolation` event or on the console.
 * `serviceWorkers: 'block'` where a test reroutes requests (page.route does not see requests a
 * service worker handles).
 */
export async function openPhone(
  browser: Browser,
  origin: string,
  options: {
    serviceWorkers?: 'allow' | 'block';
    /** Another screen than the 360×740 phone (320 px, 390×844, a 768 px tablet). */
    viewport?: { width: number; height: number };
  } = {},
): Promise<Phone> {
  const context = await browser.newContext({
    viewport: options.viewport ?? PHONE,
    deviceScaleFactor: 1,
    serviceWorkers: options.serviceWorkers ?? 'allow',
  });
  const problems: string[] = [];
  await context.exposeBinding('__ovozCspViolation', (_source, text: string) => {
    problems.push(`CSP violation: ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __ovozCspViolation(text: string): void })
        .__ovozCspViolation;
      report(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}:${e.columnNumber})`,
      );
    });
  });
  // Shorter than a test's own timeout, so a missing element fails with its name.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content.Security.Policy|Refused to/i.test(m.text())) {
      problems.push(`console: ${m.text()}`);
    }
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:'))
      problems.push(`foreign request: ${url}`);
  });
  return { context, page, problems };
}

/** One axe-core finding, short enough to read in a test failure. */
export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const AXE_SOURCE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA, and best practices) on the page as it is now.
 * axe is evaluated through the DevTools protocol rather than added as a <script> tag: the page's
 * CSP (`script-src 'self'`) rightly refuses an inline script, and a test must not weaken it.
 */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: unknown,
          ): Promise<{
            violations: Array<{
              id: string;
              impact?: string | null;
              help: string;
              nodes: Array<{ target: unknown[] }>;
            }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')),
    }));
  });
}

/** Taps the welcome screen's Start button (in any language) and waits for the survey. */
export async function startSurvey(page: Page): Promise<void> {
  await page.locator('.welcome__start').click();
  await page.locator('.sd-root-modern').waitFor();
}

/** A screenshot of the viewport (or the whole page) under test-artifacts/. */
/** Resolves once every running CSS animation and transition of the page has finished. */
export async function animationsDone(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
  });
  await painted(page);
}

/** Resolves once the page's fonts are loaded and two frames have been painted since. */
export async function painted(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** True when nothing on the page is wider than the screen (no sideways scrolling). */
export async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
  );
}

/**
 * A check to run on every screen of a walk through a survey: what axe finds, and anything wider
 * than the screen, added to `findings` with where it was found.
 */
export function screenChecker(page: Page, findings: string[]): (where: string) => Promise<void> {
  return async (where) => {
    for (const f of await axeFindings(page)) {
      findings.push(`${where}: ${f.id} (${f.impact}) ${f.help} — ${f.targets.join(' | ')}`);
    }
    if (!(await fitsWidth(page))) findings.push(`${where}: wider than the screen`);
  };
}

/** A response as the server stored it. */
export interface StoredResponse {
  id: string;
  lang: string;
  region: string | null;
  district: string | null;
  provider: string | null;
  channel: string | null;
  answers: Record<string, unknown>;
}

/** Every stored response to one survey, in the order they were stored (read while the server runs). */
export async function storedResponses(
  databaseUrl: string,
  slug: string,
): Promise<StoredResponse[]> {
  return withDb(databaseUrl, async (db) => {
    const rows = await db
      .selectFrom('response as r')
      .innerJoin('survey as s', 's.id', 'r.survey_id')
      .select(['r.id', 'r.lang', 'r.region', 'r.district', 'r.provider', 'r.channel', 'r.answers'])
      .where('s.slug', '=', slug)
      // SQLite's rowid: the order of insertion (the browser tests run on SQLite).
      .orderBy(sql`r.rowid`)
      .execute();
    return rows.map((r) => ({ ...r, answers: JSON.parse(r.answers) as Record<string, unknown> }));
  });
}

/**
 * Waits until the page's service worker controls it and holds the page (this survey's) and its
 * assets, the survey's own included, so the page can be reloaded with no network.
 */
export async function waitUntilKeptForOffline(page: Page): Promise<void> {
  await page.waitForFunction(
    async () => {
      if (!navigator.serviceWorker?.controller) return false;
      const paths: string[] = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const req of await cache.keys()) paths.push(new URL(req.url).pathname);
      }
      const page = location.pathname;
      return (
        paths.includes(page) &&
        paths.some((p) => /^\/assets\/citizen-.*\.js$/.test(p)) &&
        paths.some((p) => /^\/assets\/citizen-.*\.css$/.test(p)) &&
        paths.some((p) => /^\/assets\/survey-app-.*\.js$/.test(p)) &&
        paths.some((p) => /^\/assets\/survey-app-.*\.css$/.test(p))
      );
    },
    undefined,
    { timeout: 15_000, polling: 100 },
  );
}
