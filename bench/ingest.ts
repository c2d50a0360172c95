/**
 * npm run bench:ingest — submissions per second into a real Ovoz server on a temp database,
 * against a bare Hono + better-sqlite3 baseline measured in the same run.
 * Target: ≥ 0.5 of the baseline's throughput with p99 ≤ 50 ms, every acknowledged response durable.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ROOT, startServer, tempDir } from '../test/helpers/server.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
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

function load(url: string): LoadResult {
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/load-client.ts',
      url,
      PATH,
      String(CONNECTIONS),
      String(SECONDS),
      SECRET,
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (run.status !== 0) throw new Error(`load client failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as LoadResult;
}

async function startBaseline(dbPath: string) {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'bench/baseline-server.ts', dbPath], {
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

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const dir = tempDir('ovoz-bench-');
console.log(
  `Ovoz ingest benchmark: ${CONNECTIONS} connections × ${SECONDS} s, ${ROUNDS} alternating rounds, ` +
    'unique valid social-services responses\n',
);

// The machine is shared and its disk's fsync time varies, so the two servers take turns and the
// medians are compared.
const baselineRuns: LoadResult[] = [];
const ovozRuns: LoadResult[] = [];
const server = await startServer({ dir, env: { OVOZ_SECRET: SECRET, OVOZ_RATE_LIMIT: '0' } });
for (let round = 1; round <= ROUNDS; round++) {
  const baseline = await startBaseline(path.join(dir, `baseline-${round}.db`));
  const base = load(baseline.url);
  await baseline.stop();
  baselineRuns.push(base);
  console.log(`round ${round} baseline (bare Hono + better-sqlite3 insert): ${fmt(base)}`);
  const ovoz = load(server.url);
  ovozRuns.push(ovoz);
  console.log(`round ${round} Ovoz (validate + store + rollups, group commit): ${fmt(ovoz)}`);
}
await server.stop();

const db = new Database(server.dbPath, { readonly: true });
const stored = (db.prepare('select count(*) n from response').get() as { n: number }).n;
const rolled = (
  db.prepare(`select sum(n) n from rollup_cell where cuboid = 'area-month'`).get() as { n: number }
).n;
db.close();

const baseRps = median(baselineRuns.map((r) => r.rps));
const ovozRps = median(ovozRuns.map((r) => r.rps));
const ovozP99 = median(ovozRuns.map((r) => r.p99));
const acknowledged = ovozRuns.reduce((n, r) => n + r.ok, 0);
const ratio = ovozRps / baseRps;
console.log(
  `\nmedian baseline: ${Math.round(baseRps).toLocaleString('en')} req/s, p99 ${median(baselineRuns.map((r) => r.p99))} ms`,
);
console.log(
  `median Ovoz:     ${Math.round(ovozRps).toLocaleString('en')} req/s, p99 ${ovozP99} ms`,
);
console.log(`ratio Ovoz / baseline: ${ratio.toFixed(2)} (target ≥ 0.50)`);
console.log(`p99: ${ovozP99} ms (target ≤ 50 ms)`);
console.log(
  `durability: ${acknowledged} acknowledged, ${stored} stored, ${rolled} counted in the rollups`,
);
const durable =
  stored >= acknowledged && rolled === stored && ovozRuns.every((r) => r.non2xx === 0);
console.log(durable ? 'every acknowledged response stored and counted' : 'DURABILITY CHECK FAILED');
console.log(ratio >= 0.5 && ovozP99 <= 50 ? 'PASS' : 'BELOW TARGET');
