/**
 * npm run bench:reports — report latency at scale, against the naive way, and the CSV export.
 *
 * On each engine (BENCH_ENGINES, default `sqlite,postgres`; PostgreSQL on a cluster started for
 * the run), writes demo responses (with their rollups, through the storage's bulk load) into a
 * temporary database, 1,000,000 and then 10,000,000 by default (BENCH_SIZES=100000,1000000 to run
 * smaller), and at each size:
 * - times every report endpoint with app.request (median of 5) in a child process that opens the
 *   database afresh, as a restarted server would, and in the same process and run the naive way: GROUP BY over the raw responses' JSON (median of BENCH_NAIVE_RUNS,
 *   default 3; a single run when one takes over 10 s), and prints both and the ratio; then again
 *   with a commit before each request (the data version moved: nothing read before is kept);
 * - streams the CSV export in a child process running a bundle on plain Node, as `npm start` runs
 *   the server (so its memory is the server's alone): rows per second, the process's CPU time per
 *   row (user + system: on a shared machine the wall time includes waiting for a core, the CPU
 *   time much less), and RSS (MB = 10^6 bytes) before and at most while streaming. The whole
 *   table at every size (BENCH_EXPORT_MONTH=1: above 1.5M rows, May only, as earlier runs did).
 * BENCH_KEEP=1 keeps the database for a closer look. BENCH_DATABASE_URL=<sqlite:file | postgres://…>
 * runs on that database instead of a temporary one (SQLite or PostgreSQL; it is kept), loading only
 * the responses it lacks: a database kept at 10M is measured again without loading it again.
 * Several, comma-separated (one kept at 1M, one at 10M), are each measured as they are and the
 * growth printed. BENCH_LOAD_ONLY=1 loads and stops; BENCH_NAIVE=0 leaves the naive queries out;
 * BENCH_EXPORT=0 the exports; BENCH_ONLY=export measures only the exports (CSV, then XLSX),
 * BENCH_ONLY=reports only the reports.
 * Targets: every report ≤ 20 ms (median) at 10M responses, over everything and over a day range,
 * read kept and read anew after a commit, and ≥ 100× faster than the naive query; the first request of each in a fresh process is printed
 * beside (its statements compiled, its pages read); with two sizes or more, how each report's
 * time grew beside how the rollup cells grew. The CSV export at ≥ 150,000 rows/s with RSS ≤ 250
 * MB; the XLSX export of one month beside it (BENCH_XLSX=0 leaves it out).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { createApp } from '../server/app.js';
import { boot } from '../server/boot.js';
import { parseConfig } from '../server/config.js';
import { loadDemo } from '../server/demo/generate.js';
import { bundled } from '../test/helpers/bundled-server.js';
import { createPgDatabaseOn } from '../test/helpers/database.js';
import { startPgCluster } from '../test/helpers/pg-cluster.js';
import { ADMIN_PASSWORD, ROOT, tempDir } from '../test/helpers/server.js';
import { STANDARD_DRIVERS } from '../common/metrics/drivers.js';

const SURVEY = 'social-services';
const END = '2026-10-31';
const RUNS = 5;
const NAIVE_RUNS = Number(process.env.BENCH_NAIVE_RUNS ?? 3);
const WITH_NAIVE = process.env.BENCH_NAIVE !== '0';
const LOAD_ONLY = process.env.BENCH_LOAD_ONLY === '1';
const ONLY = process.env.BENCH_ONLY ?? '';
if (!['', 'export', 'reports'].includes(ONLY)) throw new Error('BENCH_ONLY is export or reports');
const [XLSX_FROM, XLSX_TO] = ['2026-05-01', '2026-05-31'];
const XLSX_QUERY = `?from=${XLSX_FROM}&to=${XLSX_TO}`;
const SIZES = (process.env.BENCH_SIZES ?? '1000000,10000000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => n > 0)
  .sort((a, b) => a - b);

type App = ReturnType<typeof createApp>;

const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',');

function configFor(databaseUrl: string) {
  return parseConfig({
    DATABASE_URL: databaseUrl,
    OVOZ_ADMIN_PASSWORD: ADMIN_PASSWORD,
    OVOZ_RATE_LIMIT: '0',
    OVOZ_SURVEYS_DIR: path.join(ROOT, 'surveys'),
    OVOZ_WEB_DIR: path.join(ROOT, 'dist/web'),
    OVOZ_LOG: 'silent',
  });
}

async function signIn(app: App): Promise<string> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median time of `runs` runs; one run only when it alone takes longer than `patience` ms. */
async function timed(fn: () => unknown, runs: number, patience = Infinity): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    if (times[0]! > patience) break;
  }
  return median(times);
}

// ---- the export, in a child process -------------------------------------------------------

interface ExportResult {
  rows: number;
  bytes: number;
  seconds: number;
  /** RSS of the signed-in server just before the export. */
  rssBeforeMb: number;
  /** The highest RSS seen while the export streamed (sampled every 8th chunk and at the end). */
  maxRssMb: number;
  /** The process's CPU time (user + system, every thread) from the request to the last byte. */
  cpuSeconds: number;
}

async function exportChild(databaseUrl: string, query: string, format: string): Promise<void> {
  const booted = await boot(configFor(databaseUrl));
  const app = createApp(booted.deps);
  const cookie = await signIn(app);
  const rssBeforeMb = process.memoryUsage().rss / 1e6;
  let maxRss = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const res = await app.request(`/api/exports/${SURVEY}/responses.${format}${query}`, {
    headers: { cookie },
  });
  if (res.status !== 200) throw new Error(`export failed: ${res.status} ${await res.text()}`);
  const reader = res.body!.getReader();
  let bytes = 0;
  let lines = 0;
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    // The client's own work counts against the export's time: sampled, and counted natively.
    if (chunks++ % 8 === 0) maxRss = Math.max(maxRss, process.memoryUsage.rss());
    if (format === 'csv') {
      for (let at = value.indexOf(10); at !== -1; at = value.indexOf(10, at + 1)) lines += 1;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  maxRss = Math.max(maxRss, process.memoryUsage.rss());
  await booted.storage.close();
  const result: ExportResult = {
    rows: Math.max(0, lines - 1),
    bytes,
    seconds,
    rssBeforeMb,
    maxRssMb: maxRss / 1e6,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
  process.stdout.write(JSON.stringify(result));
}

async function measureExport(
  databaseUrl: string,
  query: string,
  format = 'csv',
): Promise<ExportResult> {
  const run = spawnSync(
    process.execPath,
    [await bundled('bench/reports.ts'), '--export-child', databaseUrl, query, format],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (run.status !== 0) throw new Error(`export child failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as ExportResult;
}

// ---- the reports, in a child process ------------------------------------------------------

interface ReportTiming {
  name: string;
  /** The first request of the report in a freshly started process (nothing cached yet). */
  first: number;
  /** The first request over the day range. */
  firstRanged: number;
  /** Median ms of the report over everything. */
  ms: number;
  /** Median ms of the report over a range that cuts months. */
  ranged: number;
  /** Median CPU ms of the process per request, over everything and over the range. */
  cpu: number;
  cpuRanged: number;
  /**
   * Median ms (and CPU ms) when the data changed before each request, as while responses arrive:
   * nothing of the reads is kept, every cell is read again (analyses of unchanged counts are).
   */
  fresh: number;
  freshRanged: number;
  freshCpu: number;
  freshCpuRanged: number;
  /** Median ms of the naive query. */
  naive: number;
}

/**
 * Times every report in a fresh process that opens the database as a restarted server would (so
 * the loader's garbage and page cache do not count), and the naive queries in the same process.
 */
async function reportsChild(databaseUrl: string): Promise<void> {
  const booted = await boot(configFor(databaseUrl));
  const { db, storage } = booted.deps;
  const app = createApp(booted.deps);
  const cookie = await signIn(app);
  const { id: surveyId } = await db
    .selectFrom('survey')
    .select('id')
    .where('slug', '=', SURVEY)
    .executeTakeFirstOrThrow();
  // The rollups' exact figures (protected ones are sums of frozen blocks: npm run bench:anonymity).
  // Each request's CPU time too: on a shared machine the wall time includes waiting for a core.
  let cpuTimes: number[] = [];
  const get = (q: string) => async () => {
    const c0 = process.cpuUsage();
    const res = await app.request(`/api/reports/${q}&exact=1`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${q}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    const c = process.cpuUsage(c0);
    cpuTimes.push((c.user + c.system) / 1000);
  };
  const cpuMedian = () => {
    const m = median(cpuTimes);
    cpuTimes = [];
    return m;
  };
  const timings: ReportTiming[] = [];
  for (const [name, q] of Object.entries(REPORTS)) {
    const first = await timed(get(q), 1);
    const firstRanged = await timed(get(`${q}&${RANGE}`), 1);
    cpuTimes = [];
    const ms = await timed(get(q), RUNS);
    const cpu = cpuMedian();
    const ranged = await timed(get(`${q}&${RANGE}`), RUNS);
    const cpuRanged = cpuMedian();
    // A commit before each request: the storage's data version moves, so every read is read anew.
    const dataVersion = storage.dataVersion.bind(storage);
    let commits = 0;
    storage.dataVersion = async () => `${await dataVersion()}+${++commits}`;
    const fresh = await timed(get(q), RUNS);
    const freshCpu = cpuMedian();
    const freshRanged = await timed(get(`${q}&${RANGE}`), RUNS);
    const freshCpuRanged = cpuMedian();
    storage.dataVersion = dataVersion;
    // A weighted report is measured against the naive unweighted query (a lower bound of the
    // naive weighted one, which also groups by provider and month).
    const naiveQuery = (NAIVE[storage.engine]![name] ?? NAIVE[storage.engine]!.satisfaction!)(
      surveyId,
    );
    const naive = WITH_NAIVE ? await timed(() => naiveQuery.execute(db), NAIVE_RUNS, 10_000) : NaN;
    timings.push({
      name,
      ...{ first, firstRanged, ms, ranged, cpu, cpuRanged },
      ...{ fresh, freshRanged, freshCpu, freshCpuRanged, naive },
    });
  }
  await booted.storage.close();
  process.stdout.write(JSON.stringify(timings));
}

function measureReports(databaseUrl: string): ReportTiming[] {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/reports.ts', '--reports-child', databaseUrl],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (run.status !== 0) throw new Error(`reports child failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as ReportTiming[];
}

// ---- the naive way ------------------------------------------------------------------------

const DRIVERS = STANDARD_DRIVERS;

/** The naive queries in each engine's own JSON functions. */
function naiveQueries(json: (path: string) => string, num: (path: string) => string) {
  const sat = num('satisfaction');
  return {
    satisfaction: `select region, count(${sat}) as n, sum(case when ${sat} >= 4 then 1 else 0 end) as satisfied
      from response where survey_id = $SURVEY group by region`,
    indicators: `select region, count(${sat}) as n, sum(case when ${sat} >= 4 then 1 else 0 end) as satisfied,
        count(${num('trust')}) trust_n, sum(case when ${num('trust')} >= 4 then 1 else 0 end) trusting,
        ${DRIVERS.map(
          (d) => `sum(case when ${json(`drivers.${d}`)} in ('4', '5') then 1 else 0 end) ${d}`,
        ).join(', ')},
        sum(case when ${json('paid')} = 'none' then 1 else 0 end) paid_none, count(${json('paid')}) paid_n,
        avg(coalesce(service_days, ${num('delivery_days')})) days
      from response where survey_id = $SURVEY group by region`,
    trend: `select substr(day, 1, 7) as month, count(${sat}) as n, sum(case when ${sat} >= 4 then 1 else 0 end) as satisfied
      from response where survey_id = $SURVEY group by 1`,
  };
}

type Naive = Record<
  string,
  (surveyId: number) => { execute(db: Kysely<Database>): Promise<unknown> }
>;

const asQuery = (text: string) => (surveyId: number) =>
  sql`${sql.raw(text.replaceAll('$SURVEY', String(Number(surveyId))))}`;

const sqliteNaive = naiveQueries(
  (p) => `cast(json_extract(answers, '$.${p}') as text)`,
  (p) => `json_extract(answers, '$.${p}')`,
);
const pgPath = (p: string) => `answers::jsonb #>> '{${p.split('.').join(',')}}'`;
const pgNaive = naiveQueries(pgPath, (p) => `(${pgPath(p)})::numeric`);

const NAIVE: Record<string, Naive> = {
  sqlite: {
    ...Object.fromEntries(Object.entries(sqliteNaive).map(([k, v]) => [k, asQuery(v)])),
    bottlenecks: asQuery(`select r.region, d.key driver, d.value driver_value,
        json_extract(r.answers, '$.satisfaction') s, count(*) n
      from response r, json_each(r.answers, '$.drivers') d
      where r.survey_id = $SURVEY and d.value <> 'na' group by 1, 2, 3, 4`),
  },
  postgres: {
    ...Object.fromEntries(Object.entries(pgNaive).map(([k, v]) => [k, asQuery(v)])),
    bottlenecks: asQuery(`select r.region, d.key driver, d.value driver_value,
        r.answers::jsonb ->> 'satisfaction' s, count(*) n
      from response r, jsonb_each_text(r.answers::jsonb -> 'drivers') d
      where r.survey_id = $SURVEY and d.value <> 'na' group by 1, 2, 3, 4`),
  },
};

const REPORTS: Record<string, string> = {
  satisfaction: `satisfaction?survey=${SURVEY}&groupBy=region`,
  // Weighted to the people served: the rollups read at provider × month (docs/weights.md).
  'satisfaction weighted': `satisfaction?survey=${SURVEY}&groupBy=region&weighted=1`,
  indicators: `indicators?survey=${SURVEY}&groupBy=region`,
  bottlenecks: `bottlenecks?survey=${SURVEY}&groupBy=region`,
  trend: `trend?survey=${SURVEY}&groupBy=month`,
};
/** The same reports over a range that cuts months (read partly from the daily rollups). */
const RANGE = 'from=2026-02-15&to=2026-09-10';

/** The CSV export (and the XLSX of May beside it) at one size, printed; returns what missed a target. */
async function exportTimings(
  databaseUrl: string,
  db: Kysely<Database>,
  engine: string,
  size: number,
): Promise<string[]> {
  const targets: string[] = [];
  const whole = size <= 1_500_000 || process.env.BENCH_EXPORT_MONTH !== '1';
  const ex = await measureExport(databaseUrl, whole ? '' : XLSX_QUERY);
  const rate = ex.rows / ex.seconds;
  console.log(
    `CSV export${whole ? '' : ' of May'}: ${ex.rows.toLocaleString('en')} rows, ${(ex.bytes / 1e6).toFixed(0)} MB in ` +
      `${ex.seconds.toFixed(1)} s = ${Math.round(rate).toLocaleString('en')} rows/s, ` +
      `CPU ${((ex.cpuSeconds / ex.rows) * 1e6).toFixed(2)} µs/row (${ex.cpuSeconds.toFixed(1)} s), ` +
      `RSS ${ex.rssBeforeMb.toFixed(0)} MB before, at most ${ex.maxRssMb.toFixed(0)} MB while streaming`,
  );
  if (ex.rows >= 500_000 && rate < 150_000)
    targets.push(`${engine} CSV export at ${size}: ${Math.round(rate)} rows/s < 150,000`);
  if (ex.maxRssMb > 250)
    targets.push(`${engine} CSV export at ${size}: RSS ${ex.maxRssMb.toFixed(0)} MB > 250 MB`);
  if (process.env.BENCH_XLSX !== '0') {
    // A workbook is built whole by the spreadsheet writer: one month of rows, beside the CSV.
    const x = await measureExport(databaseUrl, XLSX_QUERY, 'xlsx');
    const { n } = await db
      .selectFrom('response')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('day', '>=', XLSX_FROM)
      .where('day', '<=', XLSX_TO)
      .executeTakeFirstOrThrow();
    const rows = Number(n);
    console.log(
      `XLSX export of May: ${rows.toLocaleString('en')} rows, ${(x.bytes / 1e6).toFixed(0)} MB in ` +
        `${x.seconds.toFixed(1)} s = ${Math.round(rows / x.seconds).toLocaleString('en')} rows/s, ` +
        `CPU ${((x.cpuSeconds / rows) * 1e6).toFixed(2)} µs/row, ` +
        `RSS ${x.rssBeforeMb.toFixed(0)} MB before, at most ${x.maxRssMb.toFixed(0)} MB while writing`,
    );
  }
  return targets;
}

// ---- the run ------------------------------------------------------------------------------

/** One size's report timings, for the growth from the first size to the last. */
interface Measured {
  size: number;
  cells: number;
  answers: number;
  timings: ReportTiming[];
}

/**
 * Loads and measures every size of `sizes` on the database at `databaseUrl`; adds what missed a
 * target to `targets`, and returns each size's timings.
 */
async function measureEngine(
  databaseUrl: string,
  fileSize: () => number | null,
  targets: string[],
  /** `held`: the size the database holds, loading nothing. */
  sizes: readonly number[] | 'held' = SIZES,
): Promise<Measured[]> {
  const booted = await boot(configFor(databaseUrl));
  const { db, storage, config } = booted.deps;
  const engine = storage.engine;
  const count = async (table: 'response' | 'rollup_cell' | 'rollup_answer') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  // A database given by BENCH_DATABASE_URL may hold responses already: only the rest is loaded.
  let loaded = await count('response');
  const bySize: Measured[] = [];
  for (const [stage, size] of (sizes === 'held' ? [loaded] : sizes).entries()) {
    if (loaded > size) {
      console.log(
        `\n(skipping ${size.toLocaleString('en')}: the database holds ${loaded.toLocaleString('en')})`,
      );
      continue;
    }
    const add = size - loaded;
    // Loading: a fixture, so no fsync per batch on SQLite (the database is thrown away). A
    // database that holds the size already is only read.
    if (add > 0 && engine === 'sqlite') await sql`pragma synchronous = OFF`.execute(db);
    const bar = new cliProgress.SingleBar(
      {
        format: `load |{bar}| {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`,
        // Without a terminal (CI, a log file): a line every 30 s.
        noTTYOutput: true,
        notTTYSchedule: 30_000,
      },
      cliProgress.Presets.shades_classic,
    );
    const t0 = performance.now();
    if (add > 0) bar.start(add, 0, { rate: 0 });
    if (add > 0)
      await loadDemo(
        { storage, utcOffsetMinutes: config.utcOffsetMinutes },
        {
          responses: add,
          seed: 7000 + stage,
          end: END,
          validate: 2000,
          batch: 50_000,
          volumes: loaded === 0,
        },
        (done) => bar.update(done, { rate: Math.round(done / ((performance.now() - t0) / 1000)) }),
      );
    if (add > 0) bar.stop();
    if (add === 0) {
      // Nothing to load.
    } else if (engine === 'sqlite') {
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
      await sql`pragma synchronous = FULL`.execute(db);
    } else {
      await sql`vacuum analyze`.execute(db);
    }
    loaded = size;
    const loadS = (performance.now() - t0) / 1000;
    const cells = await count('rollup_cell');
    const answers = await count('rollup_answer');
    const mb =
      fileSize() ??
      Number(
        (await sql<{ b: number }>`select pg_database_size(current_database()) as b`.execute(db))
          .rows[0]!.b,
      );
    console.log(
      `\n== ${size.toLocaleString('en')} responses (` +
        (add > 0
          ? `loaded ${add.toLocaleString('en')} in ${loadS.toFixed(0)} s, ${Math.round(add / loadS).toLocaleString('en')}/s`
          : 'loaded before') +
        `; database ${(mb / 1e6).toFixed(0)} MB; ` +
        `${cells.toLocaleString('en')} rollup cells, ${answers.toLocaleString('en')} answer counts)`,
    );

    if (LOAD_ONLY) continue;

    if (ONLY !== 'export') {
      const timings = measureReports(databaseUrl);
      bySize.push({ size, cells, answers, timings });
      const ms = (x: number) => `${x.toFixed(1)} ms`;
      const cpuOf = (all: number, ranged: number) => `${ms(all)} (${ranged.toFixed(1)})`;
      console.log(
        `${'report'.padEnd(22)}${'median'.padStart(10)}${'day range'.padStart(11)}${'CPU (range)'.padStart(18)}` +
          `${'first use'.padStart(12)}${'range first'.padStart(13)}` +
          `${'naive (JSON scan)'.padStart(19)}${'ratio'.padStart(8)}`,
      );
      for (const r of timings) {
        const ratio = r.naive / r.ms;
        console.log(
          `${r.name.padEnd(22)}${ms(r.ms).padStart(10)}${ms(r.ranged).padStart(11)}` +
            `${cpuOf(r.cpu, r.cpuRanged).padStart(18)}` +
            `${ms(r.first).padStart(12)}${ms(r.firstRanged).padStart(13)}` +
            `${(WITH_NAIVE ? `${r.naive.toFixed(0)} ms` : '–').padStart(19)}` +
            `${(WITH_NAIVE ? `${ratio.toFixed(0)}×` : '–').padStart(8)}`,
        );
        if (WITH_NAIVE && ratio < 100)
          targets.push(`${engine} ${r.name} at ${size}: only ${ratio.toFixed(0)}× the naive query`);
      }
      console.log(
        `with a commit before each request (every cell read again, as while responses arrive):\n` +
          `${'report'.padEnd(22)}${'median'.padStart(10)}${'day range'.padStart(11)}${'CPU (range)'.padStart(18)}`,
      );
      for (const r of timings) {
        console.log(
          `${r.name.padEnd(22)}${ms(r.fresh).padStart(10)}${ms(r.freshRanged).padStart(11)}` +
            `${cpuOf(r.freshCpu, r.freshCpuRanged).padStart(18)}`,
        );
      }
      for (const r of timings) {
        const worst = Math.max(r.ms, r.ranged, r.fresh, r.freshRanged);
        if (size >= 10_000_000 && worst > 20)
          targets.push(
            `${engine} ${r.name} at ${size}: ${[r.ms, r.ranged, r.fresh, r.freshRanged].map((x) => x.toFixed(1)).join(' / ')} ms > 20 ms`,
          );
      }
    }

    if (process.env.BENCH_EXPORT === '0' || ONLY === 'reports') continue;
    targets.push(...(await exportTimings(databaseUrl, db, engine, size)));
  }
  await booted.storage.close();
  return bySize;
}

/** What each report costs more from the first size to the last, beside how the rollups grew. */
function printGrowth(bySize: readonly Measured[]): void {
  if (bySize.length < 2) return;
  const [lo, hi] = [bySize[0]!, bySize[bySize.length - 1]!];
  const grew = (a: number, b: number) => `${(b / a).toFixed(2)}×`;
  console.log(
    `\nGrowth ${lo.size.toLocaleString('en')} → ${hi.size.toLocaleString('en')} responses ` +
      `(${(hi.size / lo.size).toFixed(1)}×; rollup cells ${lo.cells.toLocaleString('en')} → ` +
      `${hi.cells.toLocaleString('en')}, ${grew(lo.cells, hi.cells)}; answer counts ` +
      `${lo.answers.toLocaleString('en')} → ${hi.answers.toLocaleString('en')}, ${grew(lo.answers, hi.answers)}):`,
  );
  const line = (label: string, a: number, b: number, cpuA: number, cpuB: number) =>
    `${label} ${a.toFixed(1)} → ${b.toFixed(1)} ms (${grew(a, b)}; CPU ${cpuA.toFixed(1)} → ${cpuB.toFixed(1)}, ${grew(cpuA, cpuB)})`;
  for (const r of hi.timings) {
    const t = lo.timings.find((x) => x.name === r.name);
    if (!t) continue;
    const pad = ''.padEnd(22);
    console.log(
      `${r.name.padEnd(22)}${line('median', t.ms, r.ms, t.cpu, r.cpu)}\n` +
        `${pad}${line('day range', t.ranged, r.ranged, t.cpuRanged, r.cpuRanged)}\n` +
        `${pad}${line('new data', t.fresh, r.fresh, t.freshCpu, r.freshCpu)}\n` +
        `${pad}${line('new data, day range', t.freshRanged, r.freshRanged, t.freshCpuRanged, r.freshCpuRanged)}`,
    );
  }
}

async function main() {
  const targets: string[] = [];
  const given = process.env.BENCH_DATABASE_URL?.split(',').filter(Boolean);
  console.log(
    given?.length
      ? `Ovoz report benchmark on ${given.length} kept database(s)\n`
      : `Ovoz report benchmark: ${SIZES.map((s) => s.toLocaleString('en')).join(' → ')} responses on ${ENGINES.join(' and ')}\n`,
  );
  if (given?.length) {
    // Several databases (one kept at 1M, one at 10M): each measured as it is, then the growth.
    const measured: Measured[] = [];
    for (const url of given) {
      const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : null;
      console.log(`\n${file ? 'SQLite' : 'PostgreSQL'} (${file ?? 'BENCH_DATABASE_URL'}, kept)`);
      const size = () => (file ? fs.statSync(file).size : null);
      measured.push(
        ...(await measureEngine(url, size, targets, given.length > 1 ? 'held' : SIZES)),
      );
    }
    printGrowth(measured.sort((a, b) => a.size - b.size));
  } else if (ENGINES.includes('sqlite')) {
    const dir = tempDir('ovoz-bench-reports-');
    const file = path.join(dir, 'ovoz.db');
    console.log(`SQLite (${file})`);
    printGrowth(await measureEngine(`sqlite:${file}`, () => fs.statSync(file).size, targets));
    if (process.env.BENCH_KEEP === '1') console.log(`\nkept ${file}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
  if (!given?.length && ENGINES.includes('postgres')) {
    const cluster = await startPgCluster();
    try {
      const url = await createPgDatabaseOn(cluster.url, 'ovoz_bench');
      console.log(`\nPostgreSQL (a cluster started for this run, ${cluster.dir})`);
      printGrowth(await measureEngine(url, () => null, targets));
    } finally {
      cluster.stop();
    }
  }
  console.log(targets.length ? `\nBELOW TARGET:\n  ${targets.join('\n  ')}` : '\nPASS');
}

// ---- one report, many times (for `node --cpu-prof`) ---------------------------------------

/**
 * `node --cpu-prof --import tsx bench/reports.ts --profile DATABASE_URL 'QUERY' [RUNS]` times one
 * report query against a loaded database (BENCH_KEEP=1 or BENCH_DATABASE_URL): the first
 * request's wall and CPU time and the median of the rest; BENCH_SQL=1 also prints each statement
 * of the last request with its time and rows.
 */
async function profileReport(databaseUrl: string, query: string, runs: number): Promise<void> {
  const booted = await boot(configFor(databaseUrl));
  const app = createApp(booted.deps);
  const cookie = await signIn(app);
  // BENCH_SQL=1: each statement of the last run with its time and row count.
  const log: string[] = [];
  if (process.env.BENCH_SQL === '1') {
    const db = booted.deps.db;
    const execute = db.executeQuery.bind(db);
    db.executeQuery = (async (query: Parameters<typeof execute>[0]) => {
      const t0 = performance.now();
      const result = await execute(query);
      const text = 'sql' in query ? query.sql : query.compile().sql;
      log.push(
        `${(performance.now() - t0).toFixed(1).padStart(7)} ms ${String(result.rows.length).padStart(6)} rows  ${text.slice(0, 400)}`,
      );
      return result;
    }) as typeof db.executeQuery;
  }
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    log.length = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = await app.request(`/api/reports/${query}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  console.log(
    `first ${times[0]!.toFixed(1)} ms (CPU ${cpu[0]!.toFixed(1)} ms), then median ${med(times.slice(1)).toFixed(1)} ms ` +
      `(CPU ${med(cpu.slice(1)).toFixed(1)} ms) over ${runs - 1}`,
  );
  if (log.length) console.log(log.join('\n'));
  await booted.storage.close();
}

if (process.argv[2] === '--profile') {
  await profileReport(process.argv[3]!, process.argv[4]!, Number(process.argv[5] ?? 30));
} else if (process.argv[2] === '--reports-child') {
  await reportsChild(process.argv[3]!);
} else if (process.argv[2] === '--export-child') {
  await exportChild(process.argv[3]!, process.argv[4] ?? '', process.argv[5] ?? 'csv');
} else {
  await main();
}
