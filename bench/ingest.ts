/**
 * npm run bench:ingest — submissions per second into a real Ovoz server, on each storage engine,
 * against bare inserts on the same engine measured in the same run, in alternating rounds:
 * - SQLite: Ovoz beside a bare Hono + better-sqlite3 insert with synchronous=NORMAL, the same
 *   with synchronous=FULL (one commit per request, each on disk like Ovoz's), and the FULL insert
 *   behind a new survey-core Model per request that validates the body;
 * - PostgreSQL (a cluster started for the run, fsync and synchronous_commit on): Ovoz beside a bare
 *   Hono + `pg` insert, one commit per request; then two Ovoz instances on the one database beside
 *   one.
 * Each server runs pinned to one core and the load generator to another (`taskset`, where the
 * machine has two cores or more; BENCH_PIN=0 turns it off).
 * Targets: on SQLite ≥ 0.5× the NORMAL insert and ≥ 1.5× the FULL insert; on PostgreSQL ≥ 0.5×
 * the bare insert; p99 ≤ 50 ms at 50 connections; every acknowledged response stored and counted
 * in the rollups. A run with any non-2xx answer fails.
 * BENCH_ENGINES=sqlite or =postgres runs one engine only; BENCH_PROFILE=DIR writes the Ovoz
 * server's CPU profile (node --cpu-prof) there.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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

/**
 * CPU seconds (user + system) a process has used so far, from /proc (Linux); null elsewhere. CPU
 * time per acknowledged request does not depend on what else the machine is running, unlike
 * requests per second.
 */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime: fields 14 and 15 of the line, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** Load against `url` while measuring the CPU time the server `pid` spends on it. */
async function measured(url: string, pid: number | undefined): Promise<LoadResult> {
  const before = cpuSeconds(pid);
  const result = await load(url);
  const after = cpuSeconds(pid);
  return {
    ...result,
    cpuMs:
      before === null || after === null || result.ok === 0
        ? null
        : ((after - before) * 1000) / result.ok,
  };
}

interface LoadResult {
  /** The server's CPU milliseconds per acknowledged request (measured() only). */
  cpuMs?: number | null;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  ok: number;
}

const PIN = process.env.BENCH_PIN !== '0' && os.cpus().length >= 2;
/** Servers on core 0, the load generator on core 1. */
const SERVER_CORE = PIN ? ['taskset', '-c', '0'] : [];
const LOAD_CORE = PIN ? ['taskset', '-c', '1'] : [];

/** Spawns `argv` under `wrap` (a `taskset` prefix, or nothing). */
function spawnWrapped(wrap: string[], argv: string[], options: Parameters<typeof spawn>[2]) {
  const [command, ...args] = [...wrap, ...argv];
  return spawn(command!, args, options);
}

/** The load generator in its own process, so it does not share the server's CPU thread. */
function load(url: string, connections = CONNECTIONS): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawnWrapped(
      LOAD_CORE,
      [
        process.execPath,
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
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (err += d));
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as LoadResult)
        : reject(new Error(`load client: ${err}`)),
    );
  });
}

async function startBaseline(target: string, mode: Baseline['mode']) {
  const proc = spawnWrapped(
    SERVER_CORE,
    [process.execPath, '--import', 'tsx', 'bench/baseline-server.ts', target, mode],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
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
    pid: proc.pid,
    stop: () => new Promise<void>((r) => (proc.on('exit', () => r()), proc.kill('SIGTERM'))),
  };
}

const fmt = (r: LoadResult) =>
  `${Math.round(r.rps).toLocaleString('en')} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms` +
  (r.cpuMs != null ? `  server CPU ${r.cpuMs.toFixed(3)} ms/request` : '') +
  `  (${r.ok} acknowledged, ${r.non2xx} non-2xx, ${r.errors} errors)`;
const cpuOf = (runs: LoadResult[]) => {
  const xs = runs.map((r) => r.cpuMs).filter((x): x is number => x != null);
  return xs.length ? `, server CPU ${median(xs).toFixed(3)} ms/request` : '';
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Baseline {
  label: string;
  /** bench/baseline-server.ts's mode. */
  mode: 'full' | 'normal' | 'model';
  /** Its database for a round (a fresh SQLite file each round). */
  target: (round: number) => string;
  /** The least Ovoz / baseline ratio that meets the target; none: shown only. */
  target_ratio?: number;
}

interface Verdict {
  engine: string;
  ratios: Array<{ label: string; ratio: number; target?: number }>;
  p99: number;
  durable: boolean;
}

/**
 * Stored responses and what the national monthly rollups counted (the cells' rows and their parts
 * not folded yet), after the servers stopped.
 */
async function stored(databaseUrl: string): Promise<{ stored: number; rolled: number }> {
  return withDb(databaseUrl, async (db) => {
    const r = await sql<{ stored: number; rolled: number }>`select
      (select count(*) from response) as stored,
      (select coalesce(sum(n), 0) from rollup_cell where cuboid = 'area-month')
        + (select coalesce(sum(p.n), 0) from rollup_part p
           join rollup_cell c on c.id = p.cell_id where c.cuboid = 'area-month') as rolled`.execute(
      db,
    );
    return { stored: Number(r.rows[0]!.stored), rolled: Number(r.rows[0]!.rolled ?? 0) };
  });
}

const passed = (r: LoadResult) => r.non2xx === 0 && r.errors === 0;

/** Alternating rounds of each baseline and Ovoz (the machine is shared: medians compared). */
async function compare(
  engine: string,
  baselines: readonly Baseline[],
  server: RunningServer,
): Promise<{ verdict: Omit<Verdict, 'durable'>; acknowledged: number; ok: boolean }> {
  const baselineRuns = baselines.map((): LoadResult[] => []);
  const ovozRuns: LoadResult[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [i, b] of baselines.entries()) {
      const baseline = await startBaseline(b.target(round), b.mode);
      const base = await measured(baseline.url, baseline.pid);
      await baseline.stop();
      baselineRuns[i]!.push(base);
      console.log(`  round ${round} ${b.label}: ${fmt(base)}`);
    }
    const ovoz = await measured(server.url, server.proc.pid);
    ovozRuns.push(ovoz);
    console.log(`  round ${round} Ovoz (validate + store + rollups, group commit): ${fmt(ovoz)}`);
    console.log(
      `    load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  }
  const ovozRps = median(ovozRuns.map((r) => r.rps));
  const p99 = median(ovozRuns.map((r) => r.p99));
  console.log(
    `  median Ovoz: ${Math.round(ovozRps).toLocaleString('en')} req/s, p99 ${p99} ms${cpuOf(ovozRuns)}`,
  );
  const ratios = baselines.map((b, i) => {
    const runs = baselineRuns[i]!;
    const rps = median(runs.map((r) => r.rps));
    const ratio = ovozRps / rps;
    console.log(
      `  median ${b.label}: ${Math.round(rps).toLocaleString('en')} req/s, p99 ${median(runs.map((r) => r.p99))} ms${cpuOf(runs)}` +
        ` — Ovoz / this: ${ratio.toFixed(2)}` +
        (b.target_ratio !== undefined ? ` (target ≥ ${b.target_ratio.toFixed(2)})` : '') +
        (runs.every(passed)
          ? ''
          : ' — FAILED: a run of this baseline had non-2xx answers or errors'),
    );
    return {
      label: b.label,
      ratio,
      ...(b.target_ratio !== undefined ? { target: b.target_ratio } : {}),
    };
  });
  return {
    verdict: { engine, ratios, p99 },
    acknowledged: ovozRuns.reduce((n, r) => n + r.ok, 0),
    // A baseline's failed requests void that baseline's figure (marked above), not Ovoz's run.
    ok: ovozRuns.every(passed),
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
// BENCH_PROFILE=DIR: the Ovoz server writes a CPU profile (node --cpu-prof) there when it stops.
const PROFILE = process.env.BENCH_PROFILE;
const nodeArgs = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [];
const verdicts: Verdict[] = [];
console.log(
  `Ovoz ingest benchmark: ${CONNECTIONS} connections × ${SECONDS} s, ${ROUNDS} alternating rounds, ` +
    'unique valid social-services responses\n',
);

if (ENGINES.includes('sqlite')) {
  console.log('SQLite (WAL; Ovoz commits with synchronous=FULL)');
  const dir = tempDir('ovoz-bench-');
  const server = await startServer({ dir, env, nodeArgs, wrap: SERVER_CORE });
  const file = (mode: string) => (round: number) =>
    `sqlite:${path.join(dir, `baseline-${mode}-${round}.db`)}`;
  const run = await compare(
    'sqlite',
    [
      {
        label: 'bare insert, synchronous=NORMAL',
        mode: 'normal',
        target: file('normal'),
        target_ratio: 0.5,
      },
      {
        label: 'bare insert, synchronous=FULL',
        mode: 'full',
        target: file('full'),
        target_ratio: 1.5,
      },
      {
        label: 'survey-core Model per request + FULL insert',
        mode: 'model',
        target: file('model'),
      },
    ],
    server,
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
    const start = () => startServer({ dir, databaseUrl, env, nodeArgs, wrap: SERVER_CORE });
    const server = await start();
    const run = await compare(
      'postgres',
      [
        {
          label: 'bare Hono + pg insert',
          mode: 'full',
          target: () => cluster.urlOf('postgres'),
          target_ratio: 0.5,
        },
      ],
      server,
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
      run.ok && [a, b].every(passed),
    );
    verdicts.push({ ...run.verdict, durable });
  } finally {
    cluster.stop();
  }
  console.log();
}

for (const v of verdicts) {
  const pass =
    v.durable &&
    v.p99 <= 50 &&
    v.ratios.every((r) => r.target === undefined || r.ratio >= r.target);
  const ratios = v.ratios
    .map(
      (r) =>
        `${r.ratio.toFixed(2)}× ${r.label}` +
        (r.target !== undefined ? ` (≥ ${r.target.toFixed(2)})` : ''),
    )
    .join(', ');
  console.log(
    `${v.engine}: ${ratios}; p99 ${v.p99} ms (≤ 50); ` +
      `${v.durable ? 'durable, no non-2xx' : 'NOT DURABLE OR NON-2XX ANSWERS'}: ${pass ? 'PASS' : 'BELOW TARGET'}`,
  );
}
