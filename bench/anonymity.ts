/**
 * npm run bench:anonymity — what disclosure control costs (shared/METRICS.md, "Disclosure
 * control", item 5; docs/anonymity.md).
 *
 * On the demo data (20,000 responses over the 12 months to 2026-11, written into a temporary
 * SQLite database through the bulk loader and frozen through the real pipeline:
 * server/anonymity/freeze.ts), prints:
 * - the share of blocks under k for each grid: the two used (month × district × provider,
 *   month × region × channel) and two finer ones considered (month × district × provider ×
 *   channel, ISO week × district × provider);
 * - by group size, the variance the protection adds to satisfaction rates, measured as the mean of
 *   (protected rate − exact rate)² over the groups of that size, beside the mean sampling variance
 *   p(1 − p)/n, and their ratio (the utility rule: ≤ 0.5 at n ≥ 100 on the demo data). Groups:
 *   provider, district, region and sector by month, by quarter and by year;
 * - the same for the finer grid month × district × provider × channel, perturbed here with the same
 *   table and uniform cell keys (a sum of uniform record keys mod 1 is uniform);
 * - a synthetic set of 10M responses: the demo's blocks with every count × 500, perturbed the same
 *   way (the rule there: ≤ 0.25 at n ≥ 100);
 * - the systemic bottlenecks by provider and by region from exact and from protected figures,
 *   beside the planted ones (server/demo/planted.ts).
 * The time to freeze the demo's 12 months is printed too, and the record keys' cost beside the
 * HMAC-SHA256 keys freezing used before. Nothing is asserted: figures only.
 */
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { freezeClosed } from '../server/anonymity/freeze.js';
import { familyKey, seedWords } from '../server/anonymity/record-key.js';
import type { BlockCounts } from '../server/anonymity/grids.js';
import { createApp } from '../server/app.js';
import { boot } from '../server/boot.js';
import { parseConfig } from '../server/config.js';
import { loadDemo } from '../server/demo/generate.js';
import { EXPECTED } from '../server/demo/planted.js';
import { createPtable, perturb, type Ptable } from '../server/domain/ptable.js';
import { prng } from '../test/helpers/prng.js';
import { ADMIN_PASSWORD, ROOT, tempDir } from '../test/helpers/server.js';

const NOW = Date.parse('2026-12-10T12:00:00Z');
const SCALE = 500;

interface Cell {
  /** Satisfaction answers 1–5. */
  cats: number[];
}

type Key = Record<
  'month' | 'quarter' | 'year' | 'week' | 'region' | 'district' | 'provider' | 'sector' | 'channel',
  string
>;

function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - dow + 3);
  const first = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round((d.getTime() - first.getTime()) / 86_400_000 / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const add = (into: Map<string, Cell>, key: string, cats: readonly number[]) => {
  let c = into.get(key);
  if (!c) into.set(key, (c = { cats: [0, 0, 0, 0, 0] }));
  cats.forEach((n, i) => (c!.cats[i]! += n));
};

const rateOf = (cats: readonly number[]) => {
  const n = cats.reduce((s, x) => s + x, 0);
  return { n, x: cats[3]! + cats[4]! };
};

const BUCKETS: Array<[number, number]> = [
  [10, 30],
  [30, 100],
  [100, 300],
  [300, 1000],
  [1000, 10_000],
  [10_000, Infinity],
];

/** Prints the added and sampling variance by group size for exact vs protected group counts. */
function utility(
  title: string,
  groups: Array<{ exact: readonly number[]; protected: readonly number[] }>,
): void {
  console.log(`\n${title}`);
  console.log('  group size     groups   added variance   sampling variance   added / sampling');
  for (const [lo, hi] of BUCKETS) {
    let added = 0;
    let sampling = 0;
    let count = 0;
    for (const g of groups) {
      const e = rateOf(g.exact);
      const p = rateOf(g.protected);
      if (e.n < lo || e.n >= hi || p.n === 0) continue;
      const pe = e.x / e.n;
      added += (p.x / p.n - pe) ** 2;
      sampling += (pe * (1 - pe)) / e.n;
      count += 1;
    }
    if (!count) continue;
    const label = `${lo}–${hi === Infinity ? '' : hi - 1}`.padEnd(13);
    console.log(
      `  ${label} ${String(count).padStart(7)}   ${(added / count).toExponential(2).padStart(14)}` +
        `   ${(sampling / count).toExponential(2).padStart(17)}   ${(added / sampling).toFixed(3).padStart(16)}`,
    );
  }
}

/** Groups of blocks by these coarser keys, each with exact and protected satisfaction counts. */
function groupsOf(
  blocks: Array<{ key: Key; exact: readonly number[]; protected: readonly number[] }>,
): Array<{ exact: number[]; protected: number[] }> {
  const out: Array<{ exact: number[]; protected: number[] }> = [];
  const views: Array<Array<keyof Key>> = [];
  for (const period of ['month', 'quarter', 'year'] as const) {
    for (const dim of ['provider', 'district', 'region', 'sector'] as const)
      views.push([period, dim]);
  }
  for (const view of views) {
    const acc = new Map<string, { exact: number[]; protected: number[] }>();
    for (const b of blocks) {
      const k = view.map((d) => b.key[d]).join('\u0001');
      let g = acc.get(k);
      if (!g) acc.set(k, (g = { exact: [0, 0, 0, 0, 0], protected: [0, 0, 0, 0, 0] }));
      b.exact.forEach((n, i) => (g!.exact[i]! += n));
      b.protected.forEach((n, i) => (g!.protected[i]! += n));
    }
    out.push(...acc.values());
  }
  return out;
}

/**
 * Perturbs a block's rate counts (answers 4 or 5, answers 1–3) each with a uniform cell key, as
 * freezing does, and gives them back as categories [rest, 0, 0, top, 0].
 */
function simulate(table: Ptable, cats: readonly number[], rand: () => number): number[] {
  const { n, x } = rateOf(cats);
  return [perturb(table, n - x, rand()), 0, 0, perturb(table, x, rand()), 0];
}

/**
 * The record keys freezing derives (one per count family of every response, about 40 a response):
 * SipHash-2-4 (server/anonymity/record-key.ts) beside an HMAC-SHA256 object per key, what freezing
 * used before, over the same seeds and family names in the same run.
 */
function recordKeys(): void {
  const seeds = Array.from({ length: 5000 }, () => randomBytes(16).toString('hex'));
  const families = Array.from({ length: 40 }, (_, i) => `a:question_${i}`);
  const time = (key: (seed: string, family: string) => number) => {
    const t = performance.now();
    let sum = 0;
    for (const seed of seeds) for (const f of families) sum += key(seed, f);
    if (!(sum > 0)) throw new Error('no keys');
    return ((performance.now() - t) * 1000) / (seeds.length * families.length);
  };
  const hmac = time(
    (seed, f) => createHmac('sha256', seed).update(f).digest().readUIntBE(0, 6) / 2 ** 48,
  );
  const sip = time((seed, f) => familyKey(seedWords(seed), f));
  console.log(
    `record keys: SipHash ${sip.toFixed(2)} µs a key, HMAC-SHA256 ${hmac.toFixed(2)} µs ` +
      `(${(hmac / sip).toFixed(1)}× faster; ${seeds.length * families.length} keys each)`,
  );
}

async function main() {
  const dir = tempDir('ovoz-bench-anonymity-');
  const config = parseConfig({
    DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}`,
    OVOZ_ADMIN_PASSWORD: ADMIN_PASSWORD,
    OVOZ_SURVEYS_DIR: path.join(ROOT, 'surveys'),
    OVOZ_WEB_DIR: path.join(ROOT, 'dist/web'),
    OVOZ_LOG: 'silent',
  });
  const booted = await boot(config);
  const { storage, db } = booted.deps;
  try {
    await loadDemo(
      { storage, utcOffsetMinutes: config.utcOffsetMinutes },
      { end: '2026-11-30', days: 365, validate: 200 },
    );
    const t0 = performance.now();
    const frozen = await freezeClosed({ db, config, now: () => NOW });
    const ms = performance.now() - t0;
    const froze = frozen.frozen.reduce((s, f) => s + f.responses, 0);
    console.log(
      `froze ${frozen.frozen.length} months (${froze} responses, ` +
        `${frozen.frozen.reduce((s, f) => s + f.blocks, 0)} blocks) in ${(ms / 1000).toFixed(1)} s`,
    );
    recordKeys();
    const k = config.minCell;
    const table = createPtable({
      version: 1,
      k,
      sd: config.ptable.sd,
      maxNoise: config.ptable.maxNoise,
    });

    // Exact counts per block, from the responses.
    const rows = await db
      .selectFrom('response')
      .select(['day', 'region', 'district', 'provider', 'sector', 'channel', 'answers'])
      .execute();
    const grids: Record<string, Map<string, Cell>> = {
      'month × district × provider': new Map(),
      'month × region × channel': new Map(),
      'month × district × provider × channel': new Map(),
      'ISO week × district × provider': new Map(),
    };
    const keys = new Map<string, Key>();
    for (const r of rows) {
      const s = JSON.parse(r.answers).satisfaction as number | undefined;
      const cats = [1, 2, 3, 4, 5].map((v) => (s === v ? 1 : 0));
      const month = r.day.slice(0, 7);
      const key: Key = {
        month,
        quarter: `${r.day.slice(0, 4)}-Q${Math.ceil(Number(r.day.slice(5, 7)) / 3)}`,
        year: r.day.slice(0, 4),
        week: isoWeek(r.day),
        region: r.region ?? '',
        district: r.district ?? '',
        provider: r.provider ?? '',
        sector: r.sector ?? '',
        channel: r.channel ?? '',
      };
      const dp = [month, key.district, key.provider].join('\u0001');
      keys.set(dp, key);
      add(grids['month × district × provider']!, dp, cats);
      add(
        grids['month × region × channel']!,
        [month, key.region, key.channel].join('\u0001'),
        cats,
      );
      add(grids['month × district × provider × channel']!, `${dp}\u0001${key.channel}`, cats);
      add(
        grids['ISO week × district × provider']!,
        [key.week, key.district, key.provider].join('\u0001'),
        cats,
      );
    }
    // Responses counted per block (not the satisfaction answers): the size the rule is about.
    const sizes: Record<string, Map<string, number>> = {};
    for (const r of rows) {
      const month = r.day.slice(0, 7);
      const entries: Array<[string, string]> = [
        ['month × district × provider', [month, r.district, r.provider].join('\u0001')],
        ['month × region × channel', [month, r.region, r.channel].join('\u0001')],
        [
          'month × district × provider × channel',
          [month, r.district, r.provider, r.channel].join('\u0001'),
        ],
        ['ISO week × district × provider', [isoWeek(r.day), r.district, r.provider].join('\u0001')],
      ];
      for (const [grid, key] of entries) {
        const m = (sizes[grid] ??= new Map());
        m.set(key, (m.get(key) ?? 0) + 1);
      }
    }
    console.log(
      `\ndemo data: ${rows.length} responses; k = ${k}; perturbation σ = ${config.ptable.sd}, D = ${config.ptable.maxNoise}`,
    );
    console.log('share of blocks under k, per grid:');
    for (const [grid, m] of Object.entries(sizes)) {
      const all = [...m.values()];
      const under = all.filter((n) => n < k).length;
      console.log(
        `  ${grid.padEnd(40)} ${String(all.length).padStart(6)} blocks, ${((100 * under) / all.length).toFixed(1)}% under k`,
      );
    }

    // Protected counts of the frozen month × district × provider blocks.
    const stored = await db
      .selectFrom('frozen_block')
      .select(['month', 'district', 'provider', 'counts'])
      .where('grid', '=', 'dp')
      .execute();
    // A rate is read from each block's two rate counts: [answers 4 or 5, answers 1–3].
    const prot = new Map(
      stored.map((b) => {
        const [x, y] = (JSON.parse(b.counts) as BlockCounts).r?.satisfaction ?? [0, 0];
        return [[b.month, b.district, b.provider].join('\u0001'), [y, 0, 0, x, 0]];
      }),
    );
    const demoBlocks = [...grids['month × district × provider']!].map(([key, c]) => ({
      key: keys.get(key)!,
      exact: c.cats,
      protected: prot.get(key) ?? [0, 0, 0, 0, 0],
    }));
    utility(
      'demo, month × district × provider (frozen blocks, as served): satisfaction rate',
      groupsOf(demoBlocks),
    );

    const rand = prng(2026);
    const fine = [...grids['month × district × provider × channel']!].map(([key, c]) => ({
      key: keys.get(key.split('\u0001').slice(0, 3).join('\u0001'))!,
      exact: c.cats,
      protected: simulate(table, c.cats, rand),
    }));
    utility(
      'demo, month × district × provider × channel (simulated keys): satisfaction rate',
      groupsOf(fine),
    );

    const big = demoBlocks.map((b) => {
      const exact = b.exact.map((n) => n * SCALE);
      return { key: b.key, exact, protected: simulate(table, exact, rand) };
    });
    utility(
      `synthetic ${((rows.length * SCALE) / 1e6).toFixed(0)}M (the demo's blocks × ${SCALE}), month × district × provider: satisfaction rate`,
      groupsOf(big),
    );

    // The planted bottlenecks, from exact and protected figures.
    booted.deps.now = () => NOW;
    const app = createApp(booted.deps);
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const range = 'from=2025-12-01&to=2026-11-30';
    const flagged = async (q: string) => {
      const res = await app.request(
        `/api/reports/bottlenecks?survey=social-services&${range}&${q}`,
        {
          headers: { cookie },
        },
      );
      const body = (await res.json()) as {
        systemic: { groups: Array<{ group: Record<string, string> }> };
      };
      return body.systemic.groups.map((g) => Object.values(g.group).join(' ')).sort();
    };
    // Latency: protected reports read a fixed number of blocks (months × providers), however many
    // responses they hold; exact ones read the rollups.
    const time = async (url: string) => {
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        const t1 = performance.now();
        const res = await app.request(url, { headers: { cookie } });
        await res.arrayBuffer();
        times.push(performance.now() - t1);
      }
      return times.sort((a, b) => a - b)[3]!;
    };
    console.log('\nreport latency, median of 7 (ms): protected vs exact');
    for (const q of [
      'satisfaction?survey=social-services&groupBy=region',
      'indicators?survey=social-services&groupBy=region',
      'bottlenecks?survey=social-services&groupBy=provider',
      'trend?survey=social-services&groupBy=month',
    ]) {
      const p = await time(`/api/reports/${q}&${range}`);
      const e = await time(`/api/reports/${q}&${range}&exact=1`);
      console.log(
        `  ${q.padEnd(52)} ${p.toFixed(1).padStart(7)} ${e.toFixed(1).padStart(7)}  ×${(p / e).toFixed(2)}`,
      );
    }

    console.log('\nsystemic bottlenecks, 2025-12 … 2026-11');
    console.log(
      `  planted: region ${EXPECTED.regions.map((r) => r.region).join(', ')}; providers ${EXPECTED.providers.map((p) => p.provider).join(', ')} and every provider of ${EXPECTED.providersOfRegion.region}`,
    );
    for (const [label, q] of [
      ['by region', 'groupBy=region'],
      ['by provider', 'groupBy=provider'],
    ] as const) {
      console.log(`  ${label}, exact:     ${(await flagged(`${q}&exact=1`)).join(', ')}`);
      console.log(`  ${label}, protected: ${(await flagged(q)).join(', ')}`);
    }
  } finally {
    await booted.deps.writer.drain();
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
