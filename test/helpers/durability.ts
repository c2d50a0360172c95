/**
 * What the fault tests share: a burst of quick-feedback submissions against a real server that
 * records what the server answered for every id, and a check of a database file afterwards —
 * integrity_check, and rollups equal to a rebuild from the stored responses (so no response was
 * half-written: stored without its counts, or counted without being stored).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../db/client.js';
import { rebuildRollups } from '../../server/reports/rebuild.js';
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
}

export function newLog(): BurstLog {
  return {
    acknowledged: new Set(),
    refused: new Map(),
    statuses: new Map(),
    withoutRetryAfter: 0,
    unanswered: 0,
  };
}

/** One quick-feedback submission; its outcome goes into the log. */
export async function submitOne(base: string, log: BurstLog, id = randomUUID()): Promise<number> {
  let res: Response;
  try {
    res = await fetch(base + QUICK, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, answers: { satisfaction: 1 + (id.charCodeAt(0) % 5) } }),
    });
    await res.arrayBuffer();
  } catch {
    log.unanswered += 1;
    return 0;
  }
  log.statuses.set(res.status, (log.statuses.get(res.status) ?? 0) + 1);
  if (res.status === 200 || res.status === 201) log.acknowledged.add(id);
  else log.refused.set(id, res.status);
  if ((res.status === 429 || res.status === 503) && !res.headers.get('retry-after')) {
    log.withoutRetryAfter += 1;
  }
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
 * Checks the database at dbPath (with its WAL) through a copy, so the original stays untouched:
 * integrity, which of `expected` are stored exactly once and which of `absent` are stored, and
 * whether the rollups equal what a rebuild computes from the stored responses.
 */
export async function checkDatabase(
  dbPath: string,
  expected: Iterable<string> = [],
  absent: Iterable<string> = [],
): Promise<DatabaseCheck> {
  const dir = tempDir('ovoz-check-');
  const copy = path.join(dir, 'copy.db');
  try {
    const source = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      source.prepare('VACUUM INTO ?').run(copy);
    } finally {
      source.close();
    }
    const handle = openDatabase(`sqlite:${copy}`);
    try {
      const db = handle.sqlite;
      const integrity = String(db.pragma('integrity_check', { simple: true }));
      const count = db.prepare('select count(*) n from response where id = ?');
      const n = (id: string) => (count.get(id) as { n: number }).n;
      const missing = [...expected].filter((id) => n(id) !== 1);
      const present = [...absent].filter((id) => n(id) !== 0);
      const responses = (db.prepare('select count(*) n from response').get() as { n: number }).n;
      const perSurvey = Object.fromEntries(
        (
          db
            .prepare(
              'select s.slug, count(r.id) n from survey s left join response r on r.survey_id = s.id group by s.slug',
            )
            .all() as { slug: string; n: number }[]
        ).map((r) => [r.slug, r.n]),
      );
      const before = rollupSnapshot(db);
      rebuildRollups(handle);
      const after = rollupSnapshot(db);
      const rollupsMatchResponses =
        before.length === after.length && before.every((row, i) => row === after[i]);
      return { integrity, responses, missing, present, rollupsMatchResponses, perSurvey };
    } finally {
      await handle.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
