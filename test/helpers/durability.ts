/**
 * What the fault tests share: a burst of quick-feedback submissions against a real server that
 * records what the server answered for every id, and a check of its database afterwards —
 * integrity, and rollups equal to a rebuild from the stored responses (so no response was
 * half-written: stored without its counts, or counted without being stored).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { rebuildInside } from '../../server/ingest/rebuild-rollups.js';
import { withDb, withStorage } from './database.js';
import { rollupSnapshot } from './rollup-snapshot.js';
import { tempDir } from './server.js';

export { rollupSnapshot };

export const QUICK = '/api/public/surveys/quick-feedback/responses';

export interface BurstLog {
  /** Ids answered 200 or 201: the server promised they are stored. */
  acknowledged: Set<string>;
  /** Ids answered 4xx/5xx: the server promised they are not stored. */
  refused: Map<string, number>;
  /** Every status seen, with its count. */
  statuses: Map<number, number>;
  /** 429/503 answers without a Retry-After header. */
  withoutRetryAfter: number;
  /** Requests that ended without an answer (connection reset, server gone). */
  unanswered: number;
  /** Requests sent so far, answered or not. */
  sent: number;
  /** Called after each request that ended; see whenLog(). */
  waiters: Array<() => void>;
}

export function newLog(): BurstLog {
  return {
    acknowledged: new Set(),
    refused: new Map(),
    statuses: new Map(),
    withoutRetryAfter: 0,
    unanswered: 0,
    sent: 0,
    waiters: [],
  };
}

/** Resolves once `holds(log)` is true, checked after every request that ends: an event. */
export function whenLog(log: BurstLog, holds: (log: BurstLog) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (holds(log)) return resolve();
    const waiter = () => {
      if (!holds(log)) return;
      log.waiters.splice(log.waiters.indexOf(waiter), 1);
      resolve();
    };
    log.waiters.push(waiter);
  });
}

/** Resolves when the log holds at least `count` acknowledgements. */
export function acknowledgements(log: BurstLog, count: number): Promise<void> {
  return whenLog(log, (l) => l.acknowledged.size >= count);
}

/** One quick-feedback submission; its outcome goes into the log. */
export async function submitOne(base: string, log: BurstLog, id = randomUUID()): Promise<number> {
  let res: Response;
  log.sent += 1;
  try {
    res = await fetch(base + QUICK, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, answers: { satisfaction: 1 + (id.charCodeAt(0) % 5) } }),
    });
    await res.arrayBuffer();
  } catch {
    log.unanswered += 1;
    for (const waiter of [...log.waiters]) waiter();
    return 0;
  }
  log.statuses.set(res.status, (log.statuses.get(res.status) ?? 0) + 1);
  if (res.status === 200 || res.status === 201) log.acknowledged.add(id);
  else log.refused.set(id, res.status);
  if ((res.status === 429 || res.status === 503) && !res.headers.get('retry-after')) {
    log.withoutRetryAfter += 1;
  }
  for (const waiter of [...log.waiters]) waiter();
  return res.status;
}

/** `workers` loops submitting until `stop.now`, or until the server is gone. */
export function burst(
  base: string,
  log: BurstLog,
  stop: { now: boolean },
  workers = 16,
): Promise<void> {
  const worker = async () => {
    while (!stop.now) {
      const before = log.unanswered;
      await submitOne(base, log);
      if (log.unanswered > before) return; // the server died under us
    }
  };
  return Promise.all(Array.from({ length: workers }, worker)).then(() => undefined);
}

export interface DatabaseCheck {
  /** SQLite: `integrity_check` of a copy; PostgreSQL: `ok` when every index and table reads back. */
  integrity: string;
  responses: number;
  /** Ids of these that are not stored exactly once. */
  missing: string[];
  /** Ids of these that are stored. */
  present: string[];
  /** The rollups equal a rebuild from the responses. */
  rollupsMatchResponses: boolean;
  /** Response count per survey slug. */
  perSurvey: Record<string, number>;
}

/**
 * Checks the database at `databaseUrl`: integrity, which of `expected` are stored exactly once
 * and which of `absent` are stored, and whether the rollups equal what a rebuild computes from the
 * stored responses. A SQLite file (with its WAL) is checked through a copy, so the original stays
 * untouched; a PostgreSQL database is checked in place, the rebuild rolled back afterwards.
 */
export async function checkDatabase(
  databaseUrl: string,
  expected: Iterable<string> = [],
  absent: Iterable<string> = [],
): Promise<DatabaseCheck> {
  if (!databaseUrl.startsWith('sqlite:')) return checkStorage(databaseUrl, expected, absent);
  const dir = tempDir('ovoz-check-');
  const copy = path.join(dir, 'copy.db');
  try {
    await withDb(databaseUrl, async (db) => {
      await sql`vacuum into ${copy}`.execute(db);
    });
    return await checkStorage(`sqlite:${copy}`, expected, absent);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Thrown to roll back the rebuild of a checked PostgreSQL database. */
class Undo extends Error {}

async function checkStorage(
  databaseUrl: string,
  expected: Iterable<string>,
  absent: Iterable<string>,
): Promise<DatabaseCheck> {
  return withStorage(databaseUrl, async (storage) => {
    const db = storage.db;
    const integrity =
      storage.engine === 'sqlite'
        ? String(
            (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows[0]
              ?.integrity_check,
          )
        : // amcheck is not installed by default: reading every table and index is the check.
          (await sql`select count(*) from response`.execute(db), 'ok');
    const stored = new Map<string, number>();
    for (const r of (
      await sql<{
        id: string;
        n: number;
      }>`select id, count(*) as n from response group by id`.execute(db)
    ).rows) {
      stored.set(r.id, Number(r.n));
    }
    const missing = [...expected].filter((id) => stored.get(id) !== 1);
    const present = [...absent].filter((id) => stored.has(id));
    const responses = [...stored.values()].reduce((a, b) => a + b, 0);
    const perSurvey = Object.fromEntries(
      (
        await sql<{ slug: string; n: number }>`select s.slug, count(r.id) as n from survey s
          left join response r on r.survey_id = s.id group by s.slug`.execute(db)
      ).rows.map((r) => [r.slug, Number(r.n)]),
    );
    const before = await rollupSnapshot(db);
    let after: string[] = [];
    try {
      await storage.rebuildRollups(async (tx) => {
        await rebuildInside(tx);
        after = await rollupSnapshot(tx.db);
        if (storage.engine === 'postgres') throw new Undo();
      });
    } catch (e) {
      if (!(e instanceof Undo)) throw e;
    }
    const rollupsMatchResponses =
      before.length === after.length && before.every((row, i) => row === after[i]);
    return { integrity, responses, missing, present, rollupsMatchResponses, perSurvey };
  });
}
