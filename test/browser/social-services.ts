/**
 * Answering the social-services questionnaire (surveys/social-services.json) in the browser, the
 * way a citizen taps through it, page by page. Shared by the browser tests; not a test itself.
 */
import type { Page } from 'playwright-core';
import type { Lang } from '../../common/survey/types.js';
import { STANDARD_DRIVERS } from '../../common/metrics/drivers.js';
import { painted } from '../helpers/browser.js';

/** The completion text's first line (the questionnaire's completedHtml) in each language. */
export const THANKS: Record<Lang, string> = {
  uz: 'Rahmat!',
  'uz-Cyrl': 'Раҳмат!',
  ru: 'Спасибо!',
  en: 'Thank you!',
};

/** The question names on each page, in order (the place page is skipped by a context link). */
export const PAGES = [
  ['satisfaction'],
  ['drivers'],
  ['trust'],
  ['paid', 'afford'],
  ['delivery_days', 'channel'],
  ['region', 'district', 'provider'],
  ['segment'],
  ['comment'],
] as const;

export const DRIVER_ROWS = STANDARD_DRIVERS;

/** Taps the option with this value in a choice, rating or checkbox question. */
export async function pick(page: Page, question: string, value: string | number): Promise<void> {
  await page
    .locator(`[data-name="${question}"] label`)
    .filter({ has: page.locator(`input[value="${value}"]`) })
    .first()
    .click();
}

/** Opens a survey-core dropdown; its combobox. */
export async function openDropdown(page: Page, question: string) {
  const combo = page.locator(`[data-name="${question}"] [role="combobox"]`);
  // survey-core takes the first tap after another dropdown's choice as focus only: tapped again
  // once the page has handled and drawn the tap before (two frames painted since).
  for (let i = 0; i < 5 && (await combo.getAttribute('aria-expanded')) !== 'true'; i++) {
    await page.locator(`[data-name="${question}"] .sd-dropdown`).click();
    await painted(page);
  }
  return combo;
}

/** Opens a survey-core dropdown and taps its first offered option (the list follows the parent). */
export async function pickFirstOption(page: Page, question: string): Promise<void> {
  const combo = await openDropdown(page, question);
  await page
    .locator(`#${await combo.getAttribute('aria-controls')} [role="option"]`)
    .first()
    .click();
}

export const next = (page: Page) => page.locator('.sd-navigation__next-btn').click();
export const complete = (page: Page) => page.locator('.sd-navigation__complete-btn').click();

/** The title of the page on screen. */
export const pageTitle = (page: Page) => page.locator('.sd-page__title').first();

export interface AnswerOptions {
  /** Called on every page once it is on screen (axe, screenshots), with its index in PAGES. */
  onPage?: (index: number) => Promise<void>;
  /** Called on every screen: each page, and on a phone each further answer's own screen. */
  onScreen?: (where: string) => Promise<void>;
  /** What the link fixes, so the survey does not ask it: the place page, the channel question. */
  fixed?: { place?: boolean; channel?: boolean };
  /** Start on this page index (the earlier ones were answered before). */
  from?: number;
  /** Stop on this page index, unanswered (the survey stays open on it). */
  stopAt?: number;
}

/**
 * True when the page shows one answer per screen (a phone or a tablet, narrower than 900 px): each
 * question, and each statement of the agreement grid, has its own screen, and Next moves between
 * them.
 */
export const oneAnswerPerScreen = (page: Page): Promise<boolean> =>
  page.evaluate(() => document.documentElement.clientWidth < 900);

/** A statement of the agreement grid, answered with `value`, on either layout. */
export async function answerDriver(page: Page, row: string, value: string | number): Promise<void> {
  const single = page.locator(`[data-name="drivers"] [data-name="${row}"] input[value="${value}"]`);
  const table = page.locator(`[data-name="drivers"] input[name$="_${row}"][value="${value}"]`);
  await single.or(table).locator('xpath=ancestor::label[1]').click();
}

/**
 * Answers every page and completes the survey (unless `stopAt`). The answers are fixed except
 * the place, where the first region, district and provider offered are taken. On a phone every
 * answer has its own screen (Next after each); on a wider screen, one Next per page.
 */
export async function answerSocialServices(page: Page, options: AnswerOptions = {}): Promise<void> {
  const pages = PAGES.map((_, i) => i).filter((i) => !(options.fixed?.place && i === 5));
  const single = await oneAnswerPerScreen(page);
  /** Between two answers on one page: Next on a phone, nothing on a wide screen. */
  const within = async (question: string) => {
    if (!single) return;
    await next(page);
    await page.locator(`[data-name="${question}"]`).waitFor();
    await options.onScreen?.(question);
  };
  for (const [n, index] of pages.entries()) {
    if (index < (options.from ?? 0)) continue;
    await page.locator(`[data-name="${PAGES[index]![0]}"]`).waitFor();
    if (options.stopAt === index) return;
    await options.onPage?.(index);
    await options.onScreen?.(PAGES[index]![0]);
    switch (index) {
      case 0:
        await pick(page, 'satisfaction', 4);
        break;
      case 1:
        for (const [i, row] of DRIVER_ROWS.entries()) {
          if (i > 0) await within(row);
          await answerDriver(page, row, i < 6 ? 4 : 'na');
        }
        break;
      case 2:
        await pick(page, 'trust', 3);
        break;
      case 3:
        await pick(page, 'paid', 'formal');
        await within('afford');
        await pick(page, 'afford', 'yes');
        break;
      case 4:
        await page.locator('[data-name="delivery_days"] input').fill('12');
        if (!options.fixed?.channel) {
          await within('channel');
          await pick(page, 'channel', 'centre');
        }
        break;
      case 5:
        await pickFirstOption(page, 'region');
        await within('district');
        await pickFirstOption(page, 'district');
        await within('provider');
        await pickFirstOption(page, 'provider');
        break;
      case 6:
        await pick(page, 'segment', 'elderly');
        break;
      case 7:
        await page.locator('[data-name="comment"] textarea').fill('Navbat juda uzun edi.');
        break;
    }
    if (n < pages.length - 1) await next(page);
  }
  await complete(page);
}

/**
 * The place answerSocialServices picks when the survey asks it: the first region, district and
 * provider offered, in code order, of the seeded demo registry (db/seed/demo-registry.ts).
 */
export const FIRST_PLACE = {
  region: 'UZ-AN',
  district: 'UZ-AN-01',
  provider: 'P-AN-01-1',
} as const;

/** The answers answerSocialServices gives, apart from the place (which the link or the list decides). */
export const EXPECTED_ANSWERS = {
  satisfaction: 4,
  drivers: {
    timeliness: 4,
    ease: 4,
    information: 4,
    courtesy: 4,
    fairness: 4,
    accessibility: 4,
    outcome: 'na',
  },
  trust: 3,
  paid: 'formal',
  afford: 'yes',
  delivery_days: 12,
  segment: ['elderly'],
  comment: 'Navbat juda uzun edi.',
};
