/**
 * A citizen in a text browser (lynx, no JavaScript, no CSS) completes social-services in each
 * language through the plain form, keys only; the response is in the database as answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../common/survey/types.js';
import { EXPECTED_ANSWERS } from '../browser/social-services.js';
import { withDb } from '../helpers/database.js';
import { lynxScript, runLynx, type LynxAction } from '../helpers/lynx.js';
import { startServer, type RunningServer } from '../helpers/server.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

/** The matrix: "Agree" (the 4th of 6 columns) on every line but the last, "Don't know" there. */
const matrix: LynxAction[] = [0, 1, 2, 3, 4, 5, 6].map((row) => ({
  at: row * 6 + (row === 6 ? 6 : 4),
  enter: true,
}));

/** The pages as lynx numbers their fields: the first has the four language links first. */
const PAGES: LynxAction[][] = [
  [
    { at: 9, enter: true }, // satisfaction 5
    { at: 10, enter: true }, // Next
  ],
  [...matrix, { at: 43, enter: true }],
  [
    { at: 2, enter: true }, // trust 2
    { at: 6, enter: true },
  ],
  [
    { at: 4, enter: true }, // paid: "both"
    { at: 6, enter: true },
  ],
  [
    { at: 1, enter: true }, // afford: "yes", asked because something was paid
    { at: 3, enter: true },
  ],
  [
    { at: 1, type: '7' }, // delivery days
    { at: 3, enter: true }, // channel: mahalla
    { at: 6, enter: true },
  ],
  // Region, district, provider: not answered (optional).
  [{ at: 2, enter: true }],
  [{ at: 2, enter: true }],
  [{ at: 2, enter: true }],
  [
    { at: 3, enter: true }, // segment: low income
    { at: 6, enter: true },
  ],
  [
    { at: 1, type: 'Long queue' },
    { at: 6, enter: true }, // Send
  ],
];

describe('social-services in lynx', () => {
  it.each(LANGUAGES)(
    'is completed in %s and stored as answered',
    async (lang) => {
      const screen = await runLynx(
        `${server.url}/s/social-services?basic=1&lang=${lang}`,
        lynxScript(PAGES),
      );
      const rows = await withDb(server.databaseUrl, (db) =>
        db
          .selectFrom('response as r')
          .innerJoin('survey as s', 's.id', 'r.survey_id')
          .select(['r.lang', 'r.answers'])
          .where('s.slug', '=', 'social-services')
          .where('r.lang', '=', lang)
          .execute(),
      );
      expect(rows, screen.slice(-3000)).toHaveLength(1);
      expect(JSON.parse(rows[0]!.answers)).toEqual({
        satisfaction: 5,
        drivers: EXPECTED_ANSWERS.drivers,
        trust: 2,
        paid: 'both',
        afford: 'yes',
        delivery_days: 7,
        channel: 'mahalla',
        segment: ['low_income'],
        comment: 'Long queue',
      });
    },
    90_000,
  );
});
