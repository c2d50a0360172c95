/**
 * Anonymity by design (DESIGN principle 5), checked on the bytes: a burst of submissions through
 * a real server, each with its own fake X-Forwarded-For / X-Real-IP address, User-Agent, tracking
 * cookie and (for some) a one-time link token, plus signed-in staff reading reports and failing to
 * sign in. Then the database file (raw bytes, WAL and shared memory included, while the server
 * runs and after it stops), the server's stdout/stderr and a backup are searched for any address
 * (127.0.0.1 and the fake ones), user agent, cookie value, session id, raw token or API key: none
 * is found. The token table holds only hashes, with nothing that links a token to a response.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startBundledServer } from '../helpers/bundled-server.js';
import { tableColumns, withDb } from '../helpers/database.js';
import { ADMIN_PASSWORD, type RunningServer } from '../helpers/server.js';

const SUBMISSIONS = 60;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

let server: RunningServer;
/** Everything that must never be written down, by what it is. */
const secrets = new Map<string, string>();
const tokens: string[] = [];
let runningFiles: Buffer[] = [];

async function json(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(server.url + url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

function sessionOf(res: Response): string {
  const value = /ovoz_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!value) throw new Error(`no session cookie (${res.status})`);
  secrets.set(value, 'session id');
  return `ovoz_session=${value}`;
}

function fakeAddress(i: number): string {
  const address =
    i % 3 === 2
      ? `2001:db8:${i.toString(16)}::${(i * 7).toString(16)}`
      : `203.0.${113 + (i % 2)}.${10 + i}`;
  secrets.set(address, 'address');
  return address;
}

beforeAll(async () => {
  // Behind a trusted proxy, so the fake forwarded addresses reach the rate limit and the sign-in
  // throttle (and must still never be written down).
  server = await startBundledServer({
    env: { OVOZ_LOG: 'info', OVOZ_TRUST_PROXY: '127.0.0.1, ::1' },
  });
  secrets.set('127.0.0.1', 'address');

  const admin = sessionOf(
    await json('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD }),
  );
  const created = await json(
    '/api/admin/users',
    {
      username: 'manager-sa',
      password: 'manager-password-123',
      role: 'manager',
      regions: ['UZ-SA'],
    },
    { cookie: admin },
  );
  expect(created.status).toBe(201);
  const manager = sessionOf(
    await json('/api/auth/login', { username: 'manager-sa', password: 'manager-password-123' }),
  );

  const issued = await json(
    '/api/admin/service-events',
    { survey: 'quick-feedback', provider: 'P-SA-01-1', count: 20 },
    { cookie: admin },
  );
  expect(issued.status).toBe(201);
  for (const l of ((await issued.json()) as { links: { token: string }[] }).links)
    tokens.push(l.token);
  const keyRes = await json(
    '/api/admin/api-keys',
    { provider: 'P-SA-01-1', label: 'HIS' },
    { cookie: admin },
  );
  const apiKey = ((await keyRes.json()) as { key: string }).key;
  secrets.set(apiKey, 'API key');
  const byKey = await json(
    '/api/admin/service-events',
    { survey: 'quick-feedback', provider: 'P-SA-01-1', count: 10 },
    { authorization: `Bearer ${apiKey}` },
  );
  expect(byKey.status).toBe(201);
  for (const l of ((await byKey.json()) as { links: { token: string }[] }).links)
    tokens.push(l.token);
  for (const token of tokens) secrets.set(token, 'one-time token');

  const results = await Promise.all(
    Array.from({ length: SUBMISSIONS }, async (_, i) => {
      const address = fakeAddress(i);
      const agent = `Mozilla/5.0 (Linux; Android 13; OvozProbe-${randomUUID()}) Mobile`;
      const tracker = `GA1.2.${randomUUID()}`;
      secrets.set(agent, 'user agent');
      secrets.set(tracker, 'tracking cookie');
      const res = await json(
        '/api/public/surveys/quick-feedback/responses',
        {
          id: randomUUID(),
          answers: {
            satisfaction: 1 + (i % 5),
            ...(i % 4 === 0 ? { comment: 'Navbat uzun edi' } : {}),
          },
          ...(i < tokens.length ? { t: tokens[i] } : {}),
          meta: { userAgent: agent, ip: address, cookie: tracker },
        },
        {
          'x-forwarded-for': `${address}, 10.0.0.1`,
          'x-real-ip': address,
          forwarded: `for="${address}"`,
          'user-agent': agent,
          cookie: `_ga=${tracker}`,
        },
      );
      return res.status;
    }),
  );
  expect(results.every((s) => s === 201)).toBe(true);
  secrets.set('10.0.0.1', 'address');

  // Staff at work: reports with sessions, failed sign-ins from "addresses".
  for (let i = 0; i < 5; i++) {
    const res = await fetch(
      `${server.url}/api/reports/satisfaction?survey=quick-feedback&groupBy=region`,
      {
        headers: {
          cookie: manager,
          'user-agent': `StaffBrowser-${i}`,
          'x-forwarded-for': fakeAddress(100 + i),
        },
      },
    );
    expect(res.status).toBe(200);
    secrets.set(`StaffBrowser-${i}`, 'user agent');
    const bad = await json(
      '/api/auth/login',
      { username: 'manager-sa', password: `wrong-${i}` },
      { 'x-forwarded-for': fakeAddress(200 + i) },
    );
    expect(bad.status).toBe(401);
  }
  // While the server runs: the database, its WAL and its shared memory as they are on disk.
  runningFiles = ['', '-wal', '-shm']
    .map((suffix) => server.dbPath + suffix)
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f));
  expect(runningFiles.length).toBe(3);
}, 60_000);

afterAll(async () => {
  await server?.kill();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
});

/** Which secrets occur in `bytes` (as UTF-8 or UTF-16), as "kind: value". */
function found(bytes: Buffer): string[] {
  const hits: string[] = [];
  for (const [value, kind] of secrets) {
    if (
      bytes.includes(Buffer.from(value, 'utf8')) ||
      bytes.includes(Buffer.from(value, 'utf16le'))
    ) {
      hits.push(`${kind}: ${value}`);
    }
  }
  return hits;
}

describe('nothing that identifies a person is written down', () => {
  it('the database, its WAL and shared memory while serving hold none of it', () => {
    expect(secrets.size).toBeGreaterThan(3 * SUBMISSIONS);
    for (const bytes of runningFiles) expect(found(bytes)).toEqual([]);
    // The search does find what is stored: a token's hash, the manager's name.
    const all = Buffer.concat(runningFiles);
    expect(all.includes(Buffer.from(sha256(tokens[0]!)))).toBe(true);
    expect(all.includes(Buffer.from('manager-sa'))).toBe(true);
  });

  it('the server’s logs hold none of it (its own listening address aside)', () => {
    const logs = server
      .output()
      .split('\n')
      .filter((line) => !line.includes('"msg":"Ovoz listening on '))
      .join('\n');
    expect(found(Buffer.from(logs))).toEqual([]);
  });

  it('a backup holds none of it, and neither does the database after a clean stop', async () => {
    const file = path.join(server.dir, 'backup.db');
    const cli = await runCli(server.databaseUrl, ['backup', file]);
    expect(cli.status, cli.stderr).toBe(0);
    expect(found(fs.readFileSync(file))).toEqual([]);
    expect(found(Buffer.from(cli.stdout + cli.stderr))).toEqual([]);
    expect(await server.stop()).toBe(0);
    for (const suffix of ['', '-wal', '-shm']) {
      const f = server.dbPath + suffix;
      if (fs.existsSync(f)) expect(found(fs.readFileSync(f)), f).toEqual([]);
    }
  });

  it('tokens are kept only as hashes, with nothing that links one to a response', async () => {
    await withDb(server.databaseUrl, async (db) => {
      const rows: Record<string, unknown>[] = await db
        .selectFrom('service_token')
        .selectAll()
        .execute();
      expect(rows.length).toBe(tokens.length);
      const hashes = new Set(rows.map((r) => r.token_hash));
      for (const token of tokens) expect(hashes.has(sha256(token))).toBe(true);
      // What a token row may hold: no response id, no time of use, no address.
      const columns = async (table: string) => (await tableColumns(db, table)).sort();
      expect(await columns('service_token')).toEqual(
        [
          'delivered_at',
          'district',
          'expires_at',
          'provider',
          'region',
          'requested_at',
          'service_type',
          'survey_id',
          'token_hash',
          'used',
        ].sort(),
      );
      // A used token keeps only the flag: its service details are cleared.
      const used = rows.filter((r) => r.used === 1);
      expect(used.length).toBe(Math.min(tokens.length, SUBMISSIONS));
      for (const r of used)
        expect([r.service_type, r.requested_at, r.delivered_at]).toEqual([null, null, null]);
      // Responses: no token, no address, no agent, no exact time.
      expect(await columns('response')).toEqual(
        [
          'answers',
          'channel',
          'day',
          'district',
          'id',
          'lang',
          'provider',
          'region',
          'request_hash',
          'sector',
          'service_days',
          'submitted_at',
          'survey_id',
          'version_id',
        ].sort(),
      );
      const responses = await db.selectFrom('response').selectAll().execute();
      expect(responses.length).toBe(SUBMISSIONS);
      for (const r of responses) {
        expect(r.submitted_at).toMatch(/T\d\d:00:00\.000Z$/);
        expect(hashes.has(r.request_hash)).toBe(false);
        expect(JSON.parse(r.answers)).not.toHaveProperty('meta');
        expect(r.answers).not.toMatch(/OvozProbe|GA1\.2\./);
      }
      // Sessions: only hashes of their ids.
      const sessions = await db.selectFrom('session').select('id_hash').execute();
      for (const s of sessions) expect(s.id_hash).toMatch(/^[0-9a-f]{64}$/);
    });
  });
});
