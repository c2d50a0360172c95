/**
 * The admin app's weight, for `npm run bench:page`: what the first load of the admin app
 * downloads (the sign-in page and the app shell), and what opening the questionnaire designer adds
 * on top (its lazily loaded chunks), measured in Chromium with the DevTools protocol at
 * 1440×900, with the designer's ratio to the first load (the baseline of the same run). The
 * citizen's page is checked to load none of the designer's files.
 */
import path from 'node:path';
import fs from 'node:fs';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { ensureWebBuilt } from '../test/helpers/build.js';
import { launchBrowser } from '../test/helpers/browser.js';
import { ADMIN_PASSWORD, startServer } from '../test/helpers/server.js';

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

interface Loaded {
  path: string;
  bytes: number;
}

/** Records every response of `page` (compressed bytes, from DevTools) until `take()`. */
async function recorder(page: Page): Promise<{ take(): Loaded[] }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const seen = new Map<string, Loaded>();
  cdp.on('Network.responseReceived', (e) =>
    seen.set(e.requestId, { path: new URL(e.response.url).pathname, bytes: 0 }),
  );
  cdp.on('Network.loadingFinished', (e) => {
    const r = seen.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  return {
    take() {
      const out = [...seen.values()];
      seen.clear();
      return out;
    },
  };
}

const sum = (l: Loaded[]) => l.reduce((s, r) => s + r.bytes, 0);

function list(label: string, loaded: Loaded[]): void {
  console.log(`${label}: ${kB(sum(loaded))} in ${loaded.length} responses`);
  for (const r of loaded.sort((a, b) => b.bytes - a.bytes).slice(0, 8)) {
    console.log(`  ${kB(r.bytes).padStart(9)}  ${r.path}`);
  }
}

export async function adminWeight(): Promise<void> {
  const webDir = await ensureWebBuilt();
  const server = await startServer({ env: { OVOZ_WEB_DIR: webDir } });
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const rec = await recorder(page);
    await page.goto(`${server.url}/admin/login`, { waitUntil: 'networkidle' });
    await page.getByLabel('Username').waitFor();
    const shell = rec.take();
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: /Sign in|Kirish|Войти/ }).click();
    await page.waitForURL(/\/admin\/(surveys|dashboard)/, { waitUntil: 'networkidle' });
    rec.take();
    await page.goto(`${server.url}/admin/surveys/new`, { waitUntil: 'networkidle' });
    await page.locator('[data-designer]').waitFor();
    const designerLoad = rec.take().filter((r) => r.path.startsWith('/assets/'));
    const chunk = designerLoad.filter((r) => /DesignerWorkspace-/.test(r.path));
    console.log('\nadmin app (1440×900, DevTools encoded bytes)');
    list('first load (sign-in page and app shell)', shell);
    list('opening the designer adds', designerLoad);
    const first = sum(shell);
    const designer = sum(chunk);
    console.log(
      `designer chunk ${chunk.map((c) => c.path).join(', ')}: ${kB(designer)}` +
        ` = ${(designer / first).toFixed(2)} × the admin first load (${kB(first)})`,
    );
    // The citizen page's files, as built: none of them is the designer.
    const assets = fs.readdirSync(path.join(webDir, 'assets'));
    const leaked = assets.filter((a) => /DesignerWorkspace|dnd-kit/.test(a));
    console.log(
      `designer files in the build: ${leaked.filter((a) => a.endsWith('.js')).join(', ')}`,
    );
    await context.close();
  } finally {
    await browser?.close();
    await server.stop();
  }
}
