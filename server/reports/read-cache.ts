/**
 * What the rollup reads of exact reports returned, kept while the database has not changed: a
 * dashboard asks the same reads again and again (every filter change, every reload, every
 * manager), and between two commits their answer is the same. Each read is checked against the
 * storage's data version (db/storage.ts `dataVersion`): any commit since — a response, a rebuild,
 * another process's write — drops everything kept, so a report never shows counts older than its
 * request. The token is read before the data, so what is kept under a token is at least as new as
 * the token.
 *
 * Bounded: at most MAX_GROUPS groups kept in all, the least recently used read dropped first. What
 * is kept is shared between requests: the counts a read returns are only ever read (regroup() and
 * mergeCounts() add them into new objects).
 */
import type { Storage } from '../../db/storage.js';
import type { GroupCounts } from './rollup-reader.js';

/** Groups kept at most per database (a provider × month read of a year holds about a thousand). */
const MAX_GROUPS = 50_000;

interface Kept {
  version: string;
  reads: Map<string, GroupCounts[]>;
  groups: number;
}

export interface ReadCache {
  /** `read`'s answer under `key`: the kept one while the data is unchanged, else read anew. */
  get(key: string, read: () => Promise<GroupCounts[]>): Promise<GroupCounts[]>;
}

const caches = new WeakMap<Pick<Storage, 'dataVersion'>, ReadCache>();

/** The read cache of one storage (one per database and process). */
export function readCacheOf(storage: Pick<Storage, 'dataVersion'>): ReadCache {
  let cache = caches.get(storage);
  if (!cache) caches.set(storage, (cache = createReadCache(() => storage.dataVersion())));
  return cache;
}

export function createReadCache(dataVersion: () => Promise<string>): ReadCache {
  let kept: Kept = { version: '', reads: new Map(), groups: 0 };
  return {
    async get(key, read) {
      const version = await dataVersion();
      if (kept.version !== version) kept = { version, reads: new Map(), groups: 0 };
      const hit = kept.reads.get(key);
      if (hit) {
        // Most recently used last.
        kept.reads.delete(key);
        kept.reads.set(key, hit);
        return hit;
      }
      const groups = await read();
      // Another request may have seen a newer version meanwhile: keep only under the current one.
      if (kept.version !== version || groups.length > MAX_GROUPS) return groups;
      kept.reads.set(key, groups);
      kept.groups += groups.length;
      for (const [k, v] of kept.reads) {
        if (kept.groups <= MAX_GROUPS) break;
        kept.reads.delete(k);
        kept.groups -= v.length;
      }
      return groups;
    },
  };
}
