/**
 * What a storage engine that serves one process needs no database for: a lock, change notices and
 * rate-limit counters kept in this process's memory. The SQLite engine uses them (one server
 * process per database file); PostgreSQL shares them between instances through the database.
 */
import type { ChangeFeed, ChangeTopic, HitCounter } from '../storage.js';

export function localLocks(): <T>(name: string, work: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (name, work) => {
    const before = tails.get(name) ?? Promise.resolve();
    const run = before.then(work, work);
    const tail = run.catch(() => undefined);
    tails.set(name, tail);
    void tail.then(() => {
      if (tails.get(name) === tail) tails.delete(name);
    });
    return run;
  };
}

export function localChanges(): ChangeFeed {
  const listeners = new Set<(topic: ChangeTopic) => void>();
  return {
    publish(topic) {
      for (const l of listeners) l(topic);
      return Promise.resolve();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Counts per key for the current and the previous window; older windows are forgotten. */
export function localHits(): HitCounter {
  let window = 0;
  let counts = new Map<string, number>();
  return {
    hit(key, windowStart) {
      if (windowStart !== window) {
        window = windowStart;
        counts = new Map();
      }
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      return Promise.resolve(n);
    },
  };
}
