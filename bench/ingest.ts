/**
 * npm run bench:ingest — submissions per second into a real Ovoz server, on each storage engine,
 * against a bare insert on the same engine measured in the same run:
 * - SQLite: Ovoz beside a bare Hono + better-sqlite3 insert (WAL, synchronous=FULL);
 * - PostgreSQL (a cluster started for the run, fsync and synchronous_commit on): Ovoz beside a bare
 *   Hono + `pg` insert, one commit per request; then two Ovoz instances on the one database beside
 *   one.
 * Targets: ≥ 0.5 of the bare insert's throughput with p99 ≤ 50 ms at 50 connections, every
 * acknowledged response stored and counted in the rollups; a run with any non-2xx answer fails.
 * BENCH_ENGINES=sqlite or =postgres runs one engine only.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { createPgDatabaseOn, withDb } from '../test/helpers/database.js';
import { startPgCluster } from '../test/helpers/pg-cluster.js';
import { ROOT, startServer, tempDir, type RunningServer } from '../test/helpers/server.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',');
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const PATH = '/api/public/surveys/social-services/responses';

interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  ok: number;
}

/** The load generator in its own process, so it does not share the server's CPU thread. */
function load(url: string, connections = CONNECTIONS): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/load-client.ts',
        url,
        PATH,
        String(connections),
        String(SECONDS),
        SECRET,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as LoadResult)
        : reject(new Error(`load client: ${err}`)),
    );
  });
}

async function startBaseline(target: string) {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'bench/baseline-server.ts', target], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve) => {
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
  });
  return {
    url,
    stop: () => new Promise<void>((r) => (proc.on('exit', () => r()), proc.kill('SIGTERM'))),
  };
}

const fmt = (r: LoadResult) =>
  `${Math.round(r.rps).toLocaleString('en')} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  (${r.ok} acknowledged, ${r.non2xx} non-2xx, ${r.errors} errors)`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Verdict {
  engine: string;
  ratio: number;
  p99: number;
  durable: boolean;
}

/** Stored responses and what the national monthly rollups counted, after the servers stopped. */
async function stored(databaseUrl: string): Promise<{ stored: number; rolled: number }> {
  return withDb(databaseUrl, async (db) => {
    const r = await sql<{ stored: number; rolled: number }>`select
      (select count(*) from response) as stored,
      (select sum(n) from rollup_cell where cuboid = 'area-month') as rolled`.execute(db);
    return { stored: Number(r.rows[0]!.stored), rolled: Number(r.rows[0]!.rolled ?? 0) };
  });
}

/** Alternating rounds of the bare insert and Ovoz (the machine is shared: medians compared). */
async function compare(
  engine: string,
  baselineTarget: (round: number) => string,
  server: RunningServer,
  bare: string,
): Promise<{ verdict: Omit<Verdict, 'durable'>; acknowledged: number; ok: boolean }> {
  const baselineRuns: LoadResult[] = [];
  const ovozRuns: LoadResult[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const baseline = await startBaseline(baselineTarget(round));
    const base = await load(baseline.url);
    await baseline.stop();
    baselineRuns.push(base);
    console.log(`  round ${round} ${bare}: ${fmt(base)}`);
    const ovoz = await load(server.url);
    ovozRuns.push(ovoz);
    console.log(`  round ${round} Ovoz (validate + store + rollups, group commit): ${fmt(ovoz)}`);
  }
  const baseRps = median(baselineRuns.map((r) => r.rps));
  const ovozRps = median(ovozRuns.map((r) => r.rps));
  const p99 = median(ovozRuns.map((r) => r.p99));
  console.log(
    `  median ${bare}: ${Math.round(baseRps).toLocaleString('en')} req/s, p99 ${median(baselineRuns.map((r) => r.p99))} ms`,
  );
  console.log(`  median Ovoz: ${Math.round(ovozRps).toLocaleString('en')} req/s, p99 ${p99} ms`);
  console.log(`  ratio Ovoz / bare insert: ${(ovozRps / baseRps).toFixed(2)} (target ≥ 0.50)`);
  return {
    verdict: { engine, ratio: ovozRps / baseRps, p99 },
    acknowledged: ovozRuns.reduce((n, r) => n + r.ok, 0),
    ok: ovozRuns.every((r) => r.non2xx === 0 && r.errors === 0),
  };
}

function durability(acknowledged: number, counts: { stored: number; rolled: number }, ok: boolean) {
  console.log(
    `  durability: ${acknowledged} acknowledged, ${counts.stored} stored, ${counts.rolled} counted in the rollups`,
  );
  const durable = ok && counts.stored >= acknowledged && counts.rolled === counts.stored;
  console.log(
    durable ? '  every acknowledged response stored and counted' : '  DURABILITY CHECK FAILED',
  );
  return durable;
}

// The server logs its start (the port) and nothing per request.
const env = { OVOZ_SECRET: SECRET, OVOZ_RATE_LIMIT: '0' };
const verdicts: Verdict[] = [];
console.log(
  `Ovoz ingest benchmark: ${CONNECTIONS} connections × ${SECONDS} s, ${ROUNDS} alternating rounds, ` +
    'unique valid social-services responses\n',
);

if (ENGINES.includes('sqlite')) {
  console.log('SQLite (WAL, synchronous=FULL)');
  const dir = tempDir('ovoz-bench-');
  const server = await startServer({ dir, env });
  const run = await compare(
    'sqlite',
    (round) => `sqlite:${path.join(dir, `baseline-${round}.db`)}`,
    server,
    'bare Hono + better-sqlite3 insert',
  );
  await server.stop();
  const durable = durability(run.acknowledged, await stored(server.databaseUrl), run.ok);
  verdicts.push({ ...run.verdict, durable });
  console.log();
}

if (ENGINES.includes('postgres')) {
  console.log('PostgreSQL (a cluster started for this run; fsync=on, synchronous_commit=on)');
  const cluster = await startPgCluster();
  try {
    const databaseUrl = await createPgDatabaseOn(cluster.url, 'ovoz_bench');
    const dir = tempDir('ovoz-bench-');
    const start = () => startServer({ dir, databaseUrl, env });
    const server = await start();
    const run = await compare(
      'postgres',
      () => cluster.urlOf('postgres'),
      server,
      'bare Hono + pg insert',
    );

    console.log(`  two Ovoz instances on the one database, ${CONNECTIONS / 2} connections each:`);
    const second = await start();
    const [a, b] = await Promise.all([
      load(server.url, CONNECTIONS / 2),
      load(second.url, CONNECTIONS / 2),
    ]);
    const both = a.rps + b.rps;
    console.log(`    instance 1: ${fmt(a)}`);
    console.log(`    instance 2: ${fmt(b)}`);
    console.log(
      `    together: ${Math.round(both).toLocaleString('en')} req/s, p99 ${Math.max(a.p99, b.p99)} ms ` +
        `(one instance: median above)`,
    );
    await second.stop();
    await server.stop();
    const acknowledged = run.acknowledged + a.ok + b.ok;
    const durable = durability(
      acknowledged,
      await stored(databaseUrl),
      run.ok && [a, b].every((r) => r.non2xx === 0 && r.errors === 0),
    );
    verdicts.push({ ...run.verdict, durable });
  } finally {
    cluster.stop();
  }
  console.log();
}

for (const v of verdicts) {
  const pass = v.durable && v.ratio >= 0.5 && v.p99 <= 50;
  console.log(
    `${v.engine}: ratio ${v.ratio.toFixed(2)} (≥ 0.50), p99 ${v.p99} ms (≤ 50), ` +
      `${v.durable ? 'durable' : 'NOT DURABLE'}: ${pass ? 'PASS' : 'BELOW TARGET'}`,
  );
}
