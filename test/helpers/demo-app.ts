/**
 * In-process apps holding synthetic demo responses (server/demo/generate.ts): the bare test app
 * (its clock set to `now` when given), and one with the admin's session and a getter of reports
 * that fails the test on any status but 200.
 */
import { expect } from 'vitest';
import { loadDemo, type DemoOptions, type DemoSummary } from '../../server/demo/generate.js';
import { testApp, type TestApp } from './app.js';
import { signIn } from './session.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** A test app on a fresh database holding demo data. */
export async function demoTestApp(
  options: DemoOptions,
  now?: number,
): Promise<TestApp & { demo: DemoSummary }> {
  const t = await testApp();
  if (now !== undefined) t.booted.deps.now = () => now;
  const { storage, config } = t.booted.deps;
  const demo = await loadDemo({ storage, utcOffsetMinutes: config.utcOffsetMinutes }, options);
  return Object.assign(t, { demo });
}

export interface DemoApp {
  t: TestApp;
  admin: string;
  /** GET /api/reports/<kind>?<base><query> as `cookie` (the admin by default). */
  report(kind: string, query: string, cookie?: string): Promise<Json>;
}

export async function demoApp(options: DemoOptions, base: string): Promise<DemoApp> {
  const t = await demoTestApp(options);
  const admin = await signIn(t.app);
  return {
    t,
    admin,
    async report(kind, query, cookie = admin) {
      const res = await t.app.request(`/api/reports/${kind}?${base}${query}`, {
        headers: { cookie },
      });
      const body = (await res.json()) as Json;
      expect(res.status, JSON.stringify(body).slice(0, 400)).toBe(200);
      return body;
    },
  };
}
