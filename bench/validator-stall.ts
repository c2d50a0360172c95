/**
 * How long one submission to a survey that survey-core itself must check (a household roster: a
 * dynamic panel of 30 members × 12 fields, each shown after the one before) blocks the event loop
 * that serves every other request: checked on the loop (how Ovoz did it before, the baseline of
 * this run) against checked in the validating worker (server/ingest/served-validator.ts). The
 * loop's blocking is read by perf_hooks' event-loop delay monitor (1 ms resolution) and by a 1 ms
 * timer's longest gap, over BENCH_SUBMISSIONS (10) validations one after another; an idle phase
 * (200 ms waits instead of validations) shows the machine's own noise.
 *
 *   npm run bench:validator-stall
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { serveValidator, validationPool } from '../server/ingest/served-validator.js';
import { compileValidator } from '../server/ingest/validator.js';
import type { SurveyJson } from '../common/survey/types.js';
import { rosterAnswers, slowRoster } from '../test/fixtures/slow-roster.js';

const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 10);

interface Blocked {
  /** Wall time per validation, ms (median). */
  perValidation: number;
  /** The longest the loop could not run a 1 ms timer, ms. */
  longestGap: number;
  /** perf_hooks' event-loop delay: p99 and max, ms. */
  p99: number;
  max: number;
}

async function measure(validate: () => Promise<unknown>): Promise<Blocked> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let last = performance.now();
  let longestGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
  }, 1);
  histogram.enable();
  const times: number[] = [];
  for (let i = 0; i < SUBMISSIONS; i++) {
    const t0 = performance.now();
    await validate();
    times.push(performance.now() - t0);
    // Let the timer see the loop free between submissions, as between requests.
    await new Promise((r) => setTimeout(r, 5));
  }
  histogram.disable();
  clearInterval(timer);
  times.sort((a, b) => a - b);
  return {
    perValidation: times[times.length >> 1]!,
    longestGap,
    p99: histogram.percentile(99) / 1e6,
    max: histogram.max / 1e6,
  };
}

const fmt = (b: Blocked) =>
  `${b.perValidation.toFixed(0)} ms per validation; loop blocked at most ${b.longestGap.toFixed(0)} ms ` +
  `(event-loop delay p99 ${b.p99.toFixed(0)} ms, max ${b.max.toFixed(0)} ms)`;

async function main() {
  const json = slowRoster({}) as SurveyJson;
  const answers = rosterAnswers(30);
  console.log(
    `Ovoz validator stall: household roster, 30 members × 12 fields, ${SUBMISSIONS} submissions`,
  );

  // The machine's own noise: the loop with nothing to do.
  const idle = await measure(() => new Promise((r) => setTimeout(r, 200)));
  console.log(`idle (no validation):         ${fmt(idle)}`);

  // The worker first: the baseline's garbage (a Model per submission) is not collected during it.
  const served = await serveValidator(json);
  if (!(await served.validate(answers)).ok) throw new Error('the roster answers must be valid');
  const after = await measure(() => served.validate(answers));
  console.log(`in the validating worker:     ${fmt(after)}`);

  const inline = compileValidator(json);
  if (!inline.validate(answers).ok) throw new Error('the roster answers must be valid');
  const before = await measure(() => Promise.resolve(inline.validate(answers)));
  console.log(`on the event loop (baseline): ${fmt(before)}`);
  console.log(
    `longest block of the event loop: ${(before.longestGap / after.longestGap).toFixed(0)}× shorter ` +
      `(${before.longestGap.toFixed(0)} ms → ${after.longestGap.toFixed(0)} ms)`,
  );
  await validationPool().close();
}

await main();
