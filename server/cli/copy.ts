/**
 * `copy FROM TO`: moves a whole Ovoz database to another, typically from the embedded SQLite file
 * to PostgreSQL (`ovoz copy sqlite:./data/ovoz.db postgres://ovoz@db/ovoz`): responses, rollups,
 * users and sessions, the registry, surveys and their versions, links, waves, volumes, settings
 * and the audit log, with their ids. Reads one consistent snapshot of FROM; writes into an empty,
 * freshly migrated TO; then counts every table on both sides and fails unless they are equal.
 * The planner's statistics of TO are gathered before it returns, so the first reports on a fresh
 * PostgreSQL copy are planned from what it holds.
 * Stop the server on FROM first: what it accepts during the copy would not be copied.
 */
import cliProgress from 'cli-progress';
import type { Kysely } from 'kysely';
import { openStorage } from '../../db/dialect/index.js';
import type { Database } from '../../db/schema.js';
import type { Storage } from '../../db/storage.js';
import { audit, CLI_ACTOR } from '../repos/audit.js';
import { UsageError, type CliCommand } from './types.js';

type Table = keyof Database;

/**
 * Every table, parents before children, each with its key for reading in pages. Rate-limit
 * counters are not copied: they last a minute.
 */
export const COPIED: ReadonlyArray<{ table: Table; key: readonly string[]; identity?: true }> = [
  { table: 'setting', key: ['key'] },
  { table: 'region', key: ['code'] },
  { table: 'district', key: ['code'] },
  { table: 'provider', key: ['code'] },
  { table: 'app_user', key: ['id'], identity: true },
  { table: 'survey', key: ['id'], identity: true },
  { table: 'survey_version', key: ['id'], identity: true },
  { table: 'survey_version_meta', key: ['survey_id', 'version'] },
  { table: 'response', key: ['id'] },
  { table: 'rollup_cell', key: ['id'], identity: true },
  { table: 'rollup_answer', key: ['cell_id', 'variable', 'value'] },
  { table: 'rollup_histogram', key: ['cell_id', 'variable', 'base'] },
  { table: 'rollup_driver', key: ['cell_id', 'driver'] },
  { table: 'rollup_joint', key: ['cell_id', 'drivers'] },
  { table: 'rollup_part', key: ['id'], identity: true },
  { table: 'session', key: ['id_hash'] },
  { table: 'audit_log', key: ['id'], identity: true },
  { table: 'sign_in_throttle', key: ['key'] },
  { table: 'service_token', key: ['token_hash'] },
  { table: 'api_key', key: ['id'], identity: true },
  { table: 'survey_wave', key: ['id'], identity: true },
  { table: 'wave_quota', key: ['wave_id', 'region'] },
  { table: 'service_volume', key: ['provider', 'month'] },
  { table: 'eligible_population', key: ['area', 'year'] },
  { table: 'library_item', key: ['id'], identity: true },
  { table: 'ptable_version', key: ['version'] },
  { table: 'record_key', key: ['response_id'] },
  { table: 'frozen_month', key: ['survey_id', 'month', 'version'] },
  { table: 'frozen_block', key: ['id'], identity: true },
  { table: 'webhook_endpoint', key: ['id'], identity: true },
  { table: 'webhook_outbox', key: ['id'], identity: true },
  { table: 'webhook_delivery', key: ['id'], identity: true },
  { table: 'webhook_notice', key: ['key'] },
  { table: 'short_link', key: ['code'] },
];
const NOT_COPIED = new Set(['rate_limit_hit']);

/** Bound values per insert: below SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_VALUES = 30_000;
const PAGE = 5_000;

type Row = Record<string, unknown>;

async function count(db: Kysely<Database>, table: Table): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Rows of `table` after `after` (its key values), in key order. */
async function page(
  db: Kysely<Database>,
  table: Table,
  key: readonly string[],
  after: Row | null,
): Promise<Row[]> {
  let q = db.selectFrom(table).selectAll();
  if (after) {
    // (k1, k2, …) > (a1, a2, …), written out so both engines read it the same way.
    q = q.where((eb) =>
      eb.or(
        key.map((k, i) =>
          eb.and([
            ...key.slice(0, i).map((p) => eb(eb.ref(p as never), '=', after[p] as never)),
            eb(eb.ref(k as never), '>', after[k] as never),
          ]),
        ),
      ),
    );
  }
  for (const k of key) q = q.orderBy(k as never);
  return (await q.limit(PAGE).execute()) as Row[];
}

export async function copyDatabase(
  from: Storage,
  to: Storage,
  onProgress: (copied: number, total: number) => void = () => undefined,
): Promise<Array<{ table: Table; from: number; to: number }>> {
  const tables = (await to.db.introspection.getTables())
    .map((t) => t.name)
    .filter((n) => !n.startsWith('kysely_') && !NOT_COPIED.has(n));
  const unknown = tables.filter((n) => !COPIED.some((c) => c.table === n));
  if (unknown.length) {
    throw new UsageError(`this version of copy does not know the tables ${unknown.join(', ')}`);
  }
  for (const { table } of COPIED) {
    if ((await count(to.db, table)) > 0) {
      throw new UsageError(
        `the target already holds data (table ${table}): copy into an empty database`,
      );
    }
  }
  return from.snapshot(async (source) => {
    const totals = new Map<Table, number>();
    for (const { table } of COPIED) totals.set(table, await count(source, table));
    const total = [...totals.values()].reduce((a, b) => a + b, 0);
    let copied = 0;
    onProgress(0, total);
    for (const { table, key } of COPIED) {
      let after: Row | null = null;
      for (;;) {
        const rows = await page(source, table, key, after);
        if (!rows.length) break;
        const perInsert = Math.max(1, Math.floor(MAX_VALUES / Object.keys(rows[0]!).length));
        await to.db.transaction().execute(async (trx) => {
          for (let i = 0; i < rows.length; i += perInsert) {
            await trx
              .insertInto(table)
              .values(rows.slice(i, i + perInsert) as never)
              .execute();
          }
        });
        copied += rows.length;
        onProgress(copied, total);
        after = rows[rows.length - 1]!;
      }
    }
    await to.resetIdentities(COPIED.filter((c) => c.identity).map((c) => c.table));
    await to.analyze();
    const result = [];
    for (const { table } of COPIED) {
      result.push({ table, from: totals.get(table)!, to: await count(to.db, table) });
    }
    return result;
  });
}

const copy: CliCommand = {
  name: 'copy',
  usage: '<from DATABASE_URL> <to DATABASE_URL>',
  summary:
    'copy a whole database into an empty one (e.g. sqlite:./data/ovoz.db to postgres://…) and verify every table',
  async run(args, ctx) {
    if (args.length !== 2)
      throw new UsageError('give the database to copy from and the one to copy to');
    const [fromUrl, toUrl] = args as [string, string];
    if (fromUrl === toUrl) throw new UsageError('the two databases must differ');
    const from = await openStorage(fromUrl);
    try {
      const to = await openStorage(toUrl, { poolSize: ctx.config.poolSize });
      try {
        await from.exclusive('boot', () => from.migrate());
        await to.exclusive('boot', () => to.migrate());
        const bar = new cliProgress.SingleBar(
          { format: 'copy |{bar}| {percentage}% | {value}/{total} rows | ETA {eta_formatted}' },
          cliProgress.Presets.shades_classic,
        );
        let started = false;
        const t0 = performance.now();
        const counts = await copyDatabase(from, to, (done, total) => {
          if (!started) bar.start(total, 0);
          started = true;
          bar.update(done);
        });
        bar.stop();
        const seconds = (performance.now() - t0) / 1000;
        const wrong = counts.filter((c) => c.from !== c.to);
        for (const c of counts) {
          ctx.out(
            `${c.table.padEnd(20)} ${String(c.from).padStart(10)} → ${String(c.to).padStart(10)}`,
          );
        }
        if (wrong.length) {
          throw new UsageError(
            `the copy differs from the original in ${wrong.map((c) => c.table).join(', ')}`,
          );
        }
        const rows = counts.reduce((n, c) => n + c.to, 0);
        await audit(to.db, CLI_ACTOR, 'database.copy', null, { from: from.location, rows });
        ctx.out(
          `copied ${from.location} to ${to.location}: every table verified ` +
            `(${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s, ` +
            `${Math.round(rows / Math.max(seconds, 0.001)).toLocaleString('en')} rows/s)`,
        );
      } finally {
        await to.close();
      }
    } finally {
      await from.close();
    }
  },
};

export const copyCommands: CliCommand[] = [copy];
