/** The reports' read cache: kept while the data version stays, dropped when it moves. */
import { describe, expect, it } from 'vitest';
import { createReadCache } from '../../../server/reports/read-cache.js';
import { emptyCounts, type GroupCounts } from '../../../server/reports/rollup-reader.js';

const groups = (responses: number): GroupCounts[] => [
  { ...emptyCounts({ region: 'r1' }), responses },
];

describe('createReadCache', () => {
  it('answers a read again from what it kept while the version stays', async () => {
    let reads = 0;
    const cache = createReadCache(async () => 'v1');
    const read = async () => groups(++reads);
    expect((await cache.get('a', read))[0]!.responses).toBe(1);
    expect((await cache.get('a', read))[0]!.responses).toBe(1);
    expect((await cache.get('b', read))[0]!.responses).toBe(2);
    expect(reads).toBe(2);
  });

  it('reads anew once the version moved', async () => {
    let version = 'v1';
    let reads = 0;
    const cache = createReadCache(async () => version);
    const read = async () => groups(++reads);
    await cache.get('a', read);
    version = 'v2';
    expect((await cache.get('a', read))[0]!.responses).toBe(2);
    expect((await cache.get('a', read))[0]!.responses).toBe(2);
  });

  it('does not keep a read made under a version that moved while it ran', async () => {
    let version = 'v1';
    let reads = 0;
    const cache = createReadCache(async () => version);
    const slow = async () => {
      reads += 1;
      // Another request sees the newer version before this read returns.
      version = 'v2';
      await cache.get('other', async () => groups(0));
      return groups(reads);
    };
    await cache.get('a', slow);
    let again = 0;
    await cache.get('a', async () => groups(++again));
    expect(again).toBe(1);
  });
});
