/**
 * Submitting social-services responses through the real public API on chosen local days, and
 * random valid answer sets for it. Dates are set with a faked `Date` (timers stay real).
 */
import { randomUUID } from 'node:crypto';
import { expect, vi } from 'vitest';
import { signContext } from '../../server/links/context.js';
import type { Registry } from '../../server/repos/registry.js';
import type { LinkContext } from '../../common/survey/types.js';
import { postJson, type TestApp } from './app.js';
import { STANDARD_DRIVERS } from '../../common/metrics/drivers.js';
import { CHANNELS } from '../../common/reports/dimensions.js';

export const SURVEY = 'social-services';
export const DRIVERS = STANDARD_DRIVERS;
export { CHANNELS };

export interface Submission {
  link?: LinkContext;
  answers: Record<string, unknown>;
}

export { prng } from './prng.js';

export const pick = <T>(rand: () => number, items: readonly T[]): T =>
  items[Math.floor(rand() * items.length)]!;

/** Posts every submission on the given local day (Uzbekistan, UTC+5): all must be accepted. */
export async function submitOn(
  t: TestApp,
  day: string,
  subs: readonly Submission[],
): Promise<void> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${day}T07:30:00Z`));
  try {
    const url = `/api/public/surveys/${SURVEY}/responses`;
    const results = await Promise.all(
      subs.map((s) =>
        postJson(t.app, url, {
          id: randomUUID(),
          answers: s.answers,
          ...(s.link ? { c: signContext(t.booted.deps.secret, SURVEY, s.link) } : {}),
        }),
      ),
    );
    for (const res of results) expect(res.status, await res.clone().text()).toBe(201);
    await t.booted.deps.writer.drain();
  } finally {
    vi.useRealTimers();
  }
}

/** A random valid social-services submission: varied links, context answers, answers and segments. */
export function randomSubmission(rand: () => number, registry: Registry): Submission {
  const provider = pick(rand, registry.providers);
  const district = registry.districts.find((d) => d.code === provider.district)!;
  const answers: Record<string, unknown> = { satisfaction: 1 + Math.floor(rand() * 5) };
  let link: LinkContext | undefined;
  const how = rand();
  if (how < 0.4) {
    link = { provider: provider.code, ...(rand() < 0.7 ? { channel: pick(rand, CHANNELS) } : {}) };
  } else if (how < 0.55) {
    link = { region: provider.region };
    if (rand() < 0.8) answers.district = district.code;
    if (answers.district && rand() < 0.7) answers.provider = provider.code;
  } else if (how < 0.9) {
    answers.region = provider.region;
    if (rand() < 0.8) answers.district = district.code;
    if (answers.district && rand() < 0.8) answers.provider = provider.code;
  }
  if (!link?.channel && rand() < 0.8) answers.channel = pick(rand, CHANNELS);
  // Every row of the drivers matrix is required.
  const sat = answers.satisfaction as number;
  answers.drivers = Object.fromEntries(
    DRIVERS.map((d) => {
      if (rand() < 0.1) return [d, 'na'];
      const v = Math.round(sat + (rand() - 0.5) * 3);
      return [d, Math.min(5, Math.max(1, v))];
    }),
  );
  if (rand() < 0.85) answers.trust = 1 + Math.floor(rand() * 5);
  if (rand() < 0.8) {
    answers.paid = pick(rand, ['none', 'none', 'formal', 'informal', 'both', 'na']);
    if (['formal', 'informal', 'both'].includes(answers.paid as string) && rand() < 0.9) {
      answers.afford = pick(rand, ['yes', 'no']);
    }
  }
  if (rand() < 0.7) answers.delivery_days = Math.floor(rand() * 60);
  if (rand() < 0.6) {
    const segments = ['disability', 'elderly', 'low_income', 'other'].filter(() => rand() < 0.35);
    if (segments.length) answers.segment = segments;
  }
  if (rand() < 0.2) answers.comment = 'Yaxshi xizmat';
  return { ...(link ? { link } : {}), answers };
}
