/**
 * The questionnaire on a small phone: social-services answered at 320 px in each language with
 * nothing wider than the screen and every page passing axe; at 390×844, large text on and off, in
 * each language, Next (or Complete) is on screen without scrolling and axe finds nothing on every
 * screen; a chosen provider's long name is read in full in the closed list at 320 and 390 px; on a phone the agreement grid asks one
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
import {
  answerSocialServices,
  EXPECTED_ANSWERS,
  next,
  openDropdown,
  pickFirstOption,
  THANKS,
} from './social-services.js';

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

test.each(
  LANGUAGES.flatMap((lang) => (['on', 'off'] as const).map((large) => [lang, large] as const)),
)(
  '390×844 in %s, large text %s: Next on screen without scrolling and axe clean on every screen',
  async (lang, largeText) => {
    const large = largeText === 'on';
    const server = suite.server();
    const { context, page, problems } = await openPhone(suite.browser(), server.url, {
      viewport: { width: 390, height: 844 },
    });
    await page.goto(`${server.url}/s/social-services?lang=${lang}`);
    if (large) await page.getByRole('button', { name: STRINGS[lang].largeText }).click();
    const shots = lang === 'uz-Cyrl' ? `phone-390${large ? '-large' : ''}` : undefined;
    if (shots) await screenshot(page, `${shots}-welcome`);
    const findings: string[] = [];
    const check = screenChecker(page, findings);
    await check('welcome');
    await startSurvey(page);
    const hidden: string[] = [];
    await answerOn(
      page,
      lang,
      async (where) => {
        const box = await page
          .locator('.sd-navigation__next-btn:visible, .sd-navigation__complete-btn:visible')
          .first()
          .boundingBox();
        if (!box || box.y < 0 || box.y + box.height > 844) hidden.push(where);
        await check(where);
      },
      shots,
    );
    // The thank-you screen too.
    await check('thanks');
    expect(hidden).toEqual([]);
    expect(findings).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  },
  90_000,
);

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

/**
 * The chosen option's text in a closed dropdown, as the citizen sees it: the whole text, and the
 * part of it no box around it (up to the control) cuts off.
 */
async function closedDropdownText(
  page: Page,
  question: string,
): Promise<{ text: string; clippedBy: string[] }> {
  return page.locator(`[data-name="${question}"] .sd-dropdown`).evaluate((control) => {
    const shown = [...control.querySelectorAll<HTMLElement>('.sv-string-viewer, input')].find(
      (e) =>
        e.getBoundingClientRect().width > 0 && (e.textContent || (e as HTMLInputElement).value),
    );
    if (!shown) return { text: '', clippedBy: ['nothing shown'] };
    if (shown instanceof HTMLInputElement) {
      // A one-line box: whatever does not fit is cut off.
      return {
        text: shown.value,
        clippedBy: shown.scrollWidth > shown.clientWidth ? ['input'] : [],
      };
    }
    const range = document.createRange();
    range.selectNodeContents(shown);
    const text = range.getBoundingClientRect();
    const clippedBy: string[] = [];
    if (
      shown.scrollWidth > shown.clientWidth + 0.5 ||
      shown.scrollHeight > shown.clientHeight + 0.5
    ) {
      clippedBy.push(shown.className);
    }
    for (let box: Element | null = shown; box; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (style.overflowX !== 'visible' || style.overflowY !== 'visible' || box === control) {
        const r = box.getBoundingClientRect();
        const inside =
          text.left >= r.left - 0.5 &&
          text.right <= r.right + 0.5 &&
          text.top >= r.top - 0.5 &&
          text.bottom <= r.bottom + 0.5;
        if (!inside) clippedBy.push(box.className);
      }
      if (box === control) break;
    }
    return { text: shown.textContent ?? '', clippedBy };
  });
}

test.each([320, 390])(
  'at %i px the chosen provider’s long name is read in full in the closed list, in each language',
  async (width) => {
    const server = suite.server();
    for (const lang of LANGUAGES) {
      const { context, page, problems } = await openPhone(suite.browser(), server.url, {
        viewport: { width, height: 740 },
      });
      await page.goto(`${server.url}/s/social-services?lang=${lang}`);
      await startSurvey(page);
      await answerSocialServices(page, { stopAt: 5 });
      await pickFirstOption(page, 'region');
      await next(page);
      await pickFirstOption(page, 'district');
      await next(page);
      // The longest name offered.
      const combo = await openDropdown(page, 'provider');
      const options = page.locator(`#${await combo.getAttribute('aria-controls')} [role="option"]`);
      const names = await options.allTextContents();
      const longest = names.reduce((a, b) => (b.length > a.length ? b : a));
      expect(longest.length).toBeGreaterThan(30);
      await options.filter({ hasText: longest }).first().click();
      await expect(combo.getAttribute('aria-expanded')).resolves.toBe('false');
      expect(await closedDropdownText(page, 'provider')).toEqual({ text: longest, clippedBy: [] });
      expect(await fitsWidth(page)).toBe(true);
      expect(await axeFindings(page)).toEqual([]);
      await screenshot(page, `phone-${width}-provider-chosen-${lang}`);
      expect(problems).toEqual([]);
      await context.close();
    }
  },
  120_000,
);
