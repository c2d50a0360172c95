/**
 * The questionnaire on a small phone: social-services answered at 320 px in each language with
 * nothing wider than the screen and every page passing axe; at 390×844 with large text, Next (or
 * Complete) is on screen without scrolling on every screen; on a phone the agreement grid asks one
 * statement per screen and the answers are stored in the same shape; rating scales stay buttons;
 * a poster's link names its provider on the welcome screen. Screenshots at 320, 390 and 768 px go
 * to test-artifacts/.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { signContext } from '../../server/links/context.js';
import { LANGUAGES, type Lang } from '../../common/survey/types.js';
import { STRINGS } from '../../common/citizen/strings.js';
import {
  axeFindings,
  fitsWidth,
  screenChecker,
  openPhone,
  screenshot,
  startSurvey,
  storedResponses,
} from '../helpers/browser.js';
import { citizenSuite } from '../helpers/citizen-suite.js';
import { withDb } from '../helpers/database.js';
import { answerSocialServices, EXPECTED_ANSWERS, THANKS } from './social-services.js';

const SECRET = 'phone-test-secret-0123456789-abcdefghij';
const suite = citizenSuite({ env: { OVOZ_SECRET: SECRET } });

/** Answers social-services on this screen; `check` runs on every screen. Returns the sent id. */
async function answerOn(
  page: Page,
  lang: Lang,
  check: (where: string) => Promise<void>,
  shots?: string,
): Promise<string> {
  const posted = page.waitForResponse(
    (r) => r.request().method() === 'POST' && r.url().endsWith('/social-services/responses'),
    { timeout: 50_000 },
  );
  await answerSocialServices(page, {
    onScreen: check,
    onPage: async (i) => {
      if (shots) await screenshot(page, `${shots}-p${i + 1}`);
    },
  });
  const response = await posted;
  expect(response.status()).toBe(201);
  await page.getByText(THANKS[lang]).waitFor();
  return (response.request().postDataJSON() as { id: string }).id;
}

test.each(LANGUAGES)(
  'social-services at 320 px in %s: nothing wider than the screen, axe clean, the same answers stored',
  async (lang) => {
    const server = suite.server();
    const { context, page, problems } = await openPhone(suite.browser(), server.url, {
      viewport: { width: 320, height: 640 },
    });
    const findings: string[] = [];
    const check = screenChecker(page, findings);
    await page.goto(`${server.url}/s/social-services?lang=${lang}`);
    await check('welcome');
    if (lang === 'uz') await screenshot(page, 'phone-320-welcome');
    await startSurvey(page);
    const id = await answerOn(page, lang, check, lang === 'uz' ? 'phone-320' : undefined);
    expect(findings).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
    const [row] = (await storedResponses(server.databaseUrl, 'social-services')).filter(
      (r) => r.id === id.toLowerCase(),
    );
    // One statement per screen, but the grid's answer is one object, as on a wide screen.
    expect(row?.answers).toMatchObject(EXPECTED_ANSWERS);
    expect(row?.lang).toBe(lang);
  },
  90_000,
);

test('390×844 with large text: Next is on screen without scrolling on every screen', async () => {
  const server = suite.server();
  const { context, page, problems } = await openPhone(suite.browser(), server.url, {
    viewport: { width: 390, height: 844 },
  });
  await page.goto(`${server.url}/s/social-services?lang=uz-Cyrl`);
  await page.getByRole('button', { name: STRINGS['uz-Cyrl'].largeText }).click();
  await screenshot(page, 'phone-390-large-welcome');
  await startSurvey(page);
  const hidden: string[] = [];
  const widths: string[] = [];
  await answerOn(
    page,
    'uz-Cyrl',
    async (where) => {
      const box = await page
        .locator('.sd-navigation__next-btn:visible, .sd-navigation__complete-btn:visible')
        .first()
        .boundingBox();
      if (!box || box.y < 0 || box.y + box.height > 844) hidden.push(where);
      if (!(await fitsWidth(page))) widths.push(where);
    },
    'phone-390-large',
  );
  expect(hidden).toEqual([]);
  expect(widths).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
}, 90_000);

test('large text enlarges the controls too; rating faces stay five buttons on one line at 320 px', async () => {
  const server = suite.server();
  const sizes: Record<string, number[]> = {};
  for (const [width, large] of [
    [390, false],
    [390, true],
    [320, true],
  ] as const) {
    const { context, page } = await openPhone(suite.browser(), server.url, {
      viewport: { width, height: 844 },
    });
    await page.goto(`${server.url}/s/social-services?lang=ru`);
    if (large) await page.getByRole('button', { name: STRINGS.ru.largeText }).click();
    await startSurvey(page);
    const faces = page.locator('[data-name="satisfaction"] .sd-rating__item-smiley');
    await expect(faces.count()).resolves.toBe(5);
    const boxes = await faces.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()));
    // One line, each at least a 44 px target.
    expect(new Set(boxes.map((b) => Math.round(b.top))).size).toBe(1);
    for (const b of boxes) expect(Math.min(b.width, b.height)).toBeGreaterThanOrEqual(43.9);
    await expect(
      page.locator('[data-name="satisfaction"] [role="combobox"]').count(),
    ).resolves.toBe(0);
    // The language links are 44 px targets as well.
    const links = await page
      .locator('a.lang')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    for (const h of links) expect(h).toBeGreaterThanOrEqual(43.9);
    sizes[`${width}${large ? '-large' : ''}`] = [
      boxes[0]!.width,
      await page
        .locator('[data-name="satisfaction"] .sd-rating__item-smiley svg')
        .first()
        .evaluate((e) => e.getBoundingClientRect().width),
    ];
    await context.close();
  }
  // Under large text the faces grow where there is room.
  const [face, icon] = sizes['390']!;
  const [largeFace, largeIcon] = sizes['390-large']!;
  expect(largeFace).toBeGreaterThan(face!);
  expect(largeIcon).toBeGreaterThan(icon!);
});

test('768 px: one statement per screen as on a phone, nothing wider than the screen', async () => {
  const server = suite.server();
  const { context, page, problems } = await openPhone(suite.browser(), server.url, {
    viewport: { width: 768, height: 1024 },
  });
  await page.goto(`${server.url}/s/social-services?lang=en`);
  await screenshot(page, 'tablet-768-welcome');
  await startSurvey(page);
  const findings: string[] = [];
  await answerOn(page, 'en', screenChecker(page, findings), 'tablet-768');
  expect(findings).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
}, 90_000);

test('1024 px: the agreement grid is a table that fits', async () => {
  const server = suite.server();
  const { context, page } = await openPhone(suite.browser(), server.url, {
    viewport: { width: 1024, height: 900 },
  });
  await page.goto(`${server.url}/s/social-services?lang=ru`);
  await startSurvey(page);
  await answerSocialServices(page, {
    stopAt: 2,
    onPage: async (i) => {
      if (i !== 1) return;
      const radios = page.locator('[data-name="drivers"] input[type="radio"]');
      await expect(radios.count()).resolves.toBe(42);
      const table = await page
        .locator('[data-name="drivers"] .sd-table-wrapper')
        .evaluate((e) => e.scrollWidth - e.clientWidth);
      expect(table).toBeLessThanOrEqual(0);
      await screenshot(page, 'desktop-1024-p2');
    },
  });
  await context.close();
}, 90_000);

test('a poster’s link names its provider and district on the welcome screen, in each language', async () => {
  const server = suite.server();
  const c = signContext(SECRET, 'social-services', { provider: 'P-SA-01-1' });
  const names = await withDb(server.databaseUrl, async (db) => {
    const p = await db
      .selectFrom('provider')
      .selectAll()
      .where('code', '=', 'P-SA-01-1')
      .executeTakeFirstOrThrow();
    const d = await db
      .selectFrom('district')
      .selectAll()
      .where('code', '=', p.district_code)
      .executeTakeFirstOrThrow();
    const of = (r: { name_uz: string; name_uz_cyrl: string; name_ru: string; name_en: string }) =>
      ({ uz: r.name_uz, 'uz-Cyrl': r.name_uz_cyrl, ru: r.name_ru, en: r.name_en }) as Record<
        Lang,
        string
      >;
    return { provider: of(p), district: of(d) };
  });
  for (const lang of LANGUAGES) {
    const { context, page, problems } = await openPhone(suite.browser(), server.url, {
      viewport: { width: 390, height: 844 },
    });
    await page.goto(`${server.url}/s/social-services?c=${c}&lang=${lang}`);
    const place = page.locator('.welcome__place');
    await expect(place.textContent()).resolves.toContain(STRINGS[lang].ratingFor);
    await expect(page.locator('.welcome__provider').textContent()).resolves.toBe(
      names.provider[lang],
    );
    await expect(page.locator('.welcome__district').textContent()).resolves.toBe(
      names.district[lang],
    );
    expect(await axeFindings(page)).toEqual([]);
    await screenshot(page, `phone-390-welcome-provider-${lang}`);
    expect(problems).toEqual([]);
    await context.close();
  }
});
