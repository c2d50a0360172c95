/**
 * Adds a batch's counts to the rollups on PostgreSQL: a few statements per batch, whatever its
 * size. Each table is written with one multi-row statement over arrays (`unnest`), so a batch
 * costs the same few round trips for one response or five hundred:
 * - cells met before are counted by id (`update … from unnest(ids, ns)`); new ones are upserted by
 *   their key (`insert … on conflict … do update … returning id`). Known ids are remembered, so a
 *   cell's identity counter is not used up by every upsert, and an id whose cell is gone (a rebuild
 *   elsewhere, a rolled-back batch) is found missing by the update and upserted by key again;
 * - answer counts, histograms and driver tables are upserted (`on conflict do update` adds).
 * Rows are written in key order, so two instances writing at once lock rows in the same order.
 */
import { sql, type Kysely } from 'kysely';
import type { CellDelta, RollupBatch } from '../../rollups/batch.js';
import { DRIVER_COLUMNS, HISTOGRAM_COLUMNS } from '../../rollups/layout.js';
import type { Database } from '../../schema.js';

const KEY = [
  'cuboid',
  'survey_id',
  'period',
  'region',
  'district',
  'provider',
  'sector',
  'channel',
  'segment',
] as const;

/** Cell ids kept in memory at most; then forgotten and learnt again. */
const MAX_IDS = 200_000;

const cols = (names: readonly string[]) => sql.join(names.map((n) => sql.ref(n)));
const addExcluded = (table: string, names: readonly string[]) =>
  sql.join(
    names.map((n) => sql`${sql.ref(n)} = ${sql.ref(`${table}.${n}`)} + excluded.${sql.ref(n)}`),
  );

export type PgRollupWriter = (db: Kysely<Database>, batch: RollupBatch) => Promise<void>;

export function pgRollupWriter(): PgRollupWriter {
  const ids = new Map<string, number>();

  const cellIds = async (
    db: Kysely<Database>,
    cells: CellDelta[],
  ): Promise<Map<string, number>> => {
    const found = new Map<string, number>();
    const known = cells
      .filter((c) => ids.has(c.key))
      .sort((a, b) => ids.get(a.key)! - ids.get(b.key)!);
    if (known.length) {
      const { rows } = await sql<{ id: number }>`
        update rollup_cell as c set n = c.n + d.n
        from unnest(${known.map((c) => ids.get(c.key)!)}::int[], ${known.map((c) => c.n)}::int[]) as d(id, n)
        where c.id = d.id
        returning c.id`.execute(db);
      const updated = new Set(rows.map((r) => Number(r.id)));
      for (const c of known) {
        const id = ids.get(c.key)!;
        if (updated.has(id)) found.set(c.key, id);
        else ids.delete(c.key);
      }
    }
    const fresh = cells.filter((c) => !found.has(c.key)).sort((a, b) => (a.key < b.key ? -1 : 1));
    if (fresh.length) {
      const arr = (k: (typeof KEY)[number]) => fresh.map((c) => c[k]);
      const { rows } = await sql<Record<(typeof KEY)[number], string> & { id: number }>`
        insert into rollup_cell (${cols([...KEY, 'n'])})
        select * from unnest(
          ${arr('cuboid')}::text[], ${arr('survey_id')}::int[], ${arr('period')}::text[],
          ${arr('region')}::text[], ${arr('district')}::text[], ${arr('provider')}::text[],
          ${arr('sector')}::text[], ${arr('channel')}::text[], ${arr('segment')}::text[],
          ${fresh.map((c) => c.n)}::int[])
        on conflict (${cols(KEY)}) do update set n = rollup_cell.n + excluded.n
        returning id, ${cols(KEY)}`.execute(db);
      if (ids.size + rows.length > MAX_IDS) ids.clear();
      for (const r of rows) {
        const key = KEY.map((k) => String(r[k])).join('\u0001');
        found.set(key, Number(r.id));
        ids.set(key, Number(r.id));
      }
    }
    return found;
  };

  return async (db, batch) => {
    const cells = [...batch.cells.values()];
    if (!cells.length) return;
    const idOf = await cellIds(db, cells);
    const id = (c: CellDelta) => {
      const v = idOf.get(c.key);
      if (v === undefined) throw new Error(`rollup cell ${c.key} was not written`);
      return v;
    };

    const answers = cells
      .flatMap((c) => [...c.answers.values()].map((a) => ({ cell: id(c), ...a })))
      .sort((a, b) => a.cell - b.cell || cmp(a.variable, b.variable) || cmp(a.value, b.value));
    if (answers.length) {
      await sql`
        insert into rollup_answer (cell_id, variable, value, n)
        select * from unnest(${answers.map((a) => a.cell)}::int[], ${answers.map((a) => a.variable)}::text[],
          ${answers.map((a) => a.value)}::text[], ${answers.map((a) => a.n)}::int[])
        on conflict (cell_id, variable, value) do update set n = rollup_answer.n + excluded.n`.execute(
        db,
      );
    }

    const histograms = cells
      .flatMap((c) => [...c.histograms.values()].map((h) => ({ cell: id(c), ...h })))
      .sort((a, b) => a.cell - b.cell || cmp(a.variable, b.variable) || a.base - b.base);
    if (histograms.length) {
      const counts = HISTOGRAM_COLUMNS.map(
        (_, i) => sql`${histograms.map((h) => h.counts[i] ?? 0)}::int[]`,
      );
      await sql`
        insert into rollup_histogram (${cols(['cell_id', 'variable', 'base', ...HISTOGRAM_COLUMNS])})
        select * from unnest(${histograms.map((h) => h.cell)}::int[], ${histograms.map((h) => h.variable)}::text[],
          ${histograms.map((h) => h.base)}::int[], ${sql.join(counts)})
        on conflict (cell_id, variable, base) do update set ${addExcluded('rollup_histogram', HISTOGRAM_COLUMNS)}`.execute(
        db,
      );
    }

    const drivers = cells
      .flatMap((c) => [...c.drivers].map(([driver, table]) => ({ cell: id(c), driver, table })))
      .sort((a, b) => a.cell - b.cell || cmp(a.driver, b.driver));
    if (drivers.length) {
      const counts = DRIVER_COLUMNS.map(
        (_, i) => sql`${drivers.map((d) => d.table[i] ?? 0)}::int[]`,
      );
      await sql`
        insert into rollup_driver (${cols(['cell_id', 'driver', ...DRIVER_COLUMNS])})
        select * from unnest(${drivers.map((d) => d.cell)}::int[], ${drivers.map((d) => d.driver)}::text[],
          ${sql.join(counts)})
        on conflict (cell_id, driver) do update set ${addExcluded('rollup_driver', DRIVER_COLUMNS)}`.execute(
        db,
      );
    }
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
