/**
 * Tests that read the shared SurveyJS corpus (../shared/surveyjs-corpus beside the project):
 * `npm run test:corpus`, run by .ci/run after `npm test`. `npm test` leaves them out, so it passes
 * on a clone of the project alone.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/corpus/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
  },
});
