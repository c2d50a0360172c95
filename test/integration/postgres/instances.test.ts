/**
 * Two Ovoz instances (real server processes) on one PostgreSQL database, as behind a load
 * balancer: what one instance does, the other sees and respects — sessions, one-time tokens, wave
 * quotas, rate limits, retries of one response, and surveys saved or closed on the other.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { createApp } from '../../../server/app.js';
import { boot } from '../../../server/boot.js';
import { parseConfig } from '../../../server/config.js';
import { postJson } from '../../helpers/app.js';
import { runCli, startBundledServer } from '../../helpers/bundled-server.js';
import { createPgDatabase, withDb } from '../../helpers/database.js';
import { checkDatabase } from '../../helpers/durability.js';
import {
  ROOT,
  signInOver,
  TEST_CHECK_BUDGET,
  tempDir,
  type RunningServer,
} from '../../helpers/server.js';

const SURVEY = 'social-services';
const PROVIDER = 'P-SA-01-1';
const ANSWERS = {
  satisfaction: 4,
  drivers: {
    timeliness: 3,
    ease: 4,
    information: 4,
    courtesy: 5,
    fairness: 5,
    accessibility: 4,
    outcome: 4,
  },
  trust: 4,
};

let a: RunningServer;
let b: RunningServer;
let databaseUrl: string;
let cookie: string;

beforeAll(async () => {
  databaseUrl = await createPgDatabase();
  const env = { OVOZ_SECRET: 'two-instances-share-this-secret-0123456789', OVOZ_RATE_LIMIT: '0' };
  // Started together on a new database: both migrate, seed and sync at once.
  [a, b] = await Promise.all([
    startBundledServer({ dir: tempDir(), databaseUrl, env }),
    startBundledServer({ dir: tempDir(), databaseUrl, env }),
  ]);
  cookie = await signInOver(a.url);
}, 60_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

const post = (server: RunningServer, path: string, body: unknown, headers = {}) =>
  fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const submit = (server: RunningServer, slug: string, body: object) =>
  post(server, `/api/public/surveys/${slug}/responses`, { id: randomUUID(), ...body });

describe('two instances on one PostgreSQL database', () => {
  it('ran each migration once although both started at once, and seeded once', async () => {
    await withDb(databaseUrl, async (db) => {
      const migrations = await db
        .selectFrom('kysely_migration' as never)
        .select(['name' as never])
        .execute();
      const names = migrations.map((m) => (m as { name: string }).name);
      expect(names.length).toBeGreaterThan(8);
      expect(new Set(names).size).toBe(names.length);
      const versions = await db
        .selectFrom('survey_version')
        .select(['survey_id', 'version'])
        .execute();
      expect(versions).toHaveLength(2);
      const admins = await db.selectFrom('app_user').select('username').execute();
      expect(admins.map((u) => u.username)).toEqual(['admin']);
    });
  });

  it('a session made on one instance works on the other', async () => {
    const me = await fetch(`${b.url}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('admin');
  });

  it('one token, 20 parallel submissions over both instances: exactly one 201', async () => {
    const issued = await post(
      a,
      '/api/admin/service-events',
      { survey: SURVEY, provider: PROVIDER },
      { cookie },
    );
    expect(issued.status).toBe(201);
    const { links } = (await issued.json()) as { links: Array<{ token: string }> };
    const token = links[0]!.token;
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        submit(i % 2 ? a : b, SURVEY, { answers: ANSWERS, t: token }).then(async (r) => ({
          status: r.status,
          code: ((await r.json()) as { error?: { code: string } }).error?.code,
        })),
      ),
    );
    expect(statuses.filter((s) => s.status === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s.status === 409 && s.code === 'TokenUsed')).toHaveLength(19);
    await withDb(databaseUrl, async (db) => {
      const row = await db
        .selectFrom('service_token')
        .select('used')
        .where('provider', '=', PROVIDER)
        .execute();
      expect(row.filter((r) => r.used === 1)).toHaveLength(1);
      const stored = await db
        .selectFrom('response')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('provider', '=', PROVIDER)
        .executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(1);
    });
  });

  it('the same response sent to both instances at once is stored once, with one receipt', async () => {
    for (let round = 0; round < 10; round++) {
      const body = { id: randomUUID(), answers: { satisfaction: 5 } };
      const [x, y] = await Promise.all([
        post(a, '/api/public/surveys/quick-feedback/responses', body),
        post(b, '/api/public/surveys/quick-feedback/responses', body),
      ]);
      expect([x.status, y.status].sort()).toEqual([200, 201]);
      const [rx, ry] = [(await x.json()) as object, (await y.json()) as object];
      expect(rx).toEqual(ry);
      await withDb(databaseUrl, async (db) => {
        const rows = await db
          .selectFrom('response')
          .select('id')
          .where('id', '=', body.id)
          .execute();
        expect(rows).toHaveLength(1);
      });
    }
  });

  it('rollups rebuilt elsewhere (new cell ids) while both instances write: every response counted once', async () => {
    const acknowledged: string[] = [];
    const send = async (server: RunningServer) => {
      const id = randomUUID();
      const res = await post(server, `/api/public/surveys/${SURVEY}/responses`, {
        id,
        answers: ANSWERS,
      });
      expect(res.status).toBe(201);
      acknowledged.push(id);
    };
    // Both instances have met (and remember) the cells of these responses.
    for (let i = 0; i < 4; i++) await send(i % 2 ? a : b);
    const rebuilt = await runCli(databaseUrl, ['rollups', 'rebuild']);
    expect(rebuilt.stderr).toBe('');
    expect(rebuilt.status).toBe(0);
    // Their remembered cell ids are gone: each finds out, and counts by key again.
    for (let i = 0; i < 6; i++) await send(i % 2 ? a : b);
    const check = await checkDatabase(databaseUrl, new Set(acknowledged));
    expect(check.missing).toEqual([]);
    expect(check.rollupsMatchResponses).toBe(true);
  });

  it('a wave quota of 5 holds across both instances: 5 accepted of 16', async () => {
    const today = new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 10);
    const wave = await post(
      a,
      `/api/admin/surveys/${SURVEY}/waves`,
      {
        name: `w-${randomUUID().slice(0, 6)}`,
        startsOn: today,
        endsOn: today,
        quotas: { 'UZ-NW': 5 },
      },
      { cookie },
    );
    expect(wave.status).toBe(201);
    const answers = { ...ANSWERS, region: 'UZ-NW', district: 'UZ-NW-01', provider: 'P-NW-01-1' };
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        submit(i % 2 ? a : b, SURVEY, { answers }).then(async (r) => ({
          status: r.status,
          code: ((await r.json()) as { error?: { code: string } }).error?.code,
        })),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.code === 'QuotaReached')).toHaveLength(11);
  });

  it('a survey closed on one instance is closed on the other at once', async () => {
    expect((await submit(b, 'quick-feedback', { answers: { satisfaction: 4 } })).status).toBe(201);
    const closed = await post(a, '/api/admin/surveys/quick-feedback/close', {}, { cookie });
    expect(closed.status).toBe(200);
    // The other instance heard the change notice; no restart, no waiting for a cache to expire.
    await expect
      .poll(
        async () => (await submit(b, 'quick-feedback', { answers: { satisfaction: 4 } })).status,
      )
      .toBe(410);
    expect((await fetch(`${b.url}/api/public/surveys/quick-feedback`)).status).toBe(410);
    expect((await post(a, '/api/admin/surveys/quick-feedback/open', {}, { cookie })).status).toBe(
      200,
    );
    await expect
      .poll(async () => (await fetch(`${b.url}/api/public/surveys/quick-feedback`)).status)
      .toBe(200);
  });

  it('a new version saved on one instance is what the other serves', async () => {
    const current = (await (await fetch(`${a.url}/api/public/surveys/quick-feedback`)).json()) as {
      version: number;
      json: Record<string, unknown>;
    };
    const admin = await fetch(`${a.url}/api/admin/surveys/quick-feedback`, { headers: { cookie } });
    expect(admin.status).toBe(200);
    const { json } = (await admin.json()) as { json: Record<string, unknown> };
    const title = {
      uz: 'Yangi sarlavha',
      'uz-Cyrl': 'Янги сарлавҳа',
      ru: 'Новый заголовок',
      en: 'A new title',
    };
    const saved = await post(
      a,
      '/api/admin/surveys/quick-feedback/versions',
      { json: { ...json, title } },
      { cookie },
    );
    expect(saved.status).toBe(201);
    await expect
      .poll(
        async () =>
          (
            (await (await fetch(`${b.url}/api/public/surveys/quick-feedback`)).json()) as {
              version: number;
            }
          ).version,
      )
      .toBe(current.version + 1);
  });

  it('the rate limit of one address counts on both instances together', async () => {
    // Two more instances, in-process, on the same database, with a limit of 5 a minute and one
    // clock (so no minute turns during the test).
    const now = () => Date.parse('2026-12-07T10:00:30Z');
    const config = parseConfig({
      DATABASE_URL: databaseUrl,
      OVOZ_RATE_LIMIT: '5',
      OVOZ_MIN_COMPLETION_SECONDS: '0',
      OVOZ_SURVEYS_DIR: path.join(ROOT, 'surveys'),
      OVOZ_LOG: 'silent',
      ...TEST_CHECK_BUDGET,
    });
    const instances = [await boot(config), await boot(config)];
    try {
      const apps = instances.map((i) => createApp({ ...i.deps, now }));
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await postJson(apps[i % 2]!, '/api/public/surveys/quick-feedback/responses', {
          id: randomUUID(),
          answers: { satisfaction: 3 },
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    } finally {
      for (const i of instances) {
        await i.deps.writer.drain();
        await i.storage.close();
      }
    }
  });
});
