/**
 * The app in-process on a real database (a SQLite file in a temp dir, or a new database on the test
 * PostgreSQL server: test/helpers/database.ts), for app.request() tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../../server/app.js';
import { boot, type Booted } from '../../server/boot.js';
import { parseConfig } from '../../server/config.js';
import { databaseUrlFor } from './database.js';
import { assertConforms } from './openapi.js';
import { ADMIN_PASSWORD, ROOT, TEST_CHECK_BUDGET, tempDir } from './server.js';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  booted: Booted;
  dir: string;
  close(): Promise<void>;
}

export async function testApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dir = tempDir();
  const config = parseConfig({
    DATABASE_URL: await databaseUrlFor(dir),
    OVOZ_ADMIN_PASSWORD: ADMIN_PASSWORD,
    OVOZ_RATE_LIMIT: '0',
    OVOZ_SURVEYS_DIR: path.join(ROOT, 'surveys'),
    OVOZ_WEB_DIR: path.join(ROOT, 'dist/web'),
    OVOZ_LOG: 'silent',
    ...TEST_CHECK_BUDGET,
    ...env,
  });
  const booted = await boot(config);
  return {
    app: conforming(createApp(booted.deps)),
    booted,
    dir,
    async close() {
      await booted.deps.writer.drain();
      await booted.storage.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The app, whose every answer to `app.request` is checked against docs/openapi.json
 * (test/helpers/openapi.ts) before the test sees it.
 */
export function conforming(app: ReturnType<typeof createApp>): ReturnType<typeof createApp> {
  const request = app.request;
  app.request = async (input, init, env, ctx) => {
    const res = await request(input, init, env, ctx);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const url = input instanceof Request ? input.url : String(input);
    await assertConforms(method, url, res);
    return res;
  };
  return app;
}

export function postJson(
  app: TestApp['app'],
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return app.request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
