/**
 * Never lose an answer, never store one twice: a half-answered survey survives a reload; a
 * survey finished with no network is kept on the phone, the page says so (also after a reload
 * with no network, served by the service worker, and after the tab was closed), and when the
 * network returns exactly one response is stored; an answer whose acknowledgement was lost is
 * sent again with the same id and still stored once.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { STRINGS } from '../../common/citizen/strings.js';
import {
  axeFindings,
  launchBrowser,
  openPhone,
  screenshot,
  startCitizenServer,
  startSurvey,
  storedResponses,
  waitUntilKeptForOffline,
} from '../helpers/browser.js';
import type { RunningServer } from '../helpers/server.js';
import {
  answerSocialServices,
  DRIVER_ROWS,
  EXPECTED_ANSWERS,
  next,
  pick,
  THANKS,
} from './social-services.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startCitizenServer();
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const rowsWithId = async (slug: string, id: string) =>
  (await storedResponses(server.databaseUrl, slug)).filter((r) => r.id === id.toLowerCase());

/**
 * No network for this phone. Chromium's offline emulation does not always reach a page that was
 * just reloaded before its first request, so submissions are also refused at the browser's edge,
 * as a dead network would.
 */
async function goOffline(context: BrowserContext): Promise<void> {
  await context.route('**/api/public/surveys/*/responses', (route) =>
    route.abort('internetdisconnected'),
  );
  await context.setOffline(true);
}

async function goOnline(context: BrowserContext): Promise<void> {
  await context.unroute('**/api/public/surveys/*/responses');
  await context.setOffline(false);
}

test('a half-answered survey is on the phone from the first answer and comes back after a reload', async () => {
  const { context, page, problems } = await openPhone(browser, server.url);
  await page.goto(`${server.url}/s/social-services?lang=en`);
  await startSurvey(page);
  await page.locator('[data-name="satisfaction"]').waitFor();
  const draft = () =>
    page.evaluate(() => {
      const raw = localStorage.getItem('ovoz:draft:social-services');
      return raw ? (JSON.parse(raw) as { id: string; answers: object; pageNo: number }) : null;
    });
  expect(await draft()).toBeNull();
  await pick(page, 'satisfaction', 4);
  // Saved with the first answer, before any page change or submission.
  expect(await draft()).toMatchObject({ answers: { satisfaction: 4 }, pageNo: 0 });
  await next(page);
  await answerSocialServices(page, { from: 1, stopAt: 2 });
  await pick(page, 'trust', 3);
  const before = (await draft())!;
  expect(before).toMatchObject({
    answers: { satisfaction: 4, drivers: EXPECTED_ANSWERS.drivers, trust: 3 },
    pageNo: 2,
  });

  await page.reload();
  // Back on the page the citizen left (no welcome screen to tap through), with the answer given
  // there and a word about it.
  await page.locator('[data-name="trust"]').waitFor();
  await expect(page.locator('.welcome__start').count()).resolves.toBe(0);
  await page.getByText(STRINGS.en.restored).waitFor();
  expect(await axeFindings(page)).toEqual([]);
  await expect(page.locator('[data-name="trust"] input[value="3"]').isChecked()).resolves.toBe(
    true,
  );
  // Back to the agreement grid (one statement per screen on a phone) and through every
  // statement from the first: each answer is kept.
  const shownRow = () =>
    page.locator('[data-name="drivers"] .sd-question[data-name]').first().getAttribute('data-name');
  await page.locator('.sd-navigation__prev-btn').click();
  await page.locator('[data-name="drivers"] .sd-question[data-name]').waitFor();
  for (let shown = await shownRow(); shown !== DRIVER_ROWS[0];) {
    await page.locator('.sd-navigation__prev-btn').click();
    const before = shown;
    await expect.poll(shownRow).not.toBe(before);
    shown = await shownRow();
  }
  for (const [i, row] of DRIVER_ROWS.entries()) {
    await expect.poll(shownRow).toBe(row);
    const radio = page.locator(
      `[data-name="drivers"] [data-name="${row}"] input[value="${i < 6 ? 4 : 'na'}"]`,
    );
    await expect(radio.isChecked()).resolves.toBe(true);
    await next(page);
  }

  const posted = page.waitForResponse((r) => r.request().method() === 'POST', {
    timeout: 30_000,
  });
  await answerSocialServices(page, { from: 2 });
  const response = await posted;
  expect(response.status()).toBe(201);
  // The response id was made before the first answer and kept across the reload.
  expect((response.request().postDataJSON() as { id: string }).id).toBe(before.id);
  await page.getByText(THANKS.en).waitFor();
  // Acknowledged: the draft is gone.
  expect(await draft()).toBeNull();
  expect(await rowsWithId('social-services', before.id)).toHaveLength(1);
  expect(problems).toEqual([]);
  await context.close();
});

test('finished offline: kept on the phone across a reload, sent once when the network returns', async () => {
  const { context, page, problems } = await openPhone(browser, server.url);
  const posts: number[] = [];
  page.on('response', (r) => {
    if (r.request().method() === 'POST') posts.push(r.status());
  });
  await page.goto(`${server.url}/s/social-services?lang=uz`);
  // Kept for offline use, the survey's own code included, before the citizen has tapped Start.
  await waitUntilKeptForOffline(page);
  await startSurvey(page);
  await answerSocialServices(page, { stopAt: 3 });

  await goOffline(context);
  await page.getByText(STRINGS.uz.offlineAnswering).waitFor();
  expect(await axeFindings(page)).toEqual([]);
  await screenshot(page, 'offline-answering-uz');
  await answerSocialServices(page, { from: 3 });
  const pending = page.getByText(STRINGS.uz.pending);
  await pending.waitFor();
  expect(await axeFindings(page)).toEqual([]);
  await screenshot(page, 'offline-pending-uz');
  const id = await page.evaluate(
    () =>
      (
        JSON.parse(localStorage.getItem('ovoz:pending:social-services')!) as {
          body: { id: string };
        }
      ).body.id,
  );

  expect(await rowsWithId('social-services', id)).toHaveLength(0);

  // Reloaded with no network: the service worker serves the page, and the answers kept on the
  // phone come back with it. (Chromium's emulated offline mode sometimes lets a just-reloaded page
  // through before it applies; then the restored answers are delivered at once, under the same id.)
  await page.reload();
  await pending.or(page.getByText(THANKS.uz)).first().waitFor();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await goOnline(context);
  await page.getByText(THANKS.uz).waitFor();
  const rows = await rowsWithId('social-services', id);
  expect(rows).toHaveLength(1);
  expect(rows[0]!.answers).toMatchObject(EXPECTED_ANSWERS);
  // Every answer the page saw acknowledges the one response: 201 when it was stored, or 200 when
  // a send the page did not see finish (cut off by the reload) had already stored it and the
  // resend got the same receipt back. Never an error, never a second store.
  expect(posts.length).toBeGreaterThan(0);
  expect(posts.filter((s) => s !== 201 && s !== 200)).toEqual([]);
  expect(posts.filter((s) => s === 201).length).toBeLessThanOrEqual(1);
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);

  // Opened again: a new, empty survey; nothing is sent again.
  const stored = (await storedResponses(server.databaseUrl, 'social-services')).length;
  const sentAgain: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST') sentAgain.push(r.url());
  });
  await page.reload();
  await startSurvey(page);
  // The page starts sending what it holds as it opens, before it shows a survey, and shows none
  // while it holds answers (App.tsx): with the first question on screen, nothing was sent.
  await page.locator('[data-name="satisfaction"]').waitFor();
  expect(sentAgain).toEqual([]);
  expect(await storedResponses(server.databaseUrl, 'social-services')).toHaveLength(stored);
  expect(problems).toEqual([]);
  await context.close();
});

test('finished offline and the tab closed: sent when the link is opened again online', async () => {
  const { context, page, problems } = await openPhone(browser, server.url);
  await page.goto(`${server.url}/s/quick-feedback?lang=ru`);
  await startSurvey(page);
  await page.locator('[data-name="satisfaction"]').waitFor();
  await goOffline(context);
  await pick(page, 'satisfaction', 2);
  await page.locator('.sd-navigation__complete-btn').click();
  await page.getByText(STRINGS.ru.pending).waitFor();
  await page.close();

  await goOnline(context);
  const again = await context.newPage();
  const posted = again.waitForResponse((r) => r.request().method() === 'POST');
  await again.goto(`${server.url}/s/quick-feedback?lang=ru`);
  const sent = (await posted).request().postDataJSON() as { id: string };
  await again.getByText('Спасибо!').waitFor();
  const rows = await rowsWithId('quick-feedback', sent.id);
  expect(rows).toHaveLength(1);
  expect(rows[0]!.answers).toEqual({ satisfaction: 2 });
  expect(problems).toEqual([]);
  await context.close();
});

test('an acknowledgement lost on the way: sent again with the same id, stored once', async () => {
  const { context, page, problems } = await openPhone(browser, server.url, {
    serviceWorkers: 'block',
  });
  let tries = 0;
  await page.route('**/api/public/surveys/quick-feedback/responses', async (route) => {
    tries += 1;
    if (tries === 1) {
      await route.fetch(); // the server stores it…
      await route.abort('connectionreset'); // …and the phone never hears back
    } else {
      await route.continue();
    }
  });
  const statuses: number[] = [];
  page.on('response', (r) => {
    if (r.request().method() === 'POST') statuses.push(r.status());
  });
  await page.goto(`${server.url}/s/quick-feedback?lang=en`);
  await startSurvey(page);
  await pick(page, 'satisfaction', 5);
  await page.locator('.sd-navigation__complete-btn').click();
  await page.getByText(STRINGS.en.pending).waitFor(); // the first try failed
  await page.getByText(THANKS.en).waitFor({ timeout: 10_000 }); // the retry, after ~2 s
  expect(tries).toBe(2);
  expect(statuses).toEqual([200]); // the retry found the stored response: same id, same answers
  const ids = (await storedResponses(server.databaseUrl, 'quick-feedback')).filter(
    (r) => r.answers.satisfaction === 5,
  );
  expect(ids).toHaveLength(1);
  expect(problems).toEqual([]);
  await context.close();
});
