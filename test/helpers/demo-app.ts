/**
 * A test app on a fresh database holding demo data (server/demo/generate.ts), its clock set to
 * `now` when given: what the report, anonymity and open-data tests start from.
 */
import { loadDemo, type DemoOptions, type DemoSummary } from '../../server/demo/generate.js';
import { testApp, type TestApp } from './app.js';

export async function demoApp(
  options: DemoOptions,
  now?: number,
): Promise<TestApp & { demo: DemoSummary }> {
  const t = await testApp();
  if (now !== undefined) t.booted.deps.now = () => now;
  const { storage, config } = t.booted.deps;
  const demo = await loadDemo({ storage, utcOffsetMinutes: config.utcOffsetMinutes }, options);
  return Object.assign(t, { demo });
}
