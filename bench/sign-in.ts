/**
 * npm run bench:sign-in — does a failed sign-in tell an attacker whether the account exists?
 * An unknown username and a known one with a wrong password must cost the same work (both run
 * the password hash: the unknown one against a dummy hash). On a real app over a temporary
 * database, BENCH_TRIES (30) alternating tries of each, each at a fresh hour of the app's clock so
 * the sign-in throttle never answers instead of the hash. Prints the medians and their ratio
 * (target: between 0.8 and 1.25); the baseline is the known user's wrong password, measured in the
 * same run.
 */
import { createApp } from '../server/app.js';
import { postJson, testApp } from '../test/helpers/app.js';
import { signIn, userSession } from '../test/helpers/session.js';

const TRIES = Number(process.env.BENCH_TRIES ?? 30);
const HOUR = 3_600_000;

const t = await testApp();
const clock = { now: Date.UTC(2026, 10, 22, 9) };
const app = createApp({ ...t.booted.deps, now: () => clock.now });

await userSession(app, await signIn(app), 'sofia', 'sociologist');

async function timed(username: string): Promise<number> {
  clock.now += HOUR;
  const started = performance.now();
  const res = await postJson(app, '/api/auth/login', { username, password: 'not-the-password' });
  const ms = performance.now() - started;
  if (res.status !== 401) throw new Error(`expected 401 for ${username}, got ${res.status}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
await timed('warm-up-unknown'); // the first unknown user builds the dummy hash
const unknown: number[] = [];
const wrong: number[] = [];
for (let i = 0; i < TRIES; i++) {
  unknown.push(await timed(`no-such-user-${i}`));
  wrong.push(await timed('sofia'));
}
const ratio = median(unknown) / median(wrong);
console.log(`Failed sign-ins, ${TRIES} tries each (median):`);
console.log(`  known user, wrong password (baseline): ${median(wrong).toFixed(1)} ms`);
console.log(`  unknown user:                          ${median(unknown).toFixed(1)} ms`);
console.log(
  `  ratio unknown / known: ${ratio.toFixed(2)} ${ratio > 0.8 && ratio < 1.25 ? '(ok)' : '(OUTSIDE 0.8–1.25: an account oracle)'}`,
);
await t.close();
