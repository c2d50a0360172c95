/** The browser tests' shared setup, apart from test/helpers/browser.ts (which benches use too). */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, startCitizenServer } from './browser.js';
import type { RunningServer, StartOptions } from './server.js';

/**
 * The citizen page's server and Chromium for the tests of one file: started before them, stopped
 * after them. Read them through the getters, inside a test.
 */
export function citizenSuite(options: StartOptions = {}): {
  server(): RunningServer;
  browser(): Browser;
} {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startCitizenServer(options);
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    server: () => server!,
    browser: () => browser!,
  };
}
