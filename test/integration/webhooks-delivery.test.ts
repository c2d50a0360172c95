/**
 * Webhooks end to end, against the real server process and a real receiver on loopback (allowed
 * by OVOZ_WEBHOOK_ALLOW_PRIVATE=1): events committed by the response transaction survive a SIGKILL
 * before any delivery and reach the receiver exactly once after the restart, signed; an endpoint
 * answering 500 is tried again and then gets the event.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { newLog, submitOne } from '../helpers/durability.js';
import { withDb } from '../helpers/database.js';
import { signInOver, startServer, type RunningServer } from '../helpers/server.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';

const SECRET = 'whsec_test-secret-for-the-receiver-0123456789';
const dirs: string[] = [];
const servers: RunningServer[] = [];
const receivers: Receiver[] = [];

afterAll(async () => {
  for (const s of servers) await s.kill();
  for (const r of receivers) await r.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function start(env: Record<string, string>, dir?: string, databaseUrl?: string) {
  const server = await startServer({
    ...(dir ? { dir } : {}),
    ...(databaseUrl ? { databaseUrl } : {}),
    env: { OVOZ_WEBHOOK_ALLOW_PRIVATE: '1', ...env },
  });
  servers.push(server);
  if (!dir) dirs.push(server.dir);
  return server;
}

async function register(server: RunningServer, url: string, events: string[]) {
  const cookie = await signInOver(server.url);
  const res = await fetch(`${server.url}/api/admin/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: server.url },
    body: JSON.stringify({ url, events, secret: SECRET }),
  });
  expect(res.status).toBe(201);
  return { cookie, endpoint: ((await res.json()) as { endpoint: { id: number } }).endpoint };
}

/** Submits `count` quick-feedback responses; all must be acknowledged with 201. */
async function submit(server: RunningServer, count: number): Promise<void> {
  const log = newLog();
  for (let i = 0; i < count; i++) await submitOne(server.url, log);
  expect(log.statuses.get(201)).toBe(count);
}

describe('webhook delivery', () => {
  it('delivers every event exactly once after a SIGKILL between the commit and the delivery', async () => {
    const receiver = await startReceiver(SECRET);
    receivers.push(receiver);
    // The first process never reaches its first delivery round before it is killed.
    let server = await start({ OVOZ_WEBHOOK_POLL_MS: '3600000' });
    await register(server, receiver.url, ['response.created']);
    await submit(server, 12);
    const outbox = await withDb(server.databaseUrl, (db) =>
      db.selectFrom('webhook_outbox').select('payload').execute(),
    );
    const listed = outbox.flatMap((r) => JSON.parse(r.payload) as unknown[]);
    expect(listed).toHaveLength(12);
    await server.kill();
    expect(receiver.received).toHaveLength(0);

    server = await start({ OVOZ_WEBHOOK_POLL_MS: '50' }, server.dir, server.databaseUrl);
    await receiver.until((r) => new Set(r.map((x) => x.id)).size >= 12);
    // One more event, committed after the twelve arrived: it reaches the deliveries only at the
    // start of a later round (events.ts), so by its arrival a round after the twelve has run and
    // had its chance to send one of them a second time.
    await submit(server, 1);
    await receiver.until((r) => new Set(r.map((x) => x.id)).size >= 13);
    expect(await server.stop()).toBe(0);

    const ids = receiver.received.map((r) => r.id);
    expect(new Set(ids).size).toBe(13);
    expect(ids).toHaveLength(13);
    for (const r of receiver.received) {
      expect(r.validSignature).toBe(true);
      expect(r.event.id).toBe(r.id);
      expect(r.event.type).toBe('response.created');
      expect(Object.keys(r.event.data).sort()).toEqual(
        ['provider', 'region', 'survey', 'time', 'version'].sort(),
      );
      expect(r.event.data.survey).toBe('quick-feedback');
      expect(r.body).not.toContain('satisfaction');
    }
    const delivered = await withDb(server.databaseUrl, (db) =>
      db.selectFrom('webhook_delivery').select(['status', 'attempts']).execute(),
    );
    expect(delivered.map((d) => [d.status, d.attempts])).toEqual(
      Array.from({ length: 13 }, () => ['delivered', 1]),
    );
  }, 120_000);

  it('tries an endpoint answering 500 again until it succeeds', async () => {
    // The first attempt of every event fails; the second succeeds.
    const receiver = await startReceiver(SECRET, (_event, earlier) => (earlier.length ? 200 : 500));
    receivers.push(receiver);
    const server = await start({ OVOZ_WEBHOOK_POLL_MS: '50', OVOZ_WEBHOOK_RETRY_BASE_MS: '200' });
    const { cookie } = await register(server, receiver.url, ['response.created']);
    await submit(server, 3);
    await receiver.until((r) => r.filter((x) => x.status === 200).length >= 3);

    const byId = new Map<string, typeof receiver.received>();
    for (const r of receiver.received) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
    expect(byId.size).toBe(3);
    for (const attempts of byId.values()) {
      expect(attempts.map((a) => a.status)).toEqual([500, 200]);
      expect(attempts.every((a) => a.validSignature)).toBe(true);
      expect(attempts[1]!.body).toBe(attempts[0]!.body);
    }
    // The receiver has answered; Ovoz records each answer right after it arrives.
    const logged = async () => {
      const log = await fetch(`${server.url}/api/admin/webhooks/deliveries`, {
        headers: { cookie },
      });
      expect(log.status).toBe(200);
      const { deliveries } = (await log.json()) as {
        deliveries: Array<{ status: string; attempts: number; lastStatus: number }>;
      };
      return deliveries.map((d) => [d.status, d.attempts, d.lastStatus]);
    };
    await expect
      .poll(logged, { timeout: 30_000 })
      .toEqual(Array.from({ length: 3 }, () => ['delivered', 2, 200]));
    expect(await server.stop()).toBe(0);
  }, 120_000);
});
