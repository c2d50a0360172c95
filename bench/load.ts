/**
 * npm run bench:load — many citizens at once against a real server, while a manager reads reports.
 *
 * BENCH_SUBMITTERS (200) submitters, each in a loop: a valid social-services submission with a
 * client-made id, sent 3 times in parallel (a phone retrying on a flaky network); a 429 or 503 is
 * retried after its Retry-After, as the citizen page's outbox does. Meanwhile 4 pollers read the
 * four reports as a manager of one region. The load runs BENCH_SECONDS (60), then goes on for a
 * soak of BENCH_SOAK_SECONDS (300) during which the server's RSS is watched.
 *
 * Prints: every acknowledged id stored exactly once (checked in the database afterwards), the 5xx
 * count (must be 0), that every 429/503 carried Retry-After, the largest WAL file seen (bounded by
 * the checkpoint), and the server's RSS growth over the soak (must be < 10%).
 * BENCH_RATE_LIMIT (default 0, off) sets OVOZ_RATE_LIMIT: all the load comes from one address.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { sql } from 'kysely';
import { withDb } from '../test/helpers/database.js';
import { randomSubmission } from './answers.js';
import { ADMIN_PASSWORD, startServer, tempDir } from '../test/helpers/server.js';

const SUBMITTERS = Number(process.env.BENCH_SUBMITTERS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 300);
const RATE_LIMIT = process.env.BENCH_RATE_LIMIT ?? '0';
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const PATH = '/api/public/surveys/social-services/responses';
const COPIES = 3;
const POLLERS = 4;
const WAL_BOUND = 64 * 1024 * 1024; // twice the checkpoint threshold (8000 pages of 4 KiB)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const agent = new http.Agent({ keepAlive: true, maxSockets: SUBMITTERS * COPIES + POLLERS });

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: string;
}

let base = '';
function request(
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        agent,
        headers:
          body !== undefined
            ? {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(body),
                ...headers,
              }
            : headers,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'],
            body: text,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const stats = {
  statuses: new Map<number, number>(),
  withoutRetryAfter: 0,
  networkErrors: 0,
  inconsistentReplays: 0,
  reportStatuses: new Map<number, number>(),
  reportLatencies: [] as number[],
};
const acknowledged = new Set<string>();
const count = (m: Map<number, number>, s: number) => m.set(s, (m.get(s) ?? 0) + 1);

let stop = false;
let seq = 0;

async function submitter(): Promise<void> {
  while (!stop) {
    const id = randomUUID();
    const body = JSON.stringify(randomSubmission(id, seq++, SECRET));
    for (;;) {
      const answers = await Promise.all(
        Array.from({ length: COPIES }, () =>
          request('POST', PATH, body).catch((): Answer => ({
            status: 0,
            retryAfter: undefined,
            body: '',
          })),
        ),
      );
      let wait = 0;
      const receivedAt = new Set<string>();
      for (const a of answers) {
        if (a.status === 0) {
          stats.networkErrors += 1;
          continue;
        }
        count(stats.statuses, a.status);
        if (a.status === 200 || a.status === 201) {
          acknowledged.add(id);
          receivedAt.add((JSON.parse(a.body) as { receivedAt: string }).receivedAt);
        } else if (a.status === 429 || a.status === 503) {
          if (!a.retryAfter) stats.withoutRetryAfter += 1;
          wait = Math.max(wait, Number(a.retryAfter ?? 1));
        }
      }
      if (receivedAt.size > 1) stats.inconsistentReplays += 1;
      if (wait === 0 || stop) break;
      await sleep(Math.min(wait, 5) * 1000);
    }
  }
}

async function poller(cookie: string, i: number): Promise<void> {
  const reports = [
    'satisfaction?survey=social-services&groupBy=district',
    'indicators?survey=social-services&groupBy=provider',
    'bottlenecks?survey=social-services&groupBy=district',
    'trend?survey=social-services&groupBy=month',
  ];
  for (let n = i; !stop; n++) {
    const started = performance.now();
    const a = await request('GET', `/api/reports/${reports[n % reports.length]}`, undefined, {
      cookie,
    }).catch((): Answer => ({ status: 0, retryAfter: undefined, body: '' }));
    stats.reportLatencies.push(performance.now() - started);
    count(stats.reportStatuses, a.status);
    await sleep(100);
  }
}

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)] ?? 0;

// --- run ---------------------------------------------------------------------------------------
const dir = tempDir('ovoz-load-');
const server = await startServer({
  dir,
  env: { OVOZ_SECRET: SECRET, OVOZ_RATE_LIMIT: RATE_LIMIT },
});
base = server.url;
const pid = server.proc.pid!;
console.log(
  `Ovoz load: ${SUBMITTERS} submitters × ${COPIES} parallel copies, ${POLLERS} report pollers; ` +
    `${SECONDS} s of load, then a ${SOAK_SECONDS} s soak (OVOZ_RATE_LIMIT=${RATE_LIMIT})\n`,
);

const loginCookie = async (username: string, password: string) =>
  new Promise<string>((resolve, reject) => {
    const body = JSON.stringify({ username, password });
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: '/api/auth/login',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        const cookie = /ovoz_session=[^;]+/.exec(String(res.headers['set-cookie'] ?? ''))?.[0];
        if (cookie) resolve(cookie);
        else reject(new Error(`sign-in of ${username}: ${res.statusCode}`));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
const adminSession = await loginCookie('admin', ADMIN_PASSWORD);
const made = await request(
  'POST',
  '/api/admin/users',
  JSON.stringify({
    username: 'bench-manager',
    password: 'bench-manager-password',
    role: 'manager',
    regions: ['UZ-SA'],
  }),
  { cookie: adminSession },
);
if (made.status !== 201) throw new Error(`creating the manager: ${made.status} ${made.body}`);
const manager = await loginCookie('bench-manager', 'bench-manager-password');

let maxWal = 0;
const rss: Array<{ t: number; bytes: number }> = [];
const started = Date.now();
const sampler = setInterval(() => {
  try {
    maxWal = Math.max(maxWal, fs.statSync(`${server.dbPath}-wal`).size);
  } catch {
    // no WAL file at this instant
  }
  rss.push({ t: (Date.now() - started) / 1000, bytes: rssOf(pid) });
}, 250);

const workers = [
  ...Array.from({ length: SUBMITTERS }, submitter),
  ...Array.from({ length: POLLERS }, (_, i) => poller(manager, i)),
];
const progress = setInterval(() => {
  const t = Math.round((Date.now() - started) / 1000);
  process.stdout.write(
    `\r  ${t} s: ${acknowledged.size.toLocaleString('en')} acknowledged, RSS ${mb(rssOf(pid))}   `,
  );
}, 5000);
await sleep(SECONDS * 1000);
const afterLoad = acknowledged.size;
await sleep(SOAK_SECONDS * 1000);
stop = true;
await Promise.all(workers);
clearInterval(progress);
clearInterval(sampler);
const elapsed = (Date.now() - started) / 1000;
const exitCode = await server.stop();
agent.destroy();

// --- check the database -------------------------------------------------------------------------
const { notOnce, stored, counted, integrity } = await withDb(server.databaseUrl, async (db) => {
  const perId = new Map(
    (
      await sql<{
        id: string;
        n: number;
      }>`select id, count(*) as n from response group by id`.execute(db)
    ).rows.map((r) => [r.id, Number(r.n)]),
  );
  const counts = (
    await sql<{
      counted: number;
    }>`select (select coalesce(sum(n), 0) from rollup_cell where cuboid = 'area-month')
        + (select coalesce(sum(p.n), 0) from rollup_part p
           join rollup_cell c on c.id = p.cell_id where c.cuboid = 'area-month') as counted`.execute(
      db,
    )
  ).rows[0]!;
  return {
    notOnce: [...acknowledged].filter((id) => perId.get(id) !== 1).length,
    stored: [...perId.values()].reduce((a, b) => a + b, 0),
    counted: Number(counts.counted),
    integrity: (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows[0]!
      .integrity_check,
  };
});
const dbBytes = fs.statSync(server.dbPath).size;
fs.rmSync(dir, { recursive: true, force: true });

// --- print --------------------------------------------------------------------------------------
// RSS swings with every garbage collection: compare the medians of the soak's first and last quarters.
const quarter = SOAK_SECONDS / 4;
const soakStart = rss.filter((s) => s.t >= SECONDS && s.t < SECONDS + quarter).map((s) => s.bytes);
const soakEnd = rss.filter((s) => s.t >= elapsed - quarter).map((s) => s.bytes);
const growth = median(soakEnd) / median(soakStart) - 1;
const fivexx = [...stats.statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
const report5xx = [...stats.reportStatuses]
  .filter(([s]) => s >= 500 || s === 0)
  .reduce((n, [, c]) => n + c, 0);
const statusList = (m: Map<number, number>) =>
  [...m]
    .sort((a, b) => a[0] - b[0])
    .map(([s, c]) => `${s}×${c.toLocaleString('en')}`)
    .join(', ');

const checks: Array<[string, boolean]> = [
  [
    `every acknowledged id stored exactly once: ${acknowledged.size.toLocaleString('en')} acknowledged, ${notOnce} missing or repeated; ${stored.toLocaleString('en')} rows`,
    notOnce === 0 && stored === acknowledged.size,
  ],
  [`5xx answers: ${fivexx} (submissions), ${report5xx} (reports)`, fivexx === 0 && report5xx === 0],
  [`429/503 without Retry-After: ${stats.withoutRetryAfter}`, stats.withoutRetryAfter === 0],
  [
    `replays answered with another receivedAt: ${stats.inconsistentReplays}`,
    stats.inconsistentReplays === 0,
  ],
  [`connection errors: ${stats.networkErrors}`, stats.networkErrors === 0],
  [
    `rollups count every row: ${counted.toLocaleString('en')} = ${stored.toLocaleString('en')}; integrity ${String(integrity)}`,
    counted === stored && integrity === 'ok',
  ],
  [`largest WAL: ${mb(maxWal)} (bound ${mb(WAL_BOUND)})`, maxWal <= WAL_BOUND],
  [
    `RSS over the soak (median of its first → last quarter): ${mb(median(soakStart))} → ${mb(median(soakEnd))} (${(growth * 100).toFixed(1)}%, limit 10%)`,
    SOAK_SECONDS > 0 && growth < 0.1,
  ],
  [`clean stop: exit code ${exitCode}`, exitCode === 0],
];

console.log('\n');
console.log(`submissions: ${statusList(stats.statuses)} in ${elapsed.toFixed(0)} s`);
console.log(
  `  acknowledged ${(acknowledged.size / elapsed).toFixed(0)} ids/s (${afterLoad.toLocaleString('en')} in the first ${SECONDS} s)`,
);
console.log(
  `reports: ${statusList(stats.reportStatuses)}; p50 ${pct(stats.reportLatencies, 0.5).toFixed(0)} ms, p99 ${pct(stats.reportLatencies, 0.99).toFixed(0)} ms`,
);
const windows: string[] = [];
for (let from = 0; from < elapsed - 1; from += 30) {
  const inWindow = rss.filter((s) => s.t >= from && s.t < from + 30).map((s) => s.bytes);
  if (inWindow.length) windows.push(`${from}s ${(median(inWindow) / 1048576).toFixed(0)}`);
}
console.log(
  `RSS (median MB per 30 s): ${windows.join(' · ')}; peak ${mb(Math.max(...rss.map((s) => s.bytes)))}`,
);
console.log(`database ${mb(dbBytes)}; SQLite page cache at most 64 MB (cache_size = -65536)\n`);
for (const [line, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${line}`);
process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
